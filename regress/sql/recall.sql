-- ai_memory.recall() in keyword mode: any term, the §3.2 score with BM25,
-- hierarchy with the proximity boost, filters, visibility, the token budget,
-- and touch of the survivors only.
SET TimeZone = 'UTC';
-- Independent of earlier suites: corpus statistics cover the whole table.
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

SELECT count(*) FROM (VALUES
  ('rcl/p', 'Narwhal tusk facts', 'narwhal tusks are teeth', 5, 'mid', 1.0),
  ('rcl/p', 'Walrus facts', 'walrus tusks are long teeth too', 5, 'mid', 1.0),
  ('rcl/p', 'Beluga song', 'beluga whales sing', 5, 'mid', 1.0),
  ('rcl/p/q', 'Narwhal deep note', 'a narwhal in the deep namespace', 5, 'mid', 1.0),
  ('rcl', 'Narwhal root note', 'a narwhal at the root namespace', 5, 'mid', 1.0),
  ('rcl/other', 'Narwhal sibling note', 'a narwhal in a sibling namespace', 5, 'mid', 1.0)
) AS v(ns, title, content, priority, tier, confidence),
LATERAL ai_memory.store(title => v.title, content => v.content, namespace => v.ns, priority => v.priority,
                        tier => v.tier, confidence => v.confidence) s;
SELECT ai_memory.refresh_term_stats() ->> 'documents' IS NOT NULL AS refreshed;

-- Any term matches; the memory with both terms ranks first.
SELECT title FROM ai_memory.recall(context => 'narwhal tusks', namespace => 'rcl/p', mode => 'keyword', touch => false);
-- Hierarchy: rcl/p/q sees itself and its ancestors rcl/p and rcl, never siblings
-- or descendants; the proximity boost 1/(1+0.3 d) orders equal matches.
SELECT title, round((score / first_value(score) OVER (ORDER BY score DESC))::numeric, 4) AS relative
  FROM ai_memory.recall(context => 'narwhal note', namespace => 'rcl/p/q', mode => 'keyword', touch => false);
-- Flat namespace: exact.
SELECT title FROM ai_memory.recall(context => 'narwhal', namespace => 'rcl', mode => 'keyword', touch => false);

-- Every factor of the score, on two otherwise equal memories: the difference
-- is exactly the factor's term, since BM25 is the same for both.
CREATE FUNCTION pg_temp.pair(label text, a_tier text DEFAULT 'mid', a_priority int DEFAULT 5,
                             a_confidence float8 DEFAULT 1, b_tier text DEFAULT 'mid', b_priority int DEFAULT 5,
                             b_confidence float8 DEFAULT 1) RETURNS void LANGUAGE sql AS $$
  SELECT ai_memory.store(title => 'Capybara ' || label || ' one', content => 'capybara', namespace => 'rcl-f/' || label,
                         tier => a_tier, priority => a_priority, confidence => a_confidence);
  SELECT ai_memory.store(title => 'Capybara ' || label || ' two', content => 'capybara', namespace => 'rcl-f/' || label,
                         tier => b_tier, priority => b_priority, confidence => b_confidence);
$$;
SELECT pg_temp.pair('prio', a_priority => 9);
SELECT pg_temp.pair('conf', a_confidence => 0.5);
SELECT pg_temp.pair('tier', a_tier => 'long', b_tier => 'short');
SELECT pg_temp.pair('access');
SELECT pg_temp.pair('recency');
UPDATE ai_memory.memories SET access_count = 7 WHERE title = 'Capybara access one';
UPDATE ai_memory.memories SET updated_at = '2026-04-21 00:00:00+00' WHERE title = 'Capybara recency two';
CREATE FUNCTION pg_temp.diff(label text) RETURNS TABLE(first text, diff numeric) LANGUAGE sql AS $$
  SELECT (array_agg(title ORDER BY score DESC))[1], round((max(score) - min(score))::numeric, 6)
    FROM ai_memory.recall(context => 'capybara', namespace => 'rcl-f/' || label, mode => 'keyword', touch => false);
$$;
SELECT 'priority 9 vs 5' AS factor, * FROM pg_temp.diff('prio')       -- 0.5 × 4 = 2
UNION ALL SELECT 'confidence 1 vs 0.5', * FROM pg_temp.diff('conf')   -- 2 × 0.5 = 1
UNION ALL SELECT 'long vs short', * FROM pg_temp.diff('tier')         -- 3 - 0 = 3
UNION ALL SELECT 'access 7 vs 0', * FROM pg_temp.diff('access')       -- 0.1 × 7 = 0.7
UNION ALL SELECT 'updated today vs 10 days', * FROM pg_temp.diff('recency');  -- 1 - 1/2 = 0.5
-- Relevance: BM25 is positive and larger for more matching terms.
SELECT title, score > 9.5 AS has_relevance
  FROM ai_memory.recall(context => 'beluga whales', namespace => 'rcl/p', mode => 'keyword', touch => false);

