-- Embeddings on memories (the local embedder by default, set_embedding for
-- external ones, backfill) and hybrid recall (§3.4): semantic candidates,
-- the length-adaptive blend, time decay with the tier half-lives,
-- contextual recall.
SET TimeZone = 'UTC';
-- Independent of earlier suites: corpus statistics cover the whole table.
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';

SELECT s.title FROM (VALUES
  ('Storing memories in PostgreSQL', 'how agents keep their memories inside a postgres database'),
  ('Weather report', 'sunny with light wind'),
  ('Stored memory layout', 'rows of the memories table hold title and content')
) AS v(title, content), LATERAL ai_memory.store(title => v.title, content => v.content, namespace => 'hyb') s
ORDER BY 1;
SELECT ai_memory.refresh_term_stats() ->> 'documents' AS documents;
-- The trigger stored the local embedding of title || ' ' || content, deterministically.
SELECT title, embedding_model, array_length(embedding, 1) AS dims,
       embedding = ai_memory.embed(title || ' ' || content) AS same_as_embed
  FROM ai_memory.memories WHERE namespace = 'hyb' ORDER BY title;
-- Unchanged text keeps the vector; changed text re-embeds.
SELECT count(*) FROM ai_memory.update((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'),
                                      content => 'rain and storms');
SELECT embedding = ai_memory.embed('Weather report rain and storms') AS reembedded
  FROM ai_memory.memories WHERE title = 'Weather report';

-- Hybrid: "storing memory" finds the lexically close rows; the weather does not pass the 0.3 cosine bar.
SELECT title FROM ai_memory.recall(context => 'where are stored memories kept', namespace => 'hyb',
                                   mode => 'hybrid', touch => false);
-- Scores are in [0, 1] and decay with age from created_at (mid half-life 30 days, then 60, then none).
SELECT title, round(score::numeric, 4) FROM ai_memory.recall(context => 'memories postgres', namespace => 'hyb',
                                                             mode => 'hybrid', touch => false);
SET ai_memory.now_override = '2026-05-06 00:00:00+00';  -- 5 days: × 2^(-5/30) = 0.8909
SELECT title, round(score::numeric, 4) FROM ai_memory.recall(context => 'memories postgres', namespace => 'hyb',
                                                             mode => 'hybrid', touch => false);
SET ai_memory.half_life_days_mid = 60;
SELECT title, round(score::numeric, 4) FROM ai_memory.recall(context => 'memories postgres', namespace => 'hyb',
                                                             mode => 'hybrid', touch => false);
SET ai_memory.legacy_scoring = on;
SELECT title, round(score::numeric, 4) FROM ai_memory.recall(context => 'memories postgres', namespace => 'hyb',
                                                             mode => 'hybrid', touch => false);
RESET ai_memory.legacy_scoring;
RESET ai_memory.half_life_days_mid;
SET ai_memory.now_override = '2026-05-01 00:00:00+00';
SELECT outcome($$SET ai_memory.half_life_days_short = 0$$);

-- Contextual recall: context_tokens move the query vector.
SELECT title FROM ai_memory.recall(context => 'report', namespace => 'hyb', mode => 'hybrid', touch => false,
                                   context_tokens => '{weather,storms}');

-- External embedders: set_embedding stores any vector; query_embedding queries with one.
SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'), '{1,0,0}', 'test-3d');
SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Stored memory layout'), '{0,1,0}', 'test-3d');
SELECT title, embedding, embedding_model FROM ai_memory.memories WHERE namespace = 'hyb' AND embedding_model = 'test-3d'
 ORDER BY title;
-- 'zzz' matches no lexeme: the result is a semantic-only candidate (cosine 0.99 > 0.3; the other 0.11 < 0.3).
SELECT title FROM ai_memory.recall(context => 'zzz', namespace => 'hyb', query_embedding => '{0.9,0.1,0}', touch => false);
-- query_model: only rows embedded by that model are compared, even when another model has the same dimension.
SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Storing memories in PostgreSQL'),
                               '{0.9,0.1,0}', 'other-3d');
SELECT title FROM ai_memory.recall(context => 'zzz', namespace => 'hyb', query_embedding => '{0.9,0.1,0}', touch => false);
SELECT title FROM ai_memory.recall(context => 'zzz', namespace => 'hyb', query_embedding => '{0.9,0.1,0}',
                                   query_model => 'test-3d', touch => false);
SELECT title FROM ai_memory.recall(context => 'zzz', namespace => 'hyb', query_embedding => '{0.9,0.1,0}',
                                   query_model => 'other-3d', touch => false);
SELECT count(*) AS none FROM ai_memory.recall(context => 'zzz', namespace => 'hyb', query_embedding => '{0.9,0.1,0}',
                                              query_model => 'no-such-model', touch => false);
-- Recall that embeds its context locally compares only local-lexical-v1 vectors: a 384-float vector of
-- another model, identical to the query's, is not a candidate.
SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Storing memories in PostgreSQL'),
                               ai_memory.embed('qqq xxv'), 'fake-384');
SELECT count(*) AS none FROM ai_memory.recall(context => 'qqq xxv', namespace => 'hyb', mode => 'hybrid', touch => false);
SELECT title FROM ai_memory.recall(context => 'qqq xxv', namespace => 'hyb', query_embedding => ai_memory.embed('qqq xxv'),
                                   query_model => 'fake-384', touch => false);
SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Storing memories in PostgreSQL'),
                               ai_memory.embed(title || ' ' || content), 'local-lexical-v1')
  FROM ai_memory.memories WHERE title = 'Storing memories in PostgreSQL';
SELECT outcome($$SELECT ai_memory.set_embedding('no-such-id', '{1}', 'm')$$);
SELECT outcome($$SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'), '{1,NULL}', 'm')$$);
SELECT outcome($$SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'), '{NaN}', 'm')$$);
SELECT outcome($$SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'), '{{1}}', 'm')$$);
SELECT outcome($$SELECT ai_memory.set_embedding((SELECT id FROM ai_memory.memories WHERE title = 'Weather report'), '{1}', ' ')$$);
SELECT outcome($$SELECT * FROM ai_memory.recall(context => 'x', query_embedding => '{}')$$);

-- Without the local embedder new rows get no vector; backfill gives them one.
SET ai_memory.local_embeddings = off;
SELECT count(*) FROM ai_memory.store(title => 'Unembedded note', content => 'no vector yet', namespace => 'hyb');
SELECT embedding IS NULL AS no_vector FROM ai_memory.memories WHERE title = 'Unembedded note';
RESET ai_memory.local_embeddings;
SELECT ai_memory.backfill_embeddings(100000) >= 1 AS backfilled;
SELECT embedding = ai_memory.embed('Unembedded note no vector yet') AS backfilled_vector, embedding_model
  FROM ai_memory.memories WHERE title = 'Unembedded note';
SELECT ai_memory.backfill_embeddings();
SELECT outcome($$SELECT ai_memory.backfill_embeddings(0)$$);
