// What the HTTP embedders share: one POST of {"model","input":[...]} per
// batch (split at max_batch), the status check, safe JSON parsing, and strict
// checks of the answer (one vector per text, one dimension for all, finite
// numbers). Subclasses name the path and read their protocol's answer.
//
// Thread safety: EmbedBatch may run on several threads at once (each call
// has its own connection); the learned dimension is atomic.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "embed/embedder.hpp"
#include "embed/embedder_options.hpp"
#include "embed/http_endpoint.hpp"
#include "embed/http_post.hpp"

namespace ai_memory::embed {

class RemoteEmbedder : public Embedder {
 public:
  std::vector<std::vector<float>> EmbedBatch(const std::vector<std::string>& texts) override;
  std::string name() const override { return kind_ + ":" + options_.model; }
  std::size_t dimension() const override { return dimension_.load(); }

 protected:
  // `kind` names the protocol in name() and in errors; `path` follows the
  // URL's base path. options.url and options.model must be set.
  RemoteEmbedder(std::string kind, std::string path, EmbedderOptions options);

  // The vectors of `document`, in input order; `count` texts were sent.
  // Throws EmbedError("...") describing what breaks the protocol.
  virtual std::vector<std::vector<float>> ReadVectors(const rapidjson::Document& document,
                                                      std::size_t count) const = 0;

 private:
  std::vector<std::vector<float>> EmbedChunk(const std::vector<std::string>& texts);
  void CheckDimensions(const std::vector<std::vector<float>>& vectors);
  [[noreturn]] void Fail(const std::string& what) const;

  std::string kind_;
  std::string path_;
  EmbedderOptions options_;
  HttpEndpoint endpoint_;
  HttpLimits limits_;
  std::atomic<std::size_t> dimension_;
};

}  // namespace ai_memory::embed
