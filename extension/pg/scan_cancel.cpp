#include "pg/scan_cancel.hpp"  // first, before any standard header

extern "C" {
#include "miscadmin.h"
}

#include "pg/guard.hpp"

namespace ai_memory::pg {

bool CancelRequested() { return InterruptPending && (QueryCancelPending || ProcDiePending); }

void RaiseScanCancel(const char* what) {
  PgCall([what] {
    CHECK_FOR_INTERRUPTS();
    ereport(ERROR, (errcode(ERRCODE_QUERY_CANCELED), errmsg("canceling %s", what)));
  });
  pg_unreachable();
}

}  // namespace ai_memory::pg
