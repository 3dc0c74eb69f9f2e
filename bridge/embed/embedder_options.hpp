// The embedder configuration. The bridge's flags and config file will map
// onto these fields under the keys named beside them (docs/embeddings.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ai_memory::embed {

struct EmbedderOptions {
  std::string kind = "local";  // `embedder`: "local" | "ollama" | "openai"
  std::string url;             // `embed_url`: http://host:port[/prefix]; default per kind
  std::string model;           // `embedding_model`: default per kind
  std::string api_key;         // `embed_api_key`: sent as "Authorization: Bearer ..." when set
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{30000};  // whole request, connect included
  std::size_t max_response_bytes = 32 * 1024 * 1024;
  std::size_t dimension = 0;   // expected vector length; 0: learn it from the first answer
  std::size_t max_batch = 64;  // texts per request; larger batches are split
};

}  // namespace ai_memory::embed
