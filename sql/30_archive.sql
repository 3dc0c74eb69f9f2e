-- The archive: where delete, forget, consolidate and expiry move memories, so
-- that nothing is lost (reference §1.6; docs/compatibility.md). A row keeps
-- every field of the memory plus when and why it was archived, and a snapshot
-- of its links, which restore brings back where both ends exist again.

CREATE TABLE ai_memory.archived_memories (
  id               text COLLATE "C" PRIMARY KEY,
  tier             ai_memory.tier   NOT NULL,
  namespace        text             NOT NULL,
  title            text             NOT NULL,
  content          text             NOT NULL,
  tags             text[]           NOT NULL DEFAULT '{}',
  priority         integer          NOT NULL,
  confidence       double precision NOT NULL,
  source           text             NOT NULL,
  access_count     bigint           NOT NULL DEFAULT 0,
  created_at       timestamptz      NOT NULL,
  updated_at       timestamptz      NOT NULL,
  last_accessed_at timestamptz,
  expires_at       timestamptz,
  metadata         jsonb            NOT NULL DEFAULT '{}',
  archived_at      timestamptz      NOT NULL DEFAULT now(),
  archive_reason   text             NOT NULL DEFAULT 'ttl_expired',
  links            jsonb            NOT NULL DEFAULT '[]',
  CONSTRAINT archived_memories_reason_check
    CHECK (archive_reason IN ('ttl_expired', 'forget', 'delete', 'consolidate'))
);
CREATE INDEX archived_memories_namespace_idx ON ai_memory.archived_memories (namespace);
CREATE INDEX archived_memories_archived_at_idx ON ai_memory.archived_memories (archived_at);
COMMENT ON TABLE ai_memory.archived_memories IS 'ai_memory: memories moved out of the active table, with why';

-- Moves the given memories into the archive in one statement and returns how
-- many moved. Their links are snapshotted first (the delete cascades them).
-- Internal: callers validate ids and check governance.
CREATE FUNCTION ai_memory._archive(ids text[], reason text) RETURNS bigint
  LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    WITH moved AS (
      DELETE FROM ai_memory.memories m WHERE m.id = ANY (_archive.ids) RETURNING m.*
    ), archived AS (
      INSERT INTO ai_memory.archived_memories AS a
        (id, tier, namespace, title, content, tags, priority, confidence, source, access_count, created_at,
         updated_at, last_accessed_at, expires_at, metadata, archived_at, archive_reason, links)
      SELECT mv.id, mv.tier, mv.namespace, mv.title, mv.content, mv.tags, mv.priority, mv.confidence, mv.source,
             mv.access_count, mv.created_at, mv.updated_at, mv.last_accessed_at, mv.expires_at, mv.metadata,
             ai_memory.now(), _archive.reason,
             coalesce((SELECT jsonb_agg(jsonb_build_object('source_id', l.source_id, 'target_id', l.target_id,
                                                           'relation', l.relation, 'created_at', l.created_at)
                                        ORDER BY l.created_at)
                         FROM ai_memory.memory_links l
                        WHERE l.source_id = mv.id OR l.target_id = mv.id), '[]'::jsonb)
        FROM moved mv
      ON CONFLICT (id) DO UPDATE SET
        tier = excluded.tier, namespace = excluded.namespace, title = excluded.title, content = excluded.content,
        tags = excluded.tags, priority = excluded.priority, confidence = excluded.confidence,
        source = excluded.source, access_count = excluded.access_count, created_at = excluded.created_at,
        updated_at = excluded.updated_at, last_accessed_at = excluded.last_accessed_at,
        expires_at = excluded.expires_at, metadata = excluded.metadata, archived_at = excluded.archived_at,
        archive_reason = excluded.archive_reason, links = excluded.links
      RETURNING 1
    )
    SELECT count(*) FROM archived;
  END;
