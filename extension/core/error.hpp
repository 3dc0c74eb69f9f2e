// The one exception type core throws. The glue maps `Kind` to the project's
// SQLSTATE class (extension/pg/errors.hpp); the bridge maps the SQLSTATE to an
// HTTP status and an MCP error.
#pragma once
#include "no_postgres.hpp"

#include <stdexcept>
#include <string>

namespace ai_memory::core {

enum class ErrorKind {
  kInvalidInput,     // a value breaks a rule of reference §10
  kAmbiguousPrefix,  // an id prefix matches more than one memory
  kNotFound,         // the named memory (or other object) does not exist
  kConflict,         // the change collides with an existing row
  kDenied,           // governance refused the action
  kInternal,         // a broken invariant: a bug, never user input
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

[[noreturn]] inline void ThrowInvalid(const std::string& message) {
  throw Error(ErrorKind::kInvalidInput, message);
}

}  // namespace ai_memory::core
