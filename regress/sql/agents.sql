-- Agents (reference §1.5, tools 30-31): registration, re-registration keeps
-- registered_at, the list view, bad input.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-02 00:00:00+00';

SELECT ai_memory.register_agent('ai:agents-alice', 'ai:claude-opus-4.7', ARRAY['search', 'code']) - 'id' AS result;
SELECT ai_memory.register_agent(agent_id => 'agents-bob@host', agent_type => 'human') - 'id' AS result;
SELECT ai_memory.register_agent('agents-carol', 'ai:my-bot_v2.1', NULL) - 'id' AS result;

-- The agent is a memory in _agents.
SELECT tier, namespace, title, tags, priority, confidence, source, expires_at, metadata,
       content::jsonb = metadata AS content_is_metadata
  FROM ai_memory.memories WHERE namespace = '_agents' AND title = 'agent:ai:agents-alice';

-- Re-registration later: type and capabilities refresh, registered_at stays, one row.
SET ai_memory.now_override = '2026-04-03 12:00:00+00';
SELECT ai_memory.register_agent('ai:agents-alice', 'system', ARRAY['admin']) - 'id' AS result;
SELECT count(*) AS rows, min(metadata->>'registered_at') AS registered_at, min(metadata->>'last_seen_at') AS last_seen_at
  FROM ai_memory.memories WHERE namespace = '_agents' AND title = 'agent:ai:agents-alice';

SELECT * FROM ai_memory.list_agents() WHERE agent_id LIKE '%agents-%';

SELECT ai_memory._is_registered_agent('ai:agents-alice') AS alice, ai_memory._is_registered_agent('AI:AGENTS-ALICE') AS upper_case,
       ai_memory._is_registered_agent('nobody') AS nobody;

-- Bad input: §10 messages, nothing written.
CREATE TEMP TABLE agents_before AS SELECT count(*) AS n FROM ai_memory.memories WHERE namespace = '_agents';
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.register_agent(NULL, 'human')$q$),
  ($q$SELECT ai_memory.register_agent('', 'human')$q$),
  ($q$SELECT ai_memory.register_agent('has space', 'human')$q$),
  ($q$SELECT ai_memory.register_agent(repeat('a', 129), 'human')$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', NULL)$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'robot')$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'ai:')$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'ai:' || repeat('x', 62))$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'human', ARRAY[''])$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'human', ARRAY[NULL]::text[])$q$),
  ($q$SELECT ai_memory.register_agent('agents-dave', 'human', array_fill('x'::text, ARRAY[51]))$q$)
) AS t(q);
SELECT count(*) = (SELECT n FROM agents_before) AS nothing_written FROM ai_memory.memories WHERE namespace = '_agents';
