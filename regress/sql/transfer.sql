-- Bulk transfer (reference §5 bulk/export/import, §6 export/import, §7.2
-- sync): limits, per-item errors beside committed items, insert_if_newer
-- rule by rule, the vector clock, expired rows in sync_since.
SET TimeZone = 'UTC';
SET client_min_messages = warning;
TRUNCATE ai_memory.memories, ai_memory.sync_state CASCADE;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

-- export() of an empty store.
SELECT ai_memory.export();

-- Three live memories, one that expires, links between them.
CREATE TEMP TABLE ids AS
SELECT (ai_memory.store('first', 'one', tier => 'long', tags => '{a,b}', metadata => '{"agent_id":"alice","n":null}')).id AS first,
       NULL::text AS second, NULL::text AS third, NULL::text AS fleeting;
SET ai_memory.now_override = '2026-05-01 00:00:01+00';
UPDATE ids SET second = (ai_memory.store('second', 'two', namespace => 'proj/x', priority => 7)).id;
SET ai_memory.now_override = '2026-05-01 00:00:02+00';
UPDATE ids SET third = (ai_memory.store('third', 'three', tier => 'short')).id;
UPDATE ids SET fleeting = (ai_memory.store('fleeting', 'soon gone', tier => 'short', ttl_secs => 60)).id;
SELECT ai_memory.link(first, second, 'supersedes') IS NOT NULL AS linked FROM ids;
SELECT ai_memory.link(second, fleeting) IS NOT NULL AS linked FROM ids;
SET ai_memory.now_override = '2026-05-01 00:05:00+00';

-- Oldest first, the expired memory and its link left out, times in UTC,
-- members in the reference's order, null members inside metadata kept.
SELECT json_array_length(e -> 'memories') AS memories, e -> 'count' AS count,
       json_array_length(e -> 'links') AS links, e ->> 'exported_at' AS exported_at
  FROM ai_memory.export() e;
SELECT m ->> 'title' AS title, m ->> 'created_at' AS created_at, m -> 'metadata' AS metadata,
       (SELECT string_agg(k, ',') FROM json_object_keys(m) k) AS keys
  FROM json_array_elements(ai_memory.export() -> 'memories') m;
SELECT l ->> 'relation' AS relation, l ->> 'source_id' = ids.first AS from_first
  FROM json_array_elements(ai_memory.export() -> 'links') l, ids;

-- import: a round trip into an empty store gives back the same export.
CREATE TEMP TABLE exported AS SELECT ai_memory.export()::jsonb AS doc;
TRUNCATE ai_memory.memories CASCADE;
SELECT ai_memory.import(doc) FROM exported;
SELECT ai_memory.export()::jsonb = doc AS same_export FROM exported;

-- Per-item errors, the good items committed; unknown fields ignored; SQL
-- metacharacters are data; invalid links skipped.
SELECT ai_memory.import($j${"memories": [
  {"id": "imp-1", "title": "Robert'); DROP TABLE ai_memory.memories;--", "content": "$$ ; \\ ' \"", "tier": "mid",
   "namespace": "imp", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00.5+02:00",
   "access_count": 3, "last_accessed_at": "2026-01-03T00:00:00Z", "expires_at": "2020-01-01T00:00:00Z",
   "unknown_field": {"x": 1}},
  {"id": "imp-2", "title": "  ", "content": "blank title"},
  {"id": "imp-3", "title": "bad tier", "content": "x", "tier": "forever"},
  {"id": "imp-4", "title": "negative", "content": "x", "access_count": -1},
  {"id": "imp-5", "title": "bad time", "content": "x", "created_at": "yesterday"},
  {"id": "imp-6", "title": "month 13", "content": "x", "updated_at": "2026-13-01T00:00:00Z"},
  {"id": "imp-7", "title": "wrong type", "content": "x", "priority": "high"},
  {"id": "imp-8", "title": "wrong tags", "content": "x", "tags": ["ok", 3]},
  {"id": "imp-9", "title": "big priority", "content": "x", "priority": 99999999999},
  {"id": "imp-10", "title": "meta", "content": "x", "metadata": [1]},
  {"id": "imp-11", "title": "source", "content": "x", "source": "mine-slack"},
  {"title": "no id", "content": "x"},
  {"id": 12, "title": "numeric id", "content": "x"},
  "not an object",
  {"id": "imp-13", "title": "ctrl\u0007", "content": "x"},
  {"id": "imp-14", "title": "fraction", "content": "x", "priority": 2.5},
  {"id": "imp-15", "title": "ok too", "content": "second good one", "namespace": "imp", "priority": 4}
], "links": [
  {"source_id": "imp-1", "target_id": "imp-15", "relation": "related_to", "created_at": "2026-01-05T00:00:00Z"},
  {"source_id": "imp-1", "target_id": "imp-15", "relation": "related_to"},
  {"source_id": "imp-1", "target_id": "imp-1"},
  {"source_id": "imp-1", "target_id": "missing"},
  {"source_id": "imp-1", "target_id": "imp-15", "relation": "loves"},
  {"source_id": 1, "target_id": "imp-15"},
  "junk"
]}$j$) AS result;
SELECT id, title, content, tier, access_count, created_at, updated_at, last_accessed_at, expires_at, source
  FROM ai_memory.memories WHERE namespace = 'imp' ORDER BY id;
