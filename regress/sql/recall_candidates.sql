-- Recall's candidate scan in one C++ call (docs/ranking.md, "Speed"):
-- ai_memory._recall_candidates gives exactly the order and scores of
-- _keyword_rank per row, its semantic rows are the best by cosine among the
-- candidates, and a namespace above the exact-scan size draws hybrid
-- recall's semantic candidates from its keyword candidates (falling back to
-- the exact scan when no row shares a word with the context).
SET TimeZone = 'UTC';
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

-- 60 memories in one namespace, 20 in another, with varied words, tiers, priorities and ages.
INSERT INTO ai_memory.memories (id, namespace, title, content, tier, priority, access_count, confidence, updated_at, created_at)
SELECT 'rc-' || lpad(g::text, 3, '0'), CASE WHEN g <= 60 THEN 'rc' ELSE 'rc-other' END,
       'note ' || g || ' ' || (ARRAY['otter', 'heron', 'otter heron', 'lynx'])[1 + g % 4],
       'the ' || (ARRAY['river', 'otter', 'marsh heron', 'forest'])[1 + g % 4 ] || ' report ' || repeat('otter ', g % 3),
       (ARRAY['short', 'mid', 'long'])[1 + g % 3]::ai_memory.tier, 1 + g % 10, g % 7, (g % 5) / 4.0,
       timestamptz '2026-04-01' + g * interval '7 hours', timestamptz '2026-03-01' + g * interval '5 hours'
  FROM generate_series(1, 80) g;
SELECT ai_memory.refresh_term_stats() ->> 'documents' AS documents;
SELECT namespace, doc_count FROM ai_memory.namespace_stats ORDER BY namespace;

CREATE TEMP TABLE q AS
SELECT t.lexemes, t.idfs, t.avg_length, ai_memory._lexemes_tsquery(t.lexemes, '|') AS query
  FROM ai_memory._query_terms(ai_memory.fts_query('otter heron lynx', 'any')) t;

-- Keyword top: the same ids, order and scores (bit for bit) as ranking every row with _keyword_rank.
WITH c AS (SELECT r.ordinality, r.id, r.keyword_score
             FROM q, ai_memory._recall_candidates(ARRAY['rc'], NULL, NULL, NULL, NULL, '2026-05-01', q.query, q.lexemes,
                                                  q.idfs, q.avg_length, 12, 20000, NULL, 0, NULL) WITH ORDINALITY r
            WHERE NOT r.semantic),
     s AS (SELECT row_number() OVER (ORDER BY x.score DESC, x.id) AS ordinality, x.id, x.score
             FROM (SELECT m.id, ai_memory._keyword_rank(m.fts, q.lexemes, q.idfs, q.avg_length, m.priority,
                                                        m.access_count, m.confidence, m.tier, m.updated_at,
                                                        '2026-05-01') AS score
                     FROM ai_memory.memories m, q WHERE m.namespace = 'rc' AND m.fts @@ q.query) x
            ORDER BY x.score DESC, x.id LIMIT 12)
SELECT count(*) AS rows, count(*) FILTER (WHERE c.id = s.id AND c.keyword_score = s.score) AS identical
  FROM c FULL JOIN s USING (ordinality);

-- Global scope (no namespace) and the filters: the same as the per-row ranking.
WITH c AS (SELECT array_agg(r.id ORDER BY r.ordinality) AS ids
             FROM q, ai_memory._recall_candidates(NULL, NULL, '2026-03-02', '2026-03-15', NULL, '2026-05-01', q.query,
                                                  q.lexemes, q.idfs, q.avg_length, 5, 20000, NULL, 0, NULL)
                                                  WITH ORDINALITY r),
     s AS (SELECT array_agg(x.id ORDER BY x.score DESC, x.id) AS ids FROM (
             SELECT m.id, ai_memory._keyword_rank(m.fts, q.lexemes, q.idfs, q.avg_length, m.priority,
                                                  m.access_count, m.confidence, m.tier, m.updated_at,
                                                  '2026-05-01') AS score
               FROM ai_memory.memories m, q
              WHERE m.fts @@ q.query AND m.created_at BETWEEN '2026-03-02' AND '2026-03-15'
              ORDER BY 2 DESC, 1 LIMIT 5) x)
SELECT c.ids = s.ids AS same_ids, cardinality(c.ids) AS n FROM c, s;

