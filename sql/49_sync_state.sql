-- The federation vector clock (reference §1.10): per local agent and peer,
-- the newest peer time seen, and when we last pulled from and pushed to it.
-- Times only move forward: a late or replayed report never rewinds a clock.

CREATE TABLE ai_memory.sync_state (
  agent_id       text        NOT NULL,
  peer_id        text        NOT NULL,
  last_seen_at   timestamptz,
  last_pulled_at timestamptz,
  last_pushed_at timestamptz,
  PRIMARY KEY (agent_id, peer_id)
);
COMMENT ON TABLE ai_memory.sync_state IS 'ai_memory: federation vector clock per (agent, peer) (reference §1.10)';

-- A required, finite time argument (MA100 otherwise).
CREATE FUNCTION ai_memory._check_clock_time(value timestamptz, what text) RETURNS timestamptz
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF _check_clock_time.value IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = _check_clock_time.what || ' is required';
  END IF;
  IF NOT isfinite(_check_clock_time.value) THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = _check_clock_time.what || ' must be a finite time';
  END IF;
  RETURN _check_clock_time.value;
END
$$;
COMMENT ON FUNCTION ai_memory._check_clock_time IS 'ai_memory: a required finite time, or an invalid-input error';

CREATE FUNCTION ai_memory.sync_observe(agent_id text, peer_id text, seen_at timestamptz)
  RETURNS ai_memory.sync_state
  LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    INSERT INTO ai_memory.sync_state AS s (agent_id, peer_id, last_seen_at, last_pulled_at)
    VALUES (ai_memory._check_agent_id(coalesce(sync_observe.agent_id, '')),
            ai_memory._check_agent_id(coalesce(sync_observe.peer_id, '')),
            ai_memory._check_clock_time(sync_observe.seen_at, 'seen_at'), ai_memory.now())
    ON CONFLICT (agent_id, peer_id) DO UPDATE
      SET last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),
          last_pulled_at = greatest(s.last_pulled_at, excluded.last_pulled_at)
    RETURNING s.*;
  END;
COMMENT ON FUNCTION ai_memory.sync_observe IS 'ai_memory: record a pull from a peer and the newest time it showed';

CREATE FUNCTION ai_memory.sync_record_push(agent_id text, peer_id text, pushed_at timestamptz)
  RETURNS ai_memory.sync_state
  LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    INSERT INTO ai_memory.sync_state AS s (agent_id, peer_id, last_pushed_at)
    VALUES (ai_memory._check_agent_id(coalesce(sync_record_push.agent_id, '')),
            ai_memory._check_agent_id(coalesce(sync_record_push.peer_id, '')),
            ai_memory._check_clock_time(sync_record_push.pushed_at, 'pushed_at'))
    ON CONFLICT (agent_id, peer_id) DO UPDATE
      SET last_pushed_at = greatest(s.last_pushed_at, excluded.last_pushed_at)
    RETURNING s.*;
  END;
COMMENT ON FUNCTION ai_memory.sync_record_push IS 'ai_memory: record a push to a peer';

-- {"entries": {peer_id: last_seen_at}} for one agent (peers never seen are left out).
CREATE FUNCTION ai_memory.sync_clock(agent_id text) RETURNS jsonb
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT pg_catalog.jsonb_build_object('entries', coalesce(
             pg_catalog.jsonb_object_agg(s.peer_id, ai_memory._rfc3339(s.last_seen_at)), '{}'::jsonb))
      FROM ai_memory.sync_state s
     WHERE s.agent_id = ai_memory._check_agent_id(coalesce(sync_clock.agent_id, ''))
       AND s.last_seen_at IS NOT NULL;
  END;
COMMENT ON FUNCTION ai_memory.sync_clock IS 'ai_memory: the vector clock of an agent';
