-- The built-in local embedder and cosine similarity (sql/60_embeddings.sql).

SELECT ai_memory.embedder_info();

-- Shape: 384 components, unit length, and the same vector every time.
WITH v AS (SELECT ai_memory.embed('The quick brown fox jumps over the lazy dog') AS e)
SELECT array_length(e, 1) AS dimension,
       round(sqrt((SELECT sum(x * x) FROM unnest(e) AS x))::numeric, 6) AS norm,
       round(e[8]::numeric, 6) AS e8, round(e[17]::numeric, 6) AS e17,
       round(e[30]::numeric, 6) AS e30, round(e[43]::numeric, 6) AS e43
FROM v;
SELECT ai_memory.embed('Same text, same vector') = ai_memory.embed('Same text, same vector') AS deterministic;
SELECT ai_memory.embed('Hello, World!') = ai_memory.embed('hello world') AS ignores_case_and_punctuation;

-- Paraphrases that share stems and word fragments beat unrelated text.
WITH q AS (SELECT ai_memory.embed('How do I store memories in PostgreSQL?') AS e)
SELECT round(ai_memory.cosine(q.e, ai_memory.embed('storing a memory inside a Postgres database'))::numeric, 3) AS paraphrase,
       round(ai_memory.cosine(q.e, ai_memory.embed('the weather in Paris is sunny and warm today'))::numeric, 3) AS unrelated
FROM q;

-- A text with no word embeds to 384 zeros, whose cosine with anything is 0.
SELECT array_length(ai_memory.embed(''), 1) AS dimension,
       (SELECT bool_and(x = 0) FROM unnest(ai_memory.embed(' ?! ')) AS x) AS all_zero,
       ai_memory.cosine(ai_memory.embed(''), ai_memory.embed('anything')) AS cosine_with_zero;
SELECT ai_memory.embed(NULL) IS NULL AS null_in_null_out;

-- Cosine of known vectors.
SELECT ai_memory.cosine('{1,0,0}', '{1,0,0}') AS same,
       ai_memory.cosine('{1,0,0}', '{0,1,0}') AS orthogonal,
       ai_memory.cosine('{1,0,0}', '{-2,0,0}') AS opposite,
       round(ai_memory.cosine('{1,1,0}', '{1,0,0}')::numeric, 12) AS diagonal,
       ai_memory.cosine('{3,4}', '{30,40}') AS scaled;
-- Mismatched lengths, zero vectors and empty arrays give 0; NULL arrays give NULL.
SELECT ai_memory.cosine('{1,2,3}', '{1,2}') AS mismatch,
       ai_memory.cosine('{0,0,0}', '{1,2,3}') AS zero,
       ai_memory.cosine('{}', '{}') AS empty,
       ai_memory.cosine(NULL, '{1}') IS NULL AS null_array;

-- Ranking stored texts against a query, as hybrid recall will.
CREATE TEMP TABLE notes (id int, body text, embedding real[]);
INSERT INTO notes (id, body) VALUES
  (1, 'Postgres keeps agent memories in tables'),
  (2, 'the weather in Paris is sunny'),
  (3, 'storing a memory for an agent');
UPDATE notes SET embedding = ai_memory.embed(body);
SELECT id, round(ai_memory.cosine(embedding, ai_memory.embed('where are agent memories stored'))::numeric, 3) AS score
FROM notes ORDER BY score DESC, id;

-- Long vectors stored out of line (TOAST) are read back whole.
CREATE TEMP TABLE wide (v real[]);
INSERT INTO wide SELECT array_fill(0.5::real, ARRAY[5000]);
SELECT pg_column_size(v) < 5000 * 4 AS compressed, ai_memory.cosine(v, v) AS self, ai_memory.cosine(v, array_fill(1::real, ARRAY[5000])) AS parallel
FROM wide;

-- Bad vectors raise MA100.
\set VERBOSITY sqlstate
SELECT ai_memory.cosine('{1,NULL,3}', '{1,2,3}');
\set VERBOSITY default
SELECT ai_memory.cosine('{1,NULL,3}', '{1,2,3}');
SELECT ai_memory.cosine('{1,2,3}', '{{1,2},{3,4}}');
SELECT ai_memory.cosine('{1,NaN,3}', '{1,2,3}');
SELECT ai_memory.cosine('{1,2,3}', '{1,Infinity,3}');
