-- Webhook subscriptions (reference §1.9). The extension keeps them; the
-- bridge delivers (and applies the full SSRF guard of reference §7.6). The
-- secret is kept only as its SHA-256, which is also the HMAC key the bridge signs with.

CREATE TABLE ai_memory.subscriptions (
  id                 text COLLATE "C" PRIMARY KEY DEFAULT gen_random_uuid()::text,
  url                text        NOT NULL,
  events             text        NOT NULL DEFAULT '*',
  secret_hash        text,
  namespace_filter   text,
  agent_filter       text,
  created_by         text        NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_dispatched_at timestamptz,
  dispatch_count     bigint      NOT NULL DEFAULT 0,
  failure_count      bigint      NOT NULL DEFAULT 0,
  CONSTRAINT subscriptions_url_check CHECK (url ~* '^https?://'),
  CONSTRAINT subscriptions_secret_hash_check CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT subscriptions_counts_check CHECK (dispatch_count >= 0 AND failure_count >= 0)
);
CREATE INDEX subscriptions_url_idx ON ai_memory.subscriptions (url);
COMMENT ON TABLE ai_memory.subscriptions IS 'ai_memory: webhook subscriptions (reference §1.9); secrets as SHA-256 only';

-- The SSRF guard of reference §7.6 at subscribe time (core/ssrf.hpp): the url,
-- else MA100 "invalid url '<url>' — <reason>". The bridge checks again at send
-- time, on the resolved addresses.
CREATE FUNCTION ai_memory._check_webhook_url(url text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_webhook_url';
COMMENT ON FUNCTION ai_memory._check_webhook_url(text) IS
  'ai_memory internal: the webhook url if it passes the SSRF rules (docs/webhooks.md), else MA100';

CREATE FUNCTION ai_memory.subscribe(url text, events text DEFAULT '*', secret text DEFAULT NULL,
                                    namespace_filter text DEFAULT NULL, agent_filter text DEFAULT NULL,
                                    created_by text DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  target CONSTANT text := btrim(coalesce(subscribe.url, ''));
  event_list CONSTANT text := coalesce(subscribe.events, '*');
  creator text;
  ns_filter text;
  agent_only text;
  added ai_memory.subscriptions;
BEGIN
  IF target = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'url cannot be empty';
  END IF;
  IF octet_length(target) > 2048 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'url exceeds max length of 2048 bytes';
  END IF;
  IF target !~* '^https?://[^/?#]' OR target ~ '[[:space:][:cntrl:]]' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100',
      MESSAGE = format('invalid url ''%s'' — must be an http or https url', target);
  END IF;
  PERFORM ai_memory._check_webhook_url(target);
  IF event_list !~ '^(\*|[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+)*)$' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100',
      MESSAGE = format('invalid events ''%s'' — must be * or a comma-separated list of event names', event_list);
  END IF;
  IF subscribe.secret = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'secret cannot be empty';
  END IF;
  IF subscribe.namespace_filter IS NOT NULL THEN
    ns_filter := ai_memory._check_namespace(subscribe.namespace_filter);
  END IF;
  IF subscribe.agent_filter IS NOT NULL THEN
    agent_only := ai_memory._check_agent_id(subscribe.agent_filter);
  END IF;
  creator := ai_memory._check_agent_id(coalesce(subscribe.created_by, ''));
  IF NOT ai_memory._is_registered_agent(creator) THEN
    RAISE EXCEPTION USING ERRCODE = 'MA400',
      MESSAGE = format('agent "%s" is not registered; call memory_agent_register before memory_subscribe', creator);
  END IF;

  INSERT INTO ai_memory.subscriptions AS s (url, events, secret_hash, namespace_filter, agent_filter, created_by,
                                            created_at)
  VALUES (target, event_list, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(subscribe.secret, 'UTF8')), 'hex'),
          ns_filter, agent_only, creator, ai_memory.now())
  RETURNING s.* INTO added;
  RETURN pg_catalog.jsonb_build_object('id', added.id, 'url', added.url, 'events', added.events,
                                       'namespace_filter', added.namespace_filter,
                                       'agent_filter', added.agent_filter, 'created_by', added.created_by);
END
$$;
COMMENT ON FUNCTION ai_memory.subscribe IS 'ai_memory: subscribe a registered agent''s webhook url to events';

CREATE FUNCTION ai_memory.unsubscribe(id text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  subscription CONSTANT text := ai_memory._check_id(unsubscribe.id);
BEGIN
  DELETE FROM ai_memory.subscriptions s WHERE s.id = subscription;
  RETURN pg_catalog.jsonb_build_object('id', subscription, 'removed', FOUND);
END
$$;
COMMENT ON FUNCTION ai_memory.unsubscribe IS 'ai_memory: remove a webhook subscription';

-- The public view of the subscriptions: never the secret hash.
CREATE FUNCTION ai_memory.list_subscriptions()
  RETURNS TABLE (id text, url text, events text, namespace_filter text, agent_filter text, created_by text,
                 created_at timestamptz, dispatch_count bigint, failure_count bigint)
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT s.id, s.url, s.events, s.namespace_filter, s.agent_filter, s.created_by, s.created_at,
           s.dispatch_count, s.failure_count
      FROM ai_memory.subscriptions s
     ORDER BY s.created_at DESC, s.id;
  END;
COMMENT ON FUNCTION ai_memory.list_subscriptions IS 'ai_memory: webhook subscriptions, newest first, without secrets';
