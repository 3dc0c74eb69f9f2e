-- Search (every term) and recall (any term, keyword or hybrid), ranked as
-- docs/ranking.md says: BM25 from the weighted tsvector and the corpus
-- statistics, inside the score of reference §3.2; hybrid recall per §3.4.

CREATE FUNCTION ai_memory._bm25(fts tsvector, lexemes text[], idf double precision[], avg_length double precision)
  RETURNS double precision
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_bm25';
COMMENT ON FUNCTION ai_memory._bm25(tsvector, text[], double precision[], double precision) IS
  'ai_memory internal: BM25F relevance of a document for lexemes with their idf (k1 1.2, b 0.75; title 3, tags 2, content 1)';

-- keyword_score(_bm25(...), ..., tier::text, ...) in one call per row, the
-- query's lexemes and idf parsed once per statement (docs/ranking.md, "Speed").
CREATE FUNCTION ai_memory._keyword_rank(
  fts tsvector, lexemes text[], idf double precision[], avg_length double precision,
  priority integer, access_count bigint, confidence double precision, tier ai_memory.tier,
  updated_at timestamptz, at timestamptz) RETURNS double precision
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_keyword_rank';
COMMENT ON FUNCTION ai_memory._keyword_rank(tsvector, text[], double precision[], double precision, integer, bigint,
                                            double precision, ai_memory.tier, timestamptz, timestamptz) IS
  'ai_memory internal: keyword_score(_bm25(fts, lexemes, idf, avg_length), ...) in one call (NULL tier: no boost)';

CREATE FUNCTION ai_memory.keyword_score(
  relevance double precision, priority integer, access_count bigint, confidence double precision,
  tier text, updated_at timestamptz, at timestamptz DEFAULT NULL) RETURNS double precision
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_keyword_score';
COMMENT ON FUNCTION ai_memory.keyword_score(double precision, integer, bigint, double precision, text, timestamptz, timestamptz) IS
  'ai_memory: relevance + 0.5 priority + 0.1 min(access_count, 50) + 2 confidence + tier boost (long 3, mid 1, '
  'short 0; none for a NULL tier) + 1 / (1 + 0.1 days since updated_at) at time at (NULL: ai_memory.now())';

CREATE FUNCTION ai_memory.proximity_boost(query_namespace text, memory_namespace text) RETURNS double precision
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_proximity_boost';
COMMENT ON FUNCTION ai_memory.proximity_boost(text, text) IS
  'ai_memory: 1 / (1 + 0.3 max(0, depth(query_namespace) - depth(memory_namespace)))';

CREATE FUNCTION ai_memory.hybrid_score(
  cosine double precision, norm_fts double precision, content_bytes bigint, tier text,
  created_at timestamptz, at timestamptz DEFAULT NULL) RETURNS double precision
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_hybrid_score';
COMMENT ON FUNCTION ai_memory.hybrid_score(double precision, double precision, bigint, text, timestamptz, timestamptz) IS
  'ai_memory: (w cosine + (1 - w) norm_fts) × exp(-ln2 age_days / half_life[tier]); w from the content length '
  '(0.50 up to 500 bytes, 0.15 from 5000); no decay with ai_memory.legacy_scoring';

CREATE FUNCTION ai_memory._budget_keep(tokens bigint[], budget bigint) RETURNS integer
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_budget_keep';
COMMENT ON FUNCTION ai_memory._budget_keep(bigint[], bigint) IS
  'ai_memory internal: how many leading memories fit in budget tokens (reference §3.5: stop at the first that does not)';

CREATE FUNCTION ai_memory._blend_query_vectors(primary_vector real[], context_vector real[]) RETURNS real[]
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_blend_query_vectors';
COMMENT ON FUNCTION ai_memory._blend_query_vectors(real[], real[]) IS
  'ai_memory internal: 0.7 primary + 0.3 context, elementwise (the primary on a length mismatch)';

