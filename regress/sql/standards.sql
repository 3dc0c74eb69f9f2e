-- Namespace standards (reference §1.8, tools 24-26): set, get (plain and
-- inherited), clear, parent auto-detection, cycle-safe chains, bad input.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-01 00:00:00+00';

CREATE TEMP TABLE std AS
SELECT s.title, s.id FROM (VALUES ('global rule', '*'), ('org rule', 'std-org'), ('team rule', 'std-org/team'),
                                  ('ai rule', 'std-ai'), ('memory rule', 'std-ai-memory'))
       AS v(title, ns),
     LATERAL ai_memory.store(title => v.title, content => 'follow the ' || v.title, namespace => v.ns,
                             tier => 'long', priority => 8, agent_id => 'ai:std-owner') s;

-- set: the result shape; the memory may live in another namespace.
SELECT ai_memory.set_standard('*', (SELECT id FROM std WHERE title = 'global rule')) - 'standard_id' AS result;
SELECT ai_memory.set_standard('std-org', (SELECT id FROM std WHERE title = 'org rule')) - 'standard_id' AS result;
SELECT ai_memory.set_standard('std-org/team', (SELECT id FROM std WHERE title = 'team rule')) - 'standard_id' AS result;
SELECT ai_memory.set_standard('std-ai', (SELECT id FROM std WHERE title = 'ai rule')) - 'standard_id' AS result;
-- No parent given: "std-ai-memory-tests" would try std-ai-memory (no standard yet), then std-ai.
SELECT ai_memory.set_standard('std-ai-memory-tests', (SELECT id FROM std WHERE title = 'memory rule'))
       - 'standard_id' AS result;
-- An explicit parent wins; re-setting replaces the row.
SELECT ai_memory.set_standard('std-ai-memory', (SELECT id FROM std WHERE title = 'memory rule'), parent => 'std-org')
       - 'standard_id' AS result;
SELECT namespace, parent_namespace, standard_id = (SELECT id FROM std WHERE title = 'memory rule') AS memory_rule
  FROM ai_memory.namespace_meta WHERE namespace LIKE 'std-ai%' ORDER BY namespace;

-- get, not inherited: the standard, or standard_id null.
SELECT ai_memory.get_standard('std-org') - 'standard_id' AS standard;
SELECT ai_memory.get_standard('std-org')->>'standard_id' = (SELECT id FROM std WHERE title = 'org rule') AS same_id;
SELECT ai_memory.get_standard('std-nowhere') AS standard;
SELECT ai_memory.get_standard(' std-org ', inherit => NULL)->>'namespace' AS trimmed;

-- get, inherited: "*", explicit parents of the root, then the /-ancestors.
SELECT g->'chain' AS chain, g->'count' AS count,
       (SELECT jsonb_agg(s->>'title') FROM jsonb_array_elements(g->'standards') s) AS titles
  FROM ai_memory.get_standard('std-org/team/alice', inherit => true) g;
SELECT g->'chain' AS chain,
       (SELECT jsonb_agg(s->>'namespace') FROM jsonb_array_elements(g->'standards') s) AS standard_namespaces
  FROM ai_memory.get_standard('std-ai-memory-tests', inherit => true) g;
-- An explicit parent of the root comes before it.
SELECT g->'chain' AS chain, g->'count' AS count,
       (SELECT jsonb_agg(s->>'namespace') FROM jsonb_array_elements(g->'standards') s) AS standard_namespaces
  FROM ai_memory.get_standard('std-ai-memory/sub', inherit => true) g;
-- A memory that is the standard of two namespaces in a chain is listed once, at the first.
SELECT ai_memory.set_standard('std-dup', (SELECT id FROM std WHERE title = 'org rule'), parent => 'std-org')->>'parent'
       AS parent;
SELECT g->'chain' AS chain, g->'count' AS count,
       (SELECT jsonb_agg(s->>'namespace') FROM jsonb_array_elements(g->'standards') s) AS standard_namespaces
  FROM ai_memory.get_standard('std-dup', inherit => true) g;
-- Cycles among explicit parents end the walk.
SELECT ai_memory.set_standard('std-cycle-a', (SELECT id FROM std WHERE title = 'org rule'), parent => 'std-cycle-b')
       ->> 'parent' AS parent;
SELECT ai_memory.set_standard('std-cycle-b', (SELECT id FROM std WHERE title = 'team rule'), parent => 'std-cycle-a')
       ->> 'parent' AS parent;
SELECT ai_memory.get_standard('std-cycle-a/x', inherit => true)->'chain' AS chain;
-- A global standard's chain is itself.
SELECT ai_memory.get_standard('*', inherit => true) - 'standards' AS result;

-- Governance is validated, filled with defaults and merged into the standard memory's metadata.
SELECT ai_memory.set_standard('std-org', (SELECT id FROM std WHERE title = 'org rule'),
                              governance => '{"write": "registered"}')->'governance' AS governance;
SELECT metadata->'governance' AS governance, metadata->>'agent_id' AS agent_id
  FROM ai_memory.memories WHERE id = (SELECT id FROM std WHERE title = 'org rule');
SELECT ai_memory.get_standard('std-org')->'governance' AS governance;

-- clear: the row goes, the memory stays.
SELECT ai_memory.clear_standard('std-cycle-b') AS result;
SELECT ai_memory.clear_standard('std-cycle-b') AS result;
SELECT count(*) AS memory_kept FROM ai_memory.memories WHERE id = (SELECT id FROM std WHERE title = 'team rule');

-- Archiving (or deleting) a standard memory removes the namespace_meta rows pointing at it.
SELECT ai_memory._archive(ARRAY[(SELECT id FROM std WHERE title = 'global rule')], 'delete') AS archived;
SELECT count(*) AS global_rows FROM ai_memory.namespace_meta WHERE namespace = '*';

-- Bad input: §1.8 and §10 messages, nothing written.
CREATE TEMP TABLE meta_before AS SELECT * FROM ai_memory.namespace_meta;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.set_standard('std-x', 'no-such-memory')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', NULL)$q$),
  ($q$SELECT ai_memory.set_standard(NULL, 'x')$q$),
  ($q$SELECT ai_memory.set_standard('bad ns', 'x')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'), parent => 'std-x')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'), parent => 'a//b')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'), governance => '[]')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'),
                                    governance => '{"write": "everyone"}')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'),
                                    governance => '{"approver": {"consensus": 0}}')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'),
                                    governance => '{"approver": {"agent": "bad id"}}')$q$),
  ($q$SELECT ai_memory.set_standard('std-x', (SELECT id FROM std WHERE title = 'ai rule'),
                                    governance => '{"approver": "robot"}')$q$),
  ($q$SELECT ai_memory.get_standard('a/../b')$q$),
  ($q$SELECT ai_memory.get_standard(NULL)$q$),
  ($q$SELECT ai_memory.clear_standard('/x')$q$)
) AS t(q);
SELECT (SELECT count(*) FROM ai_memory.namespace_meta) = (SELECT count(*) FROM meta_before) AS nothing_written,
       (SELECT metadata ? 'governance' FROM ai_memory.memories
         WHERE id = (SELECT id FROM std WHERE title = 'ai rule')) AS has_governance;
