-- Reading, restoring and purging the archive (reference §1.6). Rows get
-- there through ai_memory._archive() (sql/30_archive.sql).

-- An archived id from an exact id or a unique prefix, like get() does for
-- active memories: MA200 "not found in archive", MA101 when ambiguous.
CREATE FUNCTION ai_memory._resolve_archived_id(id text) RETURNS text
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted  text := ai_memory._check_id($1);
  pattern text := replace(replace(replace(wanted, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  matches text[];
  total   bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM ai_memory.archived_memories a WHERE a.id = wanted) THEN
    RETURN wanted;
  END IF;
  SELECT count(*), (array_agg(a.id ORDER BY a.id))[1:10] INTO total, matches
    FROM ai_memory.archived_memories a WHERE a.id LIKE pattern ESCAPE '\';
  IF total = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'not found in archive';
  ELSIF total > 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA101',
      MESSAGE = format('ambiguous ID prefix ''%s'': %s matches', wanted, total) || E'\n' || array_to_string(matches, E'\n')
                || CASE WHEN total > 10 THEN E'\n...' ELSE '' END;
  END IF;
  RETURN matches[1];
END $$;
COMMENT ON FUNCTION ai_memory._resolve_archived_id(text) IS
  'ai_memory internal: the archived id matching an exact id or unique prefix (MA200, MA101)';

CREATE FUNCTION ai_memory.archive_list(
  namespace text    DEFAULT NULL,
  "limit"   integer DEFAULT 50,   -- 1..1000 (larger values are capped at 1000)
  "offset"  integer DEFAULT 0
) RETURNS SETOF ai_memory.archived_memories
  LANGUAGE plpgsql STABLE ROWS 50
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted_namespace text := CASE WHEN $1 IS NOT NULL THEN ai_memory._check_namespace($1) END;
  row_limit        integer := ai_memory._check_limit($2, 50, 1000);
  row_offset       integer := coalesce($3, 0);
BEGIN
  IF row_offset < 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('offset must be non-negative (got %s)', row_offset);
  END IF;
  RETURN QUERY
    SELECT a.* FROM ai_memory.archived_memories a
     WHERE wanted_namespace IS NULL OR a.namespace = wanted_namespace
     ORDER BY a.archived_at DESC, a.id
     LIMIT row_limit OFFSET row_offset;
END $$;
COMMENT ON FUNCTION ai_memory.archive_list(text, integer, integer) IS
  'ai_memory: archived memories, newest first; see docs/sql/lifecycle.md';

CREATE FUNCTION ai_memory.archive_restore(id text) RETURNS ai_memory.memories
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  archived ai_memory.archived_memories;
  restored ai_memory.memories;
  now_at   timestamptz := ai_memory.now();
  expired  boolean;
  other_id text;
BEGIN
  SELECT a.* INTO archived FROM ai_memory.archived_memories a
   WHERE a.id = ai_memory._resolve_archived_id($1) FOR UPDATE;
  IF NOT FOUND THEN  -- restored or purged meanwhile
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'not found in archive';
  END IF;
  IF EXISTS (SELECT 1 FROM ai_memory.memories m WHERE m.id = archived.id) THEN
    RAISE EXCEPTION USING ERRCODE = 'MA300',
      MESSAGE = format('cannot restore: memory %s already exists in active table (would overwrite)', archived.id);
  END IF;
  SELECT m.id INTO other_id FROM ai_memory.memories m
   WHERE m.title = archived.title AND m.namespace = archived.namespace;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA300',
      MESSAGE = format('cannot restore: title ''%s'' already exists in namespace ''%s'' (memory %s)',
                       archived.title, archived.namespace, other_id);
  END IF;

  -- Tier and expiry come back as they were; a memory whose expiry has passed
  -- comes back long-term without one (as the reference restores every row),
  -- or the next gc would archive it again.
  expired := archived.expires_at IS NOT NULL AND archived.expires_at <= now_at;
  INSERT INTO ai_memory.memories
    (id, tier, namespace, title, content, tags, priority, confidence, source, access_count, created_at,
     updated_at, last_accessed_at, expires_at, metadata)
  VALUES
    (archived.id, CASE WHEN expired THEN 'long' ELSE archived.tier END, archived.namespace, archived.title,
     archived.content, archived.tags, archived.priority, archived.confidence, archived.source, archived.access_count,
     archived.created_at, now_at, archived.last_accessed_at, CASE WHEN expired THEN NULL ELSE archived.expires_at END,
     archived.metadata)
  RETURNING * INTO restored;

  -- Links come back where the other end is an active memory again.
  INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
  SELECT l.source_id, l.target_id, l.relation, l.created_at
    FROM jsonb_to_recordset(archived.links) AS l(source_id text, target_id text, relation text, created_at timestamptz)
   WHERE EXISTS (SELECT 1 FROM ai_memory.memories m
                  WHERE m.id = CASE WHEN l.source_id = archived.id THEN l.target_id ELSE l.source_id END)
  ON CONFLICT DO NOTHING;

  DELETE FROM ai_memory.archived_memories a WHERE a.id = archived.id;
  RETURN restored;
END $$;
COMMENT ON FUNCTION ai_memory.archive_restore(text) IS
  'ai_memory: brings an archived memory and its links back into the active table; see docs/sql/lifecycle.md';

CREATE FUNCTION ai_memory.archive_purge(older_than_days integer DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  purged bigint;
BEGIN
  IF $1 < 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('older_than_days must be non-negative (got %s)', $1);
  END IF;
  WITH gone AS (
    DELETE FROM ai_memory.archived_memories a
     WHERE $1 IS NULL OR a.archived_at < ai_memory.now() - make_interval(days => $1)
    RETURNING 1
  )
  SELECT count(*) INTO purged FROM gone;
  RETURN purged;
END $$;
COMMENT ON FUNCTION ai_memory.archive_purge(integer) IS
  'ai_memory: permanently deletes archived memories (all, or those archived more than N days ago)';

CREATE FUNCTION ai_memory.archive_stats() RETURNS jsonb
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT jsonb_build_object(
      'archived_total', (SELECT count(*) FROM ai_memory.archived_memories),
      'by_namespace', coalesce(
        (SELECT jsonb_agg(jsonb_build_object('namespace', n.namespace, 'count', n.count)
                          ORDER BY n.count DESC, n.namespace)
           FROM (SELECT a.namespace, count(*) AS count FROM ai_memory.archived_memories a GROUP BY a.namespace) n),
        '[]'::jsonb));
  END;
COMMENT ON FUNCTION ai_memory.archive_stats() IS
  'ai_memory: {"archived_total":N,"by_namespace":[{"namespace","count"}]} over the archive';
