-- stats() and namespaces(): the report shapes of reference §9 and §1.3.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-07-01 12:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;

-- An empty store.
SELECT ai_memory.stats() - 'db_size_bytes' AS empty_stats;
SELECT * FROM ai_memory.namespaces();

INSERT INTO ai_memory.memories (id, tier, namespace, title, content, expires_at) VALUES
  ('st-1', 'short', 'b',     't1', 'c', '2026-07-01 12:30:00+00'),  -- expires within the hour
  ('st-2', 'short', 'b',     't2', 'c', '2026-07-01 13:00:00+00'),  -- exactly one hour: counted
  ('st-3', 'mid',   'b',     't3', 'c', '2026-07-01 13:00:01+00'),  -- just after the hour
  ('st-4', 'mid',   'a',     't4', 'c', '2026-07-01 11:00:00+00'),  -- expired
  ('st-5', 'long',  'a',     't5', 'c', NULL),
  ('st-6', 'long',  'c/d',   't6', 'c', NULL),
  ('st-7', 'mid',   'c/d',   't7', 'c', '2026-07-01 12:00:00+00'),  -- expires now: not soon, not live
  ('st-8', 'mid',   'a',     't8', 'c', '2026-07-09 00:00:00+00');
INSERT INTO ai_memory.memory_links (source_id, target_id, relation) VALUES
  ('st-1', 'st-2', 'related_to'), ('st-2', 'st-1', 'supersedes'), ('st-5', 'st-4', 'derived_from');
INSERT INTO ai_memory.archived_memories (id, tier, namespace, title, content, priority, confidence, source,
                                         created_at, updated_at)
  VALUES ('st-old', 'long', 'z', 'archived', 'not counted', 5, 1, 'user', '2026-01-01', '2026-01-01');

-- total and by_namespace include expired rows; counts are ordered largest first,
-- ties by name; expiring_soon is (now, now + 1 hour].
SELECT ai_memory.stats() - 'db_size_bytes' AS stats;
SELECT jsonb_typeof(s -> 'db_size_bytes') AS size_type,
       (s ->> 'db_size_bytes')::bigint = pg_database_size(current_database()) AS size_is_database
  FROM ai_memory.stats() s;
SELECT jsonb_object_keys(ai_memory.stats()) AS field ORDER BY 1;

-- namespaces: live memories only, largest first, ties by name.
SELECT * FROM ai_memory.namespaces();
SET ai_memory.now_override = '2026-07-10 00:00:00+00';
SELECT * FROM ai_memory.namespaces();
SELECT ai_memory.stats() -> 'expiring_soon' AS expiring_soon_later, ai_memory.stats() -> 'total' AS total_later;
