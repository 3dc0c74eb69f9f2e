-- The scoring functions themselves (docs/ranking.md) and the BM25 term
-- statistics: every factor of the keyword score, the proximity boost, the
-- hybrid blend and decay, and what stale statistics do.
SET TimeZone = 'UTC';
-- Independent of earlier suites: corpus statistics cover the whole table.
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

SELECT label, ai_memory.keyword_score(rel, prio, acc, conf, tier, upd, '2026-05-01 00:00:00+00') AS score FROM (VALUES
  ('base mid',         0.0, 5, 0::bigint,    1.0, 'mid',   timestamptz '2026-05-01 00:00:00+00'),
  ('relevance 3.25',   3.25, 5, 0,           1.0, 'mid',   '2026-05-01 00:00:00+00'),
  ('priority 9',       0.0, 9, 0,            1.0, 'mid',   '2026-05-01 00:00:00+00'),
  ('access 7',         0.0, 5, 7,            1.0, 'mid',   '2026-05-01 00:00:00+00'),
  ('access capped 50', 0.0, 5, 1000000,      1.0, 'mid',   '2026-05-01 00:00:00+00'),
  ('confidence 0.25',  0.0, 5, 0,            0.25, 'mid',  '2026-05-01 00:00:00+00'),
  ('long',             0.0, 5, 0,            1.0, 'long',  '2026-05-01 00:00:00+00'),
  ('short',            0.0, 5, 0,            1.0, 'short', '2026-05-01 00:00:00+00'),
  ('no tier (search)', 0.0, 5, 0,            1.0, NULL,    '2026-05-01 00:00:00+00'),
  ('10 days old',      0.0, 5, 0,            1.0, 'mid',   '2026-04-21 00:00:00+00'),
  ('in the future',    0.0, 5, 0,            1.0, 'mid',   '2026-05-11 00:00:00+00')
) v(label, rel, prio, acc, conf, tier, upd);
SELECT ai_memory.keyword_score(0, 5, 0, 1, 'mid', '2026-04-21 00:00:00+00') AS at_defaults_to_now;
SELECT outcome($$SELECT ai_memory.keyword_score(0, 5, 0, 1, 'huge', NULL)$$);

SELECT d, ai_memory.proximity_boost(q, m) FROM (VALUES
  (0, 'a/b/c', 'a/b/c'), (1, 'a/b/c', 'a/b'), (2, 'a/b/c', 'a'), (-1, 'a', 'a/b')) v(d, q, m);

SELECT label, round(ai_memory.hybrid_score(cos, fts, len, tier, created, '2026-05-01 00:00:00+00')::numeric, 6) FROM (VALUES
  ('short text, today',      0.8, 0.4, 100::bigint, 'mid', timestamptz '2026-05-01 00:00:00+00'),
  ('2750 bytes',             1.0, 0.0, 2750, 'mid',  '2026-05-01 00:00:00+00'),
  ('5000+ bytes',            1.0, 0.0, 9000, 'mid',  '2026-05-01 00:00:00+00'),
  ('short, one half-life',   1.0, 1.0, 10, 'short',  '2026-04-24 00:00:00+00'),
  ('mid, two half-lives',    1.0, 1.0, 10, 'mid',    '2026-03-02 00:00:00+00'),
  ('long, one half-life',    1.0, 1.0, 10, 'long',   '2025-05-01 00:00:00+00'),
  ('created in the future',  1.0, 1.0, 10, 'short',  '2026-06-01 00:00:00+00')
) v(label, cos, fts, len, tier, created);
SET ai_memory.half_life_days_short = 14;
SELECT round(ai_memory.hybrid_score(1, 1, 10, 'short', '2026-04-24 00:00:00+00')::numeric, 6) AS short_half_life_14;
SET ai_memory.legacy_scoring = on;
SELECT ai_memory.hybrid_score(1, 1, 10, 'short', '2020-01-01 00:00:00+00') AS legacy_no_decay;
RESET ai_memory.legacy_scoring;
RESET ai_memory.half_life_days_short;

SELECT ai_memory._budget_keep('{10,20,5}', 35) AS all3, ai_memory._budget_keep('{10,30,1}', 35) AS stops_at_2nd,
       ai_memory._budget_keep('{10}', NULL) AS no_budget;

-- BM25 from the weighted tsvector: title (A) > tags (B) > content (C).
SELECT label, round(ai_memory._bm25(ai_memory._fts_weighted(t, g, c), '{gnu}', '{1.0}', 10)::numeric, 4) AS bm25,
       ai_memory._fts_length(ai_memory._fts_weighted(t, g, c)) AS weighted_length
  FROM (VALUES ('title', 'gnu', '{}'::text[], 'x y z'), ('tag', 'x', '{gnu}', 'y z'), ('content', 'x', '{}', 'y gnu z'),
               ('content twice', 'x', '{}', 'gnu gnu z'), ('absent', 'x', '{}', 'y z')) v(label, t, g, c);
SELECT ai_memory._tsquery_lexemes(ai_memory.fts_query('Running runners ran; run!', 'any'));
SELECT round(ai_memory._bm25_idf(1000, 0)::numeric, 4) AS unseen, round(ai_memory._bm25_idf(1000, 999)::numeric, 4) AS common;

-- Term statistics: refreshed on demand; stale ones still rank, unseen terms count as rare.
SELECT count(*) FROM ai_memory.store(title => 'Quokka stats probe', content => 'quokka', namespace => 'rank-s');
SELECT ai_memory.refresh_term_stats() IS NOT NULL AS refreshed;
SELECT df FROM ai_memory.term_stats WHERE lexeme = 'quokka';
SELECT doc_count = (SELECT count(*) FROM ai_memory.memories) AS doc_count_matches, refreshed_at FROM ai_memory.corpus_stats;
SELECT count(*) FROM ai_memory.store(title => 'Wombat after refresh', content => 'wombat quokka', namespace => 'rank-s');
SELECT lexeme FROM ai_memory.term_stats WHERE lexeme = 'wombat';  -- not yet counted
SELECT title FROM ai_memory.search(query => 'wombat');            -- still found
SELECT lexemes, dfs FROM ai_memory._query_terms(ai_memory.fts_query('quokka wombat', 'any'));
SELECT ai_memory._term_stats_due(NULL, 1.0) AS due_on_count, ai_memory._term_stats_due(60, 0.2) AS due_when_old;
SET ai_memory.now_override = '2026-05-01 00:02:00+00';
SELECT ai_memory._term_stats_due(60, 0.2) AS due_after_two_minutes;
SELECT ai_memory._refresh_term_stats_if_due(60) AS refreshed_by_worker_call;
SELECT lexemes, dfs FROM ai_memory._query_terms(ai_memory.fts_query('quokka wombat', 'any'));
