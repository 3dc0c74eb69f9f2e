// The corpus as one JSON document, for inspection (--dump-corpus).
#pragma once

#include <string>

#include "recall/corpus.hpp"

namespace ai_memory::bench {

std::string CorpusToJson(const Corpus& corpus);

}  // namespace ai_memory::bench
