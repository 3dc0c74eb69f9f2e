-- Every kind of failure crosses the C++ boundary as a clean SQL error, the
-- backend stays alive, and no C++ object is left behind.
SELECT outcome($$SELECT ai_memory._test_raise('cpp')$$);  -- refused: testing is off
SET ai_memory.testing = on;
-- Our own errors carry class MA; a PostgreSQL error raised inside C++ code
-- (division by zero) keeps its own SQLSTATE.
SELECT kind, outcome(format('SELECT ai_memory._test_raise(%L)', kind))
  FROM unnest(ARRAY['cpp', 'core', 'bad_alloc', 'unknown', 'pg']) AS kind;
-- And straight to the client, outside any exception block:
SELECT ai_memory._test_raise('cpp');
SELECT ai_memory._test_raise('pg');
-- Destructors ran for every failure above (each held a 1 MiB object).
SELECT ai_memory._test_live_objects();
-- The same backend still works, inside and outside a transaction.
SELECT ai_memory._test_raise('none');
BEGIN;
SAVEPOINT s;
SELECT ai_memory._test_raise('cpp');
ROLLBACK TO SAVEPOINT s;
SELECT ai_memory._test_raise('none');
COMMIT;
SELECT ai_memory._test_live_objects();
-- Only superusers may call the test functions.
CREATE ROLE ai_memory_regress_user;
GRANT USAGE ON SCHEMA ai_memory TO ai_memory_regress_user;
SET ROLE ai_memory_regress_user;
SELECT ai_memory._test_raise('none');
RESET ROLE;
REVOKE USAGE ON SCHEMA ai_memory FROM ai_memory_regress_user;
DROP ROLE ai_memory_regress_user;
