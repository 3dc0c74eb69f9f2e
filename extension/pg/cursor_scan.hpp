// The cancellable scan of recall's C++ passes (the keyword candidates, the
// semantic scan): a cursor's rows fetched in batches, handed to `on_row` one
// at a time, with a query cancel or termination honoured at the next row
// (scan_cancel.hpp).
#pragma once

#include "pg/postgres.hpp"

extern "C" {
#include "executor/spi.h"
}

#include "pg/guard.hpp"
#include "pg/scan_cancel.hpp"
#include "pg/spi.hpp"

namespace ai_memory::pg {

// Rows a fetch brings: enough to amortise the fetch, few enough to bound
// the tuple table's memory.
inline constexpr long kScanBatchRows = 1000;

// The caller has connected SPI and opened `portal`. Calls on_row(HeapTuple,
// TupleDesc) for every row until the cursor is exhausted, then closes it and
// finishes SPI. A pending cancel stops the scan, and raises (57014 "canceling
// <what>" at worst) once SPI is left: never a partial answer.
template <typename OnRow>
void ScanCursor(Portal portal, const char* what, OnRow&& on_row) {
  bool cancelled = false;
  while (!cancelled) {
    const uint64 rows = PgCall([&] {
      SPI_cursor_fetch(portal, true, kScanBatchRows);
      return SPI_processed;
    });
    if (rows == 0) break;
    SPITupleTable* table = SPI_tuptable;
    for (uint64 r = 0; r < rows && !cancelled; ++r) {
      cancelled = CancelRequested();
      if (!cancelled) on_row(table->vals[r], table->tupdesc);
    }
    PgCall([&] { SPI_freetuptable(table); });
  }
  PgCall([&] {
    SPI_cursor_close(portal);
    SpiFinish();
  });
  if (cancelled) RaiseScanCancel(what);
}

}  // namespace ai_memory::pg
