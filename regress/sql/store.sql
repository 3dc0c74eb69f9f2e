-- store(): defaults, expiry by tier, and the upsert rules of reference §2.4.
SET ai_memory.now_override = '2026-01-01 00:00:00+00';
SET TimeZone = 'UTC';

-- Defaults: mid tier, global namespace, 7-day expiry, the transaction's "now".
SELECT tier, namespace, title, content, tags, priority, confidence, source, access_count,
       created_at, updated_at, last_accessed_at, expires_at, metadata,
       id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' AS uuid_v4
  FROM ai_memory.store(title => 'first', content => 'the first memory');

-- Tier TTLs: short 6 h, long none; explicit ttl_secs and expires_at win.
SELECT title, tier, expires_at FROM ai_memory.store(title => 's', content => 'c', tier => 'short');
SELECT title, tier, expires_at FROM ai_memory.store(title => 'l', content => 'c', tier => 'long');
SELECT title, tier, expires_at FROM ai_memory.store(title => 't', content => 'c', tier => 'long', ttl_secs => 60);
SELECT title, expires_at FROM ai_memory.store(title => 'e', content => 'c', expires_at => '2026-02-01 00:00:00+00');
-- The TTL settings apply.
SET ai_memory.short_ttl_secs = 10;
SELECT title, expires_at FROM ai_memory.store(title => 's2', content => 'c', tier => 'short');
RESET ai_memory.short_ttl_secs;
-- NULL means "the default".
SELECT tier, namespace, priority, source FROM ai_memory.store(title => 'n', content => 'c', tier => NULL,
       namespace => NULL, priority => NULL, source => NULL);

-- Title and namespace are stored trimmed.
SELECT title, namespace FROM ai_memory.store(title => '  padded  ', content => 'c', namespace => ' team/a ');

-- agent_id and scope are stamped into metadata.
SELECT metadata FROM ai_memory.store(title => 'owned', content => 'v1', metadata => '{"k": 1}',
                                     agent_id => 'alice', scope => 'team', priority => 7, confidence => 0.4);

-- Upsert on (title, namespace): one row; the existing id; priority and
-- confidence take the max; content, tags and source take the new values;
-- metadata is the new object but agent_id stays the first writer's.
SET ai_memory.now_override = '2026-01-02 00:00:00+00';
CREATE TEMP TABLE first_id AS SELECT id FROM ai_memory.memories WHERE title = 'owned';
SELECT (s.id = f.id) AS same_id, s.content, s.tags, s.priority, s.confidence, s.source, s.metadata,
       s.created_at, s.updated_at
  FROM ai_memory.store(title => 'owned', content => 'v2', tags => ARRAY['x'], priority => 3, confidence => 0.9,
                       source => 'api', metadata => '{"k": 2}', agent_id => 'mallory') s, first_id f;
SELECT count(*) FROM ai_memory.memories WHERE title = 'owned';

-- The tier never goes down; reaching long clears the expiry.
SELECT tier, expires_at FROM ai_memory.store(title => 'owned', content => 'v3', tier => 'short');
SELECT tier, expires_at FROM ai_memory.store(title => 'owned', content => 'v4', tier => 'long');
SELECT tier, expires_at FROM ai_memory.store(title => 'owned', content => 'v5', tier => 'mid');

-- The same title in another namespace is another memory.
SELECT namespace FROM ai_memory.store(title => 'owned', content => 'elsewhere', namespace => 'other');
SELECT count(*) FROM ai_memory.memories WHERE title = 'owned';

-- ai_memory.now() follows the override, and falls back to the transaction time.
SELECT ai_memory.now();
RESET ai_memory.now_override;
SELECT ai_memory.now() = now() AS real_time;
