// The retrieval corpus of the recall-quality benchmark, generated from a seed
// with no downloads: agent memories in ~50 namespaces (facts about projects,
// people and configs, decisions, conversation snippets, preferences, and hard
// distractors sharing their entities), and questions with known answers in
// three classes: lexically easy, needing stemming, needing paraphrase.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ai_memory::bench {

enum class QuestionClass { kEasy, kStem, kParaphrase };
const char* ClassName(QuestionClass question_class);
constexpr QuestionClass kQuestionClasses[] = {QuestionClass::kEasy, QuestionClass::kStem, QuestionClass::kParaphrase};

struct Memory {
  std::string kind;  // "infra", "service", "decision", "preference", "incident"
  bool distractor = false;
  std::string ns;
  std::string title;
  std::string content;
  std::vector<std::string> tags;
};

struct Question {
  std::string text;
  std::string ns;  // questions are asked within the answer's namespace
  QuestionClass question_class = QuestionClass::kEasy;
  std::vector<std::size_t> answers;  // indexes into Corpus::memories
};

struct Corpus {
  std::uint64_t seed = 0;
  std::vector<std::string> namespaces;
  std::vector<Memory> memories;
  std::vector<Question> questions;
};

struct CorpusOptions {
  std::uint64_t seed = 42;
  std::size_t namespaces = 50;               // at most vocabulary::Projects().size()
  std::size_t questions_per_namespace = 8;
};

Corpus GenerateCorpus(const CorpusOptions& options);

}  // namespace ai_memory::bench
