-- Messages between agents (tools 32/33): a message is a memory in the
-- recipient's inbox namespace `_messages/<agent_id>`, tagged `_message`.

CREATE FUNCTION ai_memory.notify(target_agent_id text, title text, payload text, sender text,
                                 priority integer DEFAULT 5, tier text DEFAULT 'mid') RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  recipient text;
  from_agent text;
  inbox_ns text;
  message_tier text;
  stored ai_memory.memories;
BEGIN
  IF notify.target_agent_id IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'target_agent_id is required';
  END IF;
  IF notify.sender IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'sender is required';
  END IF;
  recipient := ai_memory._check_agent_id(notify.target_agent_id);
  from_agent := ai_memory._check_agent_id(notify.sender);
  inbox_ns := ai_memory._check_namespace('_messages/' || recipient);
  message_tier := ai_memory._check_tier(coalesce(notify.tier, 'mid'));
  -- A message with the same title to the same recipient upserts over the
  -- previous one (reference tool 32).
  stored := ai_memory._upsert_memory(
    tier => message_tier, namespace => inbox_ns, title => ai_memory._check_title(notify.title),
    content => ai_memory._check_content(notify.payload), tags => ARRAY['_message'],
    priority => least(greatest(coalesce(notify.priority, 5), 1), 10),  -- clamped, not refused
    confidence => 1.0, source => 'notify',
    metadata => pg_catalog.jsonb_build_object('agent_id', from_agent, 'recipient_agent_id', recipient,
                                              'message_kind', 'notify'),
    expires_at => ai_memory._tier_expiry(message_tier));
  RETURN pg_catalog.jsonb_build_object('id', stored.id, 'from', from_agent, 'to', recipient, 'namespace', inbox_ns,
                                       'tier', stored.tier, 'delivered_at', ai_memory._rfc3339(stored.updated_at));
END
$$;
COMMENT ON FUNCTION ai_memory.notify IS 'ai_memory: leave a message in an agent''s inbox';

-- Messages in an agent's inbox, highest priority then newest first. Listing
-- does not mark them read (only recall touches memories). unread_only filters
-- before the limit, so a full page of read messages never hides unread ones.
CREATE FUNCTION ai_memory.inbox(agent_id text, unread_only boolean DEFAULT false, "limit" integer DEFAULT 50)
  RETURNS TABLE (id text, "from" text, title text, payload text, priority integer, tier ai_memory.tier,
                 created_at timestamptz, read boolean, access_count bigint)
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  inbox_ns CONSTANT text := '_messages/' || ai_memory._check_agent_id(coalesce(inbox.agent_id, ''));
  page_size CONSTANT integer := ai_memory._check_limit(inbox."limit", 50, 500);
BEGIN
  RETURN QUERY
    SELECT m.id, m.metadata ->> 'agent_id', m.title, m.content, m.priority, m.tier, m.created_at,
           m.access_count > 0, m.access_count
      FROM ai_memory.memories m
     WHERE m.namespace = inbox_ns
       AND (m.expires_at IS NULL OR m.expires_at > ai_memory.now())
       AND (NOT coalesce(inbox.unread_only, false) OR m.access_count = 0)
     ORDER BY m.priority DESC, m.updated_at DESC, m.id
     LIMIT page_size;
END
$$;
COMMENT ON FUNCTION ai_memory.inbox IS 'ai_memory: the messages in an agent''s inbox';
