#include "embed/openai_embedder.hpp"

#include "embed/embedding_json.hpp"

namespace ai_memory::embed {
namespace {

EmbedderOptions WithDefaults(EmbedderOptions options) {
  if (options.url.empty()) throw EmbedError("embedder openai needs embed_url (http://host:port)");
  if (options.model.empty()) options.model = kOpenAiDefaultModel;
  return options;
}

}  // namespace

OpenAiEmbedder::OpenAiEmbedder(EmbedderOptions options)
    : RemoteEmbedder("openai", "/v1/embeddings", WithDefaults(std::move(options))) {}

std::vector<std::vector<float>> OpenAiEmbedder::ReadVectors(const rapidjson::Document& document,
                                                            std::size_t count) const {
  if (!document.IsObject()) throw EmbedError("expected a JSON object");
  const auto data = document.FindMember("data");
  if (data == document.MemberEnd() || !data->value.IsArray()) throw EmbedError("\"data\" must be an array");
  if (data->value.Size() != count) {
    throw EmbedError(std::to_string(data->value.Size()) + " vectors for " + std::to_string(count) + " texts");
  }
  std::vector<std::vector<float>> vectors(count);
  for (rapidjson::SizeType i = 0; i < data->value.Size(); ++i) {
    const std::string where = "data[" + std::to_string(i) + "]";
    const auto& item = data->value[i];
    if (!item.IsObject()) throw EmbedError(where + ": expected an object");
    const auto index = item.FindMember("index");
    const auto embedding = item.FindMember("embedding");
    if (index == item.MemberEnd() || !index->value.IsUint() || index->value.GetUint() >= count) {
      throw EmbedError(where + ".index: expected an integer below " + std::to_string(count));
    }
    if (embedding == item.MemberEnd()) throw EmbedError(where + ".embedding: missing");
    auto& slot = vectors[index->value.GetUint()];
    if (!slot.empty()) throw EmbedError(where + ".index: " + std::to_string(index->value.GetUint()) + " repeated");
    slot = ReadVector(embedding->value, where + ".embedding");
  }
  return vectors;
}

}  // namespace ai_memory::embed
