-- fts_query() and forget(): the sanitised full-text query of reference §3.1,
-- and bulk forget into the archive (reason forget, metadata kept).
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-05-01 00:00:00+00';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
TRUNCATE ai_memory.archived_memories;
RESET client_min_messages;

-- fts_query: any term (default) or all terms, English stemming, syntax stripped.
SELECT ai_memory.fts_query('Deploying servers') AS any_term,
       ai_memory.fts_query('Deploying servers', 'all') AS all_terms,
       ai_memory.fts_query('well-known "exact phrase" prefix* NEAR(a b) x OR y AND NOT z') AS stripped;
-- Quotes, backslashes and tsquery operators are terms, never syntax.
SELECT ai_memory.fts_query($$it's O'Brien's back\slash 'quoted'$$) AS quotes,
       ai_memory.fts_query('a&b !c <-> d:* e:A (f|g)') AS operators,
       ai_memory.fts_query(E'pass\u200Bword soft\u00ADhyphen') AS invisible;
-- Nothing left (empty, operators only, stop words only) matches nothing.
SELECT q AS query, ai_memory.fts_query(q) AS tsquery,
       to_tsvector('english', 'the and or not near anything') @@ ai_memory.fts_query(q) AS matches
  FROM unnest(ARRAY['', '   ', 'AND OR NOT NEAR', '"" () * - ^', 'the of and']) q;
SELECT ai_memory.fts_query('cats', mode => NULL) AS null_mode_is_any;
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.fts_query(NULL)$q$),
  ($q$SELECT ai_memory.fts_query('x', 'some')$q$),
  ($q$SELECT ai_memory.fts_query('x', 'ALL')$q$),
  ($q$SELECT ai_memory.fts_query(repeat('x ', 65537))$q$)
) AS t(q);
-- 10,000 terms: one tsquery with every term, and no deep recursion.
SELECT numnode(ai_memory.fts_query(string_agg('term' || i, ' '))) AS nodes_any,
       numnode(ai_memory.fts_query(string_agg('term' || i, ' '), 'all')) AS nodes_all,
       to_tsvector('english', 'term9999') @@ ai_memory.fts_query(string_agg('term' || i, ' ')) AS any_matches,
       to_tsvector('english', 'term9999') @@ ai_memory.fts_query(string_agg('term' || i, ' '), 'all') AS all_matches
  FROM generate_series(0, 9999) i;

-- The data forget works on.
INSERT INTO ai_memory.memories (id, tier, namespace, title, content, metadata, expires_at) VALUES
  ('fg-1', 'short', 'proj/a', 'deploy checklist', 'run the migrations before deploying', '{"k":1}', '2026-05-01 06:00:00+00'),
  ('fg-2', 'mid',   'proj/a', 'coffee order', 'two flat whites', '{}', '2026-05-08 00:00:00+00'),
  ('fg-3', 'long',  'proj/a', 'deploy owner', 'alice owns deploys', '{}', NULL),
  ('fg-4', 'short', 'proj/b', 'lunch', 'tacos on friday', '{}', '2026-05-01 06:00:00+00'),
  ('fg-5', 'long',  'proj/b', 'percent', '100% of 50_50 split \ with backslash', '{}', NULL),
  ('fg-6', 'short', 'proj/a', 'old deploy note', 'expired already', '{}', '2026-04-30 00:00:00+00'),
  ('fg-7', 'long',  'proj/c', 'Quote''s', 'don''t "quote" me', '{}', NULL);
INSERT INTO ai_memory.memory_links (source_id, target_id, relation) VALUES ('fg-1', 'fg-3', 'related_to');

-- At least one filter; bad filters are refused before anything is read.
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT ai_memory.forget()$q$),
  ($q$SELECT ai_memory.forget(dry_run => true)$q$),
  ($q$SELECT ai_memory.forget(namespace => NULL, pattern => NULL, tier => NULL)$q$),
  ($q$SELECT ai_memory.forget(namespace => 'has space')$q$),
  ($q$SELECT ai_memory.forget(namespace => '/proj')$q$),
  ($q$SELECT ai_memory.forget(namespace => '')$q$),
  ($q$SELECT ai_memory.forget(tier => 'forever')$q$),
  ($q$SELECT ai_memory.forget(tier => '')$q$),
  ($q$SELECT ai_memory.forget(pattern => repeat('x', 131073))$q$)
) AS t(q);

