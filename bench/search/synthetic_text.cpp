#include "search/synthetic_text.hpp"

#include <algorithm>
#include <cmath>

#include "common/pg.hpp"
#include "common/rng.hpp"

namespace ai_memory::bench {
namespace {

const std::vector<std::string> kCommonWords = {
    "the", "a", "to", "of", "and", "in", "is", "for", "on", "with", "we", "it", "that", "this", "at", "from",
    "by", "after", "before", "user", "team", "project", "service", "database", "deploy", "release", "config",
    "port", "server", "cache", "queue", "error", "timeout", "latency", "memory", "disk", "version", "region",
    "owner", "review", "decision", "meeting", "customer", "invoice", "schema", "migration", "index", "query",
    "alert", "incident", "backup", "restore", "cluster", "node", "token", "secret", "build", "test", "branch",
    "merge", "ticket", "sprint", "budget", "metric", "dashboard", "log", "trace", "api", "endpoint", "client"};

const std::vector<std::string> kSyllables = {"ka", "lo", "mi", "ru", "te", "sa", "no", "vi", "de", "pa",
                                             "zu", "ri", "bo", "ne", "fa", "go", "li", "tu", "me", "xa"};

constexpr std::size_t kTitleWords = 6;
constexpr std::size_t kContentWords = 30;
constexpr std::size_t kCopyChunkBytes = 1 << 20;

std::string Join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

SyntheticText::SyntheticText(std::size_t vocabulary_size) : vocabulary_(kCommonWords) {
  // Distinct numbers give distinct syllable strings (all syllables are 2 letters).
  for (std::size_t i = 0; vocabulary_.size() < vocabulary_size; ++i) {
    std::string word;
    for (std::size_t n = i + kSyllables.size(); n > 0; n /= kSyllables.size()) word += kSyllables[n % kSyllables.size()];
    vocabulary_.push_back(word);
  }
  vocabulary_.resize(vocabulary_size);
}

// Rank floor(n * r^2.5), r uniform: a sixth of all words fall in the top 1 %
// of the vocabulary, roughly like natural text.
std::vector<std::string> SyntheticText::Words(std::uint64_t row, std::size_t count, std::uint64_t stream) const {
  Rng rng(row * 4 + stream);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < count; ++i) {
    const auto rank = static_cast<std::size_t>(static_cast<double>(vocabulary_.size()) * std::pow(rng.Unit(), 2.5));
    words.push_back(vocabulary_[std::min(rank, vocabulary_.size() - 1)]);
  }
  return words;
}

void SyntheticText::CopyMemories(PGconn* conn, std::size_t first, std::size_t last) const {
  std::size_t row = first;
  CopyIn(conn, "COPY ai_memory.memories (title, content, namespace, tags) FROM STDIN",
         [&](std::string& chunk) {
           for (; row <= last && chunk.size() < kCopyChunkBytes; ++row) {
             // Words are [a-z0-9] only: nothing needs COPY escaping.
             chunk += Join(Words(row, kTitleWords, 0)) + ' ' + std::to_string(row) + '\t' +
                      Join(Words(row, kContentWords, 1)) + "\tns-" + std::to_string(row % kSpeedNamespaces) +
                      "\t{bench}\n";
           }
           return row <= last;
         });
}

std::vector<SyntheticText::Query> SyntheticText::Queries(std::size_t count, std::size_t words, std::size_t rows) const {
  Rng rng(7);
  std::vector<Query> queries;
  for (std::size_t q = 0; q < count; ++q) {
    const std::uint64_t row = 1 + rng.Below(rows);
    const std::vector<std::string> content = Words(row, kContentWords, 1);
    std::vector<std::string> picked;
    for (std::size_t w = 0; w < words; ++w) picked.push_back(rng.Pick(content));
    queries.push_back({Join(picked), "ns-" + std::to_string(row % kSpeedNamespaces)});
  }
  return queries;
}

}  // namespace ai_memory::bench
