-- The C++ trigger that indexes every stored memory builds exactly the
-- document ai_memory._fts_weighted() describes (title A, tags B, content C),
-- stays quiet on words too long to index, and embeds only when text changes.
SET TimeZone = 'UTC';
SET client_min_messages = warning;  -- TRUNCATE's cascade notices name other areas' tables
TRUNCATE ai_memory.memories CASCADE;
RESET client_min_messages;

SELECT count(*) FROM ai_memory.store(title => 'Deploying the ledger', content => 'Releases go out on Tuesdays',
                                     tags => ARRAY['ops', 'release-train'], namespace => 'trg');
SELECT count(*) FROM ai_memory.store(title => 'No tags here', content => 'plain text', namespace => 'trg');
SELECT title, fts, fts = ai_memory._fts_weighted(title, tags, content) AS same_as_sql
  FROM ai_memory.memories WHERE namespace = 'trg' ORDER BY title;

-- A word longer than 2047 bytes is skipped without a NOTICE reaching the client.
SELECT count(*) FROM ai_memory.store(title => 'Long word', content => 'before ' || repeat('x', 3000) || ' after',
                                     namespace => 'trg');
SELECT fts, fts = ai_memory._fts_weighted(title, tags, content) AS same_as_sql
  FROM ai_memory.memories WHERE title = 'Long word';

-- Changing only the tags re-indexes them; changing the priority touches nothing.
UPDATE ai_memory.memories SET tags = ARRAY['retagged'] WHERE title = 'No tags here';
SELECT fts FROM ai_memory.memories WHERE title = 'No tags here';
CREATE TEMP TABLE before_update AS SELECT id, fts, embedding FROM ai_memory.memories WHERE namespace = 'trg';
UPDATE ai_memory.memories SET priority = 9 WHERE namespace = 'trg';
SELECT count(*) AS unchanged FROM ai_memory.memories m JOIN before_update b USING (id)
 WHERE m.fts = b.fts AND m.embedding = b.embedding;

-- Without local embeddings, new text drops the stale vector.
SET ai_memory.local_embeddings = off;
UPDATE ai_memory.memories SET content = 'Releases go out on Thursdays' WHERE title = 'Deploying the ledger';
SELECT embedding IS NULL AS no_vector, embedding_model IS NULL AS no_model,
       fts @@ to_tsquery('english', 'thursday') AS reindexed
  FROM ai_memory.memories WHERE title = 'Deploying the ledger';
RESET ai_memory.local_embeddings;

-- The text-search configuration is a setting: 'simple' keeps stop words and does not stem.
SET ai_memory.text_search_config = 'simple';
SELECT fts FROM ai_memory.store(title => 'The running dogs', content => 'are here', namespace => 'trg-simple');
RESET ai_memory.text_search_config;
SELECT fts FROM ai_memory.store(title => 'The running cats', content => 'are here', namespace => 'trg-english');
