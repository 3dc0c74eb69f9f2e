-- Consolidate (reference §2.5): several memories become one new long-term
-- memory, and the originals move to the archive (reason consolidate) instead
-- of being hard-deleted. One transaction; any error leaves nothing behind.

CREATE FUNCTION ai_memory.consolidate(
  ids       text[],
  title     text,
  summary   text,
  namespace text DEFAULT 'global',
  tier      text DEFAULT 'long',
  source    text DEFAULT 'consolidation',
  agent_id  text DEFAULT NULL
) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  count_ids   integer := coalesce(cardinality($1), 0);
  source_ids  text[] := '{}';  -- checked, in the caller's order (later sources win the metadata merge)
  one_id      text;
  new_title   text;
  new_content text;
  new_ns      text;
  new_tier    ai_memory.tier;
  new_source  text;
  consolidator text;
  missing_id  text;
  merged      jsonb := '{}';
  source_meta jsonb;
  authors     jsonb;
  totals      record;
  new_id      text;
  taken_by    text;
  now_at      timestamptz := ai_memory.now();
BEGIN
  IF array_ndims($1) > 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'ids must be a one-dimensional array';
  ELSIF count_ids < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'need at least 2 memory IDs to consolidate';
  ELSIF count_ids > 100 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'cannot consolidate more than 100 memories at once';
  ELSIF array_position($1, NULL) IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'ids cannot contain null values';
  END IF;
  FOREACH one_id IN ARRAY $1 LOOP
    one_id := ai_memory._check_id(one_id);
    IF one_id = ANY (source_ids) THEN
      RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'duplicate memory ID: ' || one_id;
    END IF;
    source_ids := source_ids || one_id;
  END LOOP;
  new_title := ai_memory._check_title($2);
  IF $3 IS NULL THEN  -- the bridge summarises through an LLM when it has one
    RAISE EXCEPTION USING ERRCODE = 'MA100',
      MESSAGE = 'summary is required (or use smart/autonomous tier for auto-summarization)';
  END IF;
  new_content := ai_memory._check_content($3);
  new_ns := ai_memory._check_namespace(coalesce($4, 'global'));
  new_tier := ai_memory._check_tier(coalesce($5, 'long'))::ai_memory.tier;
  new_source := ai_memory._check_source(coalesce($6, 'consolidation'));
  consolidator := CASE WHEN $7 IS NOT NULL THEN ai_memory._check_agent_id($7) END;

  -- Lock the sources in id order, the same order for every caller, so that
  -- two consolidations (or a forget) sharing sources cannot deadlock. A
  -- source deleted concurrently is gone once its lock is granted.
  PERFORM FROM ai_memory.memories m WHERE m.id = ANY (source_ids) ORDER BY m.id FOR UPDATE;
  SELECT s.id INTO missing_id FROM unnest(source_ids) WITH ORDINALITY s(id, ord)
   WHERE NOT EXISTS (SELECT FROM ai_memory.memories m WHERE m.id = s.id)
   ORDER BY s.ord LIMIT 1;
  IF missing_id IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'memory not found: ' || missing_id;
  END IF;

  -- Metadata: the sources' objects merged in order (later wins), without
  -- their agent_id; then who consolidated what.
  FOR source_meta IN
    SELECT m.metadata FROM unnest(source_ids) WITH ORDINALITY s(id, ord)
      JOIN ai_memory.memories m ON m.id = s.id ORDER BY s.ord
  LOOP
    merged := merged || (source_meta - 'agent_id');
  END LOOP;
  SELECT jsonb_agg(DISTINCT m.metadata ->> 'agent_id' ORDER BY m.metadata ->> 'agent_id') INTO authors
    FROM ai_memory.memories m WHERE m.id = ANY (source_ids) AND m.metadata ->> 'agent_id' IS NOT NULL;
  merged := merged || jsonb_build_object('derived_from', to_jsonb(source_ids))
                   || jsonb_strip_nulls(jsonb_build_object('agent_id', consolidator,
                                                           'consolidated_from_agents', authors));

  SELECT greatest(5, max(m.priority)) AS priority,
         least(sum(m.access_count), 1000000)::bigint AS access_count,  -- the column's cap
         ARRAY(SELECT DISTINCT t COLLATE "C" FROM ai_memory.memories s, unnest(s.tags) t
                WHERE s.id = ANY (source_ids) ORDER BY 1) AS tags
    INTO totals
    FROM ai_memory.memories m WHERE m.id = ANY (source_ids);

  -- A plain insert: a taken (title, namespace) is a conflict, never a merge.
  -- The loop retries only if the row that held the title vanished meanwhile.
  LOOP
    INSERT INTO ai_memory.memories AS m
      (tier, namespace, title, content, tags, priority, confidence, source, access_count,
       created_at, updated_at, last_accessed_at, expires_at, metadata)
    VALUES (new_tier, new_ns, new_title, new_content, ai_memory._check_tags(totals.tags), totals.priority, 1.0,
            new_source, totals.access_count, now_at, now_at, NULL, NULL, ai_memory._check_metadata(merged))
    ON CONFLICT ON CONSTRAINT memories_title_namespace_key DO NOTHING
    RETURNING m.id INTO new_id;
    EXIT WHEN new_id IS NOT NULL;
    SELECT m.id INTO taken_by FROM ai_memory.memories m WHERE m.title = new_title AND m.namespace = new_ns;
    IF taken_by IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'MA300',
        MESSAGE = format('title ''%s'' already exists in namespace ''%s'' (memory %s)', new_title, new_ns, taken_by);
    END IF;
  END LOOP;

  IF ai_memory._archive(source_ids, 'consolidate') <> count_ids THEN  -- they are locked: cannot happen
    RAISE EXCEPTION USING ERRCODE = 'MA900', MESSAGE = 'consolidate lost a source memory while holding its lock';
  END IF;
  PERFORM ai_memory._emit_event('memory_consolidate', new_id, new_ns, consolidator);
  RETURN jsonb_build_object('id', new_id, 'consolidated', count_ids);
END $$;
COMMENT ON FUNCTION ai_memory.consolidate(text[], text, text, text, text, text, text) IS
  'ai_memory: merges 2..100 memories into a new one and archives them (reason consolidate); see docs/sql/links-and-curation.md';
