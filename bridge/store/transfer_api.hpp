// The bulk transfer functions of sql/56_transfer.sql (reference §5 bulk,
// export, import, sync; §6 export/import), one SQL call each, shared by the
// HTTP routes and the CLI. Request documents are passed as JSON text bound to
// a jsonb parameter: the extension checks every item and reports per item.
// Errors: StoreError, as MemoryStore (MA100 → 400, ...).
#pragma once

#include <optional>
#include <string>

#include "store/memory_store.hpp"

namespace ai_memory::store {

// Requests above this many items are refused whole (bulk, import, sync_push).
inline constexpr std::size_t kMaxTransferItems = 1000;

// ai_memory.bulk_store(): {"created":N,"errors":["<title>: <message>",...]}.
std::string BulkStoreJson(MemoryStore& store, const std::string& items_json);

// ai_memory.export(): {"memories":[...],"links":[...],"count":N,"exported_at":T}.
std::string ExportJson(MemoryStore& store);

// ai_memory.import() as POST /import answers it: {"errors":[...],"imported":N}.
std::string ImportJson(MemoryStore& store, const std::string& data_json);

// ai_memory.import() with an optional restamp agent (the CLI's import):
// {"errors":[...],"imported":N,"restamped":N}.
std::string ImportRestampJson(MemoryStore& store, const std::string& data_json,
                              const std::optional<std::string>& restamp_agent);

// ai_memory.sync_push(): {applied, noop, skipped, dry_run, receiver_agent_id, receiver_clock}.
std::string SyncPushJson(MemoryStore& store, const std::string& body_json, const std::string& receiver_agent);

// ai_memory.sync_since(): {"count","limit","memories"}. `since` is RFC 3339.
std::string SyncSinceJson(MemoryStore& store, const std::optional<std::string>& since,
                          std::optional<long long> limit, const std::optional<std::string>& peer,
                          const std::string& local_agent);

}  // namespace ai_memory::store
