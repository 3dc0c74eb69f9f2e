// Reading SQL arguments into C++ values. NULL reads as std::nullopt, which
// every function treats as "use the default". Detoasting may ereport, so each
// read goes through PgCall.
#pragma once
#include "pg/postgres.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/tier.hpp"

namespace ai_memory::pg {

std::optional<std::string> TextArg(FunctionCallInfo fcinfo, int n);
std::optional<std::int64_t> Int32Arg(FunctionCallInfo fcinfo, int n);
std::optional<std::int64_t> Int64Arg(FunctionCallInfo fcinfo, int n);
std::optional<double> Float8Arg(FunctionCallInfo fcinfo, int n);
// A NULL element is reported as invalid input naming `what`.
std::optional<std::vector<std::string>> TextArrayArg(FunctionCallInfo fcinfo, int n, const char* what);
std::optional<std::string> JsonbArg(FunctionCallInfo fcinfo, int n);
std::optional<core::UnixMicros> TimestampArg(FunctionCallInfo fcinfo, int n, const char* what);

// Conversions from C++ values to Datums in the current memory context.
Datum TextDatum(const std::string& value);
Datum TextArrayDatum(const std::vector<std::string>& values);
Datum TimestampDatum(core::UnixMicros micros);
core::UnixMicros ToUnixMicros(TimestampTz timestamp);

}  // namespace ai_memory::pg
