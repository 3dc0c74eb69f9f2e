#include "pg/guard.hpp"

#include <cstdio>
#include <exception>
#include <new>

#include "core/error.hpp"
#include "pg/errors.hpp"

namespace ai_memory::pg {
namespace {

// What went wrong in a body, kept in plain memory so that it outlives the
// C++ objects it came from. Long messages are truncated, never lost whole.
struct Failure {
  bool failed = false;
  int sqlstate = 0;
  ErrorData* pg_error = nullptr;
  char message[8192] = {};

  void Set(int state, const char* text) {
    failed = true;
    sqlstate = state;
    std::snprintf(message, sizeof message, "%s", text);
  }
};

// Runs the body and records any exception; returns with every object of the
// body destroyed. No PostgreSQL function is called from a catch block.
Datum RunBody(FunctionBody body, FunctionCallInfo fcinfo, Failure* failure) noexcept {
  try {
    return body(fcinfo);
  } catch (const PgError& e) {
    failure->failed = true;
    failure->pg_error = e.data();
  } catch (const core::Error& e) {
    failure->Set(SqlStateFor(e.kind()), e.what());
  } catch (const std::bad_alloc&) {
    failure->Set(ERRCODE_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    failure->Set(kInternal, e.what());
  } catch (...) {
    failure->Set(kInternal, "unexpected C++ exception");
  }
  return static_cast<Datum>(0);
}

}  // namespace

void RunCatchingPgErrors(void (*fn)(void*), void* context) {
  MemoryContext caller_context = CurrentMemoryContext;
  ErrorData* volatile caught = nullptr;
  PG_TRY();
  {
    fn(context);
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(caller_context);
    caught = CopyErrorData();
    FlushErrorState();
  }
  PG_END_TRY();
  if (caught != nullptr) throw PgError(caught);
}

Datum InvokeGuarded(FunctionBody body, FunctionCallInfo fcinfo) {
  Failure failure;
  const Datum result = RunBody(body, fcinfo, &failure);
  if (!failure.failed) return result;
  if (failure.pg_error != nullptr) ReThrowError(failure.pg_error);
  ereport(ERROR, (errcode(failure.sqlstate), errmsg("%s", failure.message)));
  pg_unreachable();
}

}  // namespace ai_memory::pg
