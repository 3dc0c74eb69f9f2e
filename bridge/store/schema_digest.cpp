#include "store/schema_digest.hpp"

#include "store/store_error.hpp"

namespace ai_memory::store {

void RequireBuiltSchema(const std::optional<std::string>& database_digest) {
  const std::string built(BuiltSchemaDigest());
  if (database_digest == built) return;
  const std::string found = database_digest ? "schema " + database_digest->substr(0, 12)
                                            : "a schema without ai_memory.schema_digest()";
  throw StoreError(std::string(sqlstate::kSchemaMismatch),
                   "the database's ai_memory extension (" + found + ") is not the one this ai-memory was built with (" +
                       built.substr(0, 12) +
                       "): install this build's extension (make install), then recreate the extension in that "
                       "database or move its data with ai-memory export / import");
}

}  // namespace ai_memory::store
