// The cancellable scan of recall's C++ passes (the keyword candidates, the
// semantic scan): a kept plan executed with a DestReceiver that hands each
// result row to `on_row` in place. No row is copied: the slot's by-reference
// values point into the scan's pinned buffer page, valid until the next row.
// (An SPI cursor copied every row, vector and tsvector included, into a
// tuple table first: a third of hybrid recall's candidate pass.)
#pragma once

#include "pg/postgres.hpp"

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
  GuardedScan<TupleTableSlot*>(
      what,
      [&](TupleTableSlot* slot) {
        on_row(slot);
        return true;
      },
      [&](bool (*row)(void*, TupleTableSlot*), void* context) {
        return RunRowScan(plan, values, nulls, RowSink{row, context});
      });
}

}  // namespace ai_memory::pg
