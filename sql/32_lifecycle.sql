-- Lifecycle of a single memory (reference §2.2, §2.4, §2.5): update, delete
-- (into the archive) and touch, plus the helpers promote and gc share.

-- The GUCs touch() and gc() obey (docs/settings.md). A C function, so that the
-- settings and their defaults exist even before the module is loaded.
CREATE FUNCTION ai_memory._lifecycle_settings(
  OUT short_extend_secs integer, OUT mid_extend_secs integer,
  OUT archive_on_gc boolean, OUT archive_max_days integer)
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_lifecycle_settings';
COMMENT ON FUNCTION ai_memory._lifecycle_settings() IS
  'ai_memory internal: the touch and gc settings (ai_memory.*_extend_secs, archive_on_gc, archive_max_days)';

-- Resolves an id or unique prefix like get() and locks the row for the rest
-- of the transaction, so a concurrent writer cannot slip in between.
CREATE FUNCTION ai_memory._lock_memory(id text) RETURNS ai_memory.memories
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_row ai_memory.memories;
BEGIN
  SELECT m.* INTO found_row FROM ai_memory.memories m
   WHERE m.id = (SELECT g.id FROM ai_memory.get(_lock_memory.id) g)
     FOR UPDATE;
  IF NOT FOUND THEN  -- removed between the lookup and the lock
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'memory not found';
  END IF;
  RETURN found_row;
END $$;
COMMENT ON FUNCTION ai_memory._lock_memory(text) IS
  'ai_memory internal: the memory with this id or unique id prefix, locked FOR UPDATE (MA200, MA101)';

