// The bridge and the extension are built from the same sql/ tree; a database
// installed from another tree has other functions, and would answer errors
// deep inside requests. The digest of sql/*.sql is built into both
// (ai_memory.schema_digest() in the extension, BuiltSchemaDigest() here), and
// every session of the bridge's pool checks it once, when it connects.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ai_memory::store {

// The SHA-256 (hex) of sql/*.sql in name order this binary was built with.
std::string_view BuiltSchemaDigest();

// Throws StoreError (SQLSTATE kSchemaMismatch) with a message saying what to
// do unless `database_digest` — ai_memory.schema_digest() of the database,
// nullopt when the function is missing — is BuiltSchemaDigest().
void RequireBuiltSchema(const std::optional<std::string>& database_digest);

}  // namespace ai_memory::store
