// Cancellation of recall's long C++ scans (style-anchors §3.5, §4.4): the
// loop polls CancelRequested() at every row and, when asked to stop, leaves
// SPI first and then calls RaiseScanCancel() from a frame without live C++
// objects, so the pending interrupt raises there. GuardedScan joins a C
// scan loop to a C++ row handler on those terms.
#pragma once

#include "pg/postgres.hpp"

#include <exception>
#include <type_traits>

namespace ai_memory::pg {

// A query cancel or backend termination is pending.
bool CancelRequested();

// Raises the pending interrupt (CHECK_FOR_INTERRUPTS); should it decline,
// raises 57014 "canceling <what>" anyway: an incomplete scan is an error,
// never a partial answer.
[[noreturn]] void RaiseScanCancel(const char* what);

// Runs `scan(row, context)`, a loop of plain C that hands each row to
// row(context, Row...) and returns true when a pending cancel stopped it.
// `row` calls on_row(Row...), whose false stops the loop; an exception from
// on_row stops it too and is rethrown once `scan` returned; a cancel raises
// (57014 "canceling <what>" at worst): never a partial answer.
template <typename... Row, typename OnRow, typename Scan>
void GuardedScan(const char* what, OnRow&& on_row, Scan&& scan) {
  struct Context {
    std::remove_reference_t<OnRow>* on_row;
    std::exception_ptr failure;
  } context{&on_row, nullptr};
  bool (*row)(void*, Row...) = [](void* c, Row... values) noexcept {
    auto* context = static_cast<Context*>(c);
    try {
      return static_cast<bool>((*context->on_row)(values...));
    } catch (...) {
      context->failure = std::current_exception();
      return false;
    }
  };
  const bool cancelled = scan(row, static_cast<void*>(&context));
  if (context.failure) std::rethrow_exception(context.failure);
  if (cancelled) RaiseScanCancel(what);
}

}  // namespace ai_memory::pg
