#include "common/log.hpp"

#include <cstdio>
#include <string>

namespace ai_memory::common {

void LogError(std::string_view message) {
  std::string line = "ai-memory: ";
  line.append(message);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace ai_memory::common
