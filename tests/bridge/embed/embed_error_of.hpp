// The message of the EmbedError that `f` throws, or "" when it throws none.
#pragma once

#include <string>

#include "embed/embedder.hpp"

namespace ai_memory::embed::testing {

template <typename F>
std::string EmbedErrorOf(F&& f) {
  try {
    f();
  } catch (const EmbedError& error) {
    return error.what();
  }
  return "";
}

}  // namespace ai_memory::embed::testing