SELECT source_id, target_id, relation, created_at FROM ai_memory.memory_links WHERE source_id LIKE 'imp-%';
SELECT count(*) AS tables_left FROM pg_tables WHERE schemaname = 'ai_memory' AND tablename = 'memories';

-- Re-importing a row upserts on (title, namespace) with store()'s rules
-- (priority MAX, tier never down, existing agent_id kept); an id that is
-- another memory's is an error.
SELECT ai_memory.import($j${"memories": [
  {"id": "other-id", "title": "ok too", "content": "changed", "namespace": "imp", "priority": 2, "tier": "short",
   "metadata": {"agent_id": "mallory"}},
  {"id": "imp-15", "title": "renamed", "content": "x", "namespace": "imp"}
]}$j$) AS result;
SELECT id, content, priority, tier, metadata FROM ai_memory.memories WHERE title = 'ok too';

-- Restamping (the CLI default): agent_id becomes the importer, the old one
-- is kept as imported_from_agent_id; rows without one just get stamped.
SELECT ai_memory.import($j${"memories": [
  {"id": "rs-1", "title": "restamp me", "content": "x", "metadata": {"agent_id": "alice", "k": 1}},
  {"id": "rs-2", "title": "no agent", "content": "x"}
]}$j$, restamp_agent => 'importer') AS result;
SELECT id, metadata FROM ai_memory.memories WHERE id LIKE 'rs-%' ORDER BY id;

-- Whole-call errors: nothing written.
CREATE TEMP TABLE before_bad AS SELECT count(*) AS n FROM ai_memory.memories;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.import('[]')$q$),
  ($q$SELECT ai_memory.import('{}')$q$),
  ($q$SELECT ai_memory.import('{"memories": {}}')$q$),
  ($q$SELECT ai_memory.import('{"memories": [], "links": {}}')$q$),
  ($q$SELECT ai_memory.import(NULL)$q$),
  ($q$SELECT ai_memory.import('{"memories": [{"id":"x","title":"x","content":"x"}]}', restamp_agent => 'bad agent')$q$),
  ($q$SELECT ai_memory.import(jsonb_build_object('memories',
        (SELECT jsonb_agg(jsonb_build_object('id', 'n' || i, 'title', 'n' || i, 'content', 'x'))
           FROM generate_series(1, 1001) i)))$q$)
) AS t(q);
SELECT count(*) = n AS nothing_written FROM ai_memory.memories, before_bad GROUP BY n;

-- bulk_store: store()'s rules and defaults (source api), per-item errors.
SELECT ai_memory.bulk_store($j$[
  {"title": "bulk one", "content": "a", "namespace": "bulk", "tags": ["t"], "priority": 3, "agent_id": "bob"},
  {"title": "bulk two", "content": "b", "namespace": "bulk", "ttl_secs": 3600, "metadata": {"k": "v"}},
  {"title": "", "content": "no title", "namespace": "bulk"},
  {"title": "bad ns", "content": "x", "namespace": "has space"},
  {"title": "bad expiry", "content": "x", "namespace": "bulk", "expires_at": "2020-01-01T00:00:00Z"},
  {"title": "bad expiry format", "content": "x", "namespace": "bulk", "expires_at": "tomorrow"},
  {"title": "bad priority", "content": "x", "namespace": "bulk", "priority": 11},
  {"title": "huge priority", "content": "x", "namespace": "bulk", "priority": 1e30},
  {"title": "bad scope", "content": "x", "namespace": "bulk", "scope": "world"},
  {"title": "bad type", "content": 5, "namespace": "bulk"},
  {"content": "no title at all", "namespace": "bulk"},
  7
]$j$) AS result;
SELECT title, source, priority, tags, expires_at, metadata FROM ai_memory.memories WHERE namespace = 'bulk' ORDER BY title;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.bulk_store('{}')$q$),
  ($q$SELECT ai_memory.bulk_store(NULL)$q$),
  ($q$SELECT ai_memory.bulk_store((SELECT jsonb_agg(jsonb_build_object('title', 'b' || i, 'content', 'x'))
                                     FROM generate_series(1, 1001) i))$q$)
) AS t(q);
SELECT count(*) AS bulk_rows FROM ai_memory.memories WHERE namespace = 'bulk';