-- Hybrid recall's semantic candidates in one C++ loop over the stored vectors
-- (extension/pg/semantic.cpp): the k best rows by cosine above min_cosine
-- among the filtered rows (namespaces NULL: every row) whose vector comes
-- from the embedder `model` (NULL: any), best first, ties by id. Polls for
-- cancellation at every row.
CREATE FUNCTION ai_memory._semantic_top(namespaces text[], tag text, since timestamptz, until timestamptz,
                                        as_agent text, at timestamptz, query real[], k integer,
                                        min_cosine double precision, model text DEFAULT NULL)
  RETURNS TABLE (id text, cosine double precision)
  LANGUAGE c STABLE ROWS 50
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_semantic_top';
COMMENT ON FUNCTION ai_memory._semantic_top(text[], text, timestamptz, timestamptz, text, timestamptz, real[], integer, double precision, text) IS
  'ai_memory internal: the k rows of the recall filter with the highest cosine to query above min_cosine';

-- Recall's candidates scored in one C++ call (extension/pg/recall_candidates.cpp):
-- of at most cap rows matching query and the filter, the keyword_k best by
-- keyword score (semantic false), then, with a query vector and semantic_k
-- > 0, the semantic_k best by cosine above min_cosine not among them
-- (semantic true; keyword_score 0). Each list best first, ties by id.
CREATE FUNCTION ai_memory._recall_candidates(
  namespaces text[], tag text, since timestamptz, until timestamptz, as_agent text, at timestamptz,
  query tsquery, lexemes text[], idf double precision[], avg_length double precision,
  keyword_k integer, cap integer, query_vector real[], semantic_k integer, min_cosine double precision,
  model text DEFAULT NULL)
  RETURNS TABLE (id text, keyword_score double precision, cosine double precision, semantic boolean)
  LANGUAGE c STABLE ROWS 50
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_recall_candidates';
COMMENT ON FUNCTION ai_memory._recall_candidates(text[], text, timestamptz, timestamptz, text, timestamptz, tsquery,
                                                 text[], double precision[], double precision, integer, integer,
                                                 real[], integer, double precision, text) IS
  'ai_memory internal: recall''s keyword candidates, scored in one pass, and their best by cosine';

-- A memory with its score: what search and recall return.
CREATE TYPE ai_memory.scored_memory AS (
  id text, tier ai_memory.tier, namespace text, title text, content text, tags text[], priority integer,
  confidence double precision, source text, access_count bigint, created_at timestamptz, updated_at timestamptz,
  last_accessed_at timestamptz, expires_at timestamptz, metadata jsonb, score double precision);
COMMENT ON TYPE ai_memory.scored_memory IS 'ai_memory: the 15 fields of a memory and its search or recall score';

