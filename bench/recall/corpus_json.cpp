#include "recall/corpus_json.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace ai_memory::bench {

std::string CorpusToJson(const Corpus& corpus) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("seed");
  json.Uint64(corpus.seed);
  json.Key("memories");
  json.StartArray();
  for (std::size_t i = 0; i < corpus.memories.size(); ++i) {
    const Memory& memory = corpus.memories[i];
    json.StartObject();
    json.Key("index");
    json.Uint64(i);
    json.Key("namespace");
    json.String(memory.ns);
    json.Key("kind");
    json.String(memory.kind);
    json.Key("distractor");
    json.Bool(memory.distractor);
    json.Key("title");
    json.String(memory.title);
    json.Key("content");
    json.String(memory.content);
    json.Key("tags");
    json.StartArray();
    for (const auto& tag : memory.tags) json.String(tag);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("questions");
  json.StartArray();
  for (const Question& question : corpus.questions) {
    json.StartObject();
    json.Key("namespace");
    json.String(question.ns);
    json.Key("class");
    json.String(ClassName(question.question_class));
    json.Key("text");
    json.String(question.text);
    json.Key("answers");
    json.StartArray();
    for (const std::size_t answer : question.answers) json.Uint64(answer);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return buffer.GetString();
}

}  // namespace ai_memory::bench
