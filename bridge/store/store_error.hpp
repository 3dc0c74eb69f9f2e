// The one exception type of the store layer: a failed statement or an
// unreachable database, carrying PostgreSQL's SQLSTATE and primary message.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ai_memory::store {

// SQLSTATEs of the extension's own class (docs/sql-api.md).
namespace sqlstate {
inline constexpr std::string_view kInvalidInput = "MA100";
inline constexpr std::string_view kAmbiguousPrefix = "MA101";
inline constexpr std::string_view kNotFound = "MA200";
inline constexpr std::string_view kConflict = "MA300";
inline constexpr std::string_view kDenied = "MA400";
inline constexpr std::string_view kConnectionFailure = "08006";  // also: pool checkout timed out
// The bridge's own: the database's ai_memory schema is not the one this
// binary was built for (store/schema_digest.hpp).
inline constexpr std::string_view kSchemaMismatch = "MA910";
}  // namespace sqlstate

class StoreError : public std::runtime_error {
 public:
  // what() is the primary message: for the MA class, the lower-case text of
  // reference §10, fit to show a client. `detail` is for logs only.
  StoreError(std::string sqlstate, const std::string& message, std::string detail = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), detail_(std::move(detail)) {}

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }

  // The database could not be reached or went away: SQLSTATE class 08
  // (connection exception) or 57P01..57P03 (shutdown, crash, cannot connect now).
  bool IsUnavailable() const noexcept;

 private:
  std::string sqlstate_;
  std::string detail_;
};

}  // namespace ai_memory::store
