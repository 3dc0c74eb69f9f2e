-- update(), delete(), promote() and touch(): reference §2.2, §2.4 "Update",
-- §2.5 and our archive-instead-of-delete rule.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;

-- Memories with fixed ids, so that the output never shows a random one.
CREATE FUNCTION pg_temp.remember(id text, title text, tier text DEFAULT 'mid', namespace text DEFAULT 'global',
                                 agent_id text DEFAULT NULL) RETURNS void
  LANGUAGE sql AS $$
  SELECT 1 FROM ai_memory.store(title => $2, content => 'about ' || $2, tier => $3, namespace => $4,
                                 agent_id => $5, tags => ARRAY['t1']);
  UPDATE ai_memory.memories SET id = $1 WHERE title = $2 AND namespace = $4;
$$;
SELECT pg_temp.remember('upd-1', 'first', agent_id => 'alice');
SELECT pg_temp.remember('upd-2', 'second', tier => 'short');
SELECT pg_temp.remember('upd-long', 'third', tier => 'long');

------------------------------------------------------------------------------
-- update()
------------------------------------------------------------------------------
SET ai_memory.now_override = '2026-03-02 00:00:00+00';
-- Only the given fields change; updated_at moves to now.
SELECT id, tier, namespace, title, content, tags, priority, confidence, source, access_count,
       created_at, updated_at, expires_at, metadata
  FROM ai_memory.update('upd-1', content => 'new content');
-- Every field at once; NULL means "leave as is".
SELECT id, tier, namespace, title, content, tags, priority, confidence, expires_at, metadata
  FROM ai_memory.update('upd-1', title => '  renamed  ', content => 'c2', tier => NULL, namespace => ' team/a ',
                        tags => ARRAY['x', 'y'], priority => 9, confidence => 0.25,
                        expires_at => '2026-04-01 00:00:00+00', metadata => '{"k": "v"}');
-- metadata is replaced, but metadata.agent_id stays the first writer's ...
SELECT metadata FROM ai_memory.update('upd-1', metadata => '{"agent_id": "mallory", "n": 1}');
-- ... and a memory without one may get one.
SELECT metadata FROM ai_memory.update('upd-2', metadata => '{"agent_id": "bob"}');
-- The tier never goes down, silently; long does not clear the expiry.
SELECT tier, expires_at FROM ai_memory.update('upd-2', tier => 'mid');
SELECT tier, expires_at FROM ai_memory.update('upd-2', tier => 'short');
SELECT tier, expires_at FROM ai_memory.update('upd-2', tier => 'long');
SELECT tier, expires_at FROM ai_memory.update('upd-2', tier => 'mid');
-- clear_expiry clears it; an expiry in the past is accepted (format only, as the reference).
SELECT tier, expires_at FROM ai_memory.update('upd-2', clear_expiry => true);
SELECT expires_at FROM ai_memory.update('upd-2', expires_at => '2020-01-01 00:00:00+00');
SELECT expires_at FROM ai_memory.update('upd-2', clear_expiry => NULL);
-- A unique id prefix works like get().
SELECT id, priority FROM ai_memory.update('upd-long', priority => 2);
SELECT id, confidence FROM ai_memory.update('upd-l', confidence => 0.5);
SELECT count(*) FILTER (WHERE confidence = 0.5) AS changed FROM ai_memory.memories;
-- Renaming onto another memory's (title, namespace) is a conflict; onto its own is not.
SELECT outcome($$SELECT ai_memory.update('upd-long', title => 'renamed', namespace => 'team/a')$$);
SELECT outcome($$SELECT ai_memory.update('upd-1', title => 'renamed', namespace => 'team/a')$$);
SELECT outcome($$SELECT ai_memory.update('upd-1', title => 'third', namespace => 'global')$$);
SELECT id, title, namespace FROM ai_memory.memories ORDER BY id;

