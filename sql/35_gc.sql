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
  -- With archive_on_gc off nothing is collected: expired memories stay in
  -- the active table (hidden from list and recall), as nothing is ever lost.
  IF settings.archive_on_gc THEN
    IF dry THEN
      SELECT count(*) INTO collected FROM ai_memory.memories m
       WHERE m.expires_at < now_at AND m.tier <> 'long';
    ELSE
      -- Long-term memories are never collected, even with an expiry. Rows a
      -- concurrent touch holds are skipped: it may be reviving them.
      collected := ai_memory._archive(ARRAY(
        SELECT m.id FROM ai_memory.memories m
         WHERE m.expires_at < now_at AND m.tier <> 'long'
         ORDER BY m.id
           FOR UPDATE SKIP LOCKED), 'ttl_expired');
    END IF;
  END IF;
  IF NOT dry AND settings.archive_max_days > 0 THEN
    PERFORM ai_memory.archive_purge(settings.archive_max_days);
  END IF;
  RETURN jsonb_build_object('collected', collected, 'dry_run', dry);
END $$;
COMMENT ON FUNCTION ai_memory.gc(boolean) IS
  'ai_memory: archives expired short and mid memories, then purges the archive past ai_memory.archive_max_days';
