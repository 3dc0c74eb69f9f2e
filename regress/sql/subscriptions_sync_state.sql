-- The federation vector clock (reference §1.10): observe and record_push
-- only move forward; sync_clock() renders {"entries": {peer: last_seen_at}}.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-08 00:00:00+00';

SELECT * FROM ai_memory.sync_observe('sync-me', 'peer-a', '2026-04-07 10:00:00+00');
SELECT * FROM ai_memory.sync_observe('sync-me', 'peer-b', '2026-04-07 11:00:00+00');
SET ai_memory.now_override = '2026-04-08 01:00:00+00';
-- An older observation does not rewind last_seen_at; last_pulled_at moves.
SELECT * FROM ai_memory.sync_observe('sync-me', 'peer-a', '2026-04-01 00:00:00+00');
SELECT * FROM ai_memory.sync_observe('sync-me', 'peer-a', '2026-04-07 12:00:00.5+00');
-- Pushes, forward only, and a row that only ever pushed.
SELECT last_pushed_at FROM ai_memory.sync_record_push('sync-me', 'peer-a', '2026-04-08 00:30:00+00');
SELECT last_pushed_at FROM ai_memory.sync_record_push('sync-me', 'peer-a', '2026-04-08 00:10:00+00');
SELECT * FROM ai_memory.sync_record_push('sync-me', 'peer-c', '2026-04-08 00:20:00+00');

SELECT ai_memory.sync_clock('sync-me') AS clock;
SELECT ai_memory.sync_clock('sync-nobody') AS clock;

-- Bad input: messages, nothing written.
CREATE TEMP TABLE sync_before AS SELECT * FROM ai_memory.sync_state;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.sync_observe(NULL, 'peer-a', now())$q$),
  ($q$SELECT ai_memory.sync_observe('sync-me', 'bad peer', now())$q$),
  ($q$SELECT ai_memory.sync_observe('sync-me', 'peer-a', NULL)$q$),
  ($q$SELECT ai_memory.sync_observe('sync-me', 'peer-a', 'infinity')$q$),
  ($q$SELECT ai_memory.sync_record_push('sync-me', 'peer-a', NULL)$q$),
  ($q$SELECT ai_memory.sync_record_push('sync-me', '', now())$q$),
  ($q$SELECT ai_memory.sync_clock('bad agent')$q$)
) AS t(q);
SELECT count(*) AS changed FROM (SELECT * FROM ai_memory.sync_state EXCEPT SELECT * FROM sync_before) d;
