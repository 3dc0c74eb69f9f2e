-- expiry_floor (sql/11_expiry_floor.sql): a lower bound of expires_at, kept
-- by a trigger, that gc finds expired memories by, so that recall's touches
-- change no indexed column and stay HOT updates.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;

CREATE FUNCTION pg_temp.remember(id text, tier text) RETURNS void
  LANGUAGE sql AS $$
  SELECT 1 FROM ai_memory.store(title => $1, content => 'about ' || $1, tier => $2);
  UPDATE ai_memory.memories SET id = $1 WHERE title = $1;
$$;
CREATE FUNCTION pg_temp.floors() RETURNS TABLE (id text, tier ai_memory.tier, expires_at timestamptz,
                                                 expiry_floor timestamptz)
  LANGUAGE sql AS $$ SELECT id, tier, expires_at, expiry_floor FROM ai_memory.memories ORDER BY id $$;

-- The updates and HOT updates of memories in one touch of `ids`, in the
-- touch's own transaction (pruning needs the versions it replaced dead).
CREATE FUNCTION pg_temp.touch_counts(at timestamptz, ids text[] DEFAULT ARRAY['f-short', 'f-mid'])
  RETURNS TABLE (updated bigint, hot_updated bigint)
  LANGUAGE plpgsql AS $$
DECLARE
  updated_before bigint := pg_stat_get_xact_tuples_updated('ai_memory.memories'::regclass);
  hot_before bigint := pg_stat_get_xact_tuples_hot_updated('ai_memory.memories'::regclass);
BEGIN
  PERFORM set_config('ai_memory.now_override', at::text, true);
  PERFORM ai_memory.touch(ids);
  updated := pg_stat_get_xact_tuples_updated('ai_memory.memories'::regclass) - updated_before;
  hot_updated := pg_stat_get_xact_tuples_hot_updated('ai_memory.memories'::regclass) - hot_before;
  RETURN NEXT;
END $$;

-- A new memory's floor is its expiry, or the expiry a touch from now on
-- would reset it to if that is earlier: now + the tier's extension, so
-- 01:00 for short (expiry 06:00) and 03-02 for mid (expiry 03-08); none for long.
SELECT pg_temp.remember('f-short', 'short');  -- expires 06:00
SELECT pg_temp.remember('f-mid', 'mid');      -- expires 03-08
SELECT pg_temp.remember('f-long', 'long');
SELECT * FROM pg_temp.floors();

-- The first touch resets the expiry to now + the extension, before the
-- stored one but not below the floor: no indexed column changes, and both
-- updates are HOT.
SELECT * FROM pg_temp.touch_counts('2026-03-01 00:10:00+00');
SELECT * FROM pg_temp.floors();

-- Later touches push the expiry on and leave the floor, so they change no
-- indexed column: HOT updates, which add no index entry.
SELECT * FROM pg_temp.touch_counts('2026-03-01 00:20:00+00');
SELECT * FROM pg_temp.touch_counts('2026-03-01 00:30:00+00');
SELECT * FROM pg_temp.floors();

-- A touch that sets the expiry below the floor (the extension shortened
-- since the store) takes the floor down with it: not HOT, as it must.
SELECT pg_temp.remember('f-brief', 'short');  -- floor 01:00
SET ai_memory.short_extend_secs = 60;
SELECT * FROM pg_temp.touch_counts('2026-03-01 00:10:00+00', ARRAY['f-brief']);
SELECT expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-brief';
RESET ai_memory.short_extend_secs;
DELETE FROM ai_memory.memories WHERE id = 'f-brief';

