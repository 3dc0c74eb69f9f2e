-- The expiry sweep (reference §2.3), run by the background worker
-- (docs/background-worker.md) or by hand.

CREATE FUNCTION ai_memory.gc(dry_run boolean DEFAULT false) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  settings  record;
  dry       boolean := coalesce($1, false);
  now_at    timestamptz := ai_memory.now();
  collected bigint := 0;
BEGIN
  SELECT * INTO settings FROM ai_memory._lifecycle_settings();
  -- Expired rows are found by expiry_floor (<= expires_at, indexed), not by
  -- expires_at (not indexed, so that touches stay HOT: sql/11_expiry_floor.sql).
  -- With archive_on_gc off nothing is collected: expired memories stay in
  -- the active table (hidden from list and recall), as nothing is ever lost.
  IF settings.archive_on_gc THEN
    IF dry THEN
      SELECT count(*) INTO collected FROM ai_memory.memories m
       WHERE m.expiry_floor < now_at AND m.expires_at < now_at AND m.tier <> 'long';
    ELSE
      -- Long-term memories are never collected, even with an expiry. Rows a
      -- concurrent touch holds are skipped: it may be reviving them.
      collected := ai_memory._archive(ARRAY(
        SELECT m.id FROM ai_memory.memories m
         WHERE m.expiry_floor < now_at AND m.expires_at < now_at AND m.tier <> 'long'
         ORDER BY m.id
           FOR UPDATE SKIP LOCKED), 'ttl_expired');
    END IF;
  END IF;
  IF NOT dry THEN
    -- Rows whose floor passed but whose expiry was pushed on by touches get
    -- the floor raised to it, so the next gc does not look at them again
    -- before then. (Setting expiry_floor alone does not fire the trigger.)
    UPDATE ai_memory.memories m SET expiry_floor = m.expires_at
     WHERE m.id IN (SELECT x.id FROM ai_memory.memories x
                     WHERE x.expiry_floor < now_at AND x.expires_at >= now_at
                       FOR UPDATE SKIP LOCKED);
  END IF;
  IF NOT dry AND settings.archive_max_days > 0 THEN
    PERFORM ai_memory.archive_purge(settings.archive_max_days);
  END IF;
  RETURN jsonb_build_object('collected', collected, 'dry_run', dry);
END $$;
COMMENT ON FUNCTION ai_memory.gc(boolean) IS
  'ai_memory: archives expired short and mid memories, then purges the archive past ai_memory.archive_max_days';
