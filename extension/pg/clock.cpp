#include "pg/clock.hpp"

#include "pg/guard.hpp"
#include "pg/settings.hpp"

namespace ai_memory::pg {

TimestampTz CurrentTime() {
  const char* override_text = NowOverrideSetting();
  if (override_text[0] == '\0') return GetCurrentTransactionStartTimestamp();
  return PgCall([&] {
    return DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(override_text),
                                                   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
  });
}

}  // namespace ai_memory::pg

AI_MEMORY_FUNCTION(ai_memory_now) { PG_RETURN_TIMESTAMPTZ(ai_memory::pg::CurrentTime()); }
