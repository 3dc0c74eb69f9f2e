-- Bad input to update(), delete(), promote(), touch(), gc() and the archive
-- functions gets the reference's message (or ours, in its style) with
-- SQLSTATE class MA, and writes nothing.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;
INSERT INTO ai_memory.memories (id, title, content, namespace, tier, expires_at, metadata, created_at, updated_at)
VALUES ('bad-1', 'one', 'c', 'org/team', 'mid', '2026-03-08 00:00:00+00', '{"agent_id": "alice"}',
        '2026-03-01 00:00:00+00', '2026-03-01 00:00:00+00'),
       ('bad-2', 'two', 'c', 'org/team', 'short', '2026-03-01 06:00:00+00', '{}',
        '2026-03-01 00:00:00+00', '2026-03-01 00:00:00+00');
INSERT INTO ai_memory.archived_memories (id, tier, namespace, title, content, priority, confidence, source,
                                         created_at, updated_at, archived_at, archive_reason)
VALUES ('arc-1', 'mid', 'org/team', 'one', 'c', 5, 1, 'user', '2026-01-01', '2026-01-01', '2026-02-01', 'delete'),
       ('arc-2', 'mid', 'org/team', 'gone', 'c', 5, 1, 'user', '2026-01-01', '2026-01-01', '2026-02-01', 'forget'),
       ('bad-2', 'mid', 'org/team', 'old two', 'c', 5, 1, 'user', '2026-01-01', '2026-01-01', '2026-02-01', 'delete');
CREATE TEMP TABLE before AS
  SELECT (SELECT jsonb_agg(m ORDER BY m.id) FROM ai_memory.memories m) AS memories,
         (SELECT jsonb_agg(a ORDER BY a.id) FROM ai_memory.archived_memories a) AS archive;

SELECT outcome(q) AS result FROM (VALUES
  -- ids, everywhere an id is taken
  ($q$SELECT ai_memory.update('', content => 'x')$q$),
  ($q$SELECT ai_memory.update(NULL, content => 'x')$q$),
  ($q$SELECT ai_memory.update(repeat('i', 129), content => 'x')$q$),
  ($q$SELECT ai_memory.update('no-such-id', content => 'x')$q$),
  ($q$SELECT ai_memory.update('bad-', content => 'x')$q$),
  ($q$SELECT ai_memory.update('%', content => 'x')$q$),
  ($q$SELECT ai_memory.delete('   ')$q$),
  ($q$SELECT ai_memory.delete('no-such-id')$q$),
  ($q$SELECT ai_memory.delete('bad')$q$),
  ($q$SELECT ai_memory.promote('')$q$),
  ($q$SELECT ai_memory.promote('no-such-id')$q$),
  ($q$SELECT ai_memory.promote('b_d')$q$),
  ($q$SELECT ai_memory.archive_restore('')$q$),
  ($q$SELECT ai_memory.archive_restore('no-such-id')$q$),
  ($q$SELECT ai_memory.archive_restore('arc')$q$),
  ($q$SELECT ai_memory.archive_restore('bad-1')$q$),
  -- update fields
  ($q$SELECT ai_memory.update('bad-1', title => ' ')$q$),
  ($q$SELECT ai_memory.update('bad-1', title => repeat('t', 513))$q$),
  ($q$SELECT ai_memory.update('bad-1', content => E'cr\rlf')$q$),
  ($q$SELECT ai_memory.update('bad-1', tier => 'LONG')$q$),
  ($q$SELECT ai_memory.update('bad-1', namespace => 'a/../b')$q$),
  ($q$SELECT ai_memory.update('bad-1', namespace => 'has space')$q$),
  ($q$SELECT ai_memory.update('bad-1', tags => array_fill('x'::text, ARRAY[51]))$q$),
  ($q$SELECT ai_memory.update('bad-1', tags => ARRAY['ok', NULL])$q$),
  ($q$SELECT ai_memory.update('bad-1', priority => 0)$q$),
  ($q$SELECT ai_memory.update('bad-1', confidence => 'NaN')$q$),
  ($q$SELECT ai_memory.update('bad-1', confidence => 1.5)$q$),
  ($q$SELECT ai_memory.update('bad-1', metadata => '[1]')$q$),
  ($q$SELECT ai_memory.update('bad-1', expires_at => 'infinity')$q$),
  ($q$SELECT ai_memory.update('bad-1', expires_at => '2027-01-01', clear_expiry => true)$q$),
  ($q$SELECT ai_memory.update('bad-1', title => 'two')$q$),
  -- agent ids and promotion targets
  ($q$SELECT ai_memory.delete('bad-1', agent_id => 'bad agent')$q$),
  ($q$SELECT ai_memory.promote('bad-1', agent_id => '')$q$),
  ($q$SELECT ai_memory.promote('bad-1', to_namespace => '')$q$),
  ($q$SELECT ai_memory.promote('bad-1', to_namespace => '/org')$q$),
  ($q$SELECT ai_memory.promote('bad-1', to_namespace => 'org/team')$q$),
  ($q$SELECT ai_memory.promote('bad-1', to_namespace => 'team')$q$),
  -- touch
  ($q$SELECT ai_memory.touch(NULL)$q$),
  ($q$SELECT ai_memory.touch(ARRAY['bad-1', NULL])$q$),
  ($q$SELECT ai_memory.touch(ARRAY['bad-1', ''])$q$),
  ($q$SELECT ai_memory.touch(ARRAY[['bad-1'], ['bad-2']])$q$),
  ($q$SELECT ai_memory.touch(array_fill('bad-1'::text, ARRAY[1001]))$q$),
  -- archive
  ($q$SELECT ai_memory.archive_list("limit" => 0)$q$),
  ($q$SELECT ai_memory.archive_list("limit" => -5)$q$),
  ($q$SELECT ai_memory.archive_list("offset" => -1)$q$),
  ($q$SELECT ai_memory.archive_list(namespace => 'a//b')$q$),
  ($q$SELECT ai_memory.archive_purge(-1)$q$),
  ($q$SELECT ai_memory.archive_purge(older_than_days => -30)$q$)
) AS t(q);

-- Restoring onto a taken id or a taken (title, namespace) is a conflict.
SELECT outcome($$SELECT ai_memory.archive_restore('bad-2')$$);
SELECT outcome($$SELECT ai_memory.archive_restore('arc-1')$$);

-- Nothing was written by any of them.
SELECT (SELECT jsonb_agg(m ORDER BY m.id) FROM ai_memory.memories m) = b.memories AS memories_unchanged,
       (SELECT jsonb_agg(a ORDER BY a.id) FROM ai_memory.archived_memories a) = b.archive AS archive_unchanged,
       (SELECT count(*) FROM ai_memory.memory_links) AS links
  FROM before b;
RESET ai_memory.now_override;
