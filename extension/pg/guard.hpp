// The firewall between C++ and PostgreSQL error handling.
//
// Two rules keep a backend alive (style-anchors §3.2-3.4, §4.1-4.4):
//  1. No C++ exception reaches PostgreSQL: every SQL-callable function is
//     declared with AI_MEMORY_FUNCTION, whose entry point catches everything
//     and raises the PostgreSQL error only after every C++ object is gone.
//  2. No PostgreSQL error longjmps over live C++ objects: C++ code calls
//     anything that may ereport() through PgCall(), which catches the error
//     with PG_TRY in a frame that owns no C++ object and rethrows it as PgError.
#pragma once
#include "pg/postgres.hpp"

#include <type_traits>

namespace ai_memory::pg {

// A PostgreSQL error caught by PgCall on its way through C++ frames. It is
// caught only by the function boundary, which re-raises it unchanged.
class PgError {
 public:
  explicit PgError(ErrorData* data) : data_(data) {}
  ErrorData* data() const { return data_; }

 private:
  ErrorData* data_;
};

// Runs fn(context) under PG_TRY; a PostgreSQL error becomes a PgError throw
// after PG_END_TRY (never a throw inside PG_TRY). `fn` must not throw.
void RunCatchingPgErrors(void (*fn)(void*), void* context);

// Calls `f` (which may ereport but must not throw) and returns its result.
// `f` should capture by reference and hold no C++ object of its own.
template <typename F>
auto PgCall(F&& f) -> std::invoke_result_t<F&> {
  using Result = std::invoke_result_t<F&>;
  if constexpr (std::is_void_v<Result>) {
    RunCatchingPgErrors([](void* c) { (*static_cast<std::remove_reference_t<F>*>(c))(); }, &f);
  } else {
    static_assert(std::is_trivially_copyable_v<Result>, "PgCall returns plain values only");
    struct Call {
      std::remove_reference_t<F>* f;
      Result result;
    } call{&f, Result{}};
    RunCatchingPgErrors([](void* c) {
      auto* call = static_cast<Call*>(c);
      call->result = (*call->f)();
    }, &call);
    return call.result;
  }
}

using FunctionBody = Datum (*)(FunctionCallInfo);

// The entry point of every SQL-callable function: runs `body`, and turns any
// exception into a PostgreSQL error once the body's frames are unwound.
Datum InvokeGuarded(FunctionBody body, FunctionCallInfo fcinfo);

}  // namespace ai_memory::pg

// Declares an SQL-callable C function `name` whose C++ body follows.
#define AI_MEMORY_FUNCTION(name)                                              \
  static Datum name##_body(FunctionCallInfo fcinfo);                          \
  extern "C" {                                                                \
  PG_FUNCTION_INFO_V1(name);                                                  \
  Datum name(PG_FUNCTION_ARGS) {                                              \
    return ::ai_memory::pg::InvokeGuarded(name##_body, fcinfo);               \
  }                                                                           \
  }                                                                           \
  static Datum name##_body([[maybe_unused]] FunctionCallInfo fcinfo)