------------------------------------------------------------------------------
-- touch()
------------------------------------------------------------------------------
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SELECT pg_temp.remember('t-mid', 'mid one');
SELECT pg_temp.remember('t-short', 'short one', tier => 'short');
SELECT pg_temp.remember('t-long', 'long one', tier => 'long');
SELECT pg_temp.remember('t-noexp', 'mid without expiry');
UPDATE ai_memory.memories SET expires_at = NULL WHERE id = 't-noexp';
UPDATE ai_memory.memories SET expires_at = '2027-01-01 00:00:00+00' WHERE id = 't-long';
SET ai_memory.now_override = '2026-03-01 12:00:00+00';
-- One access: the count, last_accessed_at, and the expiry reset to now + the
-- tier's extension (mid 1 d, short 1 h); long and no-expiry rows keep theirs;
-- updated_at does not move.
SELECT id, tier, access_count, last_accessed_at, expires_at, updated_at, priority
  FROM ai_memory.touch(ARRAY['t-mid', 't-short', 't-long', 't-noexp']);
-- Unknown ids are skipped; a repeated id counts once; no ids touch nothing.
SELECT id, access_count FROM ai_memory.touch(ARRAY['t-mid', 't-mid', 'no-such-id']);
SELECT count(*) AS touched FROM ai_memory.touch('{}');
-- The extension settings apply.
SET ai_memory.mid_extend_secs = '2h';
SET ai_memory.short_extend_secs = 0;
SELECT id, expires_at FROM ai_memory.touch(ARRAY['t-mid', 't-short']);
RESET ai_memory.mid_extend_secs;
RESET ai_memory.short_extend_secs;
-- The 5th access of a mid memory makes it long, clears the expiry and moves
-- updated_at; a short memory never auto-promotes.
SET ai_memory.now_override = '2026-03-01 13:00:00+00';
SELECT id, tier, access_count, expires_at, updated_at FROM ai_memory.touch(ARRAY['t-mid', 't-short']);
SELECT id, tier, access_count, expires_at, updated_at FROM ai_memory.touch(ARRAY['t-mid', 't-short']);
SELECT id, tier, access_count, expires_at FROM ai_memory.touch(ARRAY['t-short']);
-- Every 10th access adds 1 to the priority, up to 10.
UPDATE ai_memory.memories SET access_count = 8, priority = 9 WHERE id = 't-long';
SELECT id, access_count, priority FROM ai_memory.touch(ARRAY['t-long']);
SELECT id, access_count, priority FROM ai_memory.touch(ARRAY['t-long']);
UPDATE ai_memory.memories SET access_count = 19 WHERE id = 't-long';
SELECT id, access_count, priority FROM ai_memory.touch(ARRAY['t-long']);
-- access_count stops at 1,000,000 (and, as in the reference, every touch at
-- the cap counts as a 10th).
UPDATE ai_memory.memories SET access_count = 999999, priority = 5 WHERE id = 't-long';
SELECT id, access_count, priority FROM ai_memory.touch(ARRAY['t-long']);
SELECT id, access_count, priority FROM ai_memory.touch(ARRAY['t-long']);

------------------------------------------------------------------------------
-- promote()
------------------------------------------------------------------------------
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-03-01 00:00:00+00';
SELECT pg_temp.remember('p-tier', 'tier me');
SELECT pg_temp.remember('p-src', 'shared rule', namespace => 'org/unit/team', agent_id => 'alice');
UPDATE ai_memory.memories SET priority = 7, confidence = 0.8, access_count = 3, metadata = metadata || '{"k": 1}'
 WHERE id = 'p-src';
SET ai_memory.now_override = '2026-03-02 00:00:00+00';
-- Tier mode: long, no expiry, updated_at now.
SELECT ai_memory.promote('p-tier');
SELECT tier, expires_at, updated_at FROM ai_memory.memories WHERE id = 'p-tier';
-- Vertical mode: a clone in a proper ancestor, linked clone → source derived_from;
-- the source is untouched.
CREATE TEMP TABLE promoted AS SELECT ai_memory.promote('p-src', to_namespace => ' org ') AS result;
SELECT result - 'clone_id' AS result, result ->> 'clone_id' <> 'p-src' AS new_id FROM promoted;
SELECT c.tier, c.namespace, c.title, c.content, c.tags, c.priority, c.confidence, c.source, c.access_count,
       c.created_at, c.updated_at, c.expires_at, c.metadata
  FROM ai_memory.memories c, promoted p WHERE c.id = p.result ->> 'clone_id';
