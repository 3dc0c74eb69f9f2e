-- The webhook outbox (docs/webhooks.md): which writes queue which events,
-- for which subscriptions; rollback leaves nothing; the dispatcher's claim and
-- record functions; the subscribe-time SSRF guard.
SET TimeZone = 'UTC';
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.subscriptions, ai_memory.webhook_events;
RESET client_min_messages;
CREATE TEMP VIEW queued AS
  SELECT s.url, e.event, m.title, e.namespace, e.agent_id
    FROM ai_memory.webhook_events e
    JOIN ai_memory.subscriptions s ON s.id = e.subscription_id
    LEFT JOIN ai_memory.memories m ON m.id = e.memory_id
   ORDER BY e.id;

-- No subscription: writes queue nothing.
SELECT (ai_memory.store('quiet', 'no one listens')).title;
SELECT count(*) AS events_without_subscriptions FROM ai_memory.webhook_events;

SELECT ai_memory.register_agent('hook-owner', 'human')->>'registered' AS registered;
SELECT count(*) AS queued_by_registration FROM ai_memory.webhook_events;  -- still no subscription
SELECT ai_memory.subscribe('http://localhost:9001/all', created_by => 'hook-owner')->>'url' AS url;
SELECT ai_memory.subscribe('http://127.0.0.1:9002/ops', events => 'memory_store,memory_delete',
                           namespace_filter => 'ops', created_by => 'hook-owner')->>'url' AS url;
SELECT ai_memory.subscribe('http://[::1]:9003/bot', agent_filter => 'ai:bot', secret => 'k',
                           created_by => 'hook-owner')->>'url' AS url;

-- store: a new row is memory_store; the same (title, namespace) again is a
-- merge, memory_update. Filters: namespace (exact), agent (exact), events list.
SELECT (ai_memory.store('a', 'one', namespace => 'ops')).title;
SELECT (ai_memory.store('a', 'two', namespace => 'ops')).title;
SELECT (ai_memory.store('b', 'by the bot', agent_id => 'ai:bot')).title;
SELECT ai_memory.remember('c', 'through remember', namespace => 'ops/sub')->>'status' AS status;
SELECT * FROM queued;
TRUNCATE ai_memory.webhook_events;

-- update: only a real change queues memory_update.
SELECT (ai_memory.update(m.id, content => 'three')).title FROM ai_memory.memories m WHERE m.title = 'a';
SELECT (ai_memory.update(m.id, content => 'three')).title FROM ai_memory.memories m WHERE m.title = 'a';
SELECT (ai_memory.update(m.id, tags => ARRAY['x'])).title FROM ai_memory.memories m WHERE m.title = 'b';
-- promote: only when it changes the tier or expiry; vertical adds the clone's store.
SELECT ai_memory.promote(m.id)->>'tier' AS tier FROM ai_memory.memories m WHERE m.title = 'a';
SELECT ai_memory.promote(m.id)->>'tier' AS tier FROM ai_memory.memories m WHERE m.title = 'a';
SELECT ai_memory.promote(m.id, 'ops')->>'mode' AS mode FROM ai_memory.memories m WHERE m.title = 'c';
-- link: a new link only, about its source.
SELECT ai_memory.link(a.id, b.id)->>'linked' AS linked
  FROM ai_memory.memories a, ai_memory.memories b WHERE a.title = 'a' AND b.title = 'b';
SELECT ai_memory.link(a.id, b.id)->>'linked' AS linked
  FROM ai_memory.memories a, ai_memory.memories b WHERE a.title = 'a' AND b.title = 'b';
SELECT * FROM queued;
TRUNCATE ai_memory.webhook_events;

-- consolidate: one memory_consolidate for the new memory, by its consolidator.
SELECT ai_memory.consolidate(ARRAY(SELECT m.id FROM ai_memory.memories m WHERE m.title IN ('b', 'quiet') ORDER BY m.id),
                             'merged', 'both', namespace => 'ops', agent_id => 'ai:bot')->>'consolidated' AS n;
-- delete: memory_delete carries the deleted memory's namespace and agent.
SELECT ai_memory.delete(m.id)->>'deleted' AS deleted FROM ai_memory.memories m WHERE m.title = 'merged';
SELECT * FROM queued;
SELECT DISTINCT memory_id IS NOT NULL AND memory_id <> '' AS ids_kept FROM ai_memory.webhook_events;
TRUNCATE ai_memory.webhook_events;

