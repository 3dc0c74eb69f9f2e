-- Governance (reference §1.7). A policy lives in metadata.governance of a
-- namespace's standard memory (sql/42_namespace_standards.sql). The rules
-- (parsing, levels, approvers) are C++ in extension/core/governance_policy;
-- this file looks up the facts they need and queues what needs approval in
-- ai_memory.pending_actions (sql/45_pending_actions.sql).

-- The policy with every key present; MA100 "invalid governance: ..." on a bad
-- one, or NULL when lenient.
CREATE FUNCTION ai_memory._governance_normalize(policy jsonb, lenient boolean DEFAULT false) RETURNS jsonb
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_governance_normalize';
COMMENT ON FUNCTION ai_memory._governance_normalize IS
  'ai_memory: a governance policy with defaults filled in, or an invalid-governance error';

-- 'allow' or 'approve' for one action; raises MA400 "<action> denied by governance: ...".
CREATE FUNCTION ai_memory._governance_verdict(policy jsonb, action text, caller text, caller_registered boolean,
                                              owner text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_governance_verdict';
COMMENT ON FUNCTION ai_memory._governance_verdict IS 'ai_memory: the governance decision for one action';

-- One approval vote under the policy's approver: {approved, vote, votes, quorum};
-- raises MA400 "approve rejected: ..." when the caller may not approve.
CREATE FUNCTION ai_memory._governance_approval(policy jsonb, caller text, caller_registered boolean,
                                               votes text[]) RETURNS jsonb
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_governance_approval';
COMMENT ON FUNCTION ai_memory._governance_approval IS 'ai_memory: the decision for one approval of a pending action';

-- The decision point every governed write calls before writing:
--   ai_memory._governance_decide(action, namespace, caller, memory_id, payload)
-- returns NULL when the action may proceed, or the id of a queued pending
-- action when it needs approval; it raises MA400 when the policy denies it.
-- action: 'store' | 'delete' | 'promote'; caller NULL means 'anonymous';
-- payload: what approve() will execute. Only a parseable policy on the
-- exact namespace applies (no inheritance, as v0.6.0). The owner is the
-- memory's metadata.agent_id, or for a store the standard memory's.
CREATE FUNCTION ai_memory._governance_decide(action text, namespace text, caller text, memory_id text,
                                             payload jsonb) RETURNS text
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  who CONSTANT text := coalesce(_governance_decide.caller, 'anonymous');
  policy jsonb;
  standard_owner text;
  owner text;
  pending_id text;
BEGIN
  SELECT ai_memory._governance_normalize(m.metadata -> 'governance', true), m.metadata ->> 'agent_id'
    INTO policy, standard_owner
    FROM ai_memory.namespace_meta nm
    JOIN ai_memory.memories m ON m.id = nm.standard_id
   WHERE nm.namespace = _governance_decide.namespace AND m.metadata ? 'governance';
  IF policy IS NULL THEN
    RETURN NULL;
  END IF;

  IF _governance_decide.action = 'store' THEN
    owner := standard_owner;
  ELSE
    SELECT m.metadata ->> 'agent_id' INTO owner FROM ai_memory.memories m WHERE m.id = _governance_decide.memory_id;
  END IF;
  IF ai_memory._governance_verdict(policy, _governance_decide.action, who, ai_memory._is_registered_agent(who),
                                   owner) = 'allow' THEN
    RETURN NULL;
  END IF;

  INSERT INTO ai_memory.pending_actions AS p (action_type, memory_id, namespace, payload, requested_by, requested_at)
  VALUES (_governance_decide.action, _governance_decide.memory_id, _governance_decide.namespace,
          coalesce(_governance_decide.payload, '{}'::jsonb), who, ai_memory.now())
  RETURNING p.id INTO pending_id;
  RETURN pending_id;
END
$$;
COMMENT ON FUNCTION ai_memory._governance_decide IS
  'ai_memory: governance check before a write: NULL = allowed, text = pending action id, MA400 = denied';
