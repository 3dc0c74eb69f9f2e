-- Links between memories and the curation that works through them (reference
-- §1.2, §2.5 "Resolve"): link, unlink, resolve.

CREATE FUNCTION ai_memory._check_relation(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_relation';
COMMENT ON FUNCTION ai_memory._check_relation(text) IS
  'ai_memory internal: the relation if it is one of related_to, supersedes, contradicts, derived_from (else MA100)';

CREATE FUNCTION ai_memory.link(source_id text, target_id text, relation text DEFAULT 'related_to') RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  src text := ai_memory._check_id($1);
  dst text := ai_memory._check_id($2);
  rel text := ai_memory._check_relation(coalesce($3, 'related_to'));
BEGIN
  IF src = dst THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'cannot link a memory to itself';
  END IF;
  -- KEY SHARE keeps each end from being deleted until the link is committed,
  -- so a concurrent delete is either seen here (MA200) or waits for us.
  PERFORM FROM ai_memory.memories m WHERE m.id = src FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'source memory not found: ' || src;
  END IF;
  PERFORM FROM ai_memory.memories m WHERE m.id = dst FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'target memory not found: ' || dst;
  END IF;
  -- An existing identical link is kept as it is (reference: INSERT OR IGNORE).
  INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
  VALUES (src, dst, rel, ai_memory.now())
  ON CONFLICT DO NOTHING;
  IF FOUND THEN  -- a webhook event for a new link only, about its source
    PERFORM ai_memory._emit_event('memory_link', m.id, m.namespace, m.metadata ->> 'agent_id')
       FROM ai_memory.memories m WHERE m.id = src;
  END IF;
  RETURN jsonb_build_object('linked', true, 'source_id', src, 'target_id', dst, 'relation', rel);
END $$;
COMMENT ON FUNCTION ai_memory.link(text, text, text) IS
  'ai_memory: links two memories (exact ids) with a relation; a repeated link is a no-op; see docs/sql/links-and-curation.md';

CREATE FUNCTION ai_memory.unlink(source_id text, target_id text, relation text DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  src     text := ai_memory._check_id($1);
  dst     text := ai_memory._check_id($2);
  rel     text := CASE WHEN $3 IS NOT NULL THEN ai_memory._check_relation($3) END;
  removed bigint;
BEGIN
  DELETE FROM ai_memory.memory_links l
   WHERE l.source_id = src AND l.target_id = dst AND (rel IS NULL OR l.relation = rel);
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
COMMENT ON FUNCTION ai_memory.unlink(text, text, text) IS
  'ai_memory: removes the links source -> target (of one relation, or all when NULL) and returns how many';

CREATE FUNCTION ai_memory.resolve(winner text, loser text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- link() validates both ids, rejects a self-resolve and holds both rows.
  linked jsonb := ai_memory.link($1, $2, 'supersedes');
  w      text := linked ->> 'source_id';
  l      text := linked ->> 'target_id';
BEGIN
  UPDATE ai_memory.memories m SET priority = 1, confidence = 0.1, updated_at = ai_memory.now() WHERE m.id = l;
  -- The winner counts as recalled, as the reference's CLI resolve touches it.
  PERFORM ai_memory.touch(ARRAY[w]);
  RETURN jsonb_build_object('resolved', true, 'winner', w, 'loser', l);
END $$;
COMMENT ON FUNCTION ai_memory.resolve(text, text) IS
  'ai_memory: marks winner as superseding loser (link, loser priority 1 and confidence 0.1, winner touched)';
