#include "store/transfer_api.hpp"

namespace ai_memory::store {
namespace {

const std::string kBulkStoreSql = "SELECT ai_memory.bulk_store(items => $1::jsonb)::text";
const std::string kExportSql = "SELECT ai_memory.export()::text";
const std::string kImportSql = "SELECT (ai_memory.import(data => $1::jsonb) - 'restamped')::text";
const std::string kImportRestampSql = "SELECT ai_memory.import(data => $1::jsonb, restamp_agent => $2)::text";
const std::string kSyncPushSql = "SELECT ai_memory.sync_push(body => $1::jsonb, receiver_agent => $2)::text";
const std::string kSyncSinceSql =
    "SELECT ai_memory.sync_since(since => $1::timestamptz, \"limit\" => $2::int, peer => $3,"
    " local_agent => $4)::text";

}  // namespace

std::string BulkStoreJson(MemoryStore& store, const std::string& items_json) {
  return store.CallJson(kBulkStoreSql, {items_json});
}

std::string ExportJson(MemoryStore& store) { return store.CallJson(kExportSql, {}); }

std::string ImportJson(MemoryStore& store, const std::string& data_json) {
  return store.CallJson(kImportSql, {data_json});
}

std::string ImportRestampJson(MemoryStore& store, const std::string& data_json,
                              const std::optional<std::string>& restamp_agent) {
  return store.CallJson(kImportRestampSql, {data_json, restamp_agent});
}

std::string SyncPushJson(MemoryStore& store, const std::string& body_json, const std::string& receiver_agent) {
  return store.CallJson(kSyncPushSql, {body_json, receiver_agent});
}

std::string SyncSinceJson(MemoryStore& store, const std::optional<std::string>& since,
                          std::optional<long long> limit, const std::optional<std::string>& peer,
                          const std::string& local_agent) {
  std::optional<std::string> limit_text;
  if (limit) limit_text = std::to_string(*limit);
  return store.CallJson(kSyncSinceSql, {since, limit_text, peer, local_agent});
}

}  // namespace ai_memory::store
