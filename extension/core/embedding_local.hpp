// The built-in local embedder, "local-lexical-v1": a deterministic, lexical
// (NOT neural) text embedding, so that hybrid recall works with no model and
// no service (ARCHITECTURE decision 7). It hashes features of the text into
// 384 signed buckets and L2-normalises the result:
//   - each word but common stop words, lower-cased and lightly stemmed
//     (embedding_tokens.hpp),
//   - each character 3-gram of "<word>" (code points, so accents stay whole),
//   - each pair of adjacent words,
// each weighted by sqrt(term frequency) times a per-kind weight.
// Texts that share words, stems or word fragments score a higher cosine than
// texts that share none; synonyms with no common letters score nothing.
//
// Determinism: the same text gives bit-identical floats on every platform
// with IEEE-754 arithmetic (FNV-1a hashing, a fixed accumulation order, only
// +, *, / and sqrt, all correctly rounded). Changing anything here changes
// every stored vector: bump kLocalEmbedderName's version instead.
#pragma once
#include "no_postgres.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

inline constexpr std::string_view kLocalEmbedderName = "local-lexical-v1";
inline constexpr std::size_t kLocalEmbeddingDimension = 384;

// Only this many leading bytes of a text are read (cut back to a code point
// boundary): 16x the longest memory content, and a bound on time and memory
// for arbitrary SQL input.
inline constexpr std::size_t kLocalEmbedderMaxInputBytes = 1024 * 1024;

// The unit-length embedding of `text`; all zeros when the text has no word
// (empty, or only punctuation and spaces).
std::vector<float> EmbedLocal(std::string_view text);

// The text a memory is embedded from (reference §11): "<title> <content>".
std::string EmbeddingInput(std::string_view title, std::string_view content);

// {"name":..., "dimension":384, "kind":"lexical", ...} as JSON text.
std::string LocalEmbedderInfoJson();

}  // namespace ai_memory::core