-- Token budget (§3.5): stop at the first memory that does not fit.
SELECT count(*) FROM (VALUES
  ('Tapir one', repeat('tapir ', 10)),    -- (9 + 60) / 4 = 17 tokens
  ('Tapir two', repeat('tapir ', 20)),    -- (9 + 120) / 4 = 32
  ('Tapir three', repeat('tapir ', 2))    -- (11 + 12) / 4 = 5
) AS v(title, content), LATERAL ai_memory.store(title => v.title, content => v.content, namespace => 'rcl-b') s;
SELECT title, (octet_length(title) + octet_length(content)) / 4 AS tokens
  FROM ai_memory.recall(context => 'tapir', namespace => 'rcl-b', mode => 'keyword', touch => false);
SELECT title FROM ai_memory.recall(context => 'tapir', namespace => 'rcl-b', mode => 'keyword', budget_tokens => 40);
-- Touch after the cut: only the survivor was touched.
SELECT title, access_count, last_accessed_at FROM ai_memory.memories WHERE namespace = 'rcl-b' ORDER BY title;
SELECT ai_memory.recall_json(context => 'tapir', namespace => 'rcl-b', mode => 'keyword', budget_tokens => 0)
       - 'memories' AS budget_zero;
SELECT j - 'memories' AS meta, jsonb_path_query_array(j, '$.memories[*].title') AS titles,
       jsonb_path_query_array(j, '$.memories[*].access_count') AS access_before_touch
  FROM ai_memory.recall_json(context => 'tapir', namespace => 'rcl-b', mode => 'keyword', budget_tokens => 60) j;
SELECT title, access_count FROM ai_memory.memories WHERE namespace = 'rcl-b' ORDER BY title;
-- Five recalls promote a mid memory to long (touch's rule, §2.2).
SELECT count(*) FROM generate_series(1, 3) i,
  LATERAL ai_memory.recall(context => 'tapir', namespace => 'rcl-b', mode => 'keyword', "limit" => 1 + 0 * i) r;
SELECT title, tier, access_count FROM ai_memory.memories WHERE namespace = 'rcl-b' ORDER BY title;

-- Filters: tag, since/until on created_at, expired rows, visibility.
SELECT count(*) FROM (VALUES
  ('Ibex tagged', '{alps}', 'rcl-v/team/a', 'collective'),
  ('Ibex untagged', '{}', 'rcl-v/team/a', 'private'),
  ('Ibex team', '{}', 'rcl-v/team/b', 'team')
) AS v(title, tags, ns, scope),
LATERAL ai_memory.store(title => v.title, content => 'ibex', tags => v.tags::text[], namespace => v.ns, scope => v.scope) s;
SELECT title FROM ai_memory.recall(context => 'ibex', tags => 'alps', touch => false);
SELECT title FROM ai_memory.recall(context => 'ibex', as_agent => 'rcl-v/team/b', touch => false, mode => 'keyword') ORDER BY 1;
SELECT count(*) FROM ai_memory.recall(context => 'ibex', since => '2026-05-01 00:00:01+00', touch => false);
SELECT count(*) FROM ai_memory.recall(context => 'ibex', until => '2026-05-01 00:00:00+00', touch => false);
SET ai_memory.now_override = '2026-06-01 00:00:00+00';  -- mid memories have expired
SELECT count(*) FROM ai_memory.recall(context => 'ibex', touch => false);
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

-- Modes and arguments.
SELECT ai_memory.recall_json(context => 'ibex', namespace => 'rcl-v/team/a', touch => false) ->> 'mode' AS default_mode;
SET ai_memory.local_embeddings = off;
SELECT ai_memory.recall_json(context => 'ibex', namespace => 'rcl-v/team/a', touch => false) ->> 'mode' AS without_local;
RESET ai_memory.local_embeddings;
SELECT count(*) FROM ai_memory.recall(context => $$'" \ & | ! :* ( ) AND OR NOT -$$, touch => false);
SELECT count(*) FROM ai_memory.recall(context => (SELECT string_agg('w' || i, ' ') FROM generate_series(1, 10000) i),
                                      mode => 'keyword', touch => false);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => '')$$);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', mode => 'semantic')$$);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', budget_tokens => -1)$$);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', "limit" => 0)$$);
SELECT count(*) FROM ai_memory.recall(context => 'narwhal', "limit" => 500, touch => false) ;
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', as_agent => '')$$);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', tags => '')$$);
