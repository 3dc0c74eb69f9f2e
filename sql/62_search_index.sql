-- The search index of a memory (docs/ranking.md): a weighted tsvector
-- (title A, tags B, content C) under a GIN index, and an embedding with the
-- name of the model that made it. A BEFORE trigger keeps both in step with
-- the text; ai_memory.set_embedding() stores an external embedder's vector.

ALTER TABLE ai_memory.memories
  ADD COLUMN fts tsvector,
  ADD COLUMN embedding real[],
  ADD COLUMN embedding_model text;
-- Vectors (1.5 kB) stay in the row, uncompressed when pglz gains nothing:
-- the semantic scan reads them sequentially, never through TOAST.
ALTER TABLE ai_memory.memories ALTER COLUMN embedding SET STORAGE MAIN;
-- With the 1.5 kB vector a row passes the default 2 kB TOAST threshold, and
-- fts would move out of line: one more TOAST fetch for every ranked
-- candidate. Rows up to a page stay whole; only long contents go to TOAST.
ALTER TABLE ai_memory.memories SET (toast_tuple_target = 8160);
-- A small pending list (256 kB instead of gin_pending_list_limit's 4 MB):
-- every recall touches its survivors, and with rows of ~2.6 kB (3 to a page)
-- those updates are never HOT, so each adds its ~40 lexemes to the pending
-- list, which every search and recall then scans linearly until a flush
-- (docs/ranking.md, "Speed": search at 100k 2.3 ms -> 0.5 ms). Inserts stay
-- batched (about +5 % a row).
CREATE INDEX memories_fts_idx ON ai_memory.memories USING gin (fts) WITH (gin_pending_list_limit = 256);
COMMENT ON COLUMN ai_memory.memories.fts IS
  'ai_memory: the weighted full-text document (title A, tags B, content C), kept by a trigger';
COMMENT ON COLUMN ai_memory.memories.embedding IS
  'ai_memory: the memory''s embedding of title || '' '' || content (NULL: none yet)';
COMMENT ON COLUMN ai_memory.memories.embedding_model IS
  'ai_memory: the embedder of embedding (local-lexical-v1 for the built-in one)';

-- (The trigger builds the same document in C++; it calls this only for text
-- that may hold words too long to index, whose NOTICEs are noise here.)
CREATE FUNCTION ai_memory._fts_weighted(title text, tags text[], content text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  SET client_min_messages = warning
  RETURN setweight(to_tsvector(ai_memory._fts_config(), title), 'A')
      || setweight(to_tsvector(ai_memory._fts_config(), array_to_string(tags, ' ')), 'B')
      || setweight(to_tsvector(ai_memory._fts_config(), content), 'C');
COMMENT ON FUNCTION ai_memory._fts_weighted(text, text[], text) IS
  'ai_memory internal: the weighted full-text document of a memory (title A, tags B, content C)';

CREATE FUNCTION ai_memory._local_embeddings_on() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN coalesce(nullif(current_setting('ai_memory.local_embeddings', true), ''), 'on')::boolean;
COMMENT ON FUNCTION ai_memory._local_embeddings_on() IS
  'ai_memory internal: the GUC ai_memory.local_embeddings (default on)';

-- Fires for INSERT and for UPDATEs that set title, content or tags; work is
-- done only when the text really changed. A changed text drops a vector an
-- external embedder made for the old text (the bridge re-embeds it). In C++
-- (extension/pg/index_trigger.cpp): it runs on every store.
CREATE FUNCTION ai_memory._index_memory() RETURNS trigger
  LANGUAGE c
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_index_memory';
COMMENT ON FUNCTION ai_memory._index_memory() IS
  'ai_memory internal: trigger keeping memories.fts and the local embedding in step with the text';

CREATE TRIGGER memories_index BEFORE INSERT OR UPDATE OF title, content, tags ON ai_memory.memories
  FOR EACH ROW EXECUTE FUNCTION ai_memory._index_memory();

CREATE FUNCTION ai_memory.reindex_fts(batch integer DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  done bigint;
BEGIN
  IF batch IS NOT NULL AND batch < 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'batch must be positive (got ' || batch || ')';
  END IF;
  -- Rows whose document differs from the current configuration's, in id order.
  UPDATE ai_memory.memories m SET fts = ai_memory._fts_weighted(m.title, m.tags, m.content)
   WHERE m.id IN (SELECT x.id FROM ai_memory.memories x
                   WHERE x.fts IS DISTINCT FROM ai_memory._fts_weighted(x.title, x.tags, x.content)
                   ORDER BY x.id LIMIT batch);
  GET DIAGNOSTICS done = ROW_COUNT;
  RETURN done;
END $$;
COMMENT ON FUNCTION ai_memory.reindex_fts(integer) IS
  'ai_memory: rebuilds memories.fts with the current ai_memory.text_search_config (at most batch rows; NULL = all); '
  'returns how many rows changed. Run ai_memory.refresh_term_stats() afterwards.';

CREATE FUNCTION ai_memory._check_vector(vector real[], what text) RETURNS real[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF vector IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = what || ' is required';
  ELSIF array_ndims(vector) IS DISTINCT FROM 1 OR cardinality(vector) NOT BETWEEN 1 AND 16000 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = what || ' must be a one-dimensional array of 1 to 16000 numbers';
  ELSIF array_position(vector, NULL) IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = what || ' cannot contain null elements';
  ELSIF 'NaN' = ANY (vector) OR 'Infinity' = ANY (vector) OR '-Infinity' = ANY (vector) THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = what || ' must contain only finite numbers';
  END IF;
  RETURN vector;
END $$;
COMMENT ON FUNCTION ai_memory._check_vector(real[], text) IS
  'ai_memory internal: a vector argument, one-dimensional, 1..16000 finite numbers (MA100 otherwise)';

CREATE FUNCTION ai_memory.set_embedding(id text, vector real[], model text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  target text := (ai_memory._lock_memory($1)).id;
BEGIN
  PERFORM ai_memory._check_vector($2, 'vector');
  IF $3 IS NULL OR btrim($3) = '' OR octet_length($3) > 128 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'model must be a non-blank name of at most 128 bytes';
  END IF;
  UPDATE ai_memory.memories m SET embedding = $2, embedding_model = $3 WHERE m.id = target;
  RETURN true;
END $$;
COMMENT ON FUNCTION ai_memory.set_embedding(text, real[], text) IS
  'ai_memory: stores an external embedder''s vector of a memory (id or unique prefix) and the model name; '
  'updated_at is unchanged. MA200 for an unknown id, MA100 for a bad vector or model.';

CREATE FUNCTION ai_memory.backfill_embeddings(batch integer DEFAULT 1000) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  n integer := coalesce(batch, 1000);
  done bigint;
BEGIN
  IF n < 1 OR n > 100000 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'batch must be between 1 and 100000 (got ' || n || ')';
  END IF;
  UPDATE ai_memory.memories m
     SET embedding = ai_memory.embed(m.title || ' ' || m.content), embedding_model = 'local-lexical-v1'
   WHERE m.id IN (SELECT x.id FROM ai_memory.memories x WHERE x.embedding IS NULL
                   ORDER BY x.id LIMIT n FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS done = ROW_COUNT;
  RETURN done;
END $$;
COMMENT ON FUNCTION ai_memory.backfill_embeddings(integer) IS
  'ai_memory: gives up to batch memories without a vector the local-lexical-v1 embedding; returns how many. '
  'Call until it returns 0.';
