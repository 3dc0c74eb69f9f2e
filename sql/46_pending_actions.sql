-- Actions that governance queued for approval (reference §1.7), and the
-- functions that list, approve (and then execute) or reject them.

CREATE TABLE ai_memory.pending_actions (
  id           text COLLATE "C" PRIMARY KEY DEFAULT gen_random_uuid()::text,
  action_type  text        NOT NULL,
  memory_id    text COLLATE "C",  -- no foreign key: the action may outlive the memory
  namespace    text        NOT NULL,
  payload      jsonb       NOT NULL DEFAULT '{}',  -- what approval executes
  requested_by text        NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status       text        NOT NULL DEFAULT 'pending',
  decided_by   text,
  decided_at   timestamptz,
  approvals    jsonb       NOT NULL DEFAULT '[]',  -- consensus votes: [{agent_id, approved_at}]
  CONSTRAINT pending_actions_action_type_check CHECK (action_type IN ('store', 'delete', 'promote')),
  CONSTRAINT pending_actions_status_check CHECK (status IN ('pending', 'approved', 'rejected')),
  CONSTRAINT pending_actions_decided_check
    CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL)),
  CONSTRAINT pending_actions_payload_check CHECK (jsonb_typeof(payload) = 'object'),
  CONSTRAINT pending_actions_approvals_check CHECK (jsonb_typeof(approvals) = 'array')
);
CREATE INDEX pending_actions_status_idx ON ai_memory.pending_actions (status, requested_at DESC);
CREATE INDEX pending_actions_namespace_idx ON ai_memory.pending_actions (namespace);
COMMENT ON TABLE ai_memory.pending_actions IS 'ai_memory: governed actions waiting for approval (reference §1.7)';

CREATE FUNCTION ai_memory.pending_list(status text DEFAULT NULL, "limit" integer DEFAULT 100)
  RETURNS SETOF ai_memory.pending_actions
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  page_size CONSTANT integer := ai_memory._check_limit(pending_list."limit", 100, 1000);
BEGIN
  IF pending_list.status IS NOT NULL AND pending_list.status NOT IN ('pending', 'approved', 'rejected') THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100',
      MESSAGE = format('invalid status ''%s'' — must be one of: pending, approved, rejected', pending_list.status);
  END IF;
  RETURN QUERY
    SELECT p.* FROM ai_memory.pending_actions p
     WHERE pending_list.status IS NULL OR p.status = pending_list.status
     ORDER BY p.requested_at DESC, p.id
     LIMIT page_size;
END
$$;
COMMENT ON FUNCTION ai_memory.pending_list IS 'ai_memory: queued governance actions, newest first';

-- Carries out an approved action and returns the affected memory's id. It
-- writes directly (upsert, archive, tier update), never through the governed
-- functions, so an approved action is not sent back to governance.
CREATE FUNCTION ai_memory._execute_pending(pending ai_memory.pending_actions) RETURNS text
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  p CONSTANT jsonb := pending.payload;
  target CONSTANT text := coalesce(pending.memory_id, p ->> 'id');
  original ai_memory.memories;
  written ai_memory.memories;
BEGIN
  IF pending.action_type = 'store' THEN
    -- A fresh row (or the upsert onto the same title), created now, as the reference.
    written := ai_memory._upsert_memory(
      tier => p ->> 'tier', namespace => p ->> 'namespace', title => p ->> 'title', content => p ->> 'content',
      tags => ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p -> 'tags')),
      priority => (p ->> 'priority')::integer, confidence => (p ->> 'confidence')::double precision,
      source => p ->> 'source', metadata => p -> 'metadata', expires_at => (p ->> 'expires_at')::timestamptz);
    RETURN written.id;
  END IF;

  SELECT m.* INTO original FROM ai_memory.memories m WHERE m.id = target FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'approved but execution failed: memory not found: ' || target;
  END IF;
  IF pending.action_type = 'delete' THEN
    PERFORM ai_memory._archive(ARRAY[target], 'delete');
    RETURN target;
  END IF;
  IF p ->> 'to_namespace' IS NULL THEN  -- promote in place: long tier, no expiry
    UPDATE ai_memory.memories m SET tier = 'long', expires_at = NULL, updated_at = ai_memory.now()
     WHERE m.id = target;
    RETURN target;
  END IF;
  -- Vertical promote: a clone in the ancestor namespace, derived from the original.
  RETURN ai_memory._promote_clone(original, p ->> 'to_namespace');
