-- Webhook subscriptions (reference §1.9, tools 34-36): registered callers
-- only, http(s) urls, the secret kept as SHA-256 only, bad input.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-07 00:00:00+00';
SELECT ai_memory.register_agent('sub-alice', 'human')->>'registered' AS registered;

SELECT s - 'id' AS result FROM ai_memory.subscribe('https://hooks.example.com/a', created_by => 'sub-alice') s;
SET ai_memory.now_override = '2026-04-07 00:01:00+00';
SELECT s - 'id' AS result
  FROM ai_memory.subscribe(url => 'http://localhost:9000/hook', events => 'memory_store,memory_delete',
                           secret => 's3cret', namespace_filter => 'team/ops', agent_filter => 'ai:bot',
                           created_by => 'sub-alice') s;
-- Only the SHA-256 of the secret is kept.
SELECT url, secret_hash, secret_hash = encode(sha256('s3cret'), 'hex') AS is_sha256
  FROM ai_memory.subscriptions ORDER BY created_at;

-- The list never shows the secret, newest first.
SELECT url, events, namespace_filter, agent_filter, created_by, created_at, dispatch_count, failure_count
  FROM ai_memory.list_subscriptions();
SELECT count(*) AS columns_named_secret FROM information_schema.routines r
  JOIN information_schema.parameters p USING (specific_schema, specific_name)
 WHERE r.routine_schema = 'ai_memory' AND r.routine_name = 'list_subscriptions' AND p.parameter_name LIKE '%secret%';

-- unsubscribe reports whether it removed one.
SELECT u->'removed' AS removed FROM ai_memory.subscriptions s, ai_memory.unsubscribe(s.id) u
 WHERE s.url = 'https://hooks.example.com/a';
SELECT ai_memory.unsubscribe('no-such-subscription') AS result;

-- Bad input: messages, nothing written.
CREATE TEMP TABLE subs_before AS SELECT count(*) AS n FROM ai_memory.subscriptions;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.subscribe('https://x.example', created_by => 'sub-nobody')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', created_by => 'bad agent')$q$),
  ($q$SELECT ai_memory.subscribe(NULL, created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('  ', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('ftp://x.example/f', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('file:///etc/passwd', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example/a b', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example/' || repeat('a', 2048), created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', events => '', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', events => 'a,,b', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', secret => '', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', namespace_filter => 'a//b', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.subscribe('https://x.example', agent_filter => 'bad agent', created_by => 'sub-alice')$q$),
  ($q$SELECT ai_memory.unsubscribe(NULL)$q$)
) AS t(q);
SELECT count(*) = (SELECT n FROM subs_before) AS nothing_written FROM ai_memory.subscriptions;
