-- Links between memories (reference §1.2).

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
COMMENT ON TABLE ai_memory.memory_links IS 'ai_memory: typed links between memories (reference §1.2)';

CREATE FUNCTION ai_memory.get_links(id text) RETURNS SETOF ai_memory.memory_links
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  BEGIN ATOMIC
    SELECT l.* FROM ai_memory.memory_links l
     WHERE l.source_id = get_links.id OR l.target_id = get_links.id
     ORDER BY l.created_at, l.source_id, l.target_id, l.relation;
  END;
