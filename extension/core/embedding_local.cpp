#include "embedding_local.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "embedding_hash.hpp"
#include "embedding_tokens.hpp"

namespace ai_memory::core {
namespace {

// Per-kind weights: a whole-word match matters most; the many 3-grams of a
// word together weigh about as much as the word; a shared word pair is
// strong evidence of the same phrase.
constexpr double kWordWeight = 1.0;
constexpr double kTrigramWeight = 0.35;
constexpr double kBigramWeight = 0.6;

// Kind tags keep the three feature spaces apart ("<ab" the 3-gram vs "ab"
// the word). The unit separator cannot occur inside a word.
constexpr std::string_view kWordTag = "w\x1f";
constexpr std::string_view kTrigramTag = "c\x1f";
constexpr std::string_view kBigramTag = "b\x1f";

struct Feature {
  std::uint64_t hash;
  double weight;
  bool operator<(const Feature& other) const {
    return hash < other.hash || (hash == other.hash && weight < other.weight);
  }
};

bool IsCodePointStart(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Appends the code-point 3-grams of "<word>"; a one-letter word gives "<a>".
void AddTrigrams(const std::string& word, std::vector<Feature>& features) {
  const std::string marked = "<" + word + ">";
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if (IsCodePointStart(marked[i])) starts.push_back(i);
  }
  starts.push_back(marked.size());
  const std::uint64_t tagged = Fnv1a64(kTrigramTag);
  for (std::size_t g = 0; g + 3 < starts.size(); ++g) {
    const std::string_view gram(marked.data() + starts[g], starts[g + 3] - starts[g]);
    features.push_back({Mix64(Fnv1a64(gram, tagged)), kTrigramWeight});
  }
}

// The words that carry meaning, stemmed. Stop words go, unless the text has
// nothing else ("to be or not to be" is still a text).
std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words = SplitWords(text);
  std::vector<std::string> content;
  for (const auto& word : words) {
    if (!IsStopWord(word)) content.push_back(StemWord(word));
  }
  if (content.empty()) {
    for (auto& word : words) content.push_back(StemWord(std::move(word)));
  }
  return content;
}

std::string_view LimitInput(std::string_view text) {
  if (text.size() <= kLocalEmbedderMaxInputBytes) return text;
  std::size_t end = kLocalEmbedderMaxInputBytes;
  while (end > 0 && !IsCodePointStart(text[end])) --end;
  return text.substr(0, end);
}

std::vector<Feature> ExtractFeatures(std::string_view text) {
  const std::vector<std::string> words = ContentWords(LimitInput(text));
  std::vector<Feature> features;
  const std::uint64_t word_tag = Fnv1a64(kWordTag);
  const std::uint64_t bigram_tag = Fnv1a64(kBigramTag);
  for (std::size_t i = 0; i < words.size(); ++i) {
    features.push_back({Mix64(Fnv1a64(words[i], word_tag)), kWordWeight});
    AddTrigrams(words[i], features);
    if (i + 1 < words.size()) {
      const std::uint64_t first = Fnv1a64(" ", Fnv1a64(words[i], bigram_tag));
      features.push_back({Mix64(Fnv1a64(words[i + 1], first)), kBigramWeight});
    }
  }
  return features;
}

}  // namespace

std::vector<float> EmbedLocal(std::string_view text) {
  std::vector<Feature> features = ExtractFeatures(text);
  // Sorting groups repeats (for the term frequency) and fixes the order of
  // the sums, so the floats never depend on the order of the text's words.
  std::sort(features.begin(), features.end());
  std::array<double, kLocalEmbeddingDimension> sums{};
  for (std::size_t i = 0; i < features.size();) {
    std::size_t end = i;
    while (end < features.size() && !(features[i] < features[end])) ++end;  // equal hash and weight
    const double frequency = static_cast<double>(end - i);
    const std::uint64_t hash = features[i].hash;
    const double sign = (hash >> 63) != 0 ? -1.0 : 1.0;
    // Products are named before they are summed, so no compiler may fuse
    // them into an FMA (clang's default -ffp-contract=on would within one
    // expression) and change the last bit on some machines.
    const double contribution = sign * features[i].weight * std::sqrt(frequency);
    sums[hash % kLocalEmbeddingDimension] += contribution;
    i = end;
  }
  double squared = 0.0;
  for (const double s : sums) {
    const double square = s * s;
    squared += square;
  }
  std::vector<float> vector(kLocalEmbeddingDimension, 0.0f);
  if (squared == 0.0) return vector;
  const double norm = std::sqrt(squared);
  for (std::size_t i = 0; i < kLocalEmbeddingDimension; ++i) vector[i] = static_cast<float>(sums[i] / norm);
  return vector;
}

std::string EmbeddingInput(std::string_view title, std::string_view content) {
  std::string input;
  input.reserve(title.size() + 1 + content.size());
  input.append(title).append(" ").append(content);
  return input;
}

std::string LocalEmbedderInfoJson() {
  return std::string(R"({"name":")") + std::string(kLocalEmbedderName) + R"(","dimension":)" +
         std::to_string(kLocalEmbeddingDimension) +
         R"(,"kind":"lexical","normalized":true,)"
         R"("features":["word","char-3-gram","word-bigram"],"hash":"fnv1a-64",)"
         R"("max_input_bytes":)" + std::to_string(kLocalEmbedderMaxInputBytes) + "}";
}

}  // namespace ai_memory::core
