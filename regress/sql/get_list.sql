-- get() by id and unique prefix; list() filters and ordering.
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SET TimeZone = 'UTC';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;

-- Fixed ids make prefixes predictable (a DBA may insert rows directly).
INSERT INTO ai_memory.memories (id, title, content, namespace, priority, tags, created_at, updated_at, expires_at, metadata)
VALUES ('aaaa-1', 'alpha', 'c', 'ns1', 5, '{red}', '2026-02-01', '2026-02-01', NULL, '{"agent_id": "alice"}'),
       ('aaab-2', 'beta', 'c', 'ns1', 9, '{blue}', '2026-02-02', '2026-02-02', NULL, '{"agent_id": "bob"}'),
       ('abcd-3', 'gamma', 'c', 'ns2', 5, '{red,blue}', '2026-02-03', '2026-02-03', NULL, '{}'),
       ('a%_\-4', 'delta', 'c', 'ns2', 1, '{}', '2026-02-04', '2026-02-04', NULL, '{}'),
       ('zzzz-5', 'expired', 'c', 'ns1', 10, '{}', '2026-02-05', '2026-02-05', '2026-02-28', '{}');

SELECT id, title FROM ai_memory.get('aaab-2');          -- exact
SELECT id, title FROM ai_memory.get('abc');             -- unique prefix
SELECT id, title FROM ai_memory.get('zzzz');            -- expired rows are still returned
SELECT id, title FROM ai_memory.get('aa');              -- ambiguous
SELECT id, title FROM ai_memory.get('a');               -- ambiguous, four matches
SELECT id, title FROM ai_memory.get('nothing');         -- not found
-- LIKE wildcards in a prefix match literally.
SELECT id, title FROM ai_memory.get('a%');
SELECT id, title FROM ai_memory.get('a_');
SELECT id, title FROM ai_memory.get('a%_\');
SELECT id, title FROM ai_memory.get('%');

-- list(): non-expired, priority DESC then updated_at DESC.
SELECT id, priority FROM ai_memory.list();
SELECT id FROM ai_memory.list(namespace => 'ns1');
SELECT id FROM ai_memory.list(tag => 'red');
SELECT id FROM ai_memory.list(agent_id => 'bob');
SELECT id FROM ai_memory.list(min_priority => 5);
SELECT id FROM ai_memory.list(since => '2026-02-02', until => '2026-02-03');
SELECT id FROM ai_memory.list("limit" => 2);
SELECT id FROM ai_memory.list("limit" => 2, "offset" => 2);
SELECT id FROM ai_memory.list(tier => 'long');
SELECT count(*) FROM ai_memory.list("limit" => 100000);  -- capped, not an error
-- Time moves: before its expiry the expired row is listed again.
SET ai_memory.now_override = '2026-02-27 00:00:00+00';
SELECT id FROM ai_memory.list(namespace => 'ns1');

-- get_links() on a memory without links.
SELECT * FROM ai_memory.get_links('aaaa-1');
INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
VALUES ('aaaa-1', 'aaab-2', 'supersedes', '2026-02-10');
SELECT source_id, target_id, relation FROM ai_memory.get_links('aaab-2');
