-- Small shared pieces of the governance, agent, message and subscription
-- functions (sql/43..49).

-- agent_type rule of reference §1.5 (extension/core/agent_type); MA100 otherwise.
CREATE FUNCTION ai_memory._check_agent_type(value text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_check_agent_type';
COMMENT ON FUNCTION ai_memory._check_agent_type IS 'ai_memory: the agent_type, or an invalid-input error';

-- A page size: NULL is `fallback`, below 1 is an error, above `maximum` is capped (as list()).
CREATE FUNCTION ai_memory._check_limit("limit" integer, fallback integer, maximum integer) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF _check_limit."limit" IS NULL THEN
    RETURN _check_limit.fallback;
  END IF;
  IF _check_limit."limit" < 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MA100', MESSAGE = format('limit must be positive (got %s)', _check_limit."limit");
  END IF;
  RETURN least(_check_limit."limit", _check_limit.maximum);
END
$$;
COMMENT ON FUNCTION ai_memory._check_limit IS 'ai_memory: a page size, defaulted and capped';

-- RFC 3339 in UTC with microseconds, for times written into JSON values
-- (agent metadata, result objects), independent of the session's TimeZone.
CREATE FUNCTION ai_memory._rfc3339(ts timestamptz) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN pg_catalog.to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"');
COMMENT ON FUNCTION ai_memory._rfc3339 IS 'ai_memory: a time as RFC 3339 text in UTC';

-- The expiry a new memory of this tier gets now (NULL = never), from the TTL settings.
CREATE FUNCTION ai_memory._tier_expiry(tier text) RETURNS timestamptz
  LANGUAGE c STABLE
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_tier_expiry';
COMMENT ON FUNCTION ai_memory._tier_expiry IS 'ai_memory: expiry of a new memory of the tier, from the TTL settings';
