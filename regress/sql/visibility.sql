-- Scope visibility (reference §1.4): visible_to() and list(as_agent),
-- including namespaces with LIKE wildcards, which must match literally.
SET TimeZone = 'UTC';
SET ai_memory.now_override = '2026-04-05 00:00:00+00';

SELECT s.title FROM (VALUES
  ('v-org/v-unit/v-team/alice', 'private',    'alice private'),
  ('v-org/v-unit/v-team/alice', NULL,         'alice default'),
  ('v-org/v-unit/v-team/bob',   'private',    'bob private'),
  ('v-org/v-unit/v-team/bob',   'team',       'bob team'),
  ('v-org/v-unit/v-team',       'team',       'team itself'),
  ('v-org/v-unit/v-teamster',   'team',       'teamster team'),
  ('v-org/v-unit/other/carol',  'team',       'other team'),
  ('v-org/v-unit/other/carol',  'unit',       'carol unit'),
  ('v-org/elsewhere/dan',       'unit',       'elsewhere unit'),
  ('v-org/elsewhere/dan',       'org',        'dan org'),
  ('v-other/eve',               'org',        'other org'),
  ('v-other/eve',               'collective', 'eve collective')
) AS v(ns, scope, title), LATERAL ai_memory.store(title => v.title, content => 'c', namespace => v.ns, scope => v.scope) s
ORDER BY 1;
-- An unknown scope (metadata is not validated for it) is invisible.
SELECT title FROM ai_memory.store(title => 'odd scope', content => 'c', namespace => 'v-org/v-unit/v-team/alice',
                                  metadata => '{"scope": "public"}');

SELECT title FROM ai_memory.list(as_agent => 'v-org/v-unit/v-team/alice', "limit" => 100)
 WHERE namespace LIKE 'v-%' ORDER BY title;
-- A single-segment agent has no team, unit or org.
SELECT title FROM ai_memory.list(as_agent => 'v-other', "limit" => 100) WHERE namespace LIKE 'v-%' ORDER BY title;
-- Without as_agent there is no filtering.
SELECT count(*) AS all_rows FROM ai_memory.list("limit" => 100) WHERE namespace LIKE 'v-%';
-- as_agent combines with the other filters.
SELECT title FROM ai_memory.list(namespace => 'v-org/v-unit/v-team/bob', as_agent => 'v-org/v-unit/v-team/alice');

-- Wildcards: '%' and '_' in namespaces are plain characters.
SELECT s.title FROM (VALUES ('w%/t_/me', 'private', 'percent me'), ('w%/t_/x', 'team', 'percent team'),
                            ('wx/tx/x', 'team', 'lookalike team'), ('w_/tx/x', 'org', 'underscore org'),
                            ('wx/tx/y', 'org', 'lookalike org'))
  AS v(ns, scope, title), LATERAL ai_memory.store(title => v.title, content => 'c', namespace => v.ns, scope => v.scope) s
ORDER BY 1;
SELECT title FROM ai_memory.list(as_agent => 'w%/t_/me', "limit" => 100) WHERE namespace LIKE 'w%' ORDER BY title;
SELECT title FROM ai_memory.list(as_agent => 'w_/t%/me', "limit" => 100) WHERE namespace LIKE 'w%' ORDER BY title;
-- Org of 'w_/t%/me/deep' is 'w_': 'w_/tx/x' is in it, 'wx/tx/y' is not (a LIKE 'w_/%' would leak it).
SELECT title FROM ai_memory.list(as_agent => 'w_/t%/me/deep', "limit" => 100) WHERE namespace LIKE 'w%' ORDER BY title;

-- visible_to() directly.
SELECT ns, scope, ai_memory.visible_to(ns, scope, 'a/b/c') AS visible FROM (VALUES
  ('a/b/c', NULL), ('a/b/c', 'private'), ('a/b/x', 'private'), ('a/b', 'team'), ('a/b/x/y', 'team'),
  ('a/bx', 'team'), ('a/z', 'unit'), ('z', 'org'), ('z', 'collective'), ('a/b/c', 'unknown'), ('a/b/c', '')
) AS t(ns, scope);
SELECT ai_memory.visible_to('x', 'private', NULL) AS no_agent_no_filter;

-- Bad as_agent.
SELECT outcome(q) AS result FROM (VALUES
  ($q$SELECT * FROM ai_memory.list(as_agent => 'has space')$q$),
  ($q$SELECT * FROM ai_memory.list(as_agent => '')$q$),
  ($q$SELECT * FROM ai_memory.list(as_agent => 'a/../b')$q$)
) AS t(q);
