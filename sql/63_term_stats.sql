-- BM25 corpus statistics (docs/ranking.md): document frequency per lexeme,
-- document count and average weighted length, as of the last refresh. They
-- are refreshed by ai_memory.refresh_term_stats(), by the background worker
-- when due, and by search or recall themselves when there are none or the
-- number of memories has doubled or halved since.

CREATE TABLE ai_memory.term_stats (
  lexeme text COLLATE "C" PRIMARY KEY,
  df     bigint NOT NULL
);
COMMENT ON TABLE ai_memory.term_stats IS 'ai_memory: BM25 document frequency of each lexeme at the last refresh';

CREATE TABLE ai_memory.corpus_stats (
  singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  doc_count    bigint           NOT NULL,
  avg_length   double precision NOT NULL,
  config       text             NOT NULL,
  refreshed_at timestamptz      NOT NULL
);
COMMENT ON TABLE ai_memory.corpus_stats IS
  'ai_memory: BM25 document count and average weighted length at the last refresh (one row)';

-- Rows per namespace at the last refresh: hybrid recall scans every vector
-- of a scope only up to a size (docs/ranking.md, "Speed"), and this tells
-- the size without counting.
CREATE TABLE ai_memory.namespace_stats (
  namespace text   PRIMARY KEY,
  doc_count bigint NOT NULL
);
COMMENT ON TABLE ai_memory.namespace_stats IS 'ai_memory: memories per namespace at the last term statistics refresh';

CREATE FUNCTION ai_memory._fts_length(fts tsvector) RETURNS double precision
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_fts_length';
COMMENT ON FUNCTION ai_memory._fts_length(tsvector) IS
  'ai_memory internal: the weighted length of a document (title 3, tags 2, content 1 per occurrence)';

CREATE FUNCTION ai_memory.refresh_term_stats() RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  n bigint;
  avg_len double precision;
  terms bigint;
BEGIN
  -- One refresh at a time; readers keep the previous statistics until commit.
  PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('ai_memory.term_stats'));
  SELECT count(*), coalesce(avg(ai_memory._fts_length(m.fts)), 0) INTO n, avg_len
    FROM ai_memory.memories m WHERE m.fts IS NOT NULL;
  DELETE FROM ai_memory.term_stats;
  INSERT INTO ai_memory.term_stats (lexeme, df)
  SELECT s.word, s.ndoc FROM ts_stat('SELECT m.fts FROM ai_memory.memories m WHERE m.fts IS NOT NULL') s;
  GET DIAGNOSTICS terms = ROW_COUNT;
  DELETE FROM ai_memory.namespace_stats;
  INSERT INTO ai_memory.namespace_stats (namespace, doc_count)
  SELECT m.namespace, count(*) FROM ai_memory.memories m GROUP BY m.namespace;
  INSERT INTO ai_memory.corpus_stats AS c (singleton, doc_count, avg_length, config, refreshed_at)
  VALUES (true, n, avg_len, ai_memory._fts_config()::text, ai_memory.now())
  ON CONFLICT (singleton) DO UPDATE SET doc_count = excluded.doc_count, avg_length = excluded.avg_length,
    config = excluded.config, refreshed_at = excluded.refreshed_at;
  RETURN jsonb_build_object('documents', n, 'terms', terms, 'avg_length', round(avg_len::numeric, 3));
END $$;
COMMENT ON FUNCTION ai_memory.refresh_term_stats() IS
  'ai_memory: recomputes the BM25 term statistics (and the memories per namespace) from every memory; returns '
  '{documents, terms, avg_length}';

-- Whether the statistics are missing or far off: count-based, using the
-- planner's row estimate (free) rather than count(*).
CREATE FUNCTION ai_memory._term_stats_due(max_age_secs integer DEFAULT NULL, drift double precision DEFAULT 1.0)
  RETURNS boolean
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- PL/pgSQL rather than SQL so that the plan is kept across calls (search
  -- and recall call this every time; docs/ranking.md, "Speed").
  RETURN NOT EXISTS (SELECT FROM ai_memory.corpus_stats)
      OR EXISTS (SELECT FROM ai_memory.corpus_stats c, pg_class r
                  WHERE r.oid = 'ai_memory.memories'::regclass
                    AND (c.config <> ai_memory._fts_config()::text
                         OR (r.reltuples >= 0 AND abs(r.reltuples - c.doc_count) > drift * c.doc_count + 1000)
                         OR (max_age_secs IS NOT NULL
                             AND c.refreshed_at < ai_memory.now() - make_interval(secs => max_age_secs))));
