// The bridge's door to the ai_memory SQL functions. Each call checks out one
// pooled connection, runs one parameterised statement and returns plain
// structs; every data rule (validation, upsert, expiry, ordering) happens in
// the database. Used by the HTTP handlers and by the CLI.
//
// Errors: every function throws StoreError. Its sqlstate() tells what went
// wrong (store/store_error.hpp: MA100 invalid input, MA101 ambiguous prefix,
// MA200 not found, MA300 conflict, MA400 denied; IsUnavailable() when the
// database is away) and what() is the message to show.
//
// Thread safety: all member functions may be called concurrently; the pool
// gives each call its own connection.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "store/connection_pool.hpp"
#include "store/memory.hpp"
#include "store/statement.hpp"
#include "store/store_error.hpp"

namespace ai_memory::store {

// What the answer to a store names (reference §5: 201 with these and the agent).
struct StoredIdentity {
  std::string id;
  std::string tier;
  std::string ns;
  std::string title;
};

class MemoryStore {
 public:
  explicit MemoryStore(ConnectionPool& pool) : pool_(pool) {}

  // ai_memory.store(): inserts, or upserts onto the memory with the same
  // (title, namespace) and returns that row (with the existing id).
  // Goes through ai_memory.remember(): a namespace whose policy requires
  // approval queues the write (pending_json) instead; a policy that denies it
  // throws StoreError MA400.
  StoreOutcome Store(const NewMemory& memory);

  // Store()'s first statement, ai_memory.store(), answering only the stored
  // memory's identity, for a caller that runs it elsewhere (a pipelined
  // session). It refuses with MA400 where governance must decide: then
  // Store() is the way.
  static Statement StoreIdentityStatement(const NewMemory& memory);
  // The stored memory's identity in the rows of StoreIdentityStatement.
  static StoredIdentity ReadStoredIdentity(const PgResult& result);

  // What a statement run elsewhere tells about the database, for
  // RecentlyAnswered and SchemaMismatchSeen: null for an answer.
  void RecordOutcome(const StoreError* error);

  // ai_memory.get(): by exact id or unique id prefix; expired rows included.
  Memory Get(const std::string& id_or_prefix);

  // ai_memory.list(): non-expired memories, priority DESC, updated_at DESC.
  std::vector<Memory> List(const ListFilter& filter);

  // ai_memory.get_links(): links where `id` is the source or the target.
  std::vector<Link> GetLinks(const std::string& id);

  // Runs SELECT 1 on a pooled connection; throws when the database does not answer.
  void Ping();

  // Without a round trip of its own: true when some statement came back
  // from the database less than `within` ago, no lost connection was seen
  // since, and the idle pooled connections show no sign of a server that
  // went away. False means "not known": Ping() to find out. Never blocks.
  bool RecentlyAnswered(std::chrono::steady_clock::duration within);

  // True once a new session found the database's schema is not this
  // build's (store/schema_digest.hpp), until the process restarts: older
  // sessions may still answer, but the database was changed under us.
  bool SchemaMismatchSeen() const { return schema_mismatch_.load(std::memory_order_relaxed); }

  // The shared building block of store/json_api.hpp: runs one parameterised
  // statement (a constant SQL text; user data only ever in `params`) that
  // answers one row whose first column is JSON text, and returns that text
  // minified ({"a":1}, as the reference prints it).
  std::string CallJson(const std::string& sql, const PgParams& params);

  // Runs one statement answering the kMemoryColumns of exactly one memory.
  Memory CallMemory(const std::string& sql, const PgParams& params);

  // Runs one statement and returns all its rows (read with store/memory_row.hpp).
  PgResult CallRows(const std::string& sql, const PgParams& params);

 private:
  PgResult Run(const char* sql, const PgParams& params);
  // ai_memory.store() answering the whole row (kMemoryColumns).
  static Statement DirectStoreStatement(const NewMemory& memory);

  ConnectionPool& pool_;
  // steady_clock ticks of the last answer from the database; kNoAnswer after
  // a lost connection.
  static constexpr std::chrono::steady_clock::rep kNoAnswer = 0;
  std::atomic<std::chrono::steady_clock::rep> last_answer_{kNoAnswer};
  std::atomic<bool> schema_mismatch_{false};
};

}  // namespace ai_memory::store