-- sync_push: insert_if_newer rule by rule.
TRUNCATE ai_memory.memories, ai_memory.sync_state CASCADE;
SET ai_memory.now_override = '2026-06-01 00:00:00+00';
SELECT ai_memory.import($j${"memories": [
  {"id": "s-1", "title": "sync me", "namespace": "s", "content": "old", "tags": ["old"], "tier": "long",
   "priority": 8, "confidence": 0.9, "access_count": 10, "source": "api",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-10T00:00:00Z", "metadata": {"agent_id": "origin", "v": 1}},
  {"id": "s-2", "title": "mid row", "namespace": "s", "content": "old", "tier": "mid", "priority": 2,
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-10T00:00:00Z", "expires_at": "2026-07-01T00:00:00Z"},
  {"id": "s-3", "title": "no agent", "namespace": "s", "content": "old",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-10T00:00:00Z"}
]}$j$) AS seeded;
SELECT ai_memory.sync_push($j${"sender_agent_id": "peer-a", "sender_clock": {"entries": {}}, "memories": [
  {"id": "p-1", "title": "sync me", "namespace": "s", "content": "new", "tags": ["new"], "tier": "short",
   "priority": 3, "confidence": 0.5, "access_count": 2, "source": "claude",
   "created_at": "2026-05-02T00:00:00Z", "updated_at": "2026-05-11T00:00:00Z", "metadata": {"agent_id": "intruder", "v": 2}},
  {"id": "p-2", "title": "mid row", "namespace": "s", "content": "newer", "tier": "short", "priority": 9,
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-12T00:00:00Z"},
  {"id": "p-3", "title": "no agent", "namespace": "s", "content": "stale",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-09T00:00:00Z"},
  {"id": "s-3", "title": "renamed", "namespace": "s", "content": "rename",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-20T00:00:00Z"},
  {"id": "p-5", "title": "brand new", "namespace": "s", "content": "fresh", "tier": "mid",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-13T00:00:00Z", "expires_at": "2026-01-01T00:00:00Z"},
  {"id": "p-6", "title": "invalid", "namespace": "s", "content": "", "updated_at": "2026-05-30T00:00:00Z"}
]}$j$, 'receiver-1') AS result;
-- s-1: newer content/tags/source/metadata, but agent_id "origin" stays;
-- priority, confidence, access_count MAX; tier stays long (no expiry).
-- s-2: tier max (mid), expires kept (coalesce(new NULL, old)), priority 9.
-- s-3: stale push is a noop; the rename (same id, other title) is skipped.
-- p-5: new row written as pushed, expired expires_at included.
SELECT id, content, tags, source, tier, priority, confidence, access_count, updated_at, expires_at, metadata
  FROM ai_memory.memories ORDER BY id;
-- The clock: receiver-1 saw peer-a at the newest updated_at of a valid item (the rename counts, the invalid one not).
SELECT agent_id, peer_id, last_seen_at FROM ai_memory.sync_state;

-- expires_at: NULL when either side is long, else coalesce(new, old).
SELECT ai_memory.sync_push($j${"sender_agent_id": "peer-a", "memories": [
  {"id": "x", "title": "mid row", "namespace": "s", "content": "newest", "tier": "long", "expires_at": "2026-08-01T00:00:00Z",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-14T00:00:00Z"},
  {"id": "y", "title": "brand new", "namespace": "s", "content": "newer", "expires_at": "2026-09-01T00:00:00Z",
   "created_at": "2026-05-01T00:00:00Z", "updated_at": "2026-05-15T00:00:00Z"}
]}$j$, 'receiver-1') - 'receiver_clock' AS result;
SELECT id, tier, expires_at FROM ai_memory.memories WHERE id IN ('s-2', 'p-5') ORDER BY id;

-- A dry run counts noops and writes nothing, not even the clock.
SELECT ai_memory.sync_push($j${"sender_agent_id": "peer-b", "dry_run": true, "memories": [
  {"id": "d-1", "title": "dry", "namespace": "s", "content": "x", "updated_at": "2026-05-31T00:00:00Z"}
]}$j$, 'receiver-1') AS result;
SELECT count(*) AS dry_rows FROM ai_memory.memories WHERE title = 'dry';

-- Whole-call errors of sync_push.
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.sync_push('{"sender_agent_id": "bad agent!", "memories": []}', 'r')$q$),
  ($q$SELECT ai_memory.sync_push('{"sender_agent_id": 5, "memories": []}', 'r')$q$),
  ($q$SELECT ai_memory.sync_push('{"memories": []}', 'r')$q$),
  ($q$SELECT ai_memory.sync_push('{"sender_agent_id": "a"}', 'r')$q$),
  ($q$SELECT ai_memory.sync_push('{"sender_agent_id": "a", "memories": []}', 'bad receiver')$q$),
  ($q$SELECT ai_memory.sync_push('{"sender_agent_id": "a", "memories": [], "dry_run": "yes"}', 'r')$q$),
  ($q$SELECT ai_memory.sync_push('[]', 'r')$q$),
  ($q$SELECT ai_memory.sync_push(jsonb_build_object('sender_agent_id', 'a', 'memories',
        (SELECT jsonb_agg(jsonb_build_object('id', 'n' || i, 'title', 'n' || i, 'content', 'x'))
           FROM generate_series(1, 1001) i)), 'r')$q$)
) AS t(q);

-- sync_since: oldest change first, expired rows included, limit, observe.
SET ai_memory.now_override = '2026-12-01 00:00:00+00';
SELECT s -> 'count' AS count, s -> 'limit' AS "limit",
       (SELECT string_agg(m ->> 'id', ',') FROM json_array_elements(s -> 'memories') m) AS ids
  FROM ai_memory.sync_since() s;
SELECT s -> 'count' AS count,
       (SELECT string_agg(m ->> 'id' || '@' || (m ->> 'updated_at'), ',') FROM json_array_elements(s -> 'memories') m) AS ids
  FROM ai_memory.sync_since(since => '2026-05-12 00:00:00+00', "limit" => 1, peer => 'peer-z', local_agent => 'me') s;
SELECT agent_id, peer_id, last_seen_at FROM ai_memory.sync_state WHERE agent_id = 'me';
-- No rows: no observation; an invalid peer is not recorded; limit capped at 10000.
SELECT ai_memory.sync_since(since => '2030-01-01 00:00:00+00', peer => 'peer-y', local_agent => 'me') AS s;
SELECT (ai_memory.sync_since(peer => 'bad peer', local_agent => 'me') -> 'count') AS count,
       (ai_memory.sync_since("limit" => 50000) -> 'limit') AS capped;
SELECT count(*) AS clock_rows FROM ai_memory.sync_state WHERE agent_id = 'me';
SELECT ai_memory.sync_since("limit" => 0) AS empty_page;
SELECT outcome($q$SELECT ai_memory.sync_since("limit" => -1)$q$) AS result;
-- A page never ends inside a run of rows with the same updated_at (one bulk transaction): limit 2
-- returns all 3 of the run, and the next page (since the last updated_at) starts after it.
SET ai_memory.now_override = '2031-01-01 00:00:00+00';
SELECT ai_memory.bulk_store('[{"title":"run a","content":"x"},{"title":"run b","content":"x"},{"title":"run c","content":"x"}]');
SET ai_memory.now_override = '2031-01-02 00:00:00+00';
SELECT ai_memory.bulk_store('[{"title":"run d","content":"x"}]');
SELECT s -> 'count' AS count, s -> 'limit' AS "limit",
       (SELECT string_agg(m ->> 'title', ',' ORDER BY m ->> 'title') FROM json_array_elements(s -> 'memories') m) AS titles
  FROM ai_memory.sync_since(since => '2030-12-31 00:00:00+00', "limit" => 2) s;
SELECT s -> 'count' AS count,
       (SELECT string_agg(m ->> 'title', ',') FROM json_array_elements(s -> 'memories') m) AS titles
  FROM ai_memory.sync_since(since => '2031-01-01 00:00:00+00', "limit" => 2) s;

RESET ai_memory.now_override;
TRUNCATE ai_memory.memories, ai_memory.sync_state CASCADE;
