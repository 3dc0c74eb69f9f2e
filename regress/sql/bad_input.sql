-- Bad input reaches every parameter of store(), get() and list(), gets the
-- reference's message with SQLSTATE class MA, and writes nothing.
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SELECT outcome(q) AS result FROM (VALUES
  -- title
  ($q$SELECT ai_memory.store(title => '', content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => '   ', content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => NULL, content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => repeat('t', 513), content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => repeat('é', 513), content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => E'bell\x07', content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => E'cr\rlf', content => 'c')$q$),
  ($q$SELECT ai_memory.store(title => E'c1\u0085control', content => 'c')$q$),
  -- content
  ($q$SELECT ai_memory.store(title => 't', content => E'\t\n ')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => repeat('x', 65537))$q$),
  ($q$SELECT ai_memory.store(title => 't', content => E'esc\x1b[31m')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => E'windows\r\nline')$q$),
  -- namespace
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'a/b/c/d/e/f/g/h/i')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'a/../b')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'a/./b')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => '/a')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'a/')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'a//b')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => 'has space')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => E'back\\slash')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', namespace => repeat('n', 513))$q$),
  -- tier, priority, confidence, source
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tier => 'huge')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tier => 'LONG')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', priority => 0)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', priority => 11)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', confidence => 'NaN')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', confidence => 'Infinity')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', confidence => 1.5)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', confidence => -0.1)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', source => 'robot')$q$),
  -- tags
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tags => array_fill('x'::text, ARRAY[51]))$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tags => ARRAY['ok', ' '])$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tags => ARRAY[repeat('g', 129)])$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tags => ARRAY['a', NULL])$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', tags => ARRAY[[ 'a' ], [ 'b' ]])$q$),
  -- metadata
  ($q$SELECT ai_memory.store(title => 't', content => 'c', metadata => '[1, 2]')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', metadata => '"text"')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c',
        metadata => (repeat('{"a":', 33) || '1' || repeat('}', 33))::jsonb)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c',
        metadata => jsonb_build_object('big', repeat('m', 65536)))$q$),
  -- agent_id, scope, expiry
  ($q$SELECT ai_memory.store(title => 't', content => 'c', agent_id => 'has space')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', agent_id => 'semi;colon')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', agent_id => '')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', agent_id => repeat('a', 129))$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', scope => 'world')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', expires_at => '2000-01-01')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', expires_at => 'infinity')$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', ttl_secs => 0)$q$),
  ($q$SELECT ai_memory.store(title => 't', content => 'c', ttl_secs => 31536001)$q$),
  -- get
  ($q$SELECT ai_memory.get('')$q$),
  ($q$SELECT ai_memory.get(NULL)$q$),
  ($q$SELECT ai_memory.get(repeat('i', 129))$q$),
  ($q$SELECT ai_memory.get(E'id\x01')$q$),
  -- list
  ($q$SELECT ai_memory.list(namespace => 'a/../b')$q$),
  ($q$SELECT ai_memory.list(tier => 'huge')$q$),
  ($q$SELECT ai_memory.list("limit" => 0)$q$),
  ($q$SELECT ai_memory.list("offset" => -1)$q$),
  ($q$SELECT ai_memory.list(agent_id => 'x y')$q$),
  ($q$SELECT ai_memory.list(tag => '')$q$)
) AS cases(q);

-- SQL metacharacters are data, never SQL.
SELECT title, content, namespace
  FROM ai_memory.store(title => $t$'); DROP TABLE ai_memory.memories; --$t$,
                       content => $c$%_\' OR 1=1 --$c$, namespace => 'x%_y');
SELECT count(*) FROM ai_memory.list(namespace => 'x%_y');
SELECT count(*) FROM ai_memory.list(namespace => 'x__y');

-- Invalid UTF-8 never reaches the functions: PostgreSQL rejects it at input.
SELECT ai_memory.store(title => convert_from('\xc328'::bytea, 'UTF8'), content => 'c');

-- Exactly at the limits is accepted.
SELECT length(title), octet_length(content), cardinality(tags)
  FROM ai_memory.store(title => repeat('é', 512), content => repeat('x', 65536),
                       tags => array_fill(repeat('g', 128), ARRAY[50]),
                       namespace => 'a/b/c/d/e/f/g/h',
                       metadata => (repeat('{"a":', 32) || '1' || repeat('}', 32))::jsonb);

-- Nothing but the two accepted rows was written.
SELECT count(*) FROM ai_memory.memories;
