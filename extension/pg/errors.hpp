// The project's SQLSTATE class "MA" (docs/sql-api.md lists every code).
#pragma once
#include "pg/postgres.hpp"

#include "core/error.hpp"

namespace ai_memory::pg {

inline constexpr int kInvalidInput = MAKE_SQLSTATE('M', 'A', '1', '0', '0');
inline constexpr int kAmbiguousPrefix = MAKE_SQLSTATE('M', 'A', '1', '0', '1');
inline constexpr int kNotFound = MAKE_SQLSTATE('M', 'A', '2', '0', '0');
inline constexpr int kConflict = MAKE_SQLSTATE('M', 'A', '3', '0', '0');
inline constexpr int kDenied = MAKE_SQLSTATE('M', 'A', '4', '0', '0');
inline constexpr int kInternal = MAKE_SQLSTATE('M', 'A', '9', '0', '0');

int SqlStateFor(core::ErrorKind kind);

}  // namespace ai_memory::pg
