-- The background worker (docs/background-worker.md): it archives expired
-- short and mid memories in ai_memory.worker_database, never long ones,
-- shows itself in pg_stat_activity, and comes back after being terminated.
-- It needs shared_preload_libraries (regress/regress.conf); without it this
-- test only says so (expected/worker_1.out).
SET TimeZone = 'UTC';
SELECT current_setting('shared_preload_libraries') ~ '(^|[ ,])ai_memory($|[ ,])' AS preloaded \gset
\if :preloaded
-- Polls `condition` every 0.1 s for up to `seconds`; the worker works in its
-- own transactions, so each poll takes fresh snapshots (data and statistics).
CREATE FUNCTION pg_temp.wait_for(condition text, seconds integer) RETURNS boolean
  LANGUAGE plpgsql AS $$
DECLARE
  ok boolean;
BEGIN
  FOR i IN 1 .. seconds * 10 LOOP
    PERFORM pg_stat_clear_snapshot();
    EXECUTE 'SELECT ' || condition INTO ok;
    IF ok THEN RETURN true; END IF;
    PERFORM pg_sleep(0.1);
  END LOOP;
  RETURN false;
END $$;
CREATE VIEW pg_temp.worker AS
  SELECT pid, backend_type, application_name, datname, state, query
    FROM pg_stat_activity WHERE backend_type = 'ai_memory worker';

-- Running and connected to this database (pg_regress creates it after the
-- server starts, so the worker may have had to retry).
SELECT pg_temp.wait_for($$EXISTS (SELECT 1 FROM pg_temp.worker WHERE datname = current_database())$$, 30)
       AS worker_connected;
SELECT backend_type, application_name, datname = current_database() AS this_database, state, query
  FROM pg_temp.worker;

-- Memories that expired in real time (the worker does not see now_override).
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
INSERT INTO ai_memory.memories (id, title, content, tier, expires_at) VALUES
  ('w-mid', 'expired mid', 'c', 'mid', now() - interval '1 hour'),
  ('w-short', 'expired short', 'c', 'short', now() - interval '1 minute'),
  ('w-long', 'expired long', 'c', 'long', now() - interval '1 hour'),
  ('w-fresh', 'fresh mid', 'c', 'mid', now() + interval '1 day');

-- A 1 s interval makes a sweep due at once.
ALTER SYSTEM SET ai_memory.gc_interval_secs = 1;
SELECT pg_reload_conf();
SELECT pg_temp.wait_for($$(SELECT count(*) = 2 FROM ai_memory.archived_memories)$$, 15) AS swept;
SELECT id, archive_reason FROM ai_memory.archived_memories ORDER BY id;
SELECT id, tier FROM ai_memory.memories ORDER BY id;

-- Terminated, it is restarted (bgw_restart_time 5 s) and sweeps again.
SELECT pid AS old_pid FROM pg_temp.worker \gset
SELECT pg_terminate_backend(:old_pid);
SELECT pg_temp.wait_for(format($$EXISTS (SELECT 1 FROM pg_temp.worker WHERE pid <> %s)$$, :old_pid), 20)
       AS restarted;
INSERT INTO ai_memory.memories (id, title, content, tier, expires_at)
VALUES ('w-again', 'expired again', 'c', 'mid', now() - interval '1 second');
SELECT pg_temp.wait_for($$EXISTS (SELECT 1 FROM ai_memory.archived_memories WHERE id = 'w-again')$$, 15)
       AS swept_after_restart;

-- Back to the default interval, so it never sweeps during later tests.
ALTER SYSTEM RESET ai_memory.gc_interval_secs;
SELECT pg_reload_conf();
SELECT pg_temp.wait_for($$(SELECT query = 'waiting: ai_memory.gc() every 1800 s' FROM pg_temp.worker)$$, 10)
       AS default_interval;
SELECT id, tier FROM ai_memory.memories ORDER BY id;
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
\else
SELECT 'ai_memory is not in shared_preload_libraries: the worker test is skipped' AS skipped;
\endif
