// ai_memory._lifecycle_settings(): the GUCs that touch() and gc() obey, read
// through the module so that they exist (with their defaults) even in a
// session that has not loaded the module yet.
#include "pg/postgres.hpp"  // first, before any standard header

#include "pg/guard.hpp"
#include "pg/settings.hpp"

AI_MEMORY_FUNCTION(ai_memory_lifecycle_settings) {
  const ai_memory::pg::LifecycleSettings settings = ai_memory::pg::CurrentLifecycleSettings();
  Datum values[4] = {Int32GetDatum(settings.short_extend_secs), Int32GetDatum(settings.mid_extend_secs),
                     BoolGetDatum(settings.archive_on_gc), Int32GetDatum(settings.archive_max_days)};
  bool nulls[4] = {false, false, false, false};
  return ai_memory::pg::PgCall([&] {
    TupleDesc descriptor = nullptr;
    if (get_call_result_type(fcinfo, nullptr, &descriptor) != TYPEFUNC_COMPOSITE)
      elog(ERROR, "ai_memory: _lifecycle_settings must return a record");
    return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(descriptor), values, nulls));
  });
}