-- Dry runs count without writing; filters AND-combine; the pattern matches any term;
-- expired rows are never counted.
SELECT f AS filters, ai_memory.forget(namespace => f[1], pattern => f[2], tier => f[3], dry_run => true) AS answer
  FROM (VALUES (ARRAY['proj/a', NULL, NULL]), (ARRAY[NULL, 'deploy', NULL]), (ARRAY[NULL, 'deploy tacos', NULL]),
               (ARRAY['proj/a', 'deploy', NULL]), (ARRAY['proj/a', 'deploy', 'long']), (ARRAY[NULL, NULL, 'short']),
               (ARRAY['proj', NULL, NULL]), (ARRAY[NULL, 'nothing-matches-this', NULL])) v(f);
SELECT count(*) AS live_after_dry_runs FROM ai_memory.memories;

-- Hostile patterns: quotes, backslashes, LIKE wildcards, operators, SQL, 10,000 terms.
-- Each is only a set of words: it matches what those words match, or nothing.
SELECT p AS pattern, ai_memory.forget(pattern => p, dry_run => true) ->> 'would_delete' AS would_delete
  FROM unnest(ARRAY[
    $$'$$, $$''$$, $$"$$, $$\$$, $$\\$$, $$don't$$, $$"quote"$$, '%', '_', '%%', '50_50', '100%',
    '*', 'deploy*', '-deploy', 'NOT deploy', 'deploy & !tacos', 'deploy | tacos', '(deploy', 'deploy:*',
    '<->', '!!', $$'); DELETE FROM ai_memory.memories; --$$, 'NEAR(deploy tacos)', '^deploy', '{deploy}']) p;
SELECT ai_memory.forget(pattern => (SELECT string_agg('word' || i, ' ') FROM generate_series(1, 10000) i) || ' tacos',
                        dry_run => true) AS ten_thousand_terms;
SELECT count(*) AS live_after_hostile_dry_runs FROM ai_memory.memories;

-- A real forget archives the matches with their metadata and links, and says so.
SELECT ai_memory.forget(namespace => 'proj/a', pattern => 'deploy');
SELECT id, archive_reason, metadata, archived_at, jsonb_array_length(links) AS links
  FROM ai_memory.archived_memories ORDER BY id;
SELECT id FROM ai_memory.memories ORDER BY id;
SELECT count(*) AS links_left FROM ai_memory.memory_links;
-- A real forget by tier alone; an expired row stays for gc to collect.
SELECT ai_memory.forget(tier => 'short');
SELECT id FROM ai_memory.memories ORDER BY id;
-- Hostile patterns for real: nothing beyond what the words match.
SELECT ai_memory.forget(pattern => $$'); DELETE FROM ai_memory.memories; --$$) AS sql_text;
SELECT ai_memory.forget(pattern => '% _ \ * "') AS wildcards;
SELECT ai_memory.forget(pattern => $$don't$$) AS apostrophe;
SELECT id FROM ai_memory.memories ORDER BY id;
SELECT id, archive_reason FROM ai_memory.archived_memories ORDER BY id;

-- A forget that fails part-way leaves everything in place: a trigger makes
-- archiving fg-7 fail after fg-5 has moved, and the whole call rolls back.
CREATE FUNCTION public.refuse_fg7() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id = 'fg-7' THEN RAISE EXCEPTION 'archive refused for %', NEW.id; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER refuse_fg7 BEFORE INSERT ON ai_memory.archived_memories
  FOR EACH ROW EXECUTE FUNCTION public.refuse_fg7();
SELECT count(*) AS live_before, (SELECT count(*) FROM ai_memory.archived_memories) AS archived_before
  FROM ai_memory.memories;
SELECT outcome($$SELECT ai_memory.forget(tier => 'long')$$) AS failed_forget;
SELECT count(*) AS live_after, (SELECT count(*) FROM ai_memory.archived_memories) AS archived_after
  FROM ai_memory.memories;
DROP TRIGGER refuse_fg7 ON ai_memory.archived_memories;
DROP FUNCTION public.refuse_fg7();
