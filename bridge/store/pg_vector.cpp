#include "store/pg_vector.hpp"

#include <cstdio>

namespace ai_memory::store {

std::string ToPgRealArray(const std::vector<float>& vector) {
  std::string literal = "{";
  literal.reserve(vector.size() * 12 + 2);
  char number[32];
  for (const float component : vector) {
    std::snprintf(number, sizeof number, "%.9g", static_cast<double>(component));
    if (literal.size() > 1) literal += ',';
    literal += number;
  }
  return literal + "}";
}

}  // namespace ai_memory::store
