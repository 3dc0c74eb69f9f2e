#include "pg/args.hpp"

#include "core/error.hpp"
#include "pg/guard.hpp"

namespace ai_memory::pg {
namespace {

// Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01).
constexpr std::int64_t kPostgresEpochOffsetMicros =
    (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * static_cast<std::int64_t>(USECS_PER_DAY);

struct Bytes {
  const char* data;
  std::size_t size;
};

}  // namespace

std::optional<std::string> TextArg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  const Bytes bytes = PgCall([&] {
    text* value = PG_GETARG_TEXT_PP(n);
    return Bytes{VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)};
  });
  return std::string(bytes.data, bytes.size);
}

std::optional<std::int64_t> Int32Arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return PG_GETARG_INT32(n);
}

std::optional<std::int64_t> Int64Arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return PG_GETARG_INT64(n);
}

std::optional<double> Float8Arg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  return PG_GETARG_FLOAT8(n);
}

std::optional<std::vector<std::string>> TextArrayArg(FunctionCallInfo fcinfo, int n, const char* what) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  struct Elements {
    Datum* values;
    bool* nulls;
    int count;
  };
  const Elements elements = PgCall([&] {
    ArrayType* array = PG_GETARG_ARRAYTYPE_P(n);
    Elements e{nullptr, nullptr, 0};
    if (ARR_NDIM(array) > 1)
      ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR), errmsg("%s must be a one-dimensional array", what)));
    deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &e.values, &e.nulls, &e.count);
    return e;
  });
  std::vector<std::string> result;
  result.reserve(static_cast<std::size_t>(elements.count));
  for (int i = 0; i < elements.count; ++i) {
    if (elements.nulls[i]) core::ThrowInvalid(std::string(what) + " cannot contain null values");
    const Bytes bytes = PgCall([&] {
      text* value = DatumGetTextPP(elements.values[i]);
      return Bytes{VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)};
    });
    result.emplace_back(bytes.data, bytes.size);
  }
  return result;
}

std::optional<std::string> JsonbArg(FunctionCallInfo fcinfo, int n) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  const char* json = PgCall([&] {
    Jsonb* value = PG_GETARG_JSONB_P(n);
    return static_cast<const char*>(JsonbToCString(nullptr, &value->root, VARSIZE(value)));
  });
  return std::string(json);
}

std::optional<core::UnixMicros> TimestampArg(FunctionCallInfo fcinfo, int n, const char* what) {
  if (PG_ARGISNULL(n)) return std::nullopt;
  const TimestampTz value = PG_GETARG_TIMESTAMPTZ(n);
  if (TIMESTAMP_NOT_FINITE(value)) core::ThrowInvalid(std::string(what) + " must be a finite time");
  return ToUnixMicros(value);
}

core::UnixMicros ToUnixMicros(TimestampTz timestamp) { return timestamp + kPostgresEpochOffsetMicros; }

Datum TextDatum(const std::string& value) {
  return PgCall([&] { return PointerGetDatum(cstring_to_text_with_len(value.data(), static_cast<int>(value.size()))); });
}

Datum TextArrayDatum(const std::vector<std::string>& values) {
  std::vector<Datum> elements;
  elements.reserve(values.size());
  for (const auto& value : values) elements.push_back(TextDatum(value));
  return PgCall([&] {
    return PointerGetDatum(construct_array(elements.data(), static_cast<int>(elements.size()), TEXTOID, -1, false,
                                           TYPALIGN_INT));
  });
}

Datum TimestampDatum(core::UnixMicros micros) { return TimestampTzGetDatum(micros - kPostgresEpochOffsetMicros); }

}  // namespace ai_memory::pg