-- Global recall without filters reads its candidates itself, prefetching
-- ahead (extension/pg/prefetched_bitmap_scan.cpp): the same rows and scores
-- as the per-row ranking of the live rows, through expiry, rows updated in
-- place, this transaction's own changes, lossy bitmap pages and a missing
-- index; each verdict says which way the candidates were read.
SET ai_memory.testing = on;
CREATE FUNCTION pg_temp.global_top(k integer) RETURNS TABLE (id text, score float8) LANGUAGE sql AS $$
  SELECT r.id, r.keyword_score
    FROM q, ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', q.query, q.lexemes, q.idfs,
                                         q.avg_length, k, 20000, NULL, 0, NULL) WITH ORDINALITY r
   ORDER BY r.ordinality
$$;
CREATE FUNCTION pg_temp.per_row_top(k integer) RETURNS TABLE (id text, score float8) LANGUAGE sql AS $$
  SELECT m.id, ai_memory._keyword_rank(m.fts, q.lexemes, q.idfs, q.avg_length, m.priority, m.access_count,
                                       m.confidence, m.tier, m.updated_at, '2026-05-01')
    FROM ai_memory.memories m, q
   WHERE m.fts @@ q.query AND (m.expires_at IS NULL OR m.expires_at > '2026-05-01')
   ORDER BY 2 DESC, 1 LIMIT k
$$;
CREATE FUNCTION pg_temp.same_global_top(k integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  scans_before bigint := ai_memory._test_direct_candidate_scans();
  verdict text;
BEGIN
  SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE a.id = b.id AND a.score = b.score) || ' identical'
    INTO verdict
    FROM pg_temp.global_top(k) WITH ORDINALITY a (id, score, n)
    FULL JOIN pg_temp.per_row_top(k) WITH ORDINALITY b (id, score, n) USING (n);
  RETURN verdict || CASE WHEN ai_memory._test_direct_candidate_scans() > scans_before THEN ', read directly'
                         ELSE ', by the statement' END;
END $$;
SELECT pg_temp.same_global_top(100) AS all_rows, pg_temp.same_global_top(7) AS top_7;
UPDATE ai_memory.memories SET expires_at = '2026-04-30' WHERE id IN ('rc-002', 'rc-003');
SELECT pg_temp.same_global_top(100) AS live_rows,
       (SELECT count(*) FROM pg_temp.global_top(100) WHERE id IN ('rc-002', 'rc-003')) AS expired_found;
-- Updated in place (a HOT update: no indexed column changes), found from
-- its index entry through the HOT chain, once, as the new version; then
-- updated the ordinary way (priority is indexed).
CREATE FUNCTION pg_temp.after_hot_update() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  hot_before bigint := pg_stat_get_xact_tuples_hot_updated('ai_memory.memories'::regclass);
BEGIN
  UPDATE ai_memory.memories SET access_count = access_count + 40 WHERE id = 'rc-010';
  RETURN (pg_stat_get_xact_tuples_hot_updated('ai_memory.memories'::regclass) - hot_before) || ' HOT update, '
         || pg_temp.same_global_top(100);
END $$;
SELECT pg_temp.after_hot_update() AS after_hot_update;
UPDATE ai_memory.memories SET priority = 10 WHERE id IN ('rc-010', 'rc-011');
SELECT pg_temp.same_global_top(100) AS after_updates,
       (SELECT count(*) FROM pg_temp.global_top(100)) = (SELECT count(DISTINCT id) FROM pg_temp.global_top(100))
         AS each_once;
-- A cap stops the scan part-way.
SELECT count(*) AS capped_global FROM q, ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01',
                                                                      q.query, q.lexemes, q.idfs, q.avg_length, 100, 3,
                                                                      NULL, 0, NULL);
-- This transaction's delete and insert are seen.
BEGIN;
DELETE FROM ai_memory.memories WHERE id = 'rc-004';
INSERT INTO ai_memory.memories (id, namespace, title, content) VALUES ('rc-new', 'rc', 'otter otter', 'otter heron');
SELECT pg_temp.same_global_top(100) AS own_changes,
       (SELECT array_agg(id ORDER BY id) FROM pg_temp.global_top(100) WHERE id IN ('rc-004', 'rc-new')) AS seen;
ROLLBACK;
-- Without memories_fts_idx the candidate statement does the work (a sequential scan).
BEGIN;
DROP INDEX ai_memory.memories_fts_idx;
SELECT pg_temp.same_global_top(100) AS without_index;
ROLLBACK;
-- A bitmap too big for work_mem keeps whole pages (lossy): every row of such
-- a page is checked against the query again. 4,000 more matching rows on
-- more pages than 64 kB of bitmap can list.
INSERT INTO ai_memory.memories (id, namespace, title, content)
SELECT 'lossy-' || lpad(g::text, 4, '0'), 'lossy', 'filler ' || g || CASE WHEN g % 2 = 0 THEN ' otter' ELSE '' END,
       'padding words for page number ' || g FROM generate_series(1, 4000) g;
