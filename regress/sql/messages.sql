-- Messages (tools 32-33): notify into _messages/<agent>, inbox, unread_only, bad input.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-04 00:00:00+00';

SELECT ai_memory.notify('msg-bob', 'hello', 'first message', sender => 'msg-alice') - 'id' AS result;
SELECT ai_memory.notify('msg-bob', 'urgent', 'second message', 'msg-carol', priority => 42, tier => 'short') - 'id'
       AS result;
SELECT ai_memory.notify('msg-bob', 'low', 'third message', 'msg-carol', priority => -3, tier => 'long') - 'id'
       AS result;
SELECT tier, namespace, title, content, tags, priority, source, expires_at, metadata
  FROM ai_memory.memories WHERE namespace = '_messages/msg-bob' ORDER BY title;

-- The inbox, highest priority first; nothing is marked read by listing.
SELECT "from", title, payload, priority, tier, created_at, read, access_count FROM ai_memory.inbox('msg-bob');
SELECT count(*) AS still_unread FROM ai_memory.inbox('msg-bob', unread_only => true);
-- A recalled (touched) message counts as read; unread_only filters before the limit.
UPDATE ai_memory.memories SET access_count = 1 WHERE namespace = '_messages/msg-bob' AND title = 'urgent';
SELECT title, read FROM ai_memory.inbox('msg-bob', "limit" => 1);
SELECT title, read FROM ai_memory.inbox('msg-bob', unread_only => true, "limit" => 1);
SELECT count(*) AS capped FROM ai_memory.inbox('msg-bob', "limit" => 100000);
SELECT count(*) AS empty_inbox FROM ai_memory.inbox('msg-nobody');
-- Expired messages leave the inbox.
SET ai_memory.now_override = '2026-04-04 07:00:00+00';
SELECT title FROM ai_memory.inbox('msg-bob');
SET ai_memory.now_override = '2026-04-04 00:00:00+00';

-- Same title to the same recipient upserts over the earlier message (reference tool 32).
SELECT ai_memory.notify('msg-bob', 'hello', 'hello again', 'msg-alice')->>'to' AS to;
SELECT count(*) AS hello_rows, min(content) AS content FROM ai_memory.memories
 WHERE namespace = '_messages/msg-bob' AND title = 'hello';

-- Bad input: messages, nothing written.
CREATE TEMP TABLE messages_before AS SELECT count(*) AS n FROM ai_memory.memories WHERE namespace LIKE '\_messages/%';
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.notify(NULL, 't', 'p', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', 't', 'p', NULL)$q$),
  ($q$SELECT ai_memory.notify('bad target', 't', 'p', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', 't', 'p', 'bad sender')$q$),
  ($q$SELECT ai_memory.notify('../x', 't', 'p', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('a//b', 't', 'p', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', '', 'p', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', 't', ' ', 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', 't', repeat('x', 65537), 'msg-alice')$q$),
  ($q$SELECT ai_memory.notify('msg-bob', 't', 'p', 'msg-alice', tier => 'forever')$q$),
  ($q$SELECT * FROM ai_memory.inbox(NULL)$q$),
  ($q$SELECT * FROM ai_memory.inbox('has space')$q$),
  ($q$SELECT * FROM ai_memory.inbox('msg-bob', "limit" => 0)$q$)
) AS t(q);
SELECT count(*) = (SELECT n FROM messages_before) AS nothing_written
  FROM ai_memory.memories WHERE namespace LIKE '\_messages/%';
