// The built-in local embedder and vector similarity as SQL functions:
// ai_memory.embed(text), ai_memory.cosine(real[], real[]) and
// ai_memory.embedder_info() (sql/60_embeddings.sql). The math lives in
// extension/core; this file only moves arrays in and out of PostgreSQL.
#include "pg/postgres.hpp"  // first, before any standard header

#include <cmath>
#include <string>
#include <vector>

#include "core/embedding_local.hpp"
#include "core/error.hpp"
#include "core/vector_math.hpp"
#include "pg/args.hpp"
#include "pg/float4_array.hpp"
#include "pg/guard.hpp"

namespace {

using namespace ai_memory;
using pg::PgCall;

// A real[] argument as PostgreSQL holds it, read without copying.
struct Float4Array {
  const float* data;
  int count;
  int dimensions;
  bool has_nulls;
};

// Detoasting may ereport, hence PgCall. The floats stay valid for the call:
// the detoasted copy lives in the function's memory context.
Float4Array ReadFloat4Array(FunctionCallInfo fcinfo, int n) {
  return PgCall([&] {
    ArrayType* array = PG_GETARG_ARRAYTYPE_P(n);
    if (ARR_ELEMTYPE(array) != FLOAT4OID) elog(ERROR, "expected a real[] argument");
    return Float4Array{reinterpret_cast<const float*>(ARR_DATA_PTR(array)),
                       ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array)), ARR_NDIM(array),
                       array_contains_nulls(array)};
  });
}

// A vector for the similarity functions: one-dimensional, no NULL, finite.
core::FloatSpan VectorArg(FunctionCallInfo fcinfo, int n, const char* name) {
  const Float4Array array = ReadFloat4Array(fcinfo, n);
  const std::string what = std::string("vector ") + name;
  if (array.dimensions > 1) core::ThrowInvalid(what + " must be a one-dimensional array");
  // With NULLs the data is not a plain float run (NULLs take no space).
  if (array.has_nulls) core::ThrowInvalid(what + " cannot contain null elements");
  for (int i = 0; i < array.count; ++i) {
    if (!std::isfinite(array.data[i])) core::ThrowInvalid(what + " must contain only finite numbers");
  }
  return core::FloatSpan(array.data, static_cast<std::size_t>(array.count));
}

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_embed) {
  const std::string text = pg::TextArg(fcinfo, 0).value_or("");  // STRICT: never NULL here
  PG_RETURN_DATUM(pg::Float4ArrayDatum(core::EmbedLocal(text)));
}

AI_MEMORY_FUNCTION(ai_memory_cosine) {
  const core::FloatSpan a = VectorArg(fcinfo, 0, "a");
  const core::FloatSpan b = VectorArg(fcinfo, 1, "b");
  PG_RETURN_FLOAT8(core::Cosine(a, b));
}

AI_MEMORY_FUNCTION(ai_memory_embedder_info) {
  const std::string json = core::LocalEmbedderInfoJson();
  PG_RETURN_DATUM(PgCall([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(json.c_str())); }));
}
