#include "json/memory_json.hpp"

#include <gtest/gtest.h>

namespace ai_memory::json {
namespace {

store::Memory SampleMemory() {
  store::Memory memory;
  memory.id = "3f2a";
  memory.tier = "long";
  memory.ns = "team/ops";
  memory.title = "deploy \"rule\"";
  memory.content = "never\non fridays";
  memory.tags = {"deploy", "ops"};
  memory.priority = 8;
  memory.confidence = 1.0;
  memory.source = "api";
  memory.access_count = 3;
  memory.created_at = "2026-04-19T10:30:00.123456+00:00";
  memory.updated_at = "2026-04-19T10:30:01+00:00";
  memory.metadata_json = R"({"agent_id":"a1","n":[1,2]})";
  return memory;
}

TEST(MemoryToJson, UsesTheReferenceFieldOrderAndOmitsNullTimes) {
  EXPECT_EQ(MemoryToJson(SampleMemory()),
            R"({"id":"3f2a","tier":"long","namespace":"team/ops","title":"deploy \"rule\"",)"
            R"("content":"never\non fridays","tags":["deploy","ops"],"priority":8,"confidence":1.0,)"
            R"("source":"api","access_count":3,"created_at":"2026-04-19T10:30:00.123456+00:00",)"
            R"("updated_at":"2026-04-19T10:30:01+00:00","metadata":{"agent_id":"a1","n":[1,2]}})");
}

TEST(MemoryToJson, PlacesOptionalTimesBeforeMetadata) {
  store::Memory memory = SampleMemory();
  memory.tags.clear();
  memory.confidence = 0.25;
  memory.last_accessed_at = "2026-04-20T00:00:00+00:00";
  memory.expires_at = "2026-05-01T00:00:00.500+00:00";
  const std::string json = MemoryToJson(memory);
  EXPECT_NE(json.find(R"("tags":[],)"), std::string::npos);
  EXPECT_NE(json.find(R"("confidence":0.25,)"), std::string::npos);
  EXPECT_NE(json.find(R"("updated_at":"2026-04-19T10:30:01+00:00","last_accessed_at":"2026-04-20T00:00:00+00:00",)"
                      R"("expires_at":"2026-05-01T00:00:00.500+00:00","metadata":)"),
            std::string::npos);
}

TEST(WriteScoredMemory, AppendsTheScoreTextAfterMetadata) {
  const std::string memory = MemoryToJson(SampleMemory());
  const std::string scored =
      BuildJson([](JsonWriter& writer) { WriteScoredMemory(writer, SampleMemory(), "0.500"); });
  EXPECT_EQ(scored, memory.substr(0, memory.size() - 1) + R"(,"score":0.500})");
}

TEST(WriteLink, WritesTheFourFields) {
  const std::string json = BuildJson([](JsonWriter& writer) {
    WriteLink(writer, store::Link{"a", "b", "related_to", "2026-04-19T10:30:00+00:00"});
  });
  EXPECT_EQ(json, R"({"source_id":"a","target_id":"b","relation":"related_to","created_at":"2026-04-19T10:30:00+00:00"})");
}

TEST(ErrorJson, EscapesTheMessage) { EXPECT_EQ(ErrorJson("bad \"x\"\n"), R"({"error":"bad \"x\"\n"})"); }

}  // namespace
}  // namespace ai_memory::json
