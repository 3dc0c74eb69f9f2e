-- The core validators (extension/core/validate.cpp) as SQL functions. SQL and
-- PL/pgSQL functions call them so every rule and message has one source.
-- Each returns its argument (trimmed where the rule trims) or raises MA100.

CREATE FUNCTION ai_memory._check_id(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_id';
CREATE FUNCTION ai_memory._check_title(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_title';
CREATE FUNCTION ai_memory._check_content(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_content';
CREATE FUNCTION ai_memory._check_namespace(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_namespace';
CREATE FUNCTION ai_memory._check_tier(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_tier';
CREATE FUNCTION ai_memory._check_tags(value text[]) RETURNS text[]
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_tags';
CREATE FUNCTION ai_memory._check_priority(value integer) RETURNS integer
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_priority';
CREATE FUNCTION ai_memory._check_confidence(value double precision) RETURNS double precision
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_confidence';
CREATE FUNCTION ai_memory._check_source(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_source';
CREATE FUNCTION ai_memory._check_agent_id(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_agent_id';
CREATE FUNCTION ai_memory._check_scope(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_scope';
CREATE FUNCTION ai_memory._check_metadata(value jsonb) RETURNS jsonb
  LANGUAGE c IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_metadata';
