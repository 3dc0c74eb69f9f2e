-- Reports over the whole store (reference §9, §1.3): stats and namespaces.

CREATE FUNCTION ai_memory.stats() RETURNS jsonb
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT jsonb_build_object(
    'total', (SELECT count(*) FROM ai_memory.memories),  -- expired rows included, as in the reference
    'by_tier', (SELECT coalesce(jsonb_agg(jsonb_build_object('tier', t.tier, 'count', t.n) ORDER BY t.n DESC, t.tier),
                                '[]'::jsonb)
                  FROM (SELECT m.tier, count(*) AS n FROM ai_memory.memories m GROUP BY m.tier) t),
    'by_namespace', (SELECT coalesce(jsonb_agg(jsonb_build_object('namespace', n.namespace, 'count', n.n)
                                               ORDER BY n.n DESC, n.namespace COLLATE "C"), '[]'::jsonb)
                       FROM (SELECT m.namespace, count(*) AS n FROM ai_memory.memories m GROUP BY m.namespace) n),
    -- expiry_floor <= expires_at bounds the range by the index (sql/11_expiry_floor.sql).
    'expiring_soon', (SELECT count(*) FROM ai_memory.memories m
                       WHERE m.expiry_floor <= ai_memory.now() + interval '1 hour'
                         AND m.expires_at > ai_memory.now() AND m.expires_at <= ai_memory.now() + interval '1 hour'),
    'links_count', (SELECT count(*) FROM ai_memory.memory_links),
    -- The whole current database on disk (every table and index, not the
    -- WAL): the closest match to the reference's "main database file".
    'db_size_bytes', pg_database_size(current_database()));
END;
COMMENT ON FUNCTION ai_memory.stats() IS
  'ai_memory: counts by tier and namespace, expiring within an hour, links, database size (reference §9)';

CREATE FUNCTION ai_memory.namespaces() RETURNS TABLE (namespace text, count bigint)
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT m.namespace, count(*) FROM ai_memory.memories m
   WHERE m.expires_at IS NULL OR m.expires_at > ai_memory.now()
   GROUP BY m.namespace
   ORDER BY count(*) DESC, m.namespace COLLATE "C";
END;
COMMENT ON FUNCTION ai_memory.namespaces() IS
  'ai_memory: the namespaces of live memories with their counts, largest first (reference §1.3)';
