-- The webhook outbox (docs/webhooks.md). A write that changes a memory calls
-- _emit_event() in its own transaction: one row per matching subscription is
-- queued here and NOTIFY ai_memory_webhooks wakes the bridge. Both are
-- transactional, so only committed writes are ever delivered. With no
-- subscription at all nothing is written (store() probes for one first).
-- The bridge claims rows with FOR UPDATE SKIP LOCKED and deletes them as it
-- claims (at most once: a crash after the claim loses the event, never
-- repeats it), then reports each delivery with _record_webhook_dispatch().

CREATE TABLE ai_memory.webhook_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- No foreign key: every write would take a KEY SHARE lock on the
  -- subscription row. An event of a removed subscription is dropped at claim.
  subscription_id text        NOT NULL,
  event           text        NOT NULL,
  memory_id       text        NOT NULL,
  namespace       text        NOT NULL,
  agent_id        text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX webhook_events_created_at_idx ON ai_memory.webhook_events (created_at);
COMMENT ON TABLE ai_memory.webhook_events IS
  'ai_memory: webhook events queued by committed writes, claimed and deleted by the bridge';

-- Queues `event` for every subscription that wants it (its events list holds
-- the event or *, and its namespace and agent filters match when set), and
-- wakes the dispatcher. Returns the number queued. The time is the real
-- transaction time, not ai_memory.now(): it bounds the event's age.
CREATE FUNCTION ai_memory._emit_event(event text, memory_id text, namespace text, agent_id text) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  queued integer;
BEGIN
  INSERT INTO ai_memory.webhook_events (subscription_id, event, memory_id, namespace, agent_id)
  SELECT s.id, $1, $2, $3, $4
    FROM ai_memory.subscriptions s
   WHERE (s.events = '*' OR $1 = ANY (string_to_array(s.events, ',')))
     AND (s.namespace_filter IS NULL OR s.namespace_filter = $3)
     AND (s.agent_filter IS NULL OR s.agent_filter = $4);
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM pg_notify('ai_memory_webhooks', '');  -- sent at commit, once per transaction
  END IF;
  RETURN queued;
END $$;
COMMENT ON FUNCTION ai_memory._emit_event(text, text, text, text) IS
  'ai_memory internal: queue a memory event for the matching webhook subscriptions';

-- The dispatcher's claim: deletes and returns up to max_events queued events
-- (oldest first) with their subscription's url and secret hash. Rows another
-- claimer holds are skipped, so two bridges never deliver one event twice.
-- Events older than max_age_secs are dropped first, at most 10 000 a claim
-- (so a backlog queued while no bridge ran never makes a claim outlast the
-- dispatcher's statement timeout), and counted as failed deliveries of their
-- subscription.
CREATE FUNCTION ai_memory._claim_webhook_events(max_events integer, max_age_secs integer DEFAULT 3600)
  RETURNS TABLE (event_id bigint, subscription_id text, url text, secret_hash text, event text, memory_id text,
                 namespace text, agent_id text, created_at timestamptz)
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF max_events IS NULL OR max_events < 1 OR max_age_secs IS NULL OR max_age_secs < 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'max_events and max_age_secs must be positive';
  END IF;
  WITH stale AS (
    DELETE FROM ai_memory.webhook_events e
     WHERE e.id IN (SELECT o.id FROM ai_memory.webhook_events o
                     WHERE o.created_at < pg_catalog.now() - make_interval(secs => max_age_secs)
                     ORDER BY o.created_at LIMIT 10000
                     FOR UPDATE SKIP LOCKED)
    RETURNING e.subscription_id)
  UPDATE ai_memory.subscriptions s SET failure_count = s.failure_count + d.n
    FROM (SELECT st.subscription_id, count(*) AS n FROM stale st GROUP BY st.subscription_id) d
   WHERE s.id = d.subscription_id;

  RETURN QUERY
  WITH claimed AS (
    DELETE FROM ai_memory.webhook_events e
     WHERE e.id IN (SELECT c.id FROM ai_memory.webhook_events c ORDER BY c.id LIMIT max_events
                     FOR UPDATE SKIP LOCKED)
    RETURNING e.*)
  SELECT c.id, c.subscription_id, s.url, s.secret_hash, c.event, c.memory_id, c.namespace, c.agent_id, c.created_at
    FROM claimed c JOIN ai_memory.subscriptions s ON s.id = c.subscription_id
   ORDER BY c.id;
END $$;
COMMENT ON FUNCTION ai_memory._claim_webhook_events(integer, integer) IS
  'ai_memory internal: claim (delete and return) queued webhook events for delivery';

-- One batch of delivery outcomes: every attempt counts in dispatch_count and
-- sets last_dispatched_at; a failed one also counts in failure_count.
CREATE FUNCTION ai_memory._record_webhook_dispatch(subscription_ids text[], delivered boolean[]) RETURNS void
  LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    UPDATE ai_memory.subscriptions s
       SET dispatch_count = s.dispatch_count + d.attempts,
           failure_count = s.failure_count + d.failures,
           last_dispatched_at = pg_catalog.now()
      FROM (SELECT o.id, count(*) AS attempts, count(*) FILTER (WHERE NOT o.ok) AS failures
              FROM unnest(subscription_ids, delivered) AS o(id, ok)
             GROUP BY o.id) d
     WHERE s.id = d.id;
  END;
COMMENT ON FUNCTION ai_memory._record_webhook_dispatch(text[], boolean[]) IS
  'ai_memory internal: count webhook deliveries (and failures) of their subscriptions';

