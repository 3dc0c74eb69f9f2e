-- The extension installs its schema, table, type and functions, and every
-- function locks its search_path.
CREATE EXTENSION IF NOT EXISTS ai_memory;

SELECT column_name, data_type, is_nullable, column_default
  FROM information_schema.columns
 WHERE table_schema = 'ai_memory' AND table_name = 'memories'
 ORDER BY ordinal_position;

SELECT conname, pg_get_constraintdef(oid) AS definition
  FROM pg_constraint
 WHERE conrelid = 'ai_memory.memories'::regclass
 ORDER BY conname;

SELECT enum_range(NULL::ai_memory.tier);

-- Every function runs with a locked search_path (none may be missed).
SELECT p.oid::regprocedure AS unlocked_function
  FROM pg_proc p
 WHERE p.pronamespace = 'ai_memory'::regnamespace
   AND (p.proconfig IS NULL OR NOT ('search_path=pg_catalog, pg_temp' = ANY (p.proconfig)));
-- ... and no function runs with its owner's rights.
SELECT p.oid::regprocedure AS definer_function
  FROM pg_proc p
 WHERE p.pronamespace = 'ai_memory'::regnamespace AND p.prosecdef;
-- Functions and tables carry the project's comments where psql users look (\df+, \dt+).
SELECT c.relname AS uncommented_table
  FROM pg_class c
 WHERE c.relnamespace = 'ai_memory'::regnamespace AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') IS NULL;

-- Settings exist once the module is loaded, and the prefix is reserved.
SELECT ai_memory.now() IS NOT NULL AS loaded;
SHOW ai_memory.mid_ttl_secs;
SET ai_memory.no_such_setting = 1;

-- Later tests show failures as "SQLSTATE: message" through this helper.
CREATE FUNCTION public.outcome(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sql;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- The install script ends with the digest of the SQL it came from (the bridge checks it on connect).
SELECT ai_memory.schema_digest() ~ '^[0-9a-f]{64}$' AS digest_is_sha256;