CREATE FUNCTION pg_temp.lossy_pages() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) '
                      'SELECT count(*) FROM ai_memory.memories m, q WHERE m.fts @@ q.query' LOOP
    IF line LIKE '%lossy=%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SET work_mem = '64kB';
SELECT pg_temp.lossy_pages() AS lossy, pg_temp.same_global_top(3000) AS lossy_rows;
RESET work_mem;
SELECT pg_temp.lossy_pages() AS lossy, pg_temp.same_global_top(3000) AS exact_rows;
DELETE FROM ai_memory.memories WHERE namespace = 'lossy';
UPDATE ai_memory.memories SET expires_at = NULL WHERE id IN ('rc-002', 'rc-003');

-- The statement is checked as the caller: so is the direct read. Without
-- SELECT on memories nothing is read; under row-level security the
-- statement (which applies the policy) does the reading.
CREATE ROLE rc_reader;
GRANT USAGE ON SCHEMA ai_memory TO rc_reader;
SELECT ai_memory._test_direct_candidate_scans() AS scans_before \gset
SET ROLE rc_reader;
SELECT outcome($$SELECT count(*) FROM ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01',
                  'otter', '{otter}', '{1.0}', 5, 100, 20000, NULL, 0, NULL)$$) AS without_select;
RESET ROLE;
GRANT SELECT ON ai_memory.memories TO rc_reader;
ALTER TABLE ai_memory.memories ENABLE ROW LEVEL SECURITY;
CREATE POLICY rc_other_only ON ai_memory.memories FOR SELECT TO rc_reader USING (namespace = 'rc-other');
SET ROLE rc_reader;
SELECT count(*) AS rows_seen, count(*) FILTER (WHERE id > 'rc-060') AS in_rc_other
  FROM ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', 'otter | heron | lynx',
                                    '{otter,heron,lynx}', '{1.0,1.0,1.0}', 5, 100, 20000, NULL, 0, NULL);
RESET ROLE;
SELECT ai_memory._test_direct_candidate_scans() - :scans_before AS direct_scans_meanwhile;
DROP POLICY rc_other_only ON ai_memory.memories;
ALTER TABLE ai_memory.memories DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON ai_memory.memories FROM rc_reader;
REVOKE USAGE ON SCHEMA ai_memory FROM rc_reader;
DROP ROLE rc_reader;

-- With a query vector: keyword rows carry their cosine; semantic rows are the
-- best by cosine above the threshold among the candidates not in the keyword top.
CREATE TEMP TABLE v AS SELECT ai_memory.embed('otter river') AS vec;
WITH c AS (SELECT r.* FROM q, v, ai_memory._recall_candidates(ARRAY['rc'], NULL, NULL, NULL, NULL, '2026-05-01', q.query,
                                                              q.lexemes, q.idfs, q.avg_length, 5, 20000, v.vec, 8, 0.1) r)
SELECT (SELECT count(*) FROM c WHERE NOT semantic) AS keyword_rows,
       (SELECT bool_and(c.cosine = ai_memory.cosine(m.embedding, v.vec)) FROM c JOIN ai_memory.memories m USING (id), v)
         AS cosines_exact,
       (SELECT array_agg(id ORDER BY cosine DESC, id) FROM c WHERE semantic)
       = (SELECT array_agg(x.id ORDER BY x.cos DESC, x.id) FROM (
            SELECT m.id, ai_memory.cosine(m.embedding, v.vec) AS cos FROM ai_memory.memories m, q, v
             WHERE m.namespace = 'rc' AND m.fts @@ q.query AND ai_memory.cosine(m.embedding, v.vec) > 0.1
               AND m.id NOT IN (SELECT id FROM c WHERE NOT semantic)
             ORDER BY 2 DESC, 1 LIMIT 8) x) AS semantic_rows_exact;

-- Globally, with the embedder named: a vector of another model counts as none (cosine 0).
UPDATE ai_memory.memories SET embedding_model = 'other-model' WHERE id = 'rc-005';
WITH c AS (SELECT r.* FROM q, v, ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', q.query,
                                                              q.lexemes, q.idfs, q.avg_length, 100, 20000, v.vec, 0, 0.1,
                                                              'local-lexical-v1') r)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE c.id = 'rc-005' AND c.cosine = 0) AS other_model_zero,
       count(*) FILTER (WHERE c.id <> 'rc-005' AND c.cosine = ai_memory.cosine(m.embedding, v.vec)) AS cosines_exact
  FROM c JOIN ai_memory.memories m USING (id), v;
