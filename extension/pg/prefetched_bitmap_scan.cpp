#include "pg/prefetched_bitmap_scan.hpp"  // first, before any standard header

extern "C" {
#include "access/genam.h"
#include "access/heapam.h"
#include "nodes/tidbitmap.h"
#include "pgstat.h"
#include "storage/bufmgr.h"
#include "storage/predicate.h"
}

namespace ai_memory::pg {
namespace {

// Pages pinned ahead of the one being scored, their headers and line
// pointers prefetched; the nearest kRowsAhead of them also have their
// visible rows found and prefetched. Measured at 100k rows (docs/ranking.md).
constexpr int kPagesAhead = 4;
constexpr int kRowsAhead = 2;
constexpr int kCacheLine = 64;

// One page of the bitmap on its way through the pipeline.
struct PendingPage {
  BlockNumber block;
  Buffer buffer;
  bool recheck;
  int ntuples;  // -1: lossy, every row of the page is a candidate
  int nvisible;
  OffsetNumber offsets[MaxHeapTuplesPerPage];
  OffsetNumber visible[MaxHeapTuplesPerPage];
};

void Prefetch(const void* address, std::size_t bytes) {
  const char* p = static_cast<const char*>(address);
  for (std::size_t at = 0; at < bytes; at += kCacheLine) __builtin_prefetch(p + at);
}

// The row at `item` of the page `data` (block `block`), in place.
HeapTupleData TupleAt(Relation heap, Page data, BlockNumber block, OffsetNumber offset, ItemId item) {
  HeapTupleData tuple;
  tuple.t_data = reinterpret_cast<HeapTupleHeader>(PageGetItem(data, item));
  tuple.t_len = ItemIdGetLength(item);
  tuple.t_tableOid = RelationGetRelid(heap);
  ItemPointerSet(&tuple.t_self, block, offset);
  return tuple;
}

// Pins the page and starts loading its header and the line pointers it needs.
void PinAhead(Relation heap, const TBMIterateResult* next, PendingPage* page) {
  page->block = next->blockno;
  page->recheck = next->recheck;
  page->ntuples = next->ntuples;
  page->nvisible = 0;
  for (int i = 0; i < next->ntuples; ++i) page->offsets[i] = next->offsets[i];
  page->buffer = ReadBuffer(heap, page->block);
  const Page data = BufferGetPage(page->buffer);
  __builtin_prefetch(data);
  if (page->ntuples > 0) {
    for (int i = 0; i < page->ntuples; ++i) __builtin_prefetch(PageGetItemId(data, page->offsets[i]));
  }
}

// Finds the page's visible rows under a share lock, as
// heapam_scan_bitmap_next_block does, and starts loading them. They stay
// valid after the unlock while the pin is held.
void FindVisible(Relation heap, Snapshot snapshot, PendingPage* page) {
  heap_page_prune_opt(heap, page->buffer);
  LockBuffer(page->buffer, BUFFER_LOCK_SHARE);
  const Page data = BufferGetPage(page->buffer);
  if (page->ntuples >= 0) {
    // Exact: the listed offsets, each the root of a HOT chain to follow.
    for (int i = 0; i < page->ntuples; ++i) {
      ItemPointerData tid;
      HeapTupleData tuple;
      ItemPointerSet(&tid, page->block, page->offsets[i]);
      if (heap_hot_search_buffer(&tid, heap, page->buffer, snapshot, &tuple, nullptr, true)) {
        page->visible[page->nvisible++] = ItemPointerGetOffsetNumber(&tid);
      }
    }
  } else {
    // Lossy: every row of the page, HOT members included.
    const OffsetNumber last = PageGetMaxOffsetNumber(data);
    for (OffsetNumber offset = FirstOffsetNumber; offset <= last; offset = OffsetNumberNext(offset)) {
      const ItemId item = PageGetItemId(data, offset);
      if (!ItemIdIsNormal(item)) continue;
      HeapTupleData tuple = TupleAt(heap, data, page->block, offset, item);
      const bool valid = HeapTupleSatisfiesVisibility(&tuple, snapshot, page->buffer);
      if (valid) {
        page->visible[page->nvisible++] = offset;
        PredicateLockTID(heap, &tuple.t_self, snapshot, HeapTupleHeaderGetXmin(tuple.t_data));
      }
      HeapCheckForSerializableConflictOut(valid, heap, &tuple, page->buffer, snapshot);
    }
  }
  LockBuffer(page->buffer, BUFFER_LOCK_UNLOCK);
  for (int i = 0; i < page->nvisible; ++i) {
    const ItemId item = PageGetItemId(data, page->visible[i]);
    Prefetch(PageGetItem(data, item), ItemIdGetLength(item));
  }
}

// Hands the page's visible rows to the sink; false when it asked to stop.
bool Emit(Relation heap, const PendingPage* page, MatchedRowSink sink) {
  const Page data = BufferGetPage(page->buffer);
  const bool recheck = page->recheck || page->ntuples < 0;
  for (int i = 0; i < page->nvisible; ++i) {
    HeapTupleData tuple =
        TupleAt(heap, data, page->block, page->visible[i], PageGetItemId(data, page->visible[i]));
    pgstat_count_heap_fetch(heap);  // as the executor's bitmap scan counts its rows
    if (!sink.row(sink.context, &tuple, recheck)) return false;
  }
  return true;
}

}  // namespace

bool RunPrefetchedBitmapScan(Relation heap, Relation index, ScanKey key, Snapshot snapshot, MatchedRowSink sink) {
  TIDBitmap* bitmap = tbm_create(work_mem * 1024L, nullptr);
  IndexScanDesc scan = index_beginscan_bitmap(index, snapshot, 1);
  index_rescan(scan, key, 1, nullptr, 0);
  index_getbitmap(scan, bitmap);
  index_endscan(scan);

  // Rows added after this point (by this backend, under our lock) were not
  // in the snapshot's view anyway; the executor ignores them the same way.
  const BlockNumber blocks = RelationGetNumberOfBlocks(heap);
  auto* ring = static_cast<PendingPage*>(palloc(sizeof(PendingPage) * kPagesAhead));
  TBMIterator* iterator = tbm_begin_iterate(bitmap);
  // Monotonic counts: pages pinned, pages whose rows were found, pages emitted.
  long pinned = 0;
  long found = 0;
  long emitted = 0;
  bool exhausted = false;
  bool stopped = false;
  bool cancelled = false;
  while (!stopped) {
    while (!exhausted && pinned - emitted < kPagesAhead) {
      const TBMIterateResult* next = tbm_iterate(iterator);
      if (next == nullptr) {
        exhausted = true;
      } else if (next->blockno < blocks) {
        PinAhead(heap, next, &ring[pinned % kPagesAhead]);
        ++pinned;
      }
    }
    while (found < pinned && found - emitted < kRowsAhead) FindVisible(heap, snapshot, &ring[found++ % kPagesAhead]);
    if (emitted == pinned) break;
    if (CancelRequested()) {
      cancelled = true;
      break;
    }
    PendingPage* page = &ring[emitted++ % kPagesAhead];
    stopped = !Emit(heap, page, sink);
    ReleaseBuffer(page->buffer);
  }
  for (long i = emitted; i < pinned; ++i) ReleaseBuffer(ring[i % kPagesAhead].buffer);
  tbm_end_iterate(iterator);
  tbm_free(bitmap);
  pfree(ring);
  return cancelled;
}

}  // namespace ai_memory::pg
