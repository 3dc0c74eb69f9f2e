// The cancellable scan of recall's C++ passes (the keyword candidates, the
// semantic scan): a kept plan executed with a DestReceiver that hands each
// result row to `on_row` in place. No row is copied: the slot's by-reference
// values point into the scan's pinned buffer page, valid until the next row.
// (An SPI cursor copied every row, vector and tsvector included, into a
// tuple table first: a third of hybrid recall's candidate pass.)
#pragma once

#include "pg/postgres.hpp"

#include <exception>
#include <utility>

#include "pg/scan_cancel.hpp"

namespace ai_memory::pg {

// Handles one row; false stops the scan. Must not throw or raise.
struct RowSink {
  bool (*row)(void* context, TupleTableSlot* slot);
  void* context;
};

// Runs `plan` (read-only, its arguments bound from values/nulls as for
// SPI_execute_plan) with every row sent to `sink`, then finishes SPI, which
// the caller connected. True when a pending cancel stopped the scan.
bool RunRowScan(SPIPlanPtr plan, const Datum* values, const char* nulls, RowSink sink);

// Calls on_row(TupleTableSlot*) for every row of `plan`, in the executor's
// own loop. An exception from on_row stops the scan and is rethrown once SPI
// is left; a pending cancel stops it too and raises (57014 "canceling
// <what>" at worst): never a partial answer.
template <typename OnRow>
void ScanRows(SPIPlanPtr plan, const Datum* values, const char* nulls, const char* what, OnRow&& on_row) {
  struct Context {
    std::remove_reference_t<OnRow>* on_row;
    std::exception_ptr failure;
  } context{&on_row, nullptr};
  const RowSink sink{[](void* c, TupleTableSlot* slot) noexcept {
                       auto* context = static_cast<Context*>(c);
                       try {
                         (*context->on_row)(slot);
                         return true;
                       } catch (...) {
                         context->failure = std::current_exception();
                         return false;
                       }
                     },
                     &context};
  const bool cancelled = RunRowScan(plan, values, nulls, sink);
  if (context.failure) std::rethrow_exception(context.failure);
  if (cancelled) RaiseScanCancel(what);
}

}  // namespace ai_memory::pg
