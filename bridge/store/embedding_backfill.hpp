// Gives stored memories the configured embedder's vectors (docs/embeddings.md,
// "Backfill"): rows whose embedding is missing or was made by another model
// are read in id order, a batch at a time, embedded in one request, and each
// vector is stored with ai_memory.set_embedding_if_unchanged(), which skips a
// row whose text changed meanwhile. No transaction is open while the service
// works, and the write path never waits for it.
//
// Thread safety: a pass uses `store` (thread-safe) and `embedder` (whose
// EmbedBatch may run concurrently); BackfillWorker owns one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "embed/embedder.hpp"
#include "store/memory_store.hpp"

namespace ai_memory::store {

struct BackfillCounts {
  std::uint64_t embedded = 0;  // vectors stored
  std::uint64_t changed = 0;   // skipped: the text changed (or the row went) while it was embedded
  std::uint64_t failed = 0;    // rows the embedder could not embed (they wait for the next pass)
  std::uint64_t batches = 0;   // batches read
  std::string last_error;      // the embedder's last failure, when failed > 0

  // {"embedded":N,"changed":N,"failed":N,"batches":N,"model":"..."}
  std::string ToJson(const std::string& model) const;
};

// One pass over every memory, `batch` rows per request (1..10000). An
// embedder failure counts the batch's rows as failed and moves on; after
// `give_up_after` failing batches in a row (0: never) the EmbedError
// propagates. Database errors throw StoreError. `keep_going` is asked
// between batches (false stops the pass).
BackfillCounts BackfillPass(MemoryStore& store, embed::Embedder& embedder, std::size_t batch,
                            std::size_t give_up_after = 0, const std::function<bool()>& keep_going = nullptr);

// serve's background backfill: a pass at start, then one every `interval`
// (sooner after a pass that stored vectors). Errors are logged (once per
// kind in a row) and retried on the next pass. Stop() ends it within one
// embedder request.
class BackfillWorker {
 public:
  BackfillWorker(MemoryStore& store, embed::Embedder& embedder, std::size_t batch, std::chrono::milliseconds interval);
  ~BackfillWorker();  // Stop()
  BackfillWorker(const BackfillWorker&) = delete;
  BackfillWorker& operator=(const BackfillWorker&) = delete;

  void Stop();
  BackfillCounts totals() const;

 private:
  void Run();

  MemoryStore& store_;
  embed::Embedder& embedder_;
  const std::size_t batch_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // under mutex_
  BackfillCounts totals_;  // under mutex_
  std::atomic<bool> running_{true};
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace ai_memory::store
