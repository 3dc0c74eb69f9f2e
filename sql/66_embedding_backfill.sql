-- The bridge's backfill of an external embedder's vectors (docs/embeddings.md,
-- "Backfill"): it lists the memories whose vector is missing or comes from
-- another model, embeds their text outside any transaction, and stores each
-- vector only if the text it embedded is still the memory's text.

CREATE FUNCTION ai_memory.embedding_backlog(model text, after_id text DEFAULT NULL, batch integer DEFAULT 100)
  RETURNS TABLE (id text, input text, input_md5 text)
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF $1 IS NULL OR btrim($1) = '' OR octet_length($1) > 128 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'model must be a non-blank name of at most 128 bytes';
  END IF;
  IF $3 IS NULL OR $3 < 1 OR $3 > 10000 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'batch must be between 1 and 10000 (got ' || coalesce($3::text, 'null') || ')';
  END IF;
  -- Keyset paging on the primary key: a pass visits every row once, and a
  -- row the embedder keeps refusing does not stall the rows after it.
  RETURN QUERY
    SELECT m.id, m.title || ' ' || m.content, md5(m.title || ' ' || m.content)
      FROM ai_memory.memories m
     WHERE ($2 IS NULL OR m.id > $2 COLLATE "C")
       AND (m.embedding IS NULL OR m.embedding_model IS DISTINCT FROM $1)
     ORDER BY m.id COLLATE "C"
     LIMIT $3;
END $$;
COMMENT ON FUNCTION ai_memory.embedding_backlog(text, text, integer) IS
  'ai_memory: up to batch memories after after_id (id order) whose embedding is missing or not of model, '
  'with the text to embed (title || '' '' || content) and its md5 for set_embedding_if_unchanged()';

CREATE FUNCTION ai_memory.set_embedding_if_unchanged(id text, input_md5 text, vector real[], model text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  current_md5 text;
BEGIN
  SELECT md5(m.title || ' ' || m.content) INTO current_md5
    FROM ai_memory.memories m WHERE m.id = $1 FOR UPDATE;
  -- Gone, or rewritten since it was listed: its vector would describe old text.
  IF NOT FOUND OR current_md5 IS DISTINCT FROM $2 THEN RETURN false; END IF;
  RETURN ai_memory.set_embedding($1, $3, $4);
END $$;
COMMENT ON FUNCTION ai_memory.set_embedding_if_unchanged(text, text, real[], text) IS
  'ai_memory: set_embedding() of a memory (exact id) only while md5(title || '' '' || content) is input_md5; '
  'false when the memory is gone or its text changed. MA100 for a bad vector or model.';
