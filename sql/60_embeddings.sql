-- Embeddings (ARCHITECTURE decision 7, reference §11): the built-in local
-- embedder and cosine similarity, computed in C++ (extension/core). The
-- bridge's Ollama and OpenAI-compatible embedders produce the same real[]
-- shape; a stored vector is compared only with vectors of the same embedder.

CREATE FUNCTION ai_memory.embed(text text) RETURNS real[]
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_embed';
COMMENT ON FUNCTION ai_memory.embed(text) IS
  'The local-lexical-v1 embedding of a text: 384 floats of unit length, from hashed words, word pairs and '
  'character 3-grams (lexical, not neural). Deterministic on every machine. A text with no word gives 384 zeros. '
  'For a memory, embed title || '' '' || content.';

CREATE FUNCTION ai_memory.cosine(a real[], b real[]) RETURNS double precision
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_cosine';
COMMENT ON FUNCTION ai_memory.cosine(real[], real[]) IS
  'Cosine similarity in [-1, 1]: 0 when the lengths differ or either vector is zero. '
  'Raises MA100 for a NULL element, a non-finite element or a multi-dimensional array.';

CREATE FUNCTION ai_memory.embedder_info() RETURNS jsonb
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_embedder_info';
COMMENT ON FUNCTION ai_memory.embedder_info() IS
  'The built-in embedder: {"name":"local-lexical-v1","dimension":384,...}.';
