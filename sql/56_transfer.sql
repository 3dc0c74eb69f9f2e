-- Moving memories in and out in bulk (reference §5 bulk/export/import, §6
-- export/import, §7.2 sync/push and sync/since).
--
-- Every batch function takes the request's JSON as jsonb and handles each
-- item in its own subtransaction (a PL/pgSQL block with an EXCEPTION clause):
-- an item that breaks a rule is reported and leaves nothing behind, while the
-- others commit with the call. Items are checked by the same validators as
-- store() (sql/08_checks.sql, extension/core/validate.cpp).

-- A time in a JSON document: RFC 3339 with a date, a time and an offset
-- (PostgreSQL alone would also take 'now', 'epoch' or a bare date).
CREATE FUNCTION ai_memory._parse_rfc3339(value text, what text) RETURNS timestamptz
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF _parse_rfc3339.value IS NULL THEN
    RETURN NULL;
  END IF;
  IF _parse_rfc3339.value ~ '^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$' THEN
    BEGIN
      RETURN _parse_rfc3339.value::timestamptz;
    EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
      NULL;  -- e.g. month 13: the message below
    END;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'MA100',
    MESSAGE = format('%s is not valid RFC3339: ''%s''', _parse_rfc3339.what, _parse_rfc3339.value);
END
$$;
COMMENT ON FUNCTION ai_memory._parse_rfc3339 IS 'ai_memory internal: an RFC 3339 text as a time, or an invalid-input error';

-- Typed members of a JSON object: NULL when the member is missing or null,
-- MA100 "<key> must be <type>" when it has another type.
CREATE FUNCTION ai_memory._json_member(item jsonb, key text, json_type text) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  member jsonb := _json_member.item -> _json_member.key;
BEGIN
  IF member IS NULL OR jsonb_typeof(member) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(member) <> _json_member.json_type THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('%s must be %s', _json_member.key,
      CASE _json_member.json_type WHEN 'array' THEN 'an array' WHEN 'object' THEN 'an object' ELSE 'a ' || _json_member.json_type END);
  END IF;
  RETURN member;
END
$$;
COMMENT ON FUNCTION ai_memory._json_member IS 'ai_memory internal: a JSON member of the expected type, or NULL when absent';

