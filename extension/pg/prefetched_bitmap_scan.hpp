// A bitmap heap scan that keeps memory busy: the rows of a heap whose TIDs
// one index qual yields, visited in block order like the executor's Bitmap
// Heap Scan, but with the pages some steps ahead pinned and their headers,
// line pointers and visible rows prefetched into the CPU cache while the
// caller scores the rows before them (docs/ranking.md, "Speed"). Global
// recall visits thousands of rows on as many pages, each a chain of cache
// misses (buffer lookup, page header, line pointer, tuple) that the executor
// takes one after the other.
#pragma once

#include "pg/postgres.hpp"

extern "C" {
#include "access/skey.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"
}

#include "pg/guard.hpp"
#include "pg/scan_cancel.hpp"

namespace ai_memory::pg {

// Handles one visible row, valid until the call returns; `recheck`: the
// index could not prove the qual for this row (a lossy page), so the sink
// must test it. False stops the scan. Must not throw or raise.
struct MatchedRowSink {
  bool (*row)(void* context, HeapTuple tuple, bool recheck);
  void* context;
};

// Visits the rows of `heap` visible to `snapshot` (an MVCC snapshot) that
// `index` finds for `key`, in block order, as nodeBitmapHeapscan.c does
// (HOT chains, lossy pages, serializable predicate locks). True when a
// pending cancel stopped the scan. May raise: call inside PgCall. The caller
// has checked what the executor would (privileges, row-level security).
// When the sink stops early, the few pages pinned ahead were still read and
// their visible rows found (under SERIALIZABLE, predicate-locked) as the
// executor with a LIMIT would not: a handful of pages more.
bool RunPrefetchedBitmapScan(Relation heap, Relation index, ScanKey key, Snapshot snapshot, MatchedRowSink sink);

// Calls on_row(HeapTuple, bool recheck) for every such row until it returns
// false. An exception from on_row stops the scan and is rethrown; a pending
// cancel stops it and raises (57014 "canceling <what>" at worst).
template <typename OnRow>
void ScanIndexMatches(Relation heap, Relation index, ScanKey key, Snapshot snapshot, const char* what,
                      OnRow&& on_row) {
  GuardedScan<HeapTuple, bool>(what, on_row, [&](bool (*row)(void*, HeapTuple, bool), void* context) {
    return PgCall([&] { return RunPrefetchedBitmapScan(heap, index, key, snapshot, MatchedRowSink{row, context}); });
  });
}

}  // namespace ai_memory::pg
