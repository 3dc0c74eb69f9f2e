// Stores the corpus through ai_memory.store(), as an agent would, so whatever
// the function derives on write (search vectors, embeddings) exists.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "recall/corpus.hpp"

namespace ai_memory::bench {

// Returns the id given to each memory, by corpus index.
std::vector<std::string> StoreCorpus(PGconn* conn, const Corpus& corpus);

}  // namespace ai_memory::bench
