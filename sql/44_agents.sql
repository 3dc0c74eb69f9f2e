-- Agents (reference §1.5): an agent is a memory in namespace `_agents`,
-- titled `agent:<agent_id>`, whose metadata describes it.

-- True when agent_id is registered (case-sensitive, as the reference's title lookup).
CREATE FUNCTION ai_memory._is_registered_agent(agent_id text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT EXISTS (SELECT FROM ai_memory.memories m
                    WHERE m.namespace = '_agents' AND m.title = 'agent:' || _is_registered_agent.agent_id);
  END;
COMMENT ON FUNCTION ai_memory._is_registered_agent IS 'ai_memory: whether an agent is registered in _agents';

CREATE FUNCTION ai_memory.register_agent(agent_id text, agent_type text, capabilities text[] DEFAULT '{}')
  RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  agent CONSTANT text := ai_memory._check_agent_id(coalesce(register_agent.agent_id, ''));
  kind CONSTANT text := ai_memory._check_agent_type(coalesce(register_agent.agent_type, ''));
  caps CONSTANT text[] := ai_memory._check_tags(coalesce(register_agent.capabilities, '{}'));
  seen_at CONSTANT text := ai_memory._rfc3339(ai_memory.now());
  registered_at text;
  description jsonb;
  stored ai_memory.memories;
BEGIN
  -- Re-registration keeps the first registered_at; the lock holds it against a concurrent re-registration.
  SELECT m.metadata ->> 'registered_at' INTO registered_at
    FROM ai_memory.memories m
   WHERE m.namespace = '_agents' AND m.title = 'agent:' || agent
     FOR UPDATE;
  description := pg_catalog.jsonb_build_object('agent_id', agent, 'agent_type', kind,
                                               'capabilities', pg_catalog.to_jsonb(caps),
                                               'registered_at', coalesce(registered_at, seen_at),
                                               'last_seen_at', seen_at);
  stored := ai_memory._upsert_memory(tier => 'long', namespace => '_agents', title => 'agent:' || agent,
                                  content => description::text, tags => ARRAY['agent-registration'],
                                  priority => 5, confidence => 1.0, source => 'system',
                                  metadata => description, expires_at => NULL);
  RETURN pg_catalog.jsonb_build_object('registered', true, 'id', stored.id, 'agent_id', agent, 'agent_type', kind,
                                       'capabilities', pg_catalog.to_jsonb(caps));
END
$$;
COMMENT ON FUNCTION ai_memory.register_agent IS
  'ai_memory: register an agent, or refresh its type and capabilities (registered_at is kept)';

CREATE FUNCTION ai_memory.list_agents()
  RETURNS TABLE (agent_id text, agent_type text, capabilities text[], registered_at timestamptz,
                 last_seen_at timestamptz)
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT m.metadata ->> 'agent_id', m.metadata ->> 'agent_type',
           ARRAY(SELECT pg_catalog.jsonb_array_elements_text(m.metadata -> 'capabilities')),
           (m.metadata ->> 'registered_at')::timestamptz, (m.metadata ->> 'last_seen_at')::timestamptz
      FROM ai_memory.memories m
     WHERE m.namespace = '_agents' AND pg_catalog.starts_with(m.title, 'agent:')
       AND (m.expires_at IS NULL OR m.expires_at > ai_memory.now())
     ORDER BY (m.metadata ->> 'registered_at')::timestamptz, m.metadata ->> 'agent_id';
  END;
COMMENT ON FUNCTION ai_memory.list_agents IS 'ai_memory: registered agents, oldest registration first';
