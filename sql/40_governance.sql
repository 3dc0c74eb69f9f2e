-- Governance (reference §1.7). The decision point every write path calls:
--   ai_memory._governance_decide(action, namespace, caller, memory_id, payload)
-- returns NULL when the action may proceed, or the id of a queued pending
-- action when it needs approval; it raises MA400 when the policy denies it.
-- action: 'store' | 'delete' | 'promote'. payload: what approve will execute.
-- (Placeholder until policies land: everything is allowed.)
CREATE FUNCTION ai_memory._governance_decide(action text, namespace text, caller text, memory_id text,
                                             payload jsonb) RETURNS text
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  RETURN NULL;