-- Any writer of expires_at goes through the trigger: plain SQL included.
UPDATE ai_memory.memories SET expires_at = '2026-03-01 00:05:00+00' WHERE id = 'f-short';  -- down
UPDATE ai_memory.memories SET expires_at = '2026-05-01 00:00:00+00' WHERE id = 'f-mid';    -- up: floor stays
UPDATE ai_memory.memories SET expires_at = '2026-04-01 00:00:00+00' WHERE id = 'f-long';   -- from none
SELECT * FROM pg_temp.floors();
UPDATE ai_memory.memories SET expires_at = NULL WHERE id = 'f-long';                       -- to none
SELECT expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-long';
-- A floor an INSERT names is replaced by the trigger's (mid: 03-02, the
-- reset a touch now would set, before the expiry 03-03).
INSERT INTO ai_memory.memories (id, title, content, expires_at, expiry_floor)
VALUES ('f-sql', 'by sql', 'plain insert', '2026-03-03 00:00:00+00', '1999-01-01 00:00:00+00');
SELECT expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-sql';
-- The floor itself may only go down; never above the expiry, never missing.
UPDATE ai_memory.memories SET expiry_floor = '2026-03-02 00:00:00+00' WHERE id = 'f-sql';
SELECT expiry_floor FROM ai_memory.memories WHERE id = 'f-sql';
\set VERBOSITY terse
UPDATE ai_memory.memories SET expiry_floor = '2026-03-04 00:00:00+00' WHERE id = 'f-sql';
UPDATE ai_memory.memories SET expiry_floor = NULL WHERE id = 'f-sql';
UPDATE ai_memory.memories SET expiry_floor = '2026-03-04 00:00:00+00' WHERE id = 'f-long';
\set VERBOSITY default
-- A promotion to long drops the expiry and the floor with it.
SELECT ai_memory.promote('f-sql') ->> 'tier' AS tier;
SELECT tier, expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-sql';

------------------------------------------------------------------------------
-- gc by the floor
------------------------------------------------------------------------------
SELECT pg_temp.remember('f-gone', 'short');   -- expiry 03-01 06:00, floor 01:00
SELECT pg_temp.remember('f-kept', 'short');   -- touched on: floor passed, expiry not
SET ai_memory.now_override = '2026-03-01 05:59:00+00';
SELECT count(*) FROM ai_memory.touch(ARRAY['f-kept']);                 -- expires 06:59, floor stays 01:00
SET ai_memory.now_override = '2026-03-01 06:30:00+00';
SELECT count(*) FROM ai_memory.touch(ARRAY['f-kept']);                 -- expires 07:30
SELECT id, expires_at, expiry_floor FROM ai_memory.memories WHERE id IN ('f-gone', 'f-kept') ORDER BY id;
-- expiring_soon counts by the same bound: f-kept expires within the hour.
SELECT (ai_memory.stats()) -> 'expiring_soon' AS expiring_soon;
SET ai_memory.now_override = '2026-03-01 07:00:00+00';
SELECT ai_memory.gc(dry_run => true);
SELECT ai_memory.gc();
SELECT id, archive_reason FROM ai_memory.archived_memories ORDER BY id;
-- f-short (its expiry set to 00:05 by the plain UPDATE) went too; f-kept
-- stays, its floor raised to its expiry so that the next gc skips it.
SELECT * FROM pg_temp.floors();
-- A dry run changes nothing, the floor included.
SET ai_memory.now_override = '2026-03-01 08:00:00+00';
SELECT ai_memory.gc(dry_run => true);
SELECT expiry_floor FROM ai_memory.memories WHERE id = 'f-kept';
SELECT ai_memory.gc();
SELECT * FROM pg_temp.floors();

-- A mid memory untouched past its floor: gc raises the floor to its expiry
-- (03-08), once; a touch after that resets the expiry below it, so that
-- touch lowers the floor again and is not HOT (only a memory untouched for
-- a whole extension period pays this, once).
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SELECT pg_temp.remember('f-rebase', 'mid');    -- expires 03-08, floor 03-02 00:00
SET ai_memory.now_override = '2026-03-02 06:00:00+00';
SELECT ai_memory.gc() ->> 'collected' AS collected;
SELECT expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-rebase';
SELECT * FROM pg_temp.touch_counts('2026-03-02 07:00:00+00', ARRAY['f-rebase']);
SELECT expires_at, expiry_floor FROM ai_memory.memories WHERE id = 'f-rebase';

-- gc's search and expiring_soon's use the floor's index, not a table scan.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM ai_memory.memories m
 WHERE m.expiry_floor < '2026-03-01'::timestamptz AND m.expires_at < '2026-03-01'::timestamptz;
RESET enable_seqscan;
