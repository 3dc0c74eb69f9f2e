#include "store/memory_store.hpp"

#include <cstdio>
#include <string>

#include "json/minify.hpp"
#include "store/memory_row.hpp"
#include "store/pg_text.hpp"

namespace ai_memory::store {
namespace {

// Functions are called in FROM: "SELECT (f()).*" would run f once per column.
// store() answers the row itself. It refuses (MA400) a namespace whose
// governance queues or denies the write, and only then is remember() asked:
// it queues the write (or denies it again), so the common case pays neither
// remember()'s JSON of the row nor parsing it back here.
const std::string kStoreCall =
    " FROM ai_memory.store(title => $1, content => $2, tier => $3, namespace => $4,"
    " tags => $5::text[], priority => $6::int, confidence => $7::float8, source => $8,"
    " metadata => $9::jsonb, agent_id => $10, scope => $11,"
    " expires_at => $12::timestamptz, ttl_secs => $13::bigint)";
const std::string kDirectStoreSql = std::string("SELECT ") + kMemoryColumns + kStoreCall;
// Only what a 201 names: the server formats no timestamps, tags or metadata
// that nobody reads (about 8 % of a store's time in the backend).
const std::string kStoreIdentitySql = "SELECT id, tier::text, namespace, title" + kStoreCall;
// remember() answers jsonb; a stored memory comes back as a row through
// jsonb_populate_record so that one reader (ReadMemory) serves every query.
// The outcome's own JSON follows the memory columns.
const std::string kStoreSql = std::string("SELECT ") + kMemoryColumns +
                              ", CASE WHEN r ->> 'status' = 'pending' THEN r::text END"
                              " FROM ai_memory.remember(title => $1, content => $2, tier => $3, namespace => $4,"
                              " tags => $5::text[], priority => $6::int, confidence => $7::float8, source => $8,"
                              " metadata => $9::jsonb, agent_id => $10, scope => $11,"
                              " expires_at => $12::timestamptz, ttl_secs => $13::bigint) r"
                              " LEFT JOIN LATERAL jsonb_populate_record(NULL::ai_memory.memories, r -> 'memory') m"
                              " ON r ? 'memory'";
constexpr int kPendingColumn = 15;  // after the 15 memory columns

const std::string kGetSql = std::string("SELECT ") + kMemoryColumns + " FROM ai_memory.get(id => $1)";

const std::string kListSql = std::string("SELECT ") + kMemoryColumns +
                             " FROM ai_memory.list(namespace => $1, tier => $2, \"limit\" => $3::int,"
                             " \"offset\" => $4::int, min_priority => $5::int, since => $6::timestamptz,"
                             " until => $7::timestamptz, tag => $8, agent_id => $9)";

const std::string kLinksSql = std::string("SELECT ") + kLinkColumns + " FROM ai_memory.get_links(id => $1)";

template <typename Integer>
std::optional<std::string> IntegerParam(const std::optional<Integer>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

// 17 significant digits round-trip every double through float8in.
std::optional<std::string> DoubleParam(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", *value);
  return std::string(text);
}

std::optional<std::string> TextArrayParam(const std::optional<std::vector<std::string>>& items) {
  if (!items) return std::nullopt;
  return ToPgTextArray(*items);
}

std::vector<Memory> ReadMemories(const PgResult& result) {
  std::vector<Memory> memories;
  memories.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) memories.push_back(ReadMemory(result, row));
  return memories;
}

Memory ReadSingleMemory(const PgResult& result) {
  if (result.rows() != 1) throw StoreError("XX000", "unexpected result from the database", "expected one row");
  return ReadMemory(result, 0);
}

}  // namespace

PgResult MemoryStore::Run(const char* sql, const PgParams& params) {
  try {
    ConnectionPool::Lease connection = pool_.Acquire();
    PgResult result = connection->Exec(sql, params);
    RecordOutcome(nullptr);
    return result;
  } catch (const StoreError& error) {
    RecordOutcome(&error);
    throw;
  }
}

void MemoryStore::RecordOutcome(const StoreError* error) {
  if (error == nullptr) {
    last_answer_.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    return;
  }
  if (error->IsUnavailable()) last_answer_.store(kNoAnswer, std::memory_order_relaxed);
  if (error->sqlstate() == sqlstate::kSchemaMismatch) {
    schema_mismatch_.store(true, std::memory_order_relaxed);
    last_answer_.store(kNoAnswer, std::memory_order_relaxed);
  }
}

bool MemoryStore::RecentlyAnswered(std::chrono::steady_clock::duration within) {
  const auto last = last_answer_.load(std::memory_order_relaxed);
  if (last == kNoAnswer || SchemaMismatchSeen()) return false;
  const auto age = std::chrono::steady_clock::now().time_since_epoch() - std::chrono::steady_clock::duration(last);
  return age < within && pool_.IdleConnectionsLookAlive();
}

Statement MemoryStore::DirectStoreStatement(const NewMemory& memory) {
  // In the order of the placeholders in kDirectStoreSql and kStoreSql.
  return Statement{kDirectStoreSql.c_str(),
                   {
                       memory.title,
                       memory.content,
                       memory.tier,
                       memory.ns,
                       TextArrayParam(memory.tags),
                       IntegerParam(memory.priority),
                       DoubleParam(memory.confidence),
                       memory.source,
                       memory.metadata_json,
                       memory.agent_id,
                       memory.scope,
                       memory.expires_at,
                       IntegerParam(memory.ttl_secs),
                   }};
}

Statement MemoryStore::StoreIdentityStatement(const NewMemory& memory) {
  Statement statement = DirectStoreStatement(memory);
  statement.sql = kStoreIdentitySql.c_str();
  return statement;
}

StoredIdentity MemoryStore::ReadStoredIdentity(const PgResult& result) {
  if (result.rows() != 1) throw StoreError("XX000", "unexpected result from the database", "expected one row");
  return StoredIdentity{std::string(result.Text(0, 0)), std::string(result.Text(0, 1)), std::string(result.Text(0, 2)),
                        std::string(result.Text(0, 3))};
}

StoreOutcome MemoryStore::Store(const NewMemory& memory) {
  const Statement direct = DirectStoreStatement(memory);
  try {
    return StoreOutcome{ReadSingleMemory(Run(direct.sql, direct.params)), std::nullopt};
  } catch (const StoreError& error) {
    if (error.sqlstate() != sqlstate::kDenied) throw;
  }
  const PgResult result = Run(kStoreSql.c_str(), direct.params);
  if (result.rows() != 1) throw StoreError("XX000", "unexpected result from the database", "expected one row");
  if (!result.IsNull(0, kPendingColumn)) return StoreOutcome{std::nullopt, result.NullableText(0, kPendingColumn)};
  return StoreOutcome{ReadMemory(result, 0), std::nullopt};
}

Memory MemoryStore::Get(const std::string& id_or_prefix) {
  return ReadSingleMemory(Run(kGetSql.c_str(), {id_or_prefix}));
}

std::vector<Memory> MemoryStore::List(const ListFilter& filter) {
  // In the order of the placeholders in kListSql.
  const PgParams params = {
      filter.ns,
      filter.tier,
      IntegerParam(filter.limit),
      IntegerParam(filter.offset),
      IntegerParam(filter.min_priority),
      filter.since,
      filter.until,
      filter.tag,
      filter.agent_id,
  };
  return ReadMemories(Run(kListSql.c_str(), params));
}

std::vector<Link> MemoryStore::GetLinks(const std::string& id) {
  const PgResult result = Run(kLinksSql.c_str(), {id});
  std::vector<Link> links;
  links.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) links.push_back(ReadLink(result, row));
  return links;
}

void MemoryStore::Ping() { Run("SELECT 1", {}); }

std::string MemoryStore::CallJson(const std::string& sql, const PgParams& params) {
  const PgResult result = Run(sql.c_str(), params);
  if (result.rows() != 1 || result.IsNull(0, 0)) {
    throw StoreError("XX000", "unexpected result from the database", "expected one JSON row");
  }
  return json::MinifyJson(result.Text(0, 0));
}

PgResult MemoryStore::CallRows(const std::string& sql, const PgParams& params) {
  return Run(sql.c_str(), params);
}

Memory MemoryStore::CallMemory(const std::string& sql, const PgParams& params) {
  return ReadSingleMemory(Run(sql.c_str(), params));
}

}  // namespace ai_memory::store
