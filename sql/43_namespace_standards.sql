-- Namespace standards (reference §1.8): a namespace names one memory as its
-- standard, optionally a parent namespace, and through the standard's
-- metadata.governance its governance policy (sql/40_governance.sql).

CREATE TABLE ai_memory.namespace_meta (
  namespace        text PRIMARY KEY,
  -- Archiving or deleting the standard memory removes the row (reference: "deleting a memory removes
  -- namespace_meta rows that point to it").
  standard_id      text COLLATE "C" NOT NULL REFERENCES ai_memory.memories (id) ON DELETE CASCADE,
  parent_namespace text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT namespace_meta_not_own_parent CHECK (parent_namespace <> namespace)
);
CREATE INDEX namespace_meta_standard_idx ON ai_memory.namespace_meta (standard_id);
COMMENT ON TABLE ai_memory.namespace_meta IS 'ai_memory: the standard memory and parent of a namespace (reference §1.8)';

CREATE FUNCTION ai_memory._dash_parent_candidates(namespace text) RETURNS text[]
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_dash_parent_candidates';
COMMENT ON FUNCTION ai_memory._dash_parent_candidates IS
  'ai_memory: parents tried for a standard set without one ("ai-memory-tests" → ai-memory, ai)';

-- The chain of namespaces whose standards apply, top-down; `child`/`parent`
-- are the explicit parents recorded in namespace_meta.
CREATE FUNCTION ai_memory._standard_chain(namespace text, child text[], parent text[]) RETURNS text[]
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_standard_chain';
COMMENT ON FUNCTION ai_memory._standard_chain IS
  'ai_memory: "*", explicit parents of the root, then the /-ancestors down to the namespace';

-- One standard as tool 25 shows it.
CREATE FUNCTION ai_memory._standard_json(namespace text, m ai_memory.memories) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN pg_catalog.jsonb_build_object('namespace', namespace, 'standard_id', m.id, 'title', m.title,
                                       'content', m.content, 'priority', m.priority,
                                       'governance', m.metadata -> 'governance');
COMMENT ON FUNCTION ai_memory._standard_json IS 'ai_memory: a standard memory as {namespace, standard_id, ...}';

CREATE FUNCTION ai_memory.set_standard(namespace text, id text, parent text DEFAULT NULL,
                                       governance jsonb DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  ns CONSTANT text := ai_memory._check_namespace(set_standard.namespace);
  standard CONSTANT text := ai_memory._check_id(set_standard.id);
  parent_ns text;
  policy jsonb;
BEGIN
  IF set_standard.parent IS NOT NULL THEN
    parent_ns := ai_memory._check_namespace(set_standard.parent);
    IF parent_ns = ns THEN
      RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = 'namespace cannot be its own parent';
    END IF;
  END IF;
  IF set_standard.governance IS NOT NULL THEN
    policy := ai_memory._governance_normalize(set_standard.governance);
  END IF;
  -- The lock keeps the memory from being deleted before the row points at it.
  PERFORM FROM ai_memory.memories m WHERE m.id = standard FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MA200', MESSAGE = 'memory not found: ' || standard;
  END IF;
  IF parent_ns IS NULL THEN
    SELECT c.candidate INTO parent_ns
      FROM unnest(ai_memory._dash_parent_candidates(ns)) WITH ORDINALITY AS c(candidate, n)
     WHERE EXISTS (SELECT FROM ai_memory.namespace_meta nm WHERE nm.namespace = c.candidate)
     ORDER BY c.n
     LIMIT 1;
  END IF;

  IF policy IS NOT NULL THEN
    UPDATE ai_memory.memories m
       SET metadata = m.metadata || pg_catalog.jsonb_build_object('governance', policy), updated_at = ai_memory.now()
     WHERE m.id = standard;
  END IF;
  INSERT INTO ai_memory.namespace_meta AS nm (namespace, standard_id, parent_namespace, updated_at)
  VALUES (ns, standard, parent_ns, ai_memory.now())
  ON CONFLICT ON CONSTRAINT namespace_meta_pkey DO UPDATE
    SET standard_id = excluded.standard_id, parent_namespace = excluded.parent_namespace,
        updated_at = excluded.updated_at;

  RETURN pg_catalog.jsonb_build_object('set', true, 'namespace', ns, 'standard_id', standard)
         || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('parent', parent_ns))
         || CASE WHEN policy IS NULL THEN '{}'::jsonb ELSE pg_catalog.jsonb_build_object('governance', policy) END;
END
$$;
COMMENT ON FUNCTION ai_memory.set_standard IS
  'ai_memory: make a memory the standard of a namespace, with an optional parent and governance policy';

CREATE FUNCTION ai_memory.get_standard(namespace text, inherit boolean DEFAULT false) RETURNS jsonb
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  ns CONSTANT text := ai_memory._check_namespace(get_standard.namespace);
  chain text[];
  standards jsonb;
BEGIN
  IF NOT coalesce(get_standard.inherit, false) THEN
    RETURN coalesce(
      (SELECT ai_memory._standard_json(ns, m)
         FROM ai_memory.namespace_meta nm JOIN ai_memory.memories m ON m.id = nm.standard_id
        WHERE nm.namespace = ns),
      pg_catalog.jsonb_build_object('namespace', ns, 'standard_id', NULL));
  END IF;

  SELECT ai_memory._standard_chain(ns, coalesce(array_agg(nm.namespace), '{}'),
                                   coalesce(array_agg(nm.parent_namespace), '{}'))
    INTO chain
    FROM ai_memory.namespace_meta nm
   WHERE nm.parent_namespace IS NOT NULL;
  -- Top-down along the chain; a memory that is the standard of several namespaces appears once, first.
  SELECT coalesce(pg_catalog.jsonb_agg(s.standard ORDER BY s.position), '[]'::jsonb)
    INTO standards
    FROM (SELECT DISTINCT ON (m.id) c.position, ai_memory._standard_json(c.name, m) AS standard
            FROM unnest(chain) WITH ORDINALITY AS c(name, position)
            JOIN ai_memory.namespace_meta nm ON nm.namespace = c.name
            JOIN ai_memory.memories m ON m.id = nm.standard_id
           ORDER BY m.id, c.position) s;
  RETURN pg_catalog.jsonb_build_object('namespace', ns, 'chain', pg_catalog.to_jsonb(chain),
                                       'standards', standards, 'count', pg_catalog.jsonb_array_length(standards));
END
$$;
COMMENT ON FUNCTION ai_memory.get_standard IS
  'ai_memory: the standard of a namespace, or with inherit every standard along its chain';

CREATE FUNCTION ai_memory.clear_standard(namespace text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  ns CONSTANT text := ai_memory._check_namespace(clear_standard.namespace);
BEGIN
  DELETE FROM ai_memory.namespace_meta nm WHERE nm.namespace = ns;
  RETURN pg_catalog.jsonb_build_object('cleared', FOUND, 'namespace', ns);
END
$$;
COMMENT ON FUNCTION ai_memory.clear_standard IS 'ai_memory: forget the standard of a namespace (the memory stays)';