-- What a write path returns when governance queued it for approval.
CREATE FUNCTION ai_memory._pending_response(action text, pending_id text, memory_id text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN jsonb_build_object('status', 'pending', 'pending_id', pending_id, 'reason', 'governance requires approval',
                            'action', action, 'memory_id', memory_id);
COMMENT ON FUNCTION ai_memory._pending_response(text, text, text) IS
  'ai_memory internal: the {"status":"pending",...} answer of a write that awaits governance approval';

CREATE FUNCTION ai_memory.update(
  id           text,
  title        text             DEFAULT NULL,
  content      text             DEFAULT NULL,
  tier         text             DEFAULT NULL,
  namespace    text             DEFAULT NULL,
  tags         text[]           DEFAULT NULL,
  priority     integer          DEFAULT NULL,
  confidence   double precision DEFAULT NULL,
  expires_at   timestamptz      DEFAULT NULL,
  clear_expiry boolean          DEFAULT false,
  metadata     jsonb            DEFAULT NULL
) RETURNS ai_memory.memories
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- Every given field is validated before anything is read or written.
  new_title      text := CASE WHEN $2 IS NOT NULL THEN ai_memory._check_title($2) END;
  new_content    text := CASE WHEN $3 IS NOT NULL THEN ai_memory._check_content($3) END;
  new_tier       ai_memory.tier := CASE WHEN $4 IS NOT NULL THEN ai_memory._check_tier($4)::ai_memory.tier END;
  new_namespace  text := CASE WHEN $5 IS NOT NULL THEN ai_memory._check_namespace($5) END;
  new_tags       text[] := CASE WHEN $6 IS NOT NULL THEN ai_memory._check_tags($6) END;
  new_priority   integer := CASE WHEN $7 IS NOT NULL THEN ai_memory._check_priority($7) END;
  new_confidence double precision := CASE WHEN $8 IS NOT NULL THEN ai_memory._check_confidence($8) END;
  new_metadata   jsonb := CASE WHEN $11 IS NOT NULL THEN ai_memory._check_metadata($11) END;
  new_expires_at timestamptz := $9;
  clearing       boolean := coalesce($10, false);
  old_row        ai_memory.memories;
  updated_row    ai_memory.memories;
  other_id       text;
BEGIN
  IF new_expires_at IS NOT NULL AND NOT isfinite(new_expires_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'expires_at must be a finite time';
  END IF;
  IF clearing AND new_expires_at IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'expires_at and clear_expiry cannot be used together';
  END IF;
  old_row := ai_memory._lock_memory($1);

  BEGIN
    UPDATE ai_memory.memories m SET
      title      = coalesce(new_title, m.title),
      content    = coalesce(new_content, m.content),
      tier       = greatest(m.tier, coalesce(new_tier, m.tier)),  -- never downgrades, silently
      namespace  = coalesce(new_namespace, m.namespace),
      tags       = coalesce(new_tags, m.tags),
      priority   = coalesce(new_priority, m.priority),
      confidence = coalesce(new_confidence, m.confidence),
      -- Only clear_expiry (or promote) clears an expiry; tier long alone keeps it.
      expires_at = CASE WHEN clearing THEN NULL ELSE coalesce(new_expires_at, m.expires_at) END,
      -- metadata.agent_id is immutable once written.
      metadata   = CASE WHEN new_metadata IS NULL THEN m.metadata
                        WHEN m.metadata ? 'agent_id'
                        THEN new_metadata || jsonb_build_object('agent_id', m.metadata -> 'agent_id')
                        ELSE new_metadata END,
      updated_at = ai_memory.now()
     WHERE m.id = old_row.id
    RETURNING m.* INTO updated_row;
  EXCEPTION WHEN unique_violation THEN
    SELECT o.id INTO other_id FROM ai_memory.memories o
     WHERE o.title = coalesce(new_title, old_row.title) AND o.namespace = coalesce(new_namespace, old_row.namespace)
       AND o.id <> old_row.id;
    RAISE EXCEPTION USING ERRCODE = 'MA300',
      MESSAGE = format('title ''%s'' already exists in namespace ''%s'' (memory %s)',
                       coalesce(new_title, old_row.title), coalesce(new_namespace, old_row.namespace), other_id);
  END;
  -- A webhook event only for a real change (updated_at alone is not one).
  IF (updated_row.title, updated_row.content, updated_row.tier, updated_row.namespace, updated_row.tags,
      updated_row.priority, updated_row.confidence, updated_row.expires_at, updated_row.metadata)
     IS DISTINCT FROM (old_row.title, old_row.content, old_row.tier, old_row.namespace, old_row.tags,
                       old_row.priority, old_row.confidence, old_row.expires_at, old_row.metadata) THEN
    PERFORM ai_memory._emit_event('memory_update', updated_row.id, updated_row.namespace,
                                  updated_row.metadata ->> 'agent_id');
  END IF;
  RETURN updated_row;
END $$;
COMMENT ON FUNCTION ai_memory.update(text, text, text, text, text, text[], integer, double precision, timestamptz,
                                     boolean, jsonb) IS
  'ai_memory: changes the given fields of a memory (reference §2.4 "Update"); see docs/sql/lifecycle.md';

CREATE FUNCTION ai_memory.delete(id text, agent_id text DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  caller     text := CASE WHEN $2 IS NOT NULL THEN ai_memory._check_agent_id($2) END;
  victim     ai_memory.memories := ai_memory._lock_memory($1);
  pending_id text;
BEGIN
  pending_id := ai_memory._governance_decide('delete', victim.namespace, caller, victim.id,
                                             jsonb_build_object('id', victim.id, 'title', victim.title));
  IF pending_id IS NOT NULL THEN
    RETURN ai_memory._pending_response('delete', pending_id, victim.id);
  END IF;
  -- Unlike the reference's hard delete, the memory and its links go to the archive.
  PERFORM ai_memory._archive(ARRAY[victim.id], 'delete');
  PERFORM ai_memory._emit_event('memory_delete', victim.id, victim.namespace, victim.metadata ->> 'agent_id');
  RETURN jsonb_build_object('deleted', true, 'id', victim.id);
END $$;
COMMENT ON FUNCTION ai_memory.delete(text, text) IS
  'ai_memory: moves a memory into the archive (reason delete), subject to governance; see docs/sql/lifecycle.md';

-- One UPDATE, so concurrent touches of a row serialise on its lock and each
-- sees the other's count (reference §2.2).
CREATE FUNCTION ai_memory.touch(ids text[]) RETURNS SETOF ai_memory.memories
  LANGUAGE plpgsql VOLATILE ROWS 10
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  touch_ids text[];
  settings  record;
  touched_at timestamptz := ai_memory.now();
BEGIN
  IF ids IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'ids is required';
  ELSIF array_ndims(ids) > 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'ids must be a one-dimensional array';
  ELSIF cardinality(ids) > 1000 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'cannot touch more than 1000 memories at once';
  ELSIF array_position(ids, NULL) IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'ids cannot contain null values';
  END IF;
  touch_ids := ARRAY(SELECT ai_memory._check_id(x) FROM unnest(ids) x);
  SELECT * INTO settings FROM ai_memory._lifecycle_settings();

  RETURN QUERY
  WITH touched AS (
    UPDATE ai_memory.memories m SET
      access_count     = least(m.access_count + 1, 1000000),
      last_accessed_at = touched_at,
      -- A mid memory recalled 5 times becomes long, with no expiry.
      tier       = CASE WHEN m.tier = 'mid' AND m.access_count + 1 >= 5 THEN 'long' ELSE m.tier END,
      expires_at = CASE WHEN m.tier = 'mid' AND m.access_count + 1 >= 5 THEN NULL
                        WHEN m.expires_at IS NULL THEN NULL
                        -- [reference quirk] resets, not extends: now + the tier's extension
                        WHEN m.tier = 'short' THEN touched_at + make_interval(secs => settings.short_extend_secs)
                        WHEN m.tier = 'mid' THEN touched_at + make_interval(secs => settings.mid_extend_secs)
                        ELSE m.expires_at END,
      updated_at = CASE WHEN m.tier = 'mid' AND m.access_count + 1 >= 5 THEN touched_at ELSE m.updated_at END,
      -- Every 10th access reinforces the priority, up to 10.
      priority   = CASE WHEN least(m.access_count + 1, 1000000) % 10 = 0 AND m.priority < 10
                        THEN m.priority + 1 ELSE m.priority END
     WHERE m.id = ANY (touch_ids)
    RETURNING m.*
  )
  SELECT t.* FROM touched t ORDER BY t.id;
END $$;
COMMENT ON FUNCTION ai_memory.touch(text[]) IS
  'ai_memory: records a recall of these memories (access count, expiry, auto-promotion; reference §2.2)';
