-- ai_memory: the extension's objects. This file is the source of the current
-- full install script; released scripts are frozen under migrations/.
\echo Use "CREATE EXTENSION ai_memory" to load this file. \quit

-- Tiers order short < mid < long, so greatest() is "never downgrade".
CREATE TYPE ai_memory.tier AS ENUM ('short', 'mid', 'long');

CREATE TABLE ai_memory.memories (
  id               text COLLATE "C" PRIMARY KEY DEFAULT gen_random_uuid()::text,
  tier             ai_memory.tier   NOT NULL DEFAULT 'mid',
  namespace        text             NOT NULL DEFAULT 'global',
  title            text             NOT NULL,
  content          text             NOT NULL,
  tags             text[]           NOT NULL DEFAULT '{}',
  priority         integer          NOT NULL DEFAULT 5,
  confidence       double precision NOT NULL DEFAULT 1.0,
  source           text             NOT NULL DEFAULT 'user',
  access_count     bigint           NOT NULL DEFAULT 0,
  created_at       timestamptz      NOT NULL DEFAULT now(),
  updated_at       timestamptz      NOT NULL DEFAULT now(),
  last_accessed_at timestamptz,
  expires_at       timestamptz,
  metadata         jsonb            NOT NULL DEFAULT '{}',
  CONSTRAINT memories_title_namespace_key UNIQUE (title, namespace),
  -- Backstops for rows written by plain SQL; the functions give the friendly messages.
  CONSTRAINT memories_id_check CHECK (octet_length(id) BETWEEN 1 AND 128),
  CONSTRAINT memories_priority_check CHECK (priority BETWEEN 1 AND 10),
  CONSTRAINT memories_confidence_check CHECK (confidence >= 0 AND confidence <= 1),
  CONSTRAINT memories_access_count_check CHECK (access_count BETWEEN 0 AND 1000000),
  CONSTRAINT memories_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX memories_namespace_idx ON ai_memory.memories (namespace);
CREATE INDEX memories_listing_idx ON ai_memory.memories (priority DESC, updated_at DESC);
CREATE INDEX memories_expires_idx ON ai_memory.memories (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX memories_tags_idx ON ai_memory.memories USING gin (tags);
COMMENT ON TABLE ai_memory.memories IS 'ai_memory: one row per memory (reference §1.1)';

CREATE TABLE ai_memory.memory_links (
  source_id  text COLLATE "C" NOT NULL REFERENCES ai_memory.memories (id) ON DELETE CASCADE,
  target_id  text COLLATE "C" NOT NULL REFERENCES ai_memory.memories (id) ON DELETE CASCADE,
  relation   text        NOT NULL DEFAULT 'related_to',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, target_id, relation),
  CONSTRAINT memory_links_no_self_link CHECK (source_id <> target_id),
  CONSTRAINT memory_links_relation_check
    CHECK (relation IN ('related_to', 'supersedes', 'contradicts', 'derived_from'))
);
CREATE INDEX memory_links_target_idx ON ai_memory.memory_links (target_id);

-- Time as every rule sees it: the transaction start, or ai_memory.now_override.
CREATE FUNCTION ai_memory.now() RETURNS timestamptz
  LANGUAGE c STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_now';

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

CREATE FUNCTION ai_memory.get_links(id text) RETURNS SETOF ai_memory.memory_links
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT l.* FROM ai_memory.memory_links l
     WHERE l.source_id = get_links.id OR l.target_id = get_links.id
     ORDER BY l.created_at, l.source_id, l.target_id, l.relation;
  END;

-- Test-only: raises each kind of failure through the C++ boundary. Refuses to
-- run unless a superuser set ai_memory.testing = on.
CREATE FUNCTION ai_memory._test_raise(kind text) RETURNS text
  LANGUAGE c VOLATILE STRICT
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_test_raise';
CREATE FUNCTION ai_memory._test_live_objects() RETURNS bigint
  LANGUAGE c VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_test_live_objects';

REVOKE ALL ON FUNCTION ai_memory._test_raise(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ai_memory._test_live_objects() FROM PUBLIC;