SELECT l.source_id = p.result ->> 'clone_id' AS from_clone, l.target_id, l.relation, l.created_at
  FROM ai_memory.memory_links l, promoted p;
SELECT tier, namespace, access_count, updated_at FROM ai_memory.memories WHERE id = 'p-src';
-- Promoting again merges into the clone (store()'s upsert): same id, one row.
SELECT (ai_memory.promote('p-src', to_namespace => 'org') ->> 'clone_id') = p.result ->> 'clone_id' AS same_clone
  FROM promoted p;
SELECT count(*) AS rows_titled_shared_rule FROM ai_memory.memories WHERE title = 'shared rule';
-- The clone keeps the source's expiry, even none (not the tier's default).
UPDATE ai_memory.memories SET expires_at = NULL WHERE id = 'p-src';
SELECT ai_memory.promote('p-src', to_namespace => 'org/unit') ->> 'clone_id' AS clone_id \gset
SELECT tier, namespace, expires_at FROM ai_memory.memories WHERE id = :'clone_id';
-- Errors of reference §2.5.
SELECT outcome($$SELECT ai_memory.promote('p-src', to_namespace => 'org/unit/team')$$);
SELECT outcome($$SELECT ai_memory.promote('p-src', to_namespace => 'org/unit/team/sub')$$);
SELECT outcome($$SELECT ai_memory.promote('p-src', to_namespace => 'other')$$);
SELECT outcome($$SELECT ai_memory.promote('p-tier', to_namespace => 'org')$$);

------------------------------------------------------------------------------
-- delete(): into the archive, with its links
------------------------------------------------------------------------------
SELECT pg_temp.remember('d-1', 'doomed', namespace => 'org/unit/team', agent_id => 'alice');
INSERT INTO ai_memory.memory_links (source_id, target_id, relation, created_at)
VALUES ('d-1', 'p-tier', 'related_to', '2026-03-02 00:00:00+00');
SELECT ai_memory.delete('d-', agent_id => 'alice');
SELECT count(*) AS active FROM ai_memory.memories WHERE id = 'd-1';
SELECT id, title, archive_reason, archived_at, links FROM ai_memory.archived_memories;
SELECT count(*) AS links_left FROM ai_memory.memory_links WHERE 'd-1' IN (source_id, target_id);
SELECT outcome($$SELECT ai_memory.delete('d-1')$$);

------------------------------------------------------------------------------
-- Governance: the decision point gets the right facts; pending and denied
-- writes change nothing. (The policy itself is tested with governance; here
-- the decision is replaced inside a transaction that is rolled back.)
------------------------------------------------------------------------------
BEGIN;
CREATE OR REPLACE FUNCTION ai_memory._governance_decide(action text, namespace text, caller text, memory_id text,
                                                        payload jsonb) RETURNS text
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE NOTICE 'decide(%, %, %, %, %)', action, namespace, caller, memory_id, payload;
  RETURN 'pending-1';
END $$;
SELECT ai_memory.delete('p-src', agent_id => 'bob');
SELECT ai_memory.promote('p-src', agent_id => 'bob');
SELECT ai_memory.promote('p-src', to_namespace => 'org', agent_id => 'bob');
SELECT id, tier, namespace, expires_at FROM ai_memory.memories WHERE id = 'p-src';
CREATE OR REPLACE FUNCTION ai_memory._governance_decide(action text, namespace text, caller text, memory_id text,
                                                        payload jsonb) RETURNS text
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MA400', MESSAGE = action || ' denied by governance: test';
END $$;
SELECT outcome($$SELECT ai_memory.delete('p-src')$$);
SELECT outcome($$SELECT ai_memory.promote('p-src')$$);
SELECT outcome($$SELECT ai_memory.promote('p-src', to_namespace => 'org')$$);
SELECT count(*) AS archived_while_governed FROM ai_memory.archived_memories WHERE id = 'p-src';
ROLLBACK;

RESET ai_memory.now_override;
