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

Float4View ReadFloat4Array(Datum datum) {
  return PgCall([&] {
    const Pointer raw = DatumGetPointer(datum);
    ArrayType* array = reinterpret_cast<ArrayType*>(PG_DETOAST_DATUM(datum));
    Float4View view;
    if (reinterpret_cast<Pointer>(array) != raw) view.to_free = reinterpret_cast<Pointer>(array);
    if (ARR_ELEMTYPE(array) == FLOAT4OID && ARR_NDIM(array) == 1 && !ARR_HASNULL(array)) {
      view.data = reinterpret_cast<const float*>(ARR_DATA_PTR(array));
      view.count = static_cast<std::size_t>(ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array)));
      view.usable = true;
    }
    return view;
  });
}

}  // namespace ai_memory::pg
