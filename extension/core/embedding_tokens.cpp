#include "embedding_tokens.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace ai_memory::core {
namespace {

constexpr std::size_t kMinStem = 3;

bool IsAsciiAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Length of the UTF-8 sequence led by `lead` (1 for stray continuation or
// invalid bytes, so malformed input still makes progress).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// The non-ASCII separators: U+00A0-U+00BF (C2 A0..BF) and U+2000-U+206F
// (E2 80 xx, E2 81 80..AF).
bool IsNonAsciiSeparator(std::string_view seq) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(seq[i]); };
  if (seq.size() == 2) return byte(0) == 0xC2 && byte(1) >= 0xA0 && byte(1) <= 0xBF;
  if (seq.size() == 3 && byte(0) == 0xE2) return byte(1) == 0x80 || (byte(1) == 0x81 && byte(2) <= 0xAF);
  return false;
}

bool EndsWith(const std::string& word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsPlainAsciiWord(const std::string& word) {
  for (const char c : word) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

// Removes `suffix` when at least kMinStem letters remain.
bool Strip(std::string& word, std::string_view suffix) {
  if (!EndsWith(word, suffix) || word.size() - suffix.size() < kMinStem) return false;
  word.resize(word.size() - suffix.size());
  return true;
}

// "runn" -> "run", "stopp" -> "stop"; keeps "ll", "ss", "zz" ("fall", "pass").
void UndoubleFinalConsonant(std::string& word) {
  const std::size_t n = word.size();
  if (n < kMinStem + 1 || word[n - 1] != word[n - 2]) return;
  const char c = word[n - 1];
  if (c == 'l' || c == 's' || c == 'z' || c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') return;
  word.pop_back();
}

// Sorted, for binary search.
constexpr std::array<std::string_view, 62> kStopWords = {
    "a",    "about", "after", "all",  "also", "an",    "and",   "any",   "are",  "as",   "at",   "be",   "been",
    "but",  "by",    "can",   "could", "did", "do",    "does",  "for",   "from", "had",  "has",  "have", "he",
    "her",  "his",   "how",   "i",    "if",   "in",    "into",  "is",    "it",   "its",  "me",   "my",   "no",
    "not",  "of",    "on",    "or",   "our",  "she",   "so",    "that",  "the",  "their", "then", "there", "they",
    "this", "to",    "was",   "we",   "were", "what",  "when",  "which", "with", "you"};

}  // namespace

bool IsStopWord(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (IsAsciiAlnum(c)) {
        current.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      } else {
        flush();
      }
      ++i;
      continue;
    }
    const std::string_view seq = text.substr(i, SequenceLength(c));
    if (IsNonAsciiSeparator(seq)) {
      flush();
    } else {
      current.append(seq);
    }
    i += seq.size();
  }
  flush();
  return words;
}

std::string StemWord(std::string word) {
  if (!IsPlainAsciiWord(word)) return word;
  if (EndsWith(word, "ies") && word.size() > kMinStem + 1) {
    word.replace(word.size() - 3, 3, "y");
  } else if (Strip(word, "ing") || Strip(word, "ed")) {
    UndoubleFinalConsonant(word);
  } else if (EndsWith(word, "ss")) {
    // "class", "process": not a plural
  } else if (!Strip(word, "es") && !Strip(word, "s")) {
    Strip(word, "ly");
  }
  // A final "e" goes, so that "store" meets "stor(ed|ing|es)".
  Strip(word, "e");
  return word;
}

}  // namespace ai_memory::core
