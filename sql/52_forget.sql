-- Bulk forget (reference §2.5): moves every live memory matching all the
-- given filters into the archive (reason forget, metadata kept).

CREATE FUNCTION ai_memory.forget(
  namespace text    DEFAULT NULL,
  pattern   text    DEFAULT NULL,
  tier      text    DEFAULT NULL,
  dry_run   boolean DEFAULT false
) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  ns     text := CASE WHEN $1 IS NOT NULL THEN ai_memory._check_namespace($1) END;
  query  tsquery := CASE WHEN $2 IS NOT NULL THEN ai_memory.fts_query($2, 'any') END;
  tr     ai_memory.tier := CASE WHEN $3 IS NOT NULL THEN ai_memory._check_tier($3)::ai_memory.tier END;
  now_at timestamptz := ai_memory.now();
  matched bigint;
BEGIN
  IF ns IS NULL AND query IS NULL AND tr IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'at least one of namespace, pattern, or tier is required';
  END IF;
  IF coalesce($4, false) THEN
    SELECT count(*) INTO matched FROM ai_memory.memories m
     WHERE (ns IS NULL OR m.namespace = ns) AND (tr IS NULL OR m.tier = tr)
       AND (query IS NULL OR ai_memory._fts_document(m.title, m.content) @@ query)
       AND (m.expires_at IS NULL OR m.expires_at > now_at);
    RETURN jsonb_build_object('would_delete', matched, 'dry_run', true);
  END IF;
  -- The same filter, locking in id order: a row changed concurrently is
  -- re-checked after its lock, so only rows that still match move.
  matched := ai_memory._archive(ARRAY(
    SELECT m.id FROM ai_memory.memories m
     WHERE (ns IS NULL OR m.namespace = ns) AND (tr IS NULL OR m.tier = tr)
       AND (query IS NULL OR ai_memory._fts_document(m.title, m.content) @@ query)
       AND (m.expires_at IS NULL OR m.expires_at > now_at)
     ORDER BY m.id
       FOR UPDATE), 'forget');
  RETURN jsonb_build_object('deleted', matched, 'archived', true);
END $$;
COMMENT ON FUNCTION ai_memory.forget(text, text, text, boolean) IS
  'ai_memory: archives the live memories matching namespace AND pattern (any term) AND tier; see docs/sql/links-and-curation.md';
