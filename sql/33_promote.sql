-- Promotion (reference §2.4 "Promote", §2.5 "Vertical promotion"): to the
-- long tier in place, or as a clone in an ancestor namespace.

CREATE FUNCTION ai_memory._check_promotion_target(namespace text, to_namespace text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_promotion_target';
COMMENT ON FUNCTION ai_memory._check_promotion_target(text, text) IS
  'ai_memory internal: to_namespace trimmed if it is a proper ancestor of namespace, else MA100';

-- Clones `original` into `to_namespace` through store()'s upsert (so it merges
-- into a memory of the same title there) and links clone → original with
-- derived_from. Returns the clone's id: the existing one after a merge.
CREATE FUNCTION ai_memory._promote_clone(original ai_memory.memories, to_namespace text) RETURNS text
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  clone ai_memory.memories;
BEGIN
  -- The clone is written with store()'s upsert but without store()'s checks:
  -- the values are the original's (already valid), governance was decided for
  -- the promote itself, and the clone keeps the original's exact expiry (even
  -- a past or absent one), merged as the upsert merges (long: none).
  clone := ai_memory._upsert_memory(
    tier => original.tier::text, namespace => _promote_clone.to_namespace, title => original.title,
    content => original.content, tags => original.tags, priority => original.priority,
    confidence => original.confidence, source => original.source, metadata => original.metadata,
    expires_at => original.expires_at);
  INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
  VALUES (clone.id, original.id, 'derived_from', ai_memory.now())
  ON CONFLICT DO NOTHING;
  RETURN clone.id;
END $$;
COMMENT ON FUNCTION ai_memory._promote_clone(ai_memory.memories, text) IS
  'ai_memory internal: the vertical-promotion clone of a memory in an ancestor namespace, linked derived_from';

CREATE FUNCTION ai_memory.promote(id text, to_namespace text DEFAULT NULL, agent_id text DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  caller     text := CASE WHEN $3 IS NOT NULL THEN ai_memory._check_agent_id($3) END;
  original   ai_memory.memories := ai_memory._lock_memory($1);
  target     text;
  pending_id text;
  clone_id   text;
BEGIN
  IF $2 IS NULL THEN  -- tier mode
    pending_id := ai_memory._governance_decide('promote', original.namespace, caller, original.id,
                                               jsonb_build_object('id', original.id));
    IF pending_id IS NOT NULL THEN
      RETURN ai_memory._pending_response('promote', pending_id, original.id);
    END IF;
    UPDATE ai_memory.memories m SET tier = 'long', expires_at = NULL, updated_at = ai_memory.now()
     WHERE m.id = original.id;
    IF original.tier <> 'long' OR original.expires_at IS NOT NULL THEN  -- a webhook event only for a change
      PERFORM ai_memory._emit_event('memory_promote', original.id, original.namespace,
                                    original.metadata ->> 'agent_id');
    END IF;
    RETURN jsonb_build_object('promoted', true, 'mode', 'tier', 'id', original.id, 'tier', 'long');
  END IF;

  target := ai_memory._check_promotion_target(original.namespace, $2);
  pending_id := ai_memory._governance_decide('promote', original.namespace, caller, original.id,
                                             jsonb_build_object('id', original.id, 'to_namespace', target));
  IF pending_id IS NOT NULL THEN
    RETURN ai_memory._pending_response('promote', pending_id, original.id);
  END IF;
  clone_id := ai_memory._promote_clone(original, target);
  -- The clone's own store (or merge) event comes from its upsert.
  PERFORM ai_memory._emit_event('memory_promote', original.id, original.namespace, original.metadata ->> 'agent_id');
  RETURN jsonb_build_object('promoted', true, 'mode', 'vertical', 'source_id', original.id, 'clone_id', clone_id,
                            'to_namespace', target);
END $$;
COMMENT ON FUNCTION ai_memory.promote(text, text, text) IS
  'ai_memory: makes a memory long-term, or clones it into an ancestor namespace; see docs/sql/lifecycle.md';
