-- Test-only: raises each kind of failure through the C++ boundary. Refuses to
-- run unless a superuser set ai_memory.testing = on.
CREATE FUNCTION ai_memory._test_raise(kind text) RETURNS text
  LANGUAGE c VOLATILE STRICT
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_test_raise';
CREATE FUNCTION ai_memory._test_live_objects() RETURNS bigint
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_test_live_objects';
-- Test-only: how many of this backend's recall candidate scans read memories
-- directly (the prefetching bitmap scan) rather than through a statement.
CREATE FUNCTION ai_memory._test_direct_candidate_scans() RETURNS bigint
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_test_direct_candidate_scans';

REVOKE ALL ON FUNCTION ai_memory._test_raise(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ai_memory._test_live_objects() FROM PUBLIC;
REVOKE ALL ON FUNCTION ai_memory._test_direct_candidate_scans() FROM PUBLIC;
