#include "json/memory_json.hpp"

namespace ai_memory::json {
namespace {

void WriteField(JsonWriter& writer, std::string_view key, std::string_view value) {
  WriteKey(writer, key);
  WriteString(writer, value);
}

// The members of a memory's object, in the reference's order.
void WriteMemoryFields(JsonWriter& writer, const store::Memory& memory) {
  WriteField(writer, "id", memory.id);
  WriteField(writer, "tier", memory.tier);
  WriteField(writer, "namespace", memory.ns);
  WriteField(writer, "title", memory.title);
  WriteField(writer, "content", memory.content);
  WriteKey(writer, "tags");
  writer.StartArray();
  for (const auto& tag : memory.tags) WriteString(writer, tag);
  writer.EndArray();
  WriteKey(writer, "priority");
  writer.Int(memory.priority);
  WriteKey(writer, "confidence");
  writer.Double(memory.confidence);
  WriteField(writer, "source", memory.source);
  WriteKey(writer, "access_count");
  writer.Int64(memory.access_count);
  WriteField(writer, "created_at", memory.created_at);
  WriteField(writer, "updated_at", memory.updated_at);
  if (memory.last_accessed_at) WriteField(writer, "last_accessed_at", *memory.last_accessed_at);
  if (memory.expires_at) WriteField(writer, "expires_at", *memory.expires_at);
  WriteKey(writer, "metadata");
  // The store keeps metadata as compact JSON text from jsonb: insert it verbatim.
  writer.RawValue(memory.metadata_json.data(), memory.metadata_json.size(), rapidjson::kObjectType);
}

}  // namespace

void WriteMemory(JsonWriter& writer, const store::Memory& memory) {
  writer.StartObject();
  WriteMemoryFields(writer, memory);
  writer.EndObject();
}

void WriteScoredMemory(JsonWriter& writer, const store::Memory& memory, std::string_view score) {
  writer.StartObject();
  WriteMemoryFields(writer, memory);
  WriteKey(writer, "score");
  writer.RawValue(score.data(), score.size(), rapidjson::kNumberType);
  writer.EndObject();
}

void WriteLink(JsonWriter& writer, const store::Link& link) {
  writer.StartObject();
  WriteField(writer, "source_id", link.source_id);
  WriteField(writer, "target_id", link.target_id);
  WriteField(writer, "relation", link.relation);
  WriteField(writer, "created_at", link.created_at);
  writer.EndObject();
}

std::string MemoryToJson(const store::Memory& memory) {
  return BuildJson([&](JsonWriter& writer) { WriteMemory(writer, memory); });
}

std::string MemoryWithLinksJson(const store::Memory& memory, const std::vector<store::Link>& links) {
  return BuildJson([&](JsonWriter& writer) {
    writer.StartObject();
    WriteKey(writer, "memory");
    WriteMemory(writer, memory);
    WriteKey(writer, "links");
    writer.StartArray();
    for (const auto& link : links) WriteLink(writer, link);
    writer.EndArray();
    writer.EndObject();
  });
}

std::string MemoryListJson(const std::vector<store::Memory>& memories) {
  return BuildJson([&](JsonWriter& writer) {
    writer.StartObject();
    WriteKey(writer, "memories");
    writer.StartArray();
    for (const auto& memory : memories) WriteMemory(writer, memory);
    writer.EndArray();
    WriteKey(writer, "count");
    writer.Uint64(memories.size());
    writer.EndObject();
  });
}

}  // namespace ai_memory::json
