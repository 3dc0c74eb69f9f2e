-- Full-text search building blocks (reference §3.1): the text-search
-- configuration (named here only), the document of a memory, and the
-- sanitised query (extension/core/fts_query.cpp).

-- The GUC ai_memory.text_search_config (default english; docs/ranking.md).
-- Read with missing_ok so that it also works before the module is loaded.
CREATE FUNCTION ai_memory._fts_config() RETURNS regconfig
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN coalesce(nullif(current_setting('ai_memory.text_search_config', true), ''), 'english')::regconfig;
COMMENT ON FUNCTION ai_memory._fts_config() IS
  'ai_memory internal: the text-search configuration of every full-text rule (GUC ai_memory.text_search_config)';

CREATE FUNCTION ai_memory._fts_document(title text, content text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN to_tsvector(ai_memory._fts_config(), title || ' ' || content);
COMMENT ON FUNCTION ai_memory._fts_document(text, text) IS
  'ai_memory internal: the text-search document of a memory (title and content)';

CREATE FUNCTION ai_memory._fts_query_text(query text, mode text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_fts_query_text';
COMMENT ON FUNCTION ai_memory._fts_query_text(text, text) IS
  'ai_memory internal: the sanitised to_tsquery() text of a user query (reference §3.1)';

-- Stop words and over-long words make to_tsquery() send a NOTICE; a query
-- of only those simply matches nothing, so the notice is noise here.
CREATE FUNCTION ai_memory.fts_query(query text, mode text DEFAULT 'any') RETURNS tsquery
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  SET client_min_messages = warning
  RETURN to_tsquery(ai_memory._fts_config(), ai_memory._fts_query_text(query, mode));
COMMENT ON FUNCTION ai_memory.fts_query(text, text) IS
  'ai_memory: a user query as a safe tsquery, all terms (mode all) or any term (mode any); see docs/sql/links-and-curation.md';
