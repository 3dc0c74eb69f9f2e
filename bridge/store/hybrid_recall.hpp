// Recall with the bridge's embedder (docs/embeddings.md, "Hybrid recall"),
// shared by HTTP and the CLI. With an external embedder the bridge embeds the
// context and the extension ranks with that vector (mode "hybrid"); when the
// service fails or times out the recall still answers, in keyword mode. With
// none (`embedder` null) the extension embeds the context with its built-in
// local embedder, as before.
#pragma once

#include <string>

#include "embed/query_embedder.hpp"
#include "store/json_api.hpp"

namespace ai_memory::store {

// RecallJson(store, query) with query.query_embedding from `embedder` (may
// be null). A vector of the built-in embedder is never mixed with the
// service's: on failure the mode is keyword, not a local hybrid.
std::string HybridRecallJson(MemoryStore& store, RecallQuery query, embed::QueryEmbedder* embedder);

}  // namespace ai_memory::store
