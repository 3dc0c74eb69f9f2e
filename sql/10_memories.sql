-- The memories table: the 15 fields of reference §1.1.

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
CREATE INDEX memories_tags_idx ON ai_memory.memories USING gin (tags);
COMMENT ON TABLE ai_memory.memories IS 'ai_memory: one row per memory (reference §1.1)';
