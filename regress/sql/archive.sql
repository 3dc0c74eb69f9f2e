-- gc() and the archive: list, restore, purge, stats (reference §1.6, §2.3).
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;

CREATE FUNCTION pg_temp.remember(id text, title text, tier text DEFAULT 'mid', namespace text DEFAULT 'global',
                                 ttl_secs bigint DEFAULT NULL) RETURNS void
  LANGUAGE sql AS $$
  SELECT 1 FROM ai_memory.store(title => $2, content => 'about ' || $2, tier => $3, namespace => $4,
                                 ttl_secs => $5);
  UPDATE ai_memory.memories SET id = $1 WHERE title = $2 AND namespace = $4;
$$;
SELECT pg_temp.remember('gc-short', 'short lived', tier => 'short');            -- expires 06:00
SELECT pg_temp.remember('gc-mid', 'mid lived', namespace => 'team/a');           -- expires 03-08
SELECT pg_temp.remember('gc-long', 'long with ttl', tier => 'long', ttl_secs => 60);  -- expires 00:01
SELECT pg_temp.remember('gc-keep', 'kept long', tier => 'long');                 -- never
SELECT pg_temp.remember('gc-fresh', 'fresh mid', ttl_secs => 86400 * 30);        -- expires 03-31
INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
VALUES ('gc-mid', 'gc-keep', 'related_to', '2026-03-01 00:00:00+00'),
       ('gc-fresh', 'gc-mid', 'supersedes', '2026-03-01 00:00:00+00');

------------------------------------------------------------------------------
-- gc()
------------------------------------------------------------------------------
-- Nothing has expired yet.
SELECT ai_memory.gc();
-- Ten days on: a dry run only counts; long memories are never collected,
-- even with a passed expiry.
SET ai_memory.now_override = '2026-03-10 00:00:00+00';
SELECT ai_memory.gc(dry_run => true);
SELECT count(*) AS archived FROM ai_memory.archived_memories;
-- With archive_on_gc off, gc collects nothing: expired memories stay (hidden).
SET ai_memory.archive_on_gc = off;
SELECT ai_memory.gc(), ai_memory.gc(dry_run => true);
RESET ai_memory.archive_on_gc;
SELECT ai_memory.gc(dry_run => NULL);
SELECT id FROM ai_memory.memories ORDER BY id;
SELECT id, tier, namespace, archive_reason, archived_at, expires_at, links
  FROM ai_memory.archived_memories ORDER BY id;
SELECT ai_memory.gc();

------------------------------------------------------------------------------
-- archive_list(), archive_stats()
------------------------------------------------------------------------------
SET ai_memory.now_override = '2026-03-11 00:00:00+00';
SELECT ai_memory.delete('gc-fresh');
SELECT ai_memory.archive_stats();
-- Newest first; by namespace; paged; limit capped at 1000.
SELECT id, archive_reason, archived_at FROM ai_memory.archive_list();
SELECT id FROM ai_memory.archive_list(namespace => ' team/a ');
SELECT id FROM ai_memory.archive_list("limit" => 1, "offset" => 1);
SELECT count(*) FROM ai_memory.archive_list("limit" => 5000, "offset" => NULL);
SELECT count(*) FROM ai_memory.archive_list(namespace => 'nowhere');

------------------------------------------------------------------------------
-- archive_restore()
------------------------------------------------------------------------------
SET ai_memory.now_override = '2026-03-12 00:00:00+00';
-- Not expired (it was deleted): tier and expiry come back as they were, and
-- updated_at is now. It had no link left: archiving gc-mid removed theirs.
SELECT id, tier, title, access_count, created_at, updated_at, expires_at
  FROM ai_memory.archive_restore('gc-fresh');
SELECT source_id, target_id, relation FROM ai_memory.memory_links ORDER BY 1, 2;
-- Expired: back as long without an expiry; by unique prefix. Its links come
-- back, as both other ends (gc-keep, gc-fresh) are active.
SELECT id, tier, expires_at, updated_at FROM ai_memory.archive_restore('gc-m');
SELECT source_id, target_id, relation FROM ai_memory.memory_links ORDER BY 1, 2;
SELECT id FROM ai_memory.archive_list();
-- Restoring twice: it is no longer in the archive.
SELECT outcome($$SELECT ai_memory.archive_restore('gc-mid')$$);

------------------------------------------------------------------------------
-- archive_purge() and archive_max_days
------------------------------------------------------------------------------
INSERT INTO ai_memory.archived_memories (id, tier, namespace, title, content, priority, confidence, source,
                                         created_at, updated_at, archived_at, archive_reason)
VALUES ('old-1', 'mid', 'x', 'old one', 'c', 5, 1, 'user', '2025-01-01', '2025-01-01', '2026-01-01', 'forget'),
       ('old-2', 'mid', 'x', 'old two', 'c', 5, 1, 'user', '2025-01-01', '2025-01-01', '2026-02-20', 'forget');
SELECT id, archived_at FROM ai_memory.archive_list() ORDER BY id;
-- Older than 30 days (archived before 02-10): old-1 only.
SELECT ai_memory.archive_purge(30);
-- gc purges past archive_max_days (20 days on 03-13: before 02-21), but not
-- in a dry run.
SET ai_memory.now_override = '2026-03-13 00:00:00+00';
SET ai_memory.archive_max_days = 20;
SELECT ai_memory.gc(dry_run => true);
SELECT count(*) AS still_archived FROM ai_memory.archived_memories WHERE id = 'old-2';
SELECT ai_memory.gc();
SELECT id FROM ai_memory.archive_list() ORDER BY id;
RESET ai_memory.archive_max_days;
-- No argument (or NULL): everything.
SELECT ai_memory.archive_purge();
SELECT ai_memory.archive_stats();
RESET ai_memory.now_override;