-- Only committed writes: a rolled-back store, update or delete leaves no event.
BEGIN;
SELECT (ai_memory.store('rolled back', 'x', namespace => 'ops')).title;
SELECT ai_memory.delete(m.id)->>'deleted' AS deleted FROM ai_memory.memories m WHERE m.title = 'a';
SELECT count(*) AS inside_the_transaction FROM ai_memory.webhook_events;
ROLLBACK;
SELECT count(*) AS after_rollback FROM ai_memory.webhook_events;
-- A failed store queues nothing either.
SELECT outcome($$SELECT ai_memory.store('', 'no title', namespace => 'ops')$$) AS result;
SELECT count(*) AS after_error FROM ai_memory.webhook_events;

-- The claim: oldest first, with url and secret hash; what it returns is gone.
SELECT (ai_memory.store('d', 'x', namespace => 'ops')).title;
SELECT (ai_memory.store('e', 'x', agent_id => 'ai:bot')).title;
SELECT url, secret_hash IS NOT NULL AS signed, event FROM ai_memory._claim_webhook_events(2) ORDER BY event_id;
SELECT url, event FROM ai_memory._claim_webhook_events(10) ORDER BY event_id;
SELECT count(*) AS left_after_claims FROM ai_memory.webhook_events;
SELECT outcome($$SELECT ai_memory._claim_webhook_events(0)$$) AS result;
SELECT outcome($$SELECT ai_memory._claim_webhook_events(1, 0)$$) AS result;

-- Recording: every attempt counts, failures also in failure_count.
SELECT ai_memory._record_webhook_dispatch(ARRAY[s.id, s.id, s.id], ARRAY[true, false, true])
  FROM ai_memory.subscriptions s WHERE s.url = 'http://localhost:9001/all';
SELECT url, dispatch_count, failure_count FROM ai_memory.list_subscriptions() ORDER BY url;
SELECT last_dispatched_at IS NOT NULL AS dispatched FROM ai_memory.subscriptions ORDER BY url;

-- Events older than max_age_secs are dropped at the next claim and counted as failures.
SELECT (ai_memory.store('f', 'x')).title;
UPDATE ai_memory.webhook_events SET created_at = now() - interval '2 hours';
SELECT count(*) AS claimed FROM ai_memory._claim_webhook_events(10, 3600);
SELECT count(*) AS left FROM ai_memory.webhook_events;
SELECT url, dispatch_count, failure_count FROM ai_memory.list_subscriptions() ORDER BY url;

-- Events of a removed subscription are dropped at claim, never delivered.
SELECT (ai_memory.store('g', 'x')).title;
SELECT ai_memory.unsubscribe(s.id)->>'removed' AS removed FROM ai_memory.subscriptions s
 WHERE s.url = 'http://localhost:9001/all';
SELECT count(*) AS queued_for_removed FROM ai_memory.webhook_events;
SELECT count(*) AS delivered_for_removed FROM ai_memory._claim_webhook_events(10);
SELECT count(*) AS left FROM ai_memory.webhook_events;

-- Subscribe-time SSRF guard (reference §7.6): messages, nothing written.
CREATE TEMP TABLE subs_before AS SELECT count(*) AS n FROM ai_memory.subscriptions;
SELECT outcome(format('SELECT ai_memory.subscribe(%L, created_by => %L)', u, 'hook-owner')) AS result FROM (VALUES
  ('https://169.254.169.254/latest/meta-data/'), ('https://10.0.0.1/'), ('https://192.168.1.10:8443/x'),
  ('https://172.16.0.1/'), ('https://100.64.0.1/'), ('https://0.0.0.0/'), ('https://255.255.255.255/'),
  ('https://224.0.0.1/'), ('https://[fd00::1]/'), ('https://[fe80::1]/'), ('https://[ff02::1]/'),
  ('https://[::ffff:10.0.0.1]/'), ('http://example.com/hook'), ('http://8.8.8.8/'),
  ('https://2130706433/'), ('https://0x7f.0.0.1/'), ('https://127.1/'), ('http://localhost@evil.example/'),
  ('https://x.example:99999/'), ('https://[fe80::1%25eth0]/')) AS t(u);
SELECT count(*) = (SELECT n FROM subs_before) AS nothing_written FROM ai_memory.subscriptions;
-- Allowed: https to a name or a public address, http to loopback.
SELECT ai_memory.subscribe(u, created_by => 'hook-owner')->>'url' AS url FROM (VALUES
  ('https://hooks.example.com/x'), ('https://93.184.216.34/x'), ('http://localhost.localdomain:8080/x'),
  ('https://127.0.0.1/x')) AS t(u);
SELECT ai_memory._check_webhook_url('https://hooks.example.com/ok') AS checked;

-- Leave no subscription behind for later suites.
SET client_min_messages = warning;
TRUNCATE ai_memory.subscriptions, ai_memory.webhook_events;
