// Cancellation of recall's long C++ scans (style-anchors §3.5, §4.4): the
// loop polls CancelRequested() at every row and, when asked to stop, leaves
// SPI first and then calls RaiseScanCancel() from a frame without live C++
// objects, so the pending interrupt raises there.
#pragma once

#include "pg/postgres.hpp"

namespace ai_memory::pg {

// A query cancel or backend termination is pending.
bool CancelRequested();

// Raises the pending interrupt (CHECK_FOR_INTERRUPTS); should it decline,
// raises 57014 "canceling <what>" anyway: an incomplete scan is an error,
// never a partial answer.
[[noreturn]] void RaiseScanCancel(const char* what);

}  // namespace ai_memory::pg