END $$;
COMMENT ON FUNCTION ai_memory._term_stats_due(integer, double precision) IS
  'ai_memory internal: whether the term statistics are missing, of another configuration, older than '
  'max_age_secs, or off by more than drift × their document count (+1000)';

-- Called by search and recall: refreshes inline only when the statistics
-- are missing or the corpus doubled or halved, never in a read-only
-- transaction, and never waiting for another session's refresh.
CREATE FUNCTION ai_memory._term_stats_ensure() RETURNS void
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF ai_memory._term_stats_due(NULL, 1.0) AND current_setting('transaction_read_only') = 'off'
     AND pg_try_advisory_xact_lock(pg_catalog.hashtext('ai_memory.term_stats')) THEN
    PERFORM ai_memory.refresh_term_stats();
  END IF;
END $$;
COMMENT ON FUNCTION ai_memory._term_stats_ensure() IS
  'ai_memory internal: refreshes missing or far-off term statistics before a search or recall';

-- The worker's periodic call (extension/pg/worker.cpp).
CREATE FUNCTION ai_memory._refresh_term_stats_if_due(max_age_secs integer) RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF ai_memory._term_stats_due(max_age_secs, 0.2) THEN
    PERFORM ai_memory.refresh_term_stats();
    RETURN true;
  END IF;
  RETURN false;
END $$;
COMMENT ON FUNCTION ai_memory._refresh_term_stats_if_due(integer) IS
  'ai_memory internal: refreshes the term statistics when older than max_age_secs or off by a fifth';

CREATE FUNCTION ai_memory._bm25_idf(doc_count double precision, df double precision) RETURNS double precision
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_bm25_idf';
COMMENT ON FUNCTION ai_memory._bm25_idf(double precision, double precision) IS
  'ai_memory internal: BM25 idf = ln(1 + (N - df + 0.5) / (df + 0.5))';

CREATE FUNCTION ai_memory._tsquery_lexemes(query tsquery) RETURNS text[]
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_tsquery_lexemes';
COMMENT ON FUNCTION ai_memory._tsquery_lexemes(tsquery) IS
  'ai_memory internal: the distinct lexemes of a tsquery, in query order';

-- The query's lexemes, rarest first, with df (0 when unseen: rare) and idf.
CREATE FUNCTION ai_memory._query_terms(query tsquery,
  OUT lexemes text[], OUT dfs bigint[], OUT idfs double precision[], OUT doc_count bigint, OUT avg_length double precision)
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- PL/pgSQL rather than SQL so that the plan is kept across calls.
  WITH c AS (SELECT coalesce(max(cs.doc_count), 0) AS n, coalesce(max(cs.avg_length), 0) AS avgl
               FROM ai_memory.corpus_stats cs),
       t AS (SELECT l.lexeme, l.ord, coalesce(s.df, 0) AS df
               FROM unnest(ai_memory._tsquery_lexemes(query)) WITH ORDINALITY AS l(lexeme, ord)
               LEFT JOIN ai_memory.term_stats s ON s.lexeme = l.lexeme COLLATE "C")
  SELECT coalesce(array_agg(t.lexeme ORDER BY t.df, t.ord) FILTER (WHERE t.lexeme IS NOT NULL), '{}'),
         coalesce(array_agg(t.df ORDER BY t.df, t.ord) FILTER (WHERE t.lexeme IS NOT NULL), '{}'),
         coalesce(array_agg(ai_memory._bm25_idf(c.n, t.df) ORDER BY t.df, t.ord)
                    FILTER (WHERE t.lexeme IS NOT NULL), '{}'),
         max(c.n), max(c.avgl)
    INTO lexemes, dfs, idfs, doc_count, avg_length
    FROM c LEFT JOIN t ON true;
END $$;
COMMENT ON FUNCTION ai_memory._query_terms(tsquery) IS
  'ai_memory internal: a query''s lexemes rarest first with their df and BM25 idf, and the corpus size and mean length';

-- A tsquery of lexemes (already normalised) joined by op ('|' or '&').
CREATE FUNCTION ai_memory._lexemes_tsquery(lexemes text[], op text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN coalesce((SELECT string_agg('''' || replace(replace(l, '\', '\\'), '''', '''''') || '''', ' ' || op || ' ')
                     FROM unnest(lexemes) l), '')::tsquery;
COMMENT ON FUNCTION ai_memory._lexemes_tsquery(text[], text) IS
  'ai_memory internal: normalised lexemes as one tsquery, joined with | or &';
