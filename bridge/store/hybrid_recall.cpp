#include "store/hybrid_recall.hpp"

namespace ai_memory::store {

std::string HybridRecallJson(MemoryStore& store, RecallQuery query, embed::QueryEmbedder* embedder) {
  const bool wants_vector = !query.mode || *query.mode != "keyword";
  const bool blank = query.context.find_first_not_of(" \t\r\n") == std::string::npos;  // the extension refuses it
  if (embedder != nullptr && wants_vector && !blank && !query.query_embedding) {
    query.query_embedding = embedder->Embed(query.context);
    if (query.query_embedding) {
      query.query_model = embedder->model();
    } else {
      query.mode = "keyword";
    }
  }
  return RecallJson(store, query);
}

}  // namespace ai_memory::store
