// A vector as PostgreSQL's real[] text: "{0.25,-1,3.5e-07}".
#pragma once

#include <string>
#include <vector>

namespace ai_memory::store {

// Each float printed with 9 significant digits, which reads back as the same
// float, so a vector survives the trip into a real[] bit for bit.
std::string ToPgRealArray(const std::vector<float>& vector);

}  // namespace ai_memory::store
