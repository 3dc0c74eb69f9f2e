-- consolidate(): 2..100 memories become one new long-term memory (reference
-- §2.5); the originals move to the archive; any failure writes nothing.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-06-01 00:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
INSERT INTO ai_memory.memories
  (id, tier, namespace, title, content, tags, priority, confidence, source, access_count, created_at, updated_at,
   last_accessed_at, expires_at, metadata) VALUES
  ('cs-1', 'short', 'team', 'one', 'first', '{deploy,b}', 3, 0.5, 'user', 4, '2026-01-01', '2026-01-02',
   '2026-05-01', '2026-06-01 03:00:00+00', '{"agent_id":"ann","color":"red","shared":{"from":1}}'),
  ('cs-2', 'mid', 'team', 'two', 'second', '{a,deploy}', 7, 0.9, 'api', 6, '2026-01-01', '2026-01-02',
   NULL, '2026-06-05', '{"agent_id":"bob","shared":{"from":2},"scope":"team"}'),
  ('cs-3', 'long', 'team', 'three', 'third', '{C,c}', 2, 1.0, 'cli', 999999, '2026-01-01', '2026-01-02',
   NULL, NULL, '{"agent_id":"ann"}'),
  ('cs-4', 'long', 'other', 'four', 'fourth', '{}', 1, 1.0, 'cli', 1, '2026-01-01', '2026-01-02',
   NULL, NULL, '{}'),
  ('cs-5', 'long', 'other', 'five', 'fifth', '{}', 1, 1.0, 'cli', 0, '2026-01-01', '2026-01-02',
   NULL, NULL, '{"agent_id":"cy"}'),
  ('cs-6', 'long', 'team', 'taken', 'an existing title', '{}', 5, 1.0, 'user', 0, '2026-01-01', '2026-01-02',
   NULL, NULL, '{}');
INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at) VALUES
  ('cs-1', 'cs-2', 'related_to', '2026-05-01'), ('cs-3', 'cs-4', 'contradicts', '2026-05-02');

CREATE TEMP VIEW state AS
  SELECT (SELECT count(*) FROM ai_memory.memories) AS live,
         (SELECT count(*) FROM ai_memory.archived_memories) AS archived,
         (SELECT count(*) FROM ai_memory.memory_links) AS links;
SELECT * FROM state;

-- Bad input: the reference's messages, checked before anything is read or written.
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.consolidate(NULL, 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate('{}', 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1'], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY(SELECT 'id-' || i FROM generate_series(1, 101) i), 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2', 'cs-1'], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY[['cs-1', 'cs-2'], ['cs-3', 'cs-4']], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', NULL], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', ''], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', repeat('i', 129)], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], '', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], NULL, 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], repeat('t', 513), 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', NULL)$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', ' ')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', repeat('s', 65537))$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', 's', namespace => 'a b')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', 's', tier => 'eternal')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', 's', source => 'robot')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'cs-2'], 't', 's', agent_id => 'bad agent')$q$),
  -- every id must exist: the first missing one (in the caller's order) is named
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-1', 'nope-b', 'nope-a'], 't', 's')$q$),
  ($q$SELECT ai_memory.consolidate(ARRAY['cs', 'cs-1'], 't', 's')$q$),  -- exact ids, no prefixes
  -- the title is taken in the target namespace (a plain insert, never a merge)
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-4', 'cs-5'], 'taken', 's', namespace => 'team')$q$),
  -- even when a source holds it: the sources are still live at insert time
  ($q$SELECT ai_memory.consolidate(ARRAY['cs-4', 'cs-5'], 'four', 's', namespace => 'other')$q$)
) AS t(q);
SELECT * FROM state;

-- Merged metadata over 64 KB is refused, and nothing is half-written.
UPDATE ai_memory.memories SET metadata = jsonb_build_object('big', repeat('x', 40000)) WHERE id = 'cs-4';
UPDATE ai_memory.memories SET metadata = jsonb_build_object('huge', repeat('y', 40000)) WHERE id = 'cs-5';
SELECT outcome($$SELECT ai_memory.consolidate(ARRAY['cs-4', 'cs-5'], 't', 's')$$) AS too_big;
UPDATE ai_memory.memories SET metadata = '{}' WHERE id = 'cs-4';
UPDATE ai_memory.memories SET metadata = '{"agent_id":"cy"}' WHERE id = 'cs-5';
SELECT * FROM state;

-- A consolidation: the new memory follows §2.5, the sources are archived with their links.
SELECT ai_memory.consolidate(ARRAY['cs-2', 'cs-1', 'cs-3'], 'deploy notes', 'all we know about deploys',
                             namespace => 'team', agent_id => 'curator-1') ->> 'consolidated' AS consolidated;
SELECT tier, namespace, title, content, tags, priority, confidence, source, access_count, created_at, updated_at,
       last_accessed_at, expires_at, metadata
  FROM ai_memory.memories WHERE title = 'deploy notes';
SELECT id, archive_reason, archived_at, metadata, links FROM ai_memory.archived_memories ORDER BY id;
SELECT * FROM state;

-- Defaults: namespace global, tier long, source consolidation; no consolidator
-- means no agent_id; sources without authors add no consolidated_from_agents.
UPDATE ai_memory.memories SET metadata = '{}' WHERE id = 'cs-5';
SELECT ai_memory.consolidate(ARRAY['cs-4', 'cs-5'], 'others', 'the others', tier => NULL, source => NULL)
       ->> 'consolidated' AS consolidated;
SELECT tier, namespace, priority, source, access_count, metadata
  FROM ai_memory.memories WHERE title = 'others';
-- The answer's id is the new memory's.
SELECT ai_memory.consolidate(ARRAY[(SELECT id FROM ai_memory.memories WHERE title = 'others'), 'cs-6'],
                             'everything', 'all of it', tier => 'mid', source => 'user') ->> 'id' AS new_id \gset
SELECT id = :'new_id' AS answer_names_new_memory FROM ai_memory.memories WHERE title = 'everything';
SELECT tier, expires_at, priority, source, jsonb_array_length(metadata -> 'derived_from') AS derived
  FROM ai_memory.memories;
SELECT archive_reason, count(*) FROM ai_memory.archived_memories GROUP BY 1;

-- 100 sources at once; tags past 50 in the union are refused (the §10 tag rule).
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
INSERT INTO ai_memory.memories (id, title, content, tags)
  SELECT 'bulk-' || lpad(i::text, 3, '0'), 'bulk ' || i, 'content ' || i, ARRAY['tag' || i] FROM generate_series(1, 100) i;
SELECT outcome($$SELECT ai_memory.consolidate(ARRAY(SELECT id FROM ai_memory.memories), 'all', 'all')$$) AS too_many_tags;
SELECT * FROM state;
UPDATE ai_memory.memories SET tags = ARRAY['tag' || (substr(id, 6)::int % 50)];
SELECT ai_memory.consolidate(ARRAY(SELECT id FROM ai_memory.memories ORDER BY id DESC), 'all', 'all')
       ->> 'consolidated' AS consolidated;
SELECT cardinality(tags) AS tags, tags[1:3] AS first_tags, jsonb_array_length(metadata -> 'derived_from') AS derived,
       metadata -> 'derived_from' ->> 0 AS first_derived
  FROM ai_memory.memories;
SELECT * FROM state;
