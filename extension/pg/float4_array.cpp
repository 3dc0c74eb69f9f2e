#include "pg/float4_array.hpp"

#include "pg/guard.hpp"

namespace ai_memory::pg {

Datum Float4ArrayDatum(const std::vector<float>& values) {
  std::vector<Datum> elements;
  elements.reserve(values.size());
  for (const float value : values) elements.push_back(Float4GetDatum(value));
  constexpr bool kFloat4ByValue = true;  // always, since PostgreSQL 13
  return PgCall([&] {
    return PointerGetDatum(construct_array(elements.data(), static_cast<int>(elements.size()), FLOAT4OID,
                                           sizeof(float4), kFloat4ByValue, TYPALIGN_INT));
  });
}

}  // namespace ai_memory::pg