UPDATE ai_memory.memories SET embedding_model = 'local-lexical-v1' WHERE id = 'rc-005';

-- Bounds and bad input: a cap, nothing to return, mismatched arrays.
SELECT count(*) AS capped FROM q, ai_memory._recall_candidates(ARRAY['rc'], NULL, NULL, NULL, NULL, '2026-05-01', q.query,
                                                               q.lexemes, q.idfs, q.avg_length, 50, 3, NULL, 0, NULL);
SELECT count(*) AS no_query FROM q, ai_memory._recall_candidates(ARRAY['rc'], NULL, NULL, NULL, NULL, '2026-05-01', NULL,
                                                                 q.lexemes, q.idfs, q.avg_length, 50, 100, NULL, 0, NULL);
SELECT count(*) AS huge_k FROM q, ai_memory._recall_candidates(ARRAY['rc'], NULL, NULL, NULL, NULL, '2026-05-01', q.query,
                                                               q.lexemes, q.idfs, q.avg_length, 2147483647, 2147483647,
                                                               ai_memory.embed('otter'), 2147483647, -1);
SELECT count(*) AS zero_k FROM q, ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', q.query,
                                                               q.lexemes, q.idfs, q.avg_length, 0, 100, NULL, 0, NULL);
SELECT outcome($$SELECT * FROM ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', 'otter',
                                                            '{otter,heron}', '{1.0}', 5, 10, 100, NULL, 0, NULL)$$);
SELECT outcome($$SELECT * FROM ai_memory._recall_candidates(NULL, NULL, NULL, NULL, NULL, '2026-05-01', 'otter',
                                                            '{{otter}}', '{{1.0}}', 5, 10, 100, NULL, 0, NULL)$$);
SELECT count(*) AS sql_metacharacters FROM ai_memory._recall_candidates(ARRAY['rc''; DROP TABLE x; --'], 'a''b', NULL,
       NULL, 'x''y', '2026-05-01', 'otter', '{otter}', '{1.0}', 5, 10, 100, NULL, 0, NULL);

-- A namespace above 1,000 rows: hybrid recall draws its semantic candidates
-- from the keyword candidates, and still finds a memory by meaning alone when
-- no row shares a word with the context (the exact scan).
INSERT INTO ai_memory.memories (id, namespace, title, content)
SELECT 'big-' || lpad(g::text, 4, '0'), 'big', 'entry ' || g, 'plain filler text number ' || g FROM generate_series(1, 1200) g;
INSERT INTO ai_memory.memories (id, namespace, title, content) VALUES
  ('big-kingfisher', 'big', 'kingfishers', 'kingfishers nesting near the weir');
SELECT ai_memory.refresh_term_stats() IS NOT NULL AS refreshed;
SELECT doc_count FROM ai_memory.namespace_stats WHERE namespace = 'big';
SELECT id FROM ai_memory.recall('kingfisher nesting', namespace => 'big', mode => 'hybrid', "limit" => 1, touch => false);
SELECT id FROM ai_memory.recall('kingfisherz', namespace => 'big', mode => 'hybrid', "limit" => 1, touch => false);
-- Globally too (1,281 memories: above the exact-scan size, below 5,000).
SELECT doc_count FROM ai_memory.corpus_stats;
SELECT id FROM ai_memory.recall('kingfisherz', mode => 'hybrid', "limit" => 1, touch => false);
SELECT count(*) AS filler_found FROM ai_memory.recall('filler 77', namespace => 'big', mode => 'hybrid', touch => false);
-- The same results as the exact scan over these 1,201 rows, for a few contexts.
CREATE FUNCTION pg_temp.ids(ctx text) RETURNS text[] LANGUAGE sql AS $$
  SELECT array_agg(r.id ORDER BY r.ordinality)
    FROM ai_memory._recall(ctx, 'big', 10, NULL, NULL, NULL, NULL, NULL, NULL, 'hybrid', NULL, false) x,
         unnest(x.memories) WITH ORDINALITY r
$$;
CREATE TEMP TABLE bounded AS SELECT ctx, pg_temp.ids(ctx) AS ids FROM unnest(ARRAY['filler 77', 'entry 1001 text', 'number 12']) ctx;
UPDATE ai_memory.namespace_stats SET doc_count = 10 WHERE namespace = 'big';  -- pretend small: exact scan
SELECT b.ctx, b.ids = pg_temp.ids(b.ctx) AS same_as_exact FROM bounded b ORDER BY b.ctx;

SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SELECT ai_memory.refresh_term_stats() ->> 'documents' AS documents_left;
SELECT count(*) AS namespaces_left FROM ai_memory.namespace_stats;
