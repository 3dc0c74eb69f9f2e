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
  agent_id     text        DEFAULT NULL
) RETURNS SETOF ai_memory.memories
  LANGUAGE c STABLE ROWS 20
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_list';
