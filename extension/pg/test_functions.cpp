// Test-only functions that push every kind of failure through the C++
// boundary, so pg_regress can show a clean error and a live backend. They
// refuse to run unless a superuser set ai_memory.testing = on.
#include "pg/postgres.hpp"  // first, before any standard header

#include <new>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"
#include "pg/settings.hpp"

namespace {

using namespace ai_memory;

// Counts live instances, so a test can see that destructors ran after an error.
long live_objects = 0;

struct Tracked {
  Tracked() : payload(1 << 20, 'x') { ++live_objects; }
  ~Tracked() { --live_objects; }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  std::string payload;  // 1 MiB that would leak if a longjmp skipped the destructor
};

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_test_raise) {
  if (!pg::TestingEnabled()) core::ThrowInvalid("test functions are disabled (set ai_memory.testing = on)");
  const std::string kind = pg::TextArg(fcinfo, 0).value_or("");
  const Tracked tracked;
  if (kind == "cpp") throw std::runtime_error("C++ failure inside ai_memory");
  if (kind == "core") core::ThrowInvalid("title cannot be empty");
  if (kind == "bad_alloc") throw std::bad_alloc();
  if (kind == "unknown") throw 42;
  if (kind == "pg") pg::PgCall([] { DirectFunctionCall2(int4div, Int32GetDatum(1), Int32GetDatum(0)); });
  if (kind != "none") core::ThrowInvalid("unknown failure kind '" + kind + "'");
  PG_RETURN_DATUM(pg::TextDatum("ok: " + std::to_string(tracked.payload.size()) + " bytes"));
}

AI_MEMORY_FUNCTION(ai_memory_test_live_objects) { PG_RETURN_INT64(live_objects); }
