-- Recall can be cancelled while it works (docs/ranking.md, "Cancellation"):
-- statement_timeout stops a hybrid recall inside the C++ semantic scan
-- (extension/pg/semantic.cpp polls for the cancel at every row) with SQLSTATE
-- 57014 within the timeout plus a small margin, and the same backend then
-- recalls normally. The rows are made here and dropped at the end.
SET client_min_messages = warning;
-- 20,000 rows in one namespace with 4,000-dimension vectors (compressible, so
-- stored inline): a full semantic scan of them takes well over 50 ms.
SET ai_memory.local_embeddings = off;
INSERT INTO ai_memory.memories (id, namespace, title, content, embedding, embedding_model)
SELECT 'cancel-' || lpad(g::text, 5, '0'), 'cancel/bulk', 'bulk ' || g, 'alpha note', array_fill(0.01::real, ARRAY[4000]), 'test'
  FROM generate_series(1, 20000) g;
RESET ai_memory.local_embeddings;
ANALYZE ai_memory.memories;
SELECT (ai_memory.refresh_term_stats() ->> 'documents')::bigint >= 20000 AS stats_fresh;

-- A recall whose words match nothing: all its time is the semantic scan.
CREATE FUNCTION pg_temp.slow_recall() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM ai_memory.recall('zebra', namespace => 'cancel/bulk', mode => 'hybrid', touch => false,
                                        query_embedding => array_fill(0.02::real, ARRAY[4000]))
$$;

-- Cancelled by the timeout, and promptly: elapsed below timeout + 500 ms.
CREATE FUNCTION pg_temp.cancel_probe() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  PERFORM pg_temp.slow_recall();
  RETURN 'finished before the timeout';
EXCEPTION WHEN query_canceled THEN
  RETURN 'cancelled with SQLSTATE ' || SQLSTATE
      || CASE WHEN clock_timestamp() - started < interval '550 ms' THEN ' within the timeout plus 500 ms'
              ELSE ' after ' || (clock_timestamp() - started) END;
END $$;
SET statement_timeout = '50ms';
SELECT pg_temp.cancel_probe();
-- The same, as a client sees it.
\set VERBOSITY sqlstate
SELECT pg_temp.slow_recall();
\set VERBOSITY default
RESET statement_timeout;

-- The backend is fine: the same recall completes, and took longer than the timeout.
CREATE FUNCTION pg_temp.full_run() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
  n bigint := pg_temp.slow_recall();
BEGIN
  RETURN n || ' memories, ' || CASE WHEN clock_timestamp() - started > interval '50 ms' THEN 'slower than the timeout'
                                    ELSE 'faster than the timeout: the test proves nothing' END;
END $$;
SELECT pg_temp.full_run();
SELECT count(*) FROM ai_memory.recall('alpha', namespace => 'cancel/bulk', mode => 'keyword', touch => false);

-- Above 1,000 rows a namespace's semantic candidates come from its keyword
-- candidates (docs/ranking.md, "Speed"): every row matches 'alpha', so all the
-- time is the C++ candidate scan (extension/pg/recall_candidates.cpp), which
-- polls for the cancel at every row too. Globally (ns NULL) the candidates
-- are read by the prefetching bitmap scan, which polls at every page.
CREATE FUNCTION pg_temp.slow_candidates(ns text) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM ai_memory.recall('alpha', namespace => ns, mode => 'hybrid', touch => false,
                                        query_embedding => array_fill(0.02::real, ARRAY[4000]))
$$;
CREATE FUNCTION pg_temp.cancel_candidates_probe(ns text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  PERFORM pg_temp.slow_candidates(ns);
  RETURN 'finished before the timeout';
EXCEPTION WHEN query_canceled THEN
  RETURN 'cancelled with SQLSTATE ' || SQLSTATE
      || CASE WHEN clock_timestamp() - started < interval '550 ms' THEN ' within the timeout plus 500 ms'
              ELSE ' after ' || (clock_timestamp() - started) END;
END $$;
SET statement_timeout = '50ms';
SELECT pg_temp.cancel_candidates_probe('cancel/bulk') AS namespace_scan;
SELECT pg_temp.cancel_candidates_probe(NULL) AS global_scan;
RESET statement_timeout;
CREATE FUNCTION pg_temp.full_candidates_run(ns text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
  n bigint := pg_temp.slow_candidates(ns);
BEGIN
  RETURN n || ' memories, ' || CASE WHEN clock_timestamp() - started > interval '50 ms' THEN 'slower than the timeout'
                                    ELSE 'faster than the timeout: the test proves nothing' END;
END $$;
SELECT pg_temp.full_candidates_run('cancel/bulk') AS namespace_scan;
SELECT pg_temp.full_candidates_run(NULL) AS global_scan;

DELETE FROM ai_memory.memories WHERE namespace = 'cancel/bulk';
SELECT ai_memory.refresh_term_stats() ->> 'documents' AS documents_left;
