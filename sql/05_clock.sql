-- Time as every rule sees it: the transaction start, or ai_memory.now_override.
CREATE FUNCTION ai_memory.now() RETURNS timestamptz
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_now';
