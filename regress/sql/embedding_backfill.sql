-- The external embedder's backfill functions (sql/66_embedding_backfill.sql).
SET client_min_messages = warning;
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;

SELECT count(*) FROM (SELECT ai_memory.store(title => t, content => 'text of ' || t, namespace => 'bf')
                        FROM unnest(ARRAY['a', 'b', 'c']) t) s;

-- Every row carries the trigger's local vector: nothing to do for that model,
-- everything for another one, in id order and in keyset pages.
SELECT count(*) FROM ai_memory.embedding_backlog('local-lexical-v1', NULL, 100);
SELECT count(*) AS all_rows, bool_and(input = m.title || ' ' || m.content) AS input_is_the_text,
       bool_and(input_md5 = md5(m.title || ' ' || m.content)) AS md5_matches
  FROM ai_memory.embedding_backlog('ext:model', NULL, 100) b JOIN ai_memory.memories m USING (id);
SELECT count(*) AS after_first FROM ai_memory.embedding_backlog('ext:model',
  (SELECT min(id) FROM ai_memory.memories), 100);
SELECT count(*) AS page_of_two FROM ai_memory.embedding_backlog('ext:model', NULL, 2);

-- Storing: only while the text is the one that was embedded.
SELECT ai_memory.set_embedding_if_unchanged(id, input_md5, '{0.5,0.5}', 'ext:model') AS stored
  FROM ai_memory.embedding_backlog('ext:model', NULL, 1);
SELECT count(*) AS left_to_do FROM ai_memory.embedding_backlog('ext:model', NULL, 100);
SELECT ai_memory.set_embedding_if_unchanged(m.id, md5('old text'), '{1}', 'ext:model') AS stale
  FROM ai_memory.memories m WHERE m.title = 'c';
SELECT ai_memory.set_embedding_if_unchanged('missing', md5('x'), '{1}', 'ext:model') AS missing;
SELECT embedding_model, count(*) FROM ai_memory.memories GROUP BY 1 ORDER BY 1;

-- Bad input: nothing is written.
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog('', NULL, 1)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog(NULL, NULL, 1)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog(repeat('m', 129), NULL, 1)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog('m', NULL, 0)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog('m', NULL, 10001)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog('m', NULL, NULL)$$);
SELECT outcome($$SELECT ai_memory.set_embedding_if_unchanged(id, input_md5, '{NaN}', 'ext:model')
                  FROM ai_memory.embedding_backlog('ext:model', NULL, 1)$$);
SELECT outcome($$SELECT ai_memory.set_embedding_if_unchanged(id, input_md5, '{1}', ' ')
                  FROM ai_memory.embedding_backlog('ext:model', NULL, 1)$$);
SELECT outcome($$SELECT * FROM ai_memory.embedding_backlog('x''; DROP TABLE ai_memory.memories; --', NULL, 1)$$);
SELECT embedding_model, count(*) FROM ai_memory.memories GROUP BY 1 ORDER BY 1;
