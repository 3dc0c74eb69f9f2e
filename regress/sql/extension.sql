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

-- Every function is schema-qualified and runs with a locked search_path.
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.proconfig
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'ai_memory'
 ORDER BY p.proname;

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
