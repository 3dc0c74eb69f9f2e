// ai_memory._keep_expiry_floor(): the BEFORE INSERT / UPDATE OF expires_at
// trigger that keeps memories.expiry_floor a lower bound of expires_at
// (sql/11_expiry_floor.sql, core/expiry_floor.hpp). It fires for every
// store and every touch, so it is C++: a few field reads and, only when the
// floor moves, one modified tuple.
#include "pg/postgres.hpp"  // first, before any standard header

extern "C" {
#include "commands/trigger.h"
}

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/expiry_floor.hpp"
#include "core/tier.hpp"
#include "pg/clock.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"

namespace {

using namespace ai_memory;
using pg::PgCall;

int AttributeNumber(TupleDesc desc, const char* name) {
  const int number = PgCall([&] { return SPI_fnumber(desc, name); });
  if (number <= 0) throw core::Error(core::ErrorKind::kInternal, std::string("memories has no column ") + name);
  return number;
}

std::optional<core::Instant> InstantColumn(HeapTuple tuple, TupleDesc desc, int number) {
  bool is_null = false;
  const Datum value = PgCall([&] { return heap_getattr(tuple, number, desc, &is_null); });
  if (is_null) return std::nullopt;
  return DatumGetTimestampTz(value);
}

// The earliest expiry a touch from now on sets (core::TouchResetExpiry)
// for the row's tier; none for a row without one.
std::optional<core::Instant> TouchReset(HeapTuple tuple, TupleDesc desc) {
  const int tier_column = AttributeNumber(desc, "tier");
  bool is_null = false;
  const Datum tier = PgCall([&] { return heap_getattr(tuple, tier_column, desc, &is_null); });
  if (is_null) return std::nullopt;
  const char* label = PgCall([&] { return DatumGetCString(DirectFunctionCall1(enum_out, tier)); });
  return core::TouchResetExpiry(core::ParseTier(label), pg::CurrentTime(), pg::CurrentTtlPolicy());
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_keep_expiry_floor) {
  if (!CALLED_AS_TRIGGER(fcinfo)) throw core::Error(core::ErrorKind::kInternal, "_keep_expiry_floor is a trigger");
  TriggerData* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
  const TriggerEvent event = trigger->tg_event;
  const bool is_update = TRIGGER_FIRED_BY_UPDATE(event);
  if (!TRIGGER_FIRED_BEFORE(event) || !TRIGGER_FIRED_FOR_ROW(event) || !(is_update || TRIGGER_FIRED_BY_INSERT(event)))
    throw core::Error(core::ErrorKind::kInternal, "_keep_expiry_floor must run BEFORE INSERT OR UPDATE FOR EACH ROW");

  const TupleDesc desc = trigger->tg_relation->rd_att;
  const int expires_column = AttributeNumber(desc, "expires_at");
  int floor_column = AttributeNumber(desc, "expiry_floor");
  HeapTuple tuple = is_update ? trigger->tg_newtuple : trigger->tg_trigtuple;
  // A new row starts from its expiry (or the earliest a touch sets), whatever
  // floor its INSERT named.
  const std::optional<core::Instant> old_floor =
      is_update ? InstantColumn(trigger->tg_trigtuple, desc, floor_column) : std::nullopt;
  const std::optional<core::Instant> floor = core::NextExpiryFloor(
      InstantColumn(tuple, desc, expires_column), old_floor, TouchReset(tuple, desc));
  if (InstantColumn(tuple, desc, floor_column) == floor) return PointerGetDatum(tuple);
  Datum value = floor ? TimestampTzGetDatum(*floor) : static_cast<Datum>(0);
  bool is_null = !floor;
  return PgCall([&] {
    return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, 1, &floor_column, &value, &is_null));
  });
}
