// The JSON shared by the Ollama (/api/embed) and OpenAI (/v1/embeddings)
// protocols: the request body {"model":..., "input":[...]} and the strict
// reading of one vector from an answer.
#pragma once

#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace ai_memory::embed {

std::string EmbedRequestBody(const std::string& model, const std::vector<std::string>& texts);

// A non-empty array of numbers that are finite as float32 (1e300 is not).
// Throws EmbedError("<where>: ...") otherwise.
std::vector<float> ReadVector(const rapidjson::Value& value, const std::string& where);

}  // namespace ai_memory::embed