CREATE FUNCTION ai_memory._json_string(item jsonb, key text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN ai_memory._json_member(item, key, 'string') #>> '{}';

-- An integral JSON number that fits bigint ("<key> must be an integer" otherwise).
CREATE FUNCTION ai_memory._json_integer(item jsonb, key text) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  member jsonb := _json_integer.item -> _json_integer.key;
  value numeric;
BEGIN
  IF member IS NULL OR jsonb_typeof(member) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(member) = 'number' THEN
    value := (member #>> '{}')::numeric;
  END IF;
  IF value IS NULL OR value <> trunc(value) OR value NOT BETWEEN -9223372036854775808 AND 9223372036854775807 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('%s must be an integer', _json_integer.key);
  END IF;
  RETURN value::bigint;
END
$$;

CREATE FUNCTION ai_memory._json_time(item jsonb, key text) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN ai_memory._parse_rfc3339(ai_memory._json_string(item, key), key);

-- An array of strings (NULL when absent).
CREATE FUNCTION ai_memory._json_text_array(item jsonb, key text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  member jsonb := ai_memory._json_member(_json_text_array.item, _json_text_array.key, 'array');
BEGIN
  IF member IS NULL THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT FROM jsonb_array_elements(member) e WHERE jsonb_typeof(e) <> 'string') THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('%s must be an array of strings', _json_text_array.key);
  END IF;
  RETURN ARRAY(SELECT jsonb_array_elements_text(member));
END
$$;

-- The label of an item in per-item errors: its `key` when that is a string
-- (the id of a memory, the title of a new one), else "#<item number>".
CREATE FUNCTION ai_memory._item_label(item jsonb, key text, item_no bigint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN CASE WHEN jsonb_typeof(item) = 'object' AND jsonb_typeof(item -> key) = 'string'
              THEN item ->> key ELSE '#' || item_no END;

-- priority as an integer (a number beyond int4 gets the range message).
CREATE FUNCTION ai_memory._json_priority(item jsonb) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  priority bigint := ai_memory._json_integer(_json_priority.item, 'priority');
BEGIN
  IF priority NOT BETWEEN -2147483648 AND 2147483647 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('priority must be between 1 and 10 (got %s)', priority);
  END IF;
  RETURN priority::integer;
END
$$;

-- A full Memory of reference §1.1 (an export, import or sync_push item),
-- checked by validate_memory's rules (§10 "import/sync memory": every create
-- rule, access_count >= 0, RFC 3339 times, a past expires_at allowed).
-- Required: id, title, content. Missing optional fields take the create
-- defaults (tier mid, namespace global, no tags, priority 5, confidence 1.0,
-- source import, access_count 0, created_at/updated_at now, metadata {}).
-- Unknown members are ignored. Returns the row to write (fts and embedding
-- NULL: the index trigger fills them).
CREATE FUNCTION ai_memory._transfer_memory(item jsonb) RETURNS ai_memory.memories
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  m ai_memory.memories;
  wrong record;
  number numeric;
BEGIN
  IF jsonb_typeof(_transfer_memory.item) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'memory must be a JSON object';
  END IF;
  -- Every member's JSON type in one query (this function runs once per
  -- item of a 1000-item request: one query instead of a call per member).
  SELECT v.key, v.expected INTO wrong
    FROM (VALUES (1, 'id', 'string'), (2, 'title', 'string'), (3, 'content', 'string'), (4, 'namespace', 'string'),
                 (5, 'source', 'string'), (6, 'tags', 'array'), (7, 'priority', 'integer'),
                 (8, 'confidence', 'number'), (9, 'tier', 'string'), (10, 'access_count', 'integer'),
                 (11, 'created_at', 'string'), (12, 'updated_at', 'string'), (13, 'last_accessed_at', 'string'),
                 (14, 'expires_at', 'string')) AS v(n, key, expected)
   WHERE jsonb_typeof(item -> v.key) NOT IN ('null', CASE v.expected WHEN 'integer' THEN 'number' ELSE v.expected END)
      OR CASE WHEN v.expected = 'integer' AND jsonb_typeof(item -> v.key) = 'number'  -- CASE: cast numbers only
              THEN (item ->> v.key)::numeric <> trunc((item ->> v.key)::numeric)
                   OR (item ->> v.key)::numeric NOT BETWEEN -9223372036854775808 AND 9223372036854775807
              ELSE false END
   ORDER BY v.n
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('%s must be %s', wrong.key,
      CASE wrong.expected WHEN 'array' THEN 'an array' WHEN 'integer' THEN 'an integer' ELSE 'a ' || wrong.expected END);
  END IF;
  IF EXISTS (SELECT FROM jsonb_array_elements(CASE jsonb_typeof(item -> 'tags') WHEN 'array' THEN item -> 'tags' END) e
              WHERE jsonb_typeof(e) <> 'string') THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'tags must be an array of strings';
  END IF;

  m.id := ai_memory._check_id(item ->> 'id');
  m.title := ai_memory._check_title(item ->> 'title');
  m.content := ai_memory._check_content(item ->> 'content');
  m.namespace := ai_memory._check_namespace(coalesce(item ->> 'namespace', 'global'));
  m.source := ai_memory._check_source(coalesce(item ->> 'source', 'import'));
  m.tags := ai_memory._check_tags(CASE jsonb_typeof(item -> 'tags') WHEN 'array'
                                  THEN ARRAY(SELECT jsonb_array_elements_text(item -> 'tags')) ELSE '{}' END);
  number := coalesce((item ->> 'priority')::numeric, 5);
  IF number NOT BETWEEN -2147483648 AND 2147483647 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('priority must be between 1 and 10 (got %s)', number);
  END IF;
  m.priority := ai_memory._check_priority(number::integer);
  m.confidence := ai_memory._check_confidence(coalesce((item ->> 'confidence')::double precision, 1.0));
  m.tier := ai_memory._check_tier(coalesce(item ->> 'tier', 'mid'))::ai_memory.tier;
  number := coalesce((item ->> 'access_count')::numeric, 0);
  IF number < 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'access_count cannot be negative';
  END IF;
  m.access_count := least(number, 1000000);  -- the touch cap of reference §1.1
  m.created_at := coalesce(ai_memory._parse_rfc3339(item ->> 'created_at', 'created_at'), ai_memory.now());
  m.updated_at := coalesce(ai_memory._parse_rfc3339(item ->> 'updated_at', 'updated_at'), ai_memory.now());
  m.last_accessed_at := ai_memory._parse_rfc3339(item ->> 'last_accessed_at', 'last_accessed_at');
  m.expires_at := ai_memory._parse_rfc3339(item ->> 'expires_at', 'expires_at');
  m.metadata := CASE WHEN coalesce(jsonb_typeof(item -> 'metadata'), 'null') = 'null' THEN '{}'::jsonb
                     ELSE ai_memory._check_metadata(item -> 'metadata') END;
  RETURN m;
END
$$;
COMMENT ON FUNCTION ai_memory._transfer_memory IS
  'ai_memory internal: a full Memory JSON object checked as an import or sync item';

-- A memory as reference §1.1 serialises it: members in the reference's
-- order, RFC 3339 UTC times, last_accessed_at and expires_at left out when
-- NULL. json (not jsonb) keeps the order; metadata is spliced in verbatim so
-- that nulls inside it survive json_strip_nulls.
CREATE FUNCTION ai_memory._memory_json(m ai_memory.memories) RETURNS json
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN (left(json_strip_nulls(json_build_object(
            'id', m.id, 'tier', m.tier, 'namespace', m.namespace, 'title', m.title, 'content', m.content,
            'tags', to_json(m.tags), 'priority', m.priority, 'confidence', m.confidence, 'source', m.source,
            'access_count', m.access_count, 'created_at', ai_memory._rfc3339(m.created_at),
            'updated_at', ai_memory._rfc3339(m.updated_at),
            'last_accessed_at', ai_memory._rfc3339(m.last_accessed_at),
            'expires_at', ai_memory._rfc3339(m.expires_at)))::text, -1)
          || ',"metadata":' || m.metadata::text || '}')::json;
COMMENT ON FUNCTION ai_memory._memory_json IS 'ai_memory internal: a memory as the reference''s JSON object';

-- GET /export and `ai-memory export`: every memory that has not expired,
-- oldest first, with the links whose two ends are both exported.
CREATE FUNCTION ai_memory.export() RETURNS json
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT json_build_object(
             'memories', coalesce((SELECT json_agg(ai_memory._memory_json(m) ORDER BY m.created_at, m.id)
                                     FROM ai_memory.memories m
                                    WHERE m.expires_at IS NULL OR m.expires_at > ai_memory.now()), '[]'::json),
             'links', coalesce((SELECT json_agg(json_build_object('source_id', k.source_id, 'target_id', k.target_id,
                                                                  'relation', k.relation,
                                                                  'created_at', ai_memory._rfc3339(k.created_at))
                                                ORDER BY k.created_at, k.source_id, k.target_id, k.relation)
                                  FROM ai_memory.memory_links k
                                  JOIN ai_memory.memories s ON s.id = k.source_id
                                  JOIN ai_memory.memories t ON t.id = k.target_id
                                 WHERE (s.expires_at IS NULL OR s.expires_at > ai_memory.now())
                                   AND (t.expires_at IS NULL OR t.expires_at > ai_memory.now())), '[]'::json),
             'count', (SELECT count(*) FROM ai_memory.memories m
                        WHERE m.expires_at IS NULL OR m.expires_at > ai_memory.now()),
             'exported_at', ai_memory._rfc3339(ai_memory.now()));
  $$;
COMMENT ON FUNCTION ai_memory.export IS
  'ai_memory: {memories, links, count, exported_at}: every unexpired memory (oldest first) and the links between them';

-- The item count rule shared by bulk_store, import and sync_push.
CREATE FUNCTION ai_memory._transfer_items(body jsonb, what text, message text) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF _transfer_items.body IS NULL OR jsonb_typeof(_transfer_items.body) = 'null' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = _transfer_items.what || ' is required';
  END IF;
  IF jsonb_typeof(_transfer_items.body) <> 'array' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = _transfer_items.what || ' must be an array';
  END IF;
  IF jsonb_array_length(_transfer_items.body) > 1000 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = _transfer_items.message;
  END IF;
  RETURN _transfer_items.body;
END
$$;

-- POST /memories/bulk: up to 1000 CreateMemory objects (title*, content*,
-- tier, namespace, tags, priority, confidence, source (api), expires_at,
-- ttl_secs, metadata, agent_id, scope), each stored by store() with its rules,
-- governance included. {"created":N,"errors":["<title>: <message>",...]}.
CREATE FUNCTION ai_memory.bulk_store(items jsonb) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  item jsonb;
  item_no bigint;
  metadata jsonb;
  created bigint := 0;
  errors text[] := '{}';
BEGIN
  FOR item, item_no IN
    SELECT e, n FROM jsonb_array_elements(
      ai_memory._transfer_items(bulk_store.items, 'items', 'bulk operations limited to 1000 items'))
      WITH ORDINALITY AS x(e, n)
  LOOP
    BEGIN
      IF jsonb_typeof(item) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'memory must be a JSON object';
      END IF;
      metadata := item -> 'metadata';
      PERFORM ai_memory.store(
        title      => coalesce(ai_memory._json_string(item, 'title'), ''),
        content    => coalesce(ai_memory._json_string(item, 'content'), ''),
        tier       => ai_memory._json_string(item, 'tier'),
        namespace  => ai_memory._json_string(item, 'namespace'),
        tags       => ai_memory._json_text_array(item, 'tags'),
        priority   => ai_memory._json_priority(item),
        confidence => (ai_memory._json_member(item, 'confidence', 'number') #>> '{}')::double precision,
        source     => coalesce(ai_memory._json_string(item, 'source'), 'api'),
        metadata   => CASE WHEN jsonb_typeof(metadata) = 'null' THEN NULL ELSE metadata END,
        agent_id   => ai_memory._json_string(item, 'agent_id'),
        scope      => ai_memory._json_string(item, 'scope'),
        expires_at => ai_memory._json_time(item, 'expires_at'),
        ttl_secs   => ai_memory._json_integer(item, 'ttl_secs'));
      created := created + 1;
    EXCEPTION
      WHEN SQLSTATE 'MA100' OR SQLSTATE 'MA300' OR SQLSTATE 'MA400' OR data_exception OR integrity_constraint_violation THEN
        errors := errors || (ai_memory._item_label(item, 'title', item_no) || ': ' || SQLERRM);
    END;
  END LOOP;
  RETURN jsonb_build_object('created', created, 'errors', to_jsonb(errors));
END
$$;
COMMENT ON FUNCTION ai_memory.bulk_store IS
  'ai_memory: store up to 1000 new memories; {created, errors: ["<title>: <message>"]}';

-- POST /import and `ai-memory import`: {memories:[Memory]*, links?:[Link]}
-- with at most 1000 memories. Each memory is checked (_transfer_memory) and
-- upserted on (title, namespace) with store()'s merge rules (reference §2.4),
-- keeping its id, times and access count when it is new. A memory whose id
-- belongs to another (title, namespace) is an error. Links whose ends do not
-- both exist, or that break a link rule, are skipped. With `restamp_agent`
-- (the CLI default) metadata.agent_id becomes that agent and the old value is
-- kept as metadata.imported_from_agent_id.
-- {"imported":N,"restamped":N,"errors":["<id>: <message>",...]}.
CREATE FUNCTION ai_memory.import(data jsonb, restamp_agent text DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  memories jsonb;
  links jsonb;
  item jsonb;
  item_no bigint;
  m ai_memory.memories;
  imported bigint := 0;
  restamped bigint := 0;
  errors text[] := '{}';
BEGIN
  IF jsonb_typeof(import.data) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'import data must be a JSON object';
  END IF;
  memories := ai_memory._transfer_items(import.data -> 'memories', 'memories', 'bulk operations limited to 1000 items');
  links := coalesce(ai_memory._json_member(import.data, 'links', 'array'), '[]');
  IF import.restamp_agent IS NOT NULL THEN
    PERFORM ai_memory._check_agent_id(import.restamp_agent);
  END IF;

  FOR item, item_no IN SELECT e, n FROM jsonb_array_elements(memories) WITH ORDINALITY AS x(e, n) LOOP
    BEGIN
      m := ai_memory._transfer_memory(item);
      IF import.restamp_agent IS NOT NULL THEN
        m.metadata := CASE WHEN m.metadata ? 'agent_id'
                           THEN m.metadata || jsonb_build_object('imported_from_agent_id', m.metadata -> 'agent_id')
                           ELSE m.metadata END
                      || jsonb_build_object('agent_id', import.restamp_agent);
      END IF;
      INSERT INTO ai_memory.memories AS t
        (id, tier, namespace, title, content, tags, priority, confidence, source, access_count,
         created_at, updated_at, last_accessed_at, expires_at, metadata)
      VALUES (m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,
              m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata)
      ON CONFLICT (title, namespace) DO UPDATE SET
        content    = excluded.content,
        tags       = excluded.tags,
        source     = excluded.source,
        updated_at = excluded.updated_at,
        priority   = greatest(t.priority, excluded.priority),
        confidence = greatest(t.confidence, excluded.confidence),
        tier       = greatest(t.tier, excluded.tier),
        expires_at = CASE WHEN t.tier = 'long' OR excluded.tier = 'long' THEN NULL
                          ELSE coalesce(excluded.expires_at, t.expires_at) END,
        metadata   = CASE WHEN t.metadata ? 'agent_id'
                          THEN excluded.metadata || jsonb_build_object('agent_id', t.metadata -> 'agent_id')
                          ELSE excluded.metadata END;
      imported := imported + 1;
      IF import.restamp_agent IS NOT NULL THEN
        restamped := restamped + 1;
      END IF;
    EXCEPTION
      WHEN unique_violation THEN  -- the id is another (title, namespace)'s
        errors := errors || (ai_memory._item_label(item, 'id', item_no) || ': '
                             || format('id ''%s'' already belongs to another memory', m.id));
      WHEN SQLSTATE 'MA100' OR data_exception OR integrity_constraint_violation THEN
        errors := errors || (ai_memory._item_label(item, 'id', item_no) || ': ' || SQLERRM);
    END;
  END LOOP;

  FOR item IN SELECT e FROM jsonb_array_elements(links) e LOOP
    BEGIN
      INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
      SELECT ai_memory._json_string(item, 'source_id'), ai_memory._json_string(item, 'target_id'),
             coalesce(ai_memory._json_string(item, 'relation'), 'related_to'),
             coalesce(ai_memory._json_time(item, 'created_at'), ai_memory.now())
      ON CONFLICT DO NOTHING;
    EXCEPTION
      WHEN SQLSTATE 'MA100' OR data_exception OR integrity_constraint_violation THEN
        NULL;  -- an invalid link is skipped (reference §5)
    END;
  END LOOP;

  RETURN jsonb_build_object('imported', imported, 'restamped', restamped, 'errors', to_jsonb(errors));
END
$$;
COMMENT ON FUNCTION ai_memory.import IS
  'ai_memory: import up to 1000 full memories and their links; {imported, restamped, errors: ["<id>: <message>"]}';

-- insert_if_newer of reference §7.2 for one checked row: upsert on (title,
-- namespace) when the incoming updated_at is strictly later. The newer row
-- brings content, tags, source and metadata; priority, confidence,
-- access_count and updated_at take the maximum, tier the highest, expires_at
-- is NULL if either side is long else coalesce(new, old); an existing
-- metadata.agent_id always wins. True when the row was written. A row whose
-- id belongs to another (title, namespace) (a rename) raises unique_violation.
CREATE FUNCTION ai_memory._insert_if_newer(m ai_memory.memories) RETURNS boolean
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  -- A replayed push is mostly rows we already have: answer those from the
  -- unique index, without the INSERT whose BEFORE trigger would index the
  -- text first. (The INSERT's WHERE below still decides under concurrency.)
  IF EXISTS (SELECT FROM ai_memory.memories t
              WHERE t.title = m.title AND t.namespace = m.namespace AND t.updated_at >= m.updated_at) THEN
    RETURN false;
  END IF;
  INSERT INTO ai_memory.memories AS t
    (id, tier, namespace, title, content, tags, priority, confidence, source, access_count,
     created_at, updated_at, last_accessed_at, expires_at, metadata)
  VALUES (m.id, m.tier, m.namespace, m.title, m.content, m.tags, m.priority, m.confidence, m.source,
          m.access_count, m.created_at, m.updated_at, m.last_accessed_at, m.expires_at, m.metadata)
  ON CONFLICT (title, namespace) DO UPDATE SET
    content      = excluded.content,
    tags         = excluded.tags,
    source       = excluded.source,
    metadata     = CASE WHEN t.metadata ? 'agent_id'
                        THEN excluded.metadata || jsonb_build_object('agent_id', t.metadata -> 'agent_id')
                        ELSE excluded.metadata END,
    priority     = greatest(t.priority, excluded.priority),
    confidence   = greatest(t.confidence, excluded.confidence),
    access_count = greatest(t.access_count, excluded.access_count),
    updated_at   = greatest(t.updated_at, excluded.updated_at),
    tier         = greatest(t.tier, excluded.tier),
    expires_at   = CASE WHEN t.tier = 'long' OR excluded.tier = 'long' THEN NULL
                        ELSE coalesce(excluded.expires_at, t.expires_at) END
  WHERE excluded.updated_at > t.updated_at;
  RETURN FOUND;
END
$$;
COMMENT ON FUNCTION ai_memory._insert_if_newer IS 'ai_memory internal: newest-wins upsert of a synced memory (reference §7.2)';

-- POST /sync/push: {sender_agent_id*, sender_clock (ignored), memories*:[Memory]
-- (at most 1000), dry_run (false)} received by `receiver_agent` (the
-- X-Agent-Id of the request). Each valid memory goes through
-- _insert_if_newer: "applied" when written, "noop" when the local row is as
-- new or newer (or on a dry run), "skipped" when invalid or a rename. Then
-- the receiver's clock observes the sender at the newest updated_at pushed
-- (not on a dry run). {applied, noop, skipped, dry_run, receiver_agent_id,
-- receiver_clock:{entries:{peer: last_seen_at}}}.
CREATE FUNCTION ai_memory.sync_push(body jsonb, receiver_agent text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  memories jsonb;
  sender text;
  dry_run boolean;
  item jsonb;
  m ai_memory.memories;
  newest timestamptz;
  applied bigint := 0;
  noop bigint := 0;
  skipped bigint := 0;
BEGIN
  IF jsonb_typeof(sync_push.body) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'sync_push body must be a JSON object';
  END IF;
  memories := ai_memory._transfer_items(sync_push.body -> 'memories', 'memories',
                                        'sync_push limited to 1000 memories per request');
  sender := ai_memory._json_string(sync_push.body, 'sender_agent_id');
  IF sender IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'sender_agent_id is required';
  END IF;
  BEGIN
    PERFORM ai_memory._check_agent_id(sender);
  EXCEPTION WHEN SQLSTATE 'MA100' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'invalid sender_agent_id: ' || SQLERRM;
  END;
  BEGIN
    PERFORM ai_memory._check_agent_id(coalesce(sync_push.receiver_agent, ''));
  EXCEPTION WHEN SQLSTATE 'MA100' THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'invalid x-agent-id: ' || SQLERRM;
  END;
  dry_run := coalesce((ai_memory._json_member(sync_push.body, 'dry_run', 'boolean') #>> '{}')::boolean, false);

  FOR item IN SELECT e FROM jsonb_array_elements(memories) e LOOP
    BEGIN
      m := ai_memory._transfer_memory(item);
      newest := greatest(newest, m.updated_at);
      IF dry_run THEN
        noop := noop + 1;
      ELSIF ai_memory._insert_if_newer(m) THEN
        applied := applied + 1;
      ELSE
        noop := noop + 1;
      END IF;
    EXCEPTION
      WHEN SQLSTATE 'MA100' OR data_exception OR integrity_constraint_violation THEN
        skipped := skipped + 1;
    END;
  END LOOP;

  IF NOT dry_run AND newest IS NOT NULL THEN
    PERFORM ai_memory.sync_observe(sync_push.receiver_agent, sender, newest);
  END IF;
  RETURN jsonb_build_object('applied', applied, 'noop', noop, 'skipped', skipped, 'dry_run', dry_run,
                            'receiver_agent_id', sync_push.receiver_agent,
                            'receiver_clock', ai_memory.sync_clock(sync_push.receiver_agent));
END
$$;
COMMENT ON FUNCTION ai_memory.sync_push IS
  'ai_memory: apply memories pushed by a peer, newest wins; {applied, noop, skipped, dry_run, receiver_agent_id, receiver_clock}';

-- GET /sync/since: memories with updated_at > since (all when NULL), oldest
-- change first, at most "limit" (500, capped at 10000). Expired memories are
-- included and no visibility filter applies: a peer replicates everything.
-- When `peer` is a valid agent id and rows were returned, local_agent's
-- clock observes the peer at the last updated_at sent. {count, limit, memories}.
CREATE FUNCTION ai_memory.sync_since(
  since       timestamptz DEFAULT NULL,
  "limit"     integer     DEFAULT 500,
  peer        text        DEFAULT NULL,
  local_agent text        DEFAULT NULL
) RETURNS json
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  -- 0 is an empty page, as v0.6.0's LIMIT 0; below 0 is an error.
  page integer := CASE WHEN sync_since."limit" = 0 THEN 0
                       ELSE ai_memory._check_limit(sync_since."limit", 500, 10000) END;
  last_at timestamptz;
  memories json;
  sent bigint;
  newest timestamptz;
  peer_ok boolean := false;
BEGIN
  -- A page never ends inside a run of equal updated_at: the peer asks next
  -- for "> the last updated_at it saw", and a bulk or import stamps every
  -- row of its transaction alike, so a cut there would lose the rest of the
  -- run for good. The page may therefore exceed the limit.
  SELECT max(p.updated_at) INTO last_at
    FROM (SELECT m.updated_at FROM ai_memory.memories m
           WHERE sync_since.since IS NULL OR m.updated_at > sync_since.since
           ORDER BY m.updated_at
           LIMIT page) p;
  SELECT coalesce(json_agg(ai_memory._memory_json(s.m) ORDER BY (s.m).updated_at, (s.m).id), '[]'::json),
         count(*), max((s.m).updated_at)
    INTO memories, sent, newest
    FROM (SELECT m FROM ai_memory.memories m
           WHERE (sync_since.since IS NULL OR m.updated_at > sync_since.since) AND m.updated_at <= last_at) s;
  IF sync_since.peer IS NOT NULL AND sync_since.local_agent IS NOT NULL AND newest IS NOT NULL THEN
    BEGIN
      PERFORM ai_memory._check_agent_id(sync_since.peer);
      peer_ok := true;
    EXCEPTION WHEN SQLSTATE 'MA100' THEN
      NULL;  -- an invalid peer is not recorded (reference §7.2)
    END;
    IF peer_ok THEN
      PERFORM ai_memory.sync_observe(sync_since.local_agent, sync_since.peer, newest);
    END IF;
  END IF;
  RETURN json_build_object('count', sent, 'limit', page, 'memories', memories);
END
$$;
COMMENT ON FUNCTION ai_memory.sync_since IS
  'ai_memory: memories changed after a time, for a peer''s pull (expired included); {count, limit, memories}';
