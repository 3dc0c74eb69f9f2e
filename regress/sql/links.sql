-- link(), unlink() and resolve(): typed links between existing memories,
-- idempotent, validated, and nothing written when a call fails.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-01 12:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
INSERT INTO ai_memory.memories (id, title, content, priority, confidence, expires_at, created_at, updated_at) VALUES
  ('lnk-a', 'alpha', 'first memory', 6, 0.9, NULL, '2026-03-01', '2026-03-01'),
  ('lnk-b', 'beta', 'second memory', 8, 1.0, '2026-04-20 00:00:00+00', '2026-03-01', '2026-03-01'),
  ('lnk-c', 'gamma', 'third memory', 5, 1.0, NULL, '2026-03-01', '2026-03-01');

-- The default relation is related_to; the answer names both ends.
SELECT ai_memory.link('lnk-a', 'lnk-b');
SELECT ai_memory.link(source_id => 'lnk-a', target_id => 'lnk-c', relation => 'contradicts');
SELECT ai_memory.link('lnk-b', 'lnk-c', NULL) ->> 'relation' AS null_means_default;
-- Every relation of the whitelist; a link is directed, so b -> a is new.
SELECT r AS relation, ai_memory.link('lnk-b', 'lnk-a', r) ->> 'linked' AS linked
  FROM unnest(ARRAY['related_to', 'supersedes', 'contradicts', 'derived_from']) r;
-- A repeated link is a no-op that still answers linked:true, and keeps its first created_at.
SET ai_memory.now_override = '2026-04-02 12:00:00+00';
SELECT ai_memory.link('lnk-a', 'lnk-b') ->> 'linked' AS repeated;
SELECT source_id, target_id, relation, created_at FROM ai_memory.memory_links
 ORDER BY source_id, target_id, relation;

-- Bad input: the reference's messages, and no link written.
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.link('lnk-a', 'lnk-a')$q$),
  ($q$SELECT ai_memory.link('lnk-a', 'lnk-b', 'likes')$q$),
  ($q$SELECT ai_memory.link('lnk-a', 'lnk-b', 'Related_To')$q$),
  ($q$SELECT ai_memory.link('lnk-a', 'lnk-b', '')$q$),
  ($q$SELECT ai_memory.link('lnk-a', 'lnk-b', repeat('r', 65))$q$),
  ($q$SELECT ai_memory.link('nope', 'lnk-b')$q$),
  ($q$SELECT ai_memory.link('lnk-a', 'nope')$q$),
  ($q$SELECT ai_memory.link('lnk', 'lnk-b')$q$),  -- ids are exact: no prefix match
  ($q$SELECT ai_memory.link('', 'lnk-b')$q$),
  ($q$SELECT ai_memory.link(NULL, 'lnk-b')$q$),
  ($q$SELECT ai_memory.link('lnk-a', '  ')$q$),
  ($q$SELECT ai_memory.link('lnk-a', repeat('i', 129))$q$),
  ($q$SELECT ai_memory.link(E'lnk\x07', 'lnk-b')$q$),
  ($q$SELECT ai_memory.unlink('lnk-a', 'lnk-b', 'likes')$q$),
  ($q$SELECT ai_memory.unlink('', 'lnk-b')$q$),
  ($q$SELECT ai_memory.resolve('lnk-a', 'lnk-a')$q$),
  ($q$SELECT ai_memory.resolve('lnk-a', 'nope')$q$),
  ($q$SELECT ai_memory.resolve('nope', 'lnk-a')$q$),
  ($q$SELECT ai_memory.resolve(NULL, 'lnk-a')$q$)
) AS t(q);
SELECT count(*) AS links_after_bad_input FROM ai_memory.memory_links;

-- A link to an archived (deleted) memory is refused: both ends must be live rows.
SELECT ai_memory._archive(ARRAY['lnk-c'], 'delete') AS archived;
SELECT outcome($$SELECT ai_memory.link('lnk-a', 'lnk-c')$$) AS link_to_archived;

-- unlink: one relation, then all relations between two memories; absent links count 0.
SELECT ai_memory.unlink('lnk-b', 'lnk-a', 'supersedes') AS one_relation;
SELECT ai_memory.unlink('lnk-b', 'lnk-a') AS all_relations;
SELECT ai_memory.unlink('lnk-b', 'lnk-a') AS again;
SELECT ai_memory.unlink('nope', 'lnk-a') AS unknown_memory;
SELECT source_id, target_id, relation FROM ai_memory.memory_links ORDER BY 1, 2, 3;

-- resolve: a supersedes link winner -> loser, the loser demoted (and
-- updated), the winner touched like a recall; nothing is archived.
SELECT ai_memory.resolve(winner => 'lnk-b', loser => 'lnk-a');
SELECT id, priority, confidence, updated_at, access_count, last_accessed_at, expires_at
  FROM ai_memory.memories ORDER BY id;
SELECT source_id, target_id, relation FROM ai_memory.memory_links ORDER BY 1, 2, 3;
-- Resolving again is harmless: the link exists, the loser stays demoted, the winner is touched again.
SELECT ai_memory.resolve('lnk-b', 'lnk-a') ->> 'resolved' AS resolved_again;
SELECT id, priority, confidence, access_count FROM ai_memory.memories ORDER BY id;
SELECT count(*) AS archived_by_resolve FROM ai_memory.archived_memories WHERE id <> 'lnk-c';

-- A failed resolve changes nothing (the loser is not demoted when the winner is missing).
UPDATE ai_memory.memories SET priority = 9, confidence = 1 WHERE id = 'lnk-a';
SELECT outcome($$SELECT ai_memory.resolve('nope', 'lnk-a')$$) AS missing_winner;
SELECT id, priority, confidence FROM ai_memory.memories WHERE id = 'lnk-a';

-- get_links sees links from both directions.
SELECT source_id, target_id, relation FROM ai_memory.get_links('lnk-a');
