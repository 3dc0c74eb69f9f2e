-- ai_memory.search(): every term, BM25 within the §3.2 score (no tier
-- boost), filters, visibility, no touch, and hostile queries that must never
-- break the tsquery. Scores depend on corpus-wide statistics, so this test
-- prints orders, not values.
SET TimeZone = 'UTC';
-- Independent of earlier suites: corpus statistics cover the whole table.
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

SELECT count(*) FROM (VALUES
  ('srch/a', 'Zebrafish aquarium heater', 'The zebrafish tank heater keeps 26 degrees', '{fish}', 5, 'long'),
  ('srch/a', 'Aquarium filter', 'Clean the aquarium filter of the zebrafish tank monthly', '{fish,chores}', 5, 'mid'),
  ('srch/a', 'Zebrafish diet', 'Zebrafish eat flakes; zebrafish zebrafish zebrafish love brine shrimp', '{}', 5, 'short'),
  ('srch/b', 'Zebrafish elsewhere', 'A zebrafish tank heater in another namespace', '{}', 9, 'long'),
  ('srch/a', 'Quoted ''heater'' notes', 'back\slash and "quotes" near the heater: a|b & c', '{}', 5, 'mid')
) AS v(ns, title, content, tags, priority, tier),
LATERAL ai_memory.store(title => v.title, content => v.content, namespace => v.ns, tags => v.tags::text[],
                        priority => v.priority, tier => v.tier) s;
SELECT ai_memory.refresh_term_stats() ->> 'documents' IS NOT NULL AS refreshed;

-- All terms must match (stemmed: "heaters" finds "heater").
SELECT title FROM ai_memory.search(query => 'zebrafish heaters', namespace => 'srch/a');
-- Title hits (weight A) and repeated terms both count (tf saturates: see ranking.sql).
SELECT title FROM ai_memory.search(query => 'zebrafish', namespace => 'srch/a');
-- Exact namespace only; NULL namespace = all.
SELECT title FROM ai_memory.search(query => 'zebrafish heater') ORDER BY title;
-- Tier and tag filters; limit.
SELECT title FROM ai_memory.search(query => 'zebrafish', tier => 'short');
SELECT title FROM ai_memory.search(query => 'aquarium', tags => 'chores');
SELECT count(*) FROM ai_memory.search(query => 'zebrafish', "limit" => 1);
-- Tags are indexed (weight B).
SELECT title FROM ai_memory.search(query => 'chores');
-- search never touches.
SELECT sum(access_count) FROM ai_memory.memories WHERE namespace LIKE 'srch/%';

-- Hostile queries: quotes, operators, backslashes, tsquery syntax, emptiness.
SELECT q, (SELECT count(*) FROM ai_memory.search(query => q)) AS n FROM (VALUES
  ($$'heater'$$), ($$"heater"$$), ($$heater'); DROP TABLE x; --$$), ($$back\slash$$), ($$\$$), ($$\\'\'$$),
  ($$heater & | ! <-> :* :A$$), ($$(heater$$), ($$heater)$$), ($$AND OR NOT NEAR$$), ($$a|b$$),
  ($$!!!$$), ($$:*$$), ($$'$$), (E'heater\u200b'), ($$ζ heater$$)
) v(q);
SELECT outcome($$SELECT * FROM ai_memory.search(query => '')$$);
SELECT outcome($$SELECT * FROM ai_memory.search(query => '   ')$$);
SELECT outcome($$SELECT * FROM ai_memory.search(query => NULL)$$);
-- 10,000 terms: fine, and nothing matches all of them.
SELECT count(*) FROM ai_memory.search(query => (SELECT string_agg('w' || i, ' ') FROM generate_series(1, 10000) i));
SELECT count(*) FROM ai_memory.search(query => repeat('heater ', 10000));
-- Bad arguments.
SELECT outcome($$SELECT * FROM ai_memory.search(query => 'x', "limit" => 0)$$);
SELECT count(*) FROM ai_memory.search(query => 'zebrafish', "limit" => 100000);
SELECT outcome($$SELECT * FROM ai_memory.search(query => 'x', tier => 'huge')$$);
SELECT outcome($$SELECT * FROM ai_memory.search(query => 'x', namespace => 'a//b')$$);
SELECT outcome($$SELECT * FROM ai_memory.search(query => 'x', as_agent => 'has space')$$);

-- Visibility: as_agent sees only what visible_to() allows.
SELECT count(*) FROM (VALUES
  ('srch-v/team/alice', 'private', 'Okapi private note'),
  ('srch-v/team/bob', 'team', 'Okapi team note'),
  ('srch-v/team/bob', 'private', 'Okapi bob secret')
) AS v(ns, scope, title), LATERAL ai_memory.store(title => v.title, content => 'okapi', namespace => v.ns, scope => v.scope) s;
SELECT title FROM ai_memory.search(query => 'okapi', as_agent => 'srch-v/team/alice') ORDER BY title;
SELECT title FROM ai_memory.search(query => 'okapi') ORDER BY title;

-- The text-search configuration is a GUC; reindex_fts() rebuilds documents.
SELECT ai_memory.reindex_fts();
SET ai_memory.text_search_config = 'simple';
SELECT count(*) FROM ai_memory.search(query => 'heaters', namespace => 'srch/a');  -- simple: no stemming
SELECT ai_memory.reindex_fts() > 0 AS rebuilt;
SELECT count(*) FROM ai_memory.search(query => 'heater', namespace => 'srch/a');
RESET ai_memory.text_search_config;
SELECT ai_memory.reindex_fts() > 0 AS rebuilt_back;
SELECT count(*) FROM ai_memory.search(query => 'heaters', namespace => 'srch/a');
