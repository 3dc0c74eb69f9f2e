-- HOT touches (docs/sql/lifecycle.md, "Expiry and HOT touches"). Recall
-- touches its survivors, and a touch resets expires_at. An update that
-- changes no indexed column, on a page with room for the new version, is a
-- HOT update: no index gets a new entry. Were expires_at indexed, every
-- touch would add the row to every index again, the ~40 lexemes of its
-- document to the GIN pending list included, which every search then scans.
-- So gc finds expired rows by expiry_floor, a lower bound of expires_at that
-- moves only when the expiry drops below it (a trigger keeps it), and pages
-- are filled to 85 % to leave room for a touched row's new version.

ALTER TABLE ai_memory.memories
  ADD COLUMN expiry_floor timestamptz,
  ADD CONSTRAINT memories_expiry_floor_check
    CHECK ((expires_at IS NULL) = (expiry_floor IS NULL) AND expiry_floor <= expires_at);
COMMENT ON COLUMN ai_memory.memories.expiry_floor IS
  'ai_memory: a lower bound of expires_at (NULL with it), kept by a trigger and raised by gc; what gc searches by';
CREATE INDEX memories_expiry_floor_idx ON ai_memory.memories (expiry_floor) WHERE expiry_floor IS NOT NULL;
ALTER TABLE ai_memory.memories SET (fillfactor = 85);

-- In C++ (extension/pg/expiry_floor_trigger.cpp): it runs on every store
-- and every touch.
CREATE FUNCTION ai_memory._keep_expiry_floor() RETURNS trigger
  LANGUAGE c
  SET search_path = pg_catalog, pg_temp
  AS 'MODULE_PATHNAME', 'ai_memory_keep_expiry_floor';
COMMENT ON FUNCTION ai_memory._keep_expiry_floor() IS
  'ai_memory internal: trigger keeping memories.expiry_floor at or below expires_at';

CREATE TRIGGER memories_expiry_floor BEFORE INSERT OR UPDATE OF expires_at ON ai_memory.memories
  FOR EACH ROW EXECUTE FUNCTION ai_memory._keep_expiry_floor();