CREATE FUNCTION ai_memory._check_as_agent(as_agent text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF as_agent IS NULL THEN RETURN NULL; END IF;
  RETURN ai_memory._check_namespace(as_agent);
EXCEPTION WHEN SQLSTATE 'MA100' THEN
  RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'invalid as_agent: ' || SQLERRM;
END $$;
COMMENT ON FUNCTION ai_memory._check_as_agent(text) IS 'ai_memory internal: an as_agent argument (MA100 invalid as_agent: ...)';

-- The WHERE fragment shared by search and recall; $1.. are fixed slots:
-- $1 now, $2 namespaces, $3 tag, $4 since, $5 until, $6 as_agent, $7 tier, $8 agent_id.
CREATE FUNCTION ai_memory._filter_sql(namespaces text[], tag text, since timestamptz, until timestamptz,
                                      as_agent text, tier text, agent_id text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN ' (m.expires_at IS NULL OR m.expires_at > $1)'
      || CASE WHEN namespaces IS NULL THEN ''
              WHEN cardinality(namespaces) = 1 THEN ' AND m.namespace = ($2)[1]'
              ELSE ' AND m.namespace = ANY ($2)' END
      || CASE WHEN tag IS NULL THEN '' ELSE ' AND m.tags @> ARRAY[$3]' END
      || CASE WHEN since IS NULL THEN '' ELSE ' AND m.created_at >= $4' END
      || CASE WHEN until IS NULL THEN '' ELSE ' AND m.created_at <= $5' END
      || CASE WHEN as_agent IS NULL THEN ''
              ELSE ' AND ai_memory.visible_to(m.namespace, m.metadata ->> ''scope'', $6)' END
      || CASE WHEN tier IS NULL THEN '' ELSE ' AND m.tier = $7::ai_memory.tier' END
      || CASE WHEN agent_id IS NULL THEN '' ELSE ' AND m.metadata ->> ''agent_id'' = $8' END;
COMMENT ON FUNCTION ai_memory._filter_sql(text[], text, timestamptz, timestamptz, text, text, text) IS
  'ai_memory internal: the filter of search and recall for the arguments present (values stay bound)';

CREATE FUNCTION ai_memory.search(
  query     text,
  namespace text        DEFAULT NULL,
  tier      text        DEFAULT NULL,
  "limit"   integer     DEFAULT 20,
  agent_id  text        DEFAULT NULL,
  as_agent  text        DEFAULT NULL,
  tags      text        DEFAULT NULL,
  since     timestamptz DEFAULT NULL,
  until     timestamptz DEFAULT NULL
) RETURNS SETOF ai_memory.scored_memory
  LANGUAGE plpgsql VOLATILE ROWS 20
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  lim     integer := ai_memory._check_limit($4, 20, 200);
  ns      text := CASE WHEN $2 IS NOT NULL THEN ai_memory._check_namespace($2) END;
  tr      text := CASE WHEN $3 IS NOT NULL THEN ai_memory._check_tier($3) END;
  agent   text := CASE WHEN $5 IS NOT NULL THEN ai_memory._check_agent_id($5) END;
  viewer  text := ai_memory._check_as_agent($6);
  tag     text := CASE WHEN $7 IS NOT NULL THEN (ai_memory._check_tags(ARRAY[$7]))[1] END;
  now_at  timestamptz := ai_memory.now();
  q       tsquery;
  terms   record;
BEGIN
  IF $1 IS NULL OR btrim($1) = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'query is required';
  END IF;
  q := ai_memory.fts_query($1, 'all');
  IF numnode(q) = 0 THEN RETURN; END IF;  -- nothing searchable left: matches nothing
  PERFORM ai_memory._term_stats_ensure();
  SELECT * INTO terms FROM ai_memory._query_terms(q);
  RETURN QUERY EXECUTE
    'SELECT m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,'
    '       m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata,'
    '       ai_memory._keyword_rank(m.fts, $9, $10, $11, m.priority, m.access_count,'
    '                               m.confidence, NULL, m.updated_at, $1) AS score'
    '  FROM ai_memory.memories m WHERE m.fts @@ $12 AND'
    || ai_memory._filter_sql(CASE WHEN ns IS NOT NULL THEN ARRAY[ns] END, tag, $8, $9, viewer, tr, agent)
    || ' ORDER BY score DESC, m.id LIMIT $13'
    USING now_at, ARRAY[ns], tag, $8, $9, viewer, tr, agent,
          terms.lexemes, terms.idfs, terms.avg_length, q, lim;
END $$;
COMMENT ON FUNCTION ai_memory.search(text, text, text, integer, text, text, text, timestamptz, timestamptz) IS
  'ai_memory: live memories containing every term of query (sanitised, reference §3.1), best first by BM25 and '
  'the §3.2 score without tier boost; no touch. See docs/sql/search-and-recall.md';

-- Recall's whole pipeline (docs/ranking.md): candidates, score, proximity,
-- budget, touch. recall() and recall_json() present its result.
CREATE FUNCTION ai_memory._recall(
  context text, namespace text, "limit" integer, tags text, since timestamptz, until timestamptz,
  as_agent text, budget_tokens integer, context_tokens text[], mode text, query_embedding real[], touch boolean,
  query_model text DEFAULT NULL, OUT memories ai_memory.scored_memory[], OUT used_mode text, OUT tokens_used bigint)
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- Candidate pruning (docs/ranking.md, "Speed"): the OR query keeps the
  -- rarest terms whose document frequencies add up to this many rows.
  df_budget_global    constant bigint := 4000;
  df_budget_scoped    constant bigint := 100000;
  candidate_cap       constant integer := 20000;
  -- Hybrid: the exact semantic scan of every row of the scope (namespaces,
  -- or the whole corpus) only up to this many rows; above it the semantic
  -- candidates are the best by cosine among the keyword candidates.
  semantic_exact_max  constant bigint := 1000;
  -- ... and, when no row shares a word with the context, up to any size in a
  -- namespace set and up to this many memories globally (as before the cap).
  semantic_global_max constant bigint := 5000;
  lim      integer := ai_memory._check_limit($3, 10, 50);
  ns       text := CASE WHEN $2 IS NOT NULL THEN ai_memory._check_namespace($2) END;
  viewer   text := ai_memory._check_as_agent($7);
  tag      text := CASE WHEN $4 IS NOT NULL THEN (ai_memory._check_tags(ARRAY[$4]))[1] END;
  now_at   timestamptz := ai_memory.now();
  ns_set   text[];
  hier     boolean := false;
  q        tsquery;
  cq       tsquery;
  terms    record;
  picked   text[] := '{}';
  df_sum   bigint := 0;
  budget   bigint;
  scope_rows bigint;
  exact    boolean;
  qvec     real[];
  -- Only vectors of the query's embedder are compared: the built-in one's
  -- when recall embeds the context itself, query_model's when given.
  qmodel   text := CASE WHEN $11 IS NULL THEN 'local-lexical-v1' ELSE $13 END;
  results  ai_memory.scored_memory[];
  kept     integer;
  i        integer;
BEGIN
  IF $1 IS NULL OR btrim($1) = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'context is required';
  END IF;
  IF $8 IS NOT NULL AND $8 < 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'budget_tokens must be non-negative (got ' || $8 || ')';
  END IF;
  IF $10 IS NOT NULL AND $10 NOT IN ('keyword', 'hybrid') THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'mode must be keyword or hybrid';
  END IF;
  IF $9 IS NOT NULL AND array_ndims($9) > 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'context_tokens must be a one-dimensional array';
  END IF;
  IF $11 IS NOT NULL THEN PERFORM ai_memory._check_vector($11, 'query_embedding'); END IF;
  -- NULL mode: hybrid when a vector can be had (external, or the local embedder on).
  used_mode := coalesce($10, CASE WHEN $11 IS NOT NULL OR ai_memory._local_embeddings_on() THEN 'hybrid'
                                  ELSE 'keyword' END);
  IF ns IS NOT NULL THEN
    hier := strpos(ns, '/') > 0;
    -- The namespace and its ancestors (reference §3.3); flat: exact match.
    ns_set := CASE WHEN hier THEN ARRAY(SELECT array_to_string(p[1:k], '/')
                                          FROM string_to_array(ns, '/') p, generate_subscripts(p, 1) k
                                         ORDER BY k DESC)
                   ELSE ARRAY[ns] END;
  END IF;

  -- Keyword candidates: the rarest lexemes within the df budget.
  SELECT '{}'::text[] AS lexemes, '{}'::bigint[] AS dfs, '{}'::double precision[] AS idfs,
         0::bigint AS doc_count, 0::double precision AS avg_length INTO terms;
  q := ai_memory.fts_query($1, 'any');
  IF numnode(q) > 0 THEN
    PERFORM ai_memory._term_stats_ensure();
    SELECT * INTO terms FROM ai_memory._query_terms(q);
    budget := CASE WHEN ns_set IS NULL THEN df_budget_global ELSE df_budget_scoped END;
    FOR i IN 1 .. cardinality(terms.lexemes) LOOP
      EXIT WHEN i > 1 AND df_sum + terms.dfs[i] > budget;
      picked := picked || terms.lexemes[i];
      df_sum := df_sum + terms.dfs[i];
    END LOOP;
    cq := ai_memory._lexemes_tsquery(picked, '|');
  END IF;

  IF used_mode = 'keyword' THEN
    IF cq IS NOT NULL THEN
      results := ARRAY(
        SELECT ROW(m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,
                   m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata,
                   c.keyword_score)::ai_memory.scored_memory
          FROM ai_memory._recall_candidates(ns_set, tag, $5, $6, viewer, now_at, cq, terms.lexemes, terms.idfs,
                                            terms.avg_length, lim, candidate_cap, NULL, 0, NULL)
                 WITH ORDINALITY c
          JOIN ai_memory.memories m ON m.id = c.id
         ORDER BY c.ordinality);
      -- Too few from the rarest terms: all of them, as the reference does.
      IF cardinality(results) < lim AND cardinality(picked) < cardinality(terms.lexemes) THEN
        results := ARRAY(
          SELECT ROW(m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,
                     m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata,
                     c.keyword_score)::ai_memory.scored_memory
            FROM ai_memory._recall_candidates(ns_set, tag, $5, $6, viewer, now_at,
                                              ai_memory._lexemes_tsquery(terms.lexemes, '|'), terms.lexemes,
                                              terms.idfs, terms.avg_length, lim, candidate_cap, NULL, 0, NULL)
                   WITH ORDINALITY c
            JOIN ai_memory.memories m ON m.id = c.id
           ORDER BY c.ordinality);
      END IF;
    END IF;
  ELSE
    -- Hybrid (§3.4): the query vector, contextual when context_tokens are given.
    qvec := coalesce($11, ai_memory.embed($1));
    IF $11 IS NULL AND cardinality(array_remove($9, NULL)) > 0 THEN
      qvec := ai_memory._blend_query_vectors(qvec, ai_memory.embed(array_to_string($9, ' ')));
    END IF;
    -- Exact semantic candidates (a scan of every vector) in a small scope;
    -- in a large one, the best by cosine among the keyword candidates, or
    -- the exact scan when no row shares a word with context (a namespace
    -- set of any size, the whole corpus up to semantic_global_max).
    scope_rows := CASE WHEN ns_set IS NULL
                       THEN (SELECT coalesce(max(c.doc_count), 0) FROM ai_memory.corpus_stats c)
                       ELSE (SELECT coalesce(sum(s.doc_count), 0) FROM ai_memory.namespace_stats s
                              WHERE s.namespace = ANY (ns_set)) END;
    exact := scope_rows <= semantic_exact_max;
    -- The keyword top max(3 limit, 30) with their cosine, and (not exact)
    -- the top max(5 limit, 50) by cosine above 0.3 among the candidates;
    -- exact: the top max(5 limit, 50) by cosine above 0.3 of the scope
    -- (the same rows as keeping those above 0.3 first).
    results := ARRAY(
      WITH cand AS MATERIALIZED (
             SELECT c.id, c.keyword_score, c.cosine, c.semantic
               FROM ai_memory._recall_candidates(ns_set, tag, $5, $6, viewer, now_at, cq, terms.lexemes,
                                                 terms.idfs, terms.avg_length, greatest(3 * lim, 30),
                                                 candidate_cap, qvec,
                                                 CASE WHEN exact THEN 0 ELSE greatest(5 * lim, 50) END, 0.3,
                                                 qmodel) c),
           pool AS (
             SELECT c.id, c.keyword_score AS fts_score, c.cosine FROM cand c
             UNION ALL
             SELECT s.id, 0, s.cosine
               FROM ai_memory._semantic_top(ns_set, tag, $5, $6, viewer, now_at, qvec,
                                            CASE WHEN exact OR ((ns_set IS NOT NULL OR scope_rows <= semantic_global_max)
                                                                AND NOT EXISTS (SELECT FROM cand))
                                                 THEN greatest(5 * lim, 50) ELSE 0 END, 0.3, qmodel) s
              WHERE NOT EXISTS (SELECT FROM cand c WHERE c.id = s.id)),
           top AS (
             SELECT p.id, ai_memory.hybrid_score(p.cosine, p.fts_score / greatest(1.0, max(p.fts_score) OVER ()),
                                                 octet_length(m.content), m.tier::text, m.created_at, now_at) AS score
               FROM pool p JOIN ai_memory.memories m ON m.id = p.id
              ORDER BY 2 DESC, 1 LIMIT lim)
      SELECT ROW(r.id, r.tier, r.namespace, r.title, r.content, r.tags, r.priority, r.confidence, r.source,
                 r.access_count, r.created_at, r.updated_at, r.last_accessed_at, r.expires_at, r.metadata,
                 r.score)::ai_memory.scored_memory
        FROM (SELECT m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,
                     m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata,
                     t.score * CASE WHEN hier THEN ai_memory.proximity_boost(ns, m.namespace) ELSE 1 END AS score
                FROM top t JOIN ai_memory.memories m ON m.id = t.id) r
       ORDER BY r.score DESC, r.id);
  END IF;
  results := coalesce(results, '{}');

  -- Keyword recall: the proximity boost, then re-sort (§3.3).
  IF used_mode = 'keyword' AND hier THEN
    results := ARRAY(SELECT b.boosted FROM (
                       SELECT ROW(r.id, r.tier, r.namespace, r.title, r.content, r.tags, r.priority, r.confidence,
                                  r.source, r.access_count, r.created_at, r.updated_at, r.last_accessed_at,
                                  r.expires_at, r.metadata,
                                  r.score * ai_memory.proximity_boost(ns, r.namespace))::ai_memory.scored_memory
                              AS boosted
                         FROM unnest(results) r) b
                      ORDER BY (b.boosted).score DESC, (b.boosted).id);
  END IF;
  -- The token budget (§3.5), then touch the survivors only (§2.2).
  kept := ai_memory._budget_keep(ARRAY(SELECT (octet_length(r.title) + octet_length(r.content))::bigint / 4
                                         FROM unnest(results) WITH ORDINALITY r ORDER BY ordinality),
                                 $8);
  memories := results[1:kept];
  tokens_used := (SELECT coalesce(sum((octet_length(r.title) + octet_length(r.content)) / 4), 0)
                    FROM unnest(memories) r);
  IF coalesce($12, true) AND cardinality(memories) > 0 THEN
    PERFORM ai_memory.touch(ARRAY(SELECT r.id FROM unnest(memories) r));
  END IF;
END $$;
COMMENT ON FUNCTION ai_memory._recall IS 'ai_memory internal: recall''s pipeline; see ai_memory.recall()';

CREATE FUNCTION ai_memory.recall(
  context         text,
  namespace       text        DEFAULT NULL,
  "limit"         integer     DEFAULT 10,
  tags            text        DEFAULT NULL,
  since           timestamptz DEFAULT NULL,
  until           timestamptz DEFAULT NULL,
  as_agent        text        DEFAULT NULL,
  budget_tokens   integer     DEFAULT NULL,
  context_tokens  text[]      DEFAULT NULL,
  mode            text        DEFAULT NULL,
  query_embedding real[]      DEFAULT NULL,
  touch           boolean     DEFAULT true,
  query_model     text        DEFAULT NULL
) RETURNS SETOF ai_memory.scored_memory
  LANGUAGE sql VOLATILE ROWS 10
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT r.id, r.tier, r.namespace, r.title, r.content, r.tags, r.priority, r.confidence, r.source,
           r.access_count, r.created_at, r.updated_at, r.last_accessed_at, r.expires_at, r.metadata, r.score
      FROM ai_memory._recall(context, namespace, "limit", tags, since, until, as_agent, budget_tokens,
                                      context_tokens, mode, query_embedding, touch, query_model) x,
                    unnest(x.memories) WITH ORDINALITY r
     ORDER BY r.ordinality;
  END;
COMMENT ON FUNCTION ai_memory.recall IS
  'ai_memory: the memories most relevant to context (any term; keyword or hybrid), best first, cut to '
  'budget_tokens, and touched. See docs/sql/search-and-recall.md';

CREATE FUNCTION ai_memory.recall_json(
  context         text,
  namespace       text        DEFAULT NULL,
  "limit"         integer     DEFAULT 10,
  tags            text        DEFAULT NULL,
  since           timestamptz DEFAULT NULL,
  until           timestamptz DEFAULT NULL,
  as_agent        text        DEFAULT NULL,
  budget_tokens   integer     DEFAULT NULL,
  context_tokens  text[]      DEFAULT NULL,
  mode            text        DEFAULT NULL,
  query_embedding real[]      DEFAULT NULL,
  touch           boolean     DEFAULT true,
  query_model     text        DEFAULT NULL
) RETURNS jsonb
  LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT jsonb_build_object(
             'memories', coalesce((SELECT jsonb_agg((to_jsonb(r) - 'ordinality') || jsonb_build_object('score', round(r.score::numeric, 3))
                                                    ORDER BY r.ordinality)
                                     FROM unnest(x.memories) WITH ORDINALITY r), '[]'),
             'count', cardinality(x.memories), 'mode', x.used_mode, 'tokens_used', x.tokens_used)
        || CASE WHEN budget_tokens IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('budget_tokens', budget_tokens) END
      FROM ai_memory._recall(context, namespace, "limit", tags, since, until, as_agent, budget_tokens,
                             context_tokens, mode, query_embedding, touch, query_model) x;
  END;
COMMENT ON FUNCTION ai_memory.recall_json IS
  'ai_memory: recall() as {memories:[...with score rounded to 3], count, mode, tokens_used, [budget_tokens]}';