END
$$;
COMMENT ON FUNCTION ai_memory._execute_pending IS 'ai_memory: carry out an approved governance action';

CREATE FUNCTION ai_memory.approve(id text, caller text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  action_id CONSTANT text := ai_memory._check_id(approve.id);
  approver CONSTANT text := ai_memory._check_agent_id(coalesce(approve.caller, ''));
  pending ai_memory.pending_actions;
  policy jsonb;
  decision jsonb;
  votes_so_far jsonb;
  affected_id text;
BEGIN
  -- The row lock serialises concurrent votes on one pending.
  SELECT p.* INTO pending FROM ai_memory.pending_actions p WHERE p.id = action_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA400', MESSAGE = 'approve rejected: pending action not found: ' || action_id;
  END IF;
  IF pending.status <> 'pending' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA400', MESSAGE = 'approve rejected: already decided: status=' || pending.status;
  END IF;
  -- The approver type of the namespace's current policy; no policy means "human".
  SELECT ai_memory._governance_normalize(m.metadata -> 'governance', true) INTO policy
    FROM ai_memory.namespace_meta nm JOIN ai_memory.memories m ON m.id = nm.standard_id
   WHERE nm.namespace = pending.namespace;
  decision := ai_memory._governance_approval(
    policy, approver, ai_memory._is_registered_agent(approver),
    ARRAY(SELECT v ->> 'agent_id' FROM pg_catalog.jsonb_array_elements(pending.approvals) AS v));
  votes_so_far := pending.approvals;
  IF decision ->> 'vote' IS NOT NULL THEN
    votes_so_far := votes_so_far || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'agent_id', decision ->> 'vote', 'approved_at', ai_memory._rfc3339(ai_memory.now())));
  END IF;

  IF NOT (decision ->> 'approved')::boolean THEN
    UPDATE ai_memory.pending_actions p SET approvals = votes_so_far WHERE p.id = action_id;
    RETURN pg_catalog.jsonb_build_object('approved', false, 'status', 'pending', 'id', action_id,
                                         'votes', decision -> 'votes', 'quorum', decision -> 'quorum',
                                         'reason', 'consensus threshold not yet reached');
  END IF;
  affected_id := ai_memory._execute_pending(pending);
  UPDATE ai_memory.pending_actions p
     SET status = 'approved', decided_by = approver, decided_at = ai_memory.now(), approvals = votes_so_far
   WHERE p.id = action_id;
  RETURN pg_catalog.jsonb_build_object('approved', true, 'id', action_id, 'decided_by', approver,
                                       'executed', true, 'memory_id', affected_id);
END
$$;
COMMENT ON FUNCTION ai_memory.approve IS
  'ai_memory: approve a pending governance action (a consensus vote until the quorum), then execute it';

CREATE FUNCTION ai_memory.reject(id text, caller text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  action_id CONSTANT text := ai_memory._check_id(reject.id);
  rejecter CONSTANT text := ai_memory._check_agent_id(coalesce(reject.caller, ''));
BEGIN
  UPDATE ai_memory.pending_actions p
     SET status = 'rejected', decided_by = rejecter, decided_at = ai_memory.now()
   WHERE p.id = action_id AND p.status = 'pending';
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'pending action not found or already decided: ' || action_id;
  END IF;
  RETURN pg_catalog.jsonb_build_object('rejected', true, 'id', action_id, 'decided_by', rejecter);
END
$$;
COMMENT ON FUNCTION ai_memory.reject IS 'ai_memory: reject a pending governance action';
