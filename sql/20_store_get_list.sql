-- Writing and reading single memories.

CREATE FUNCTION ai_memory.store(
  title      text,
  content    text,
  tier       text             DEFAULT 'mid',
  namespace  text             DEFAULT 'global',
  tags       text[]           DEFAULT '{}',
  priority   integer          DEFAULT 5,
  confidence double precision DEFAULT 1.0,
  source     text             DEFAULT 'user',
  metadata   jsonb            DEFAULT '{}',
  agent_id   text             DEFAULT NULL,
  scope      text             DEFAULT NULL,
  expires_at timestamptz      DEFAULT NULL,
  ttl_secs   bigint           DEFAULT NULL
) RETURNS ai_memory.memories
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_store';

-- store() that may be queued by governance: returns {"status":"stored","memory":{...}}
-- or {"status":"pending","pending_id":...,"reason":...,"action":"store","namespace":...}.
CREATE FUNCTION ai_memory.remember(
  title      text,
  content    text,
  tier       text             DEFAULT 'mid',
  namespace  text             DEFAULT 'global',
  tags       text[]           DEFAULT '{}',
  priority   integer          DEFAULT 5,
  confidence double precision DEFAULT 1.0,
  source     text             DEFAULT 'user',
  metadata   jsonb            DEFAULT '{}',
  agent_id   text             DEFAULT NULL,
  scope      text             DEFAULT NULL,
  expires_at timestamptz      DEFAULT NULL,
  ttl_secs   bigint           DEFAULT NULL
) RETURNS jsonb
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_remember';
COMMENT ON FUNCTION ai_memory.remember IS
  'ai_memory: store a memory, or queue it when the namespace''s governance requires approval';

-- The upsert of store() alone, for values checked before (approved pending
-- stores, agent registrations, messages). Internal: no validation, no
-- governance. Left executable by PUBLIC: register_agent(), notify() and
-- approve() run with their caller's rights and call it.
CREATE FUNCTION ai_memory._upsert_memory(
  tier text, namespace text, title text, content text, tags text[], priority integer,
  confidence double precision, source text, metadata jsonb, expires_at timestamptz
) RETURNS ai_memory.memories
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_upsert_memory';
COMMENT ON FUNCTION ai_memory._upsert_memory IS
  'ai_memory internal: store()''s upsert on (title, namespace) for already-checked values';

CREATE FUNCTION ai_memory.get(id text) RETURNS ai_memory.memories
  LANGUAGE c STABLE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_get';

CREATE FUNCTION ai_memory.list(
  namespace    text        DEFAULT NULL,
  tier         text        DEFAULT NULL,
  "limit"      integer     DEFAULT 20,
  "offset"     integer     DEFAULT 0,
  min_priority integer     DEFAULT NULL,
  since        timestamptz DEFAULT NULL,
  until        timestamptz DEFAULT NULL,
  tag          text        DEFAULT NULL,
  agent_id     text        DEFAULT NULL,
  as_agent     text        DEFAULT NULL   -- only memories visible to this agent (ai_memory.visible_to)
) RETURNS SETOF ai_memory.memories
  LANGUAGE c STABLE ROWS 20
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_list';
