-- Scope visibility (reference §1.4) as one predicate, so list() and the
-- later search and recall filter alike: WHERE ai_memory.visible_to(m.namespace,
-- m.metadata ->> 'scope', as_agent). The rule is C++ (extension/core/visibility):
-- prefixes are compared by whole segments, so '%' and '_' are plain characters.
CREATE FUNCTION ai_memory.visible_to(namespace text, scope text, as_agent text) RETURNS boolean
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_visible_to';
COMMENT ON FUNCTION ai_memory.visible_to IS
  'ai_memory: whether a memory (namespace, metadata.scope) is visible to the agent at as_agent; NULL as_agent = yes';
