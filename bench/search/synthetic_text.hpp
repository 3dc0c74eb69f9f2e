// Text for the search-speed benchmark: row g's title and content are drawn
// from a fixed vocabulary with a skewed (Zipf-like) distribution by a PRNG
// seeded with g, so every run and machine builds the same rows, and they
// stream into PostgreSQL with COPY (a million rows in well under a minute).
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ai_memory::bench {

constexpr std::size_t kSpeedNamespaces = 50;

class SyntheticText {
 public:
  // English function words and agent-memory terms take the frequent ranks,
  // then pronounceable made-up words up to `vocabulary_size`.
  explicit SyntheticText(std::size_t vocabulary_size);

  // Appends rows first..last (1-based, inclusive) to ai_memory.memories:
  // 6-word title plus the row number (keeping (title, namespace) unique),
  // 30-word content, namespace ns-(g % 50).
  void CopyMemories(PGconn* conn, std::size_t first, std::size_t last) const;

  struct Query {
    std::string text;
    std::string ns;  // the namespace of the row it was drawn from
  };
  // `count` queries of `words` words, each taken from the content of one of
  // rows 1..rows, so AND queries have at least one match, as real ones do.
  std::vector<Query> Queries(std::size_t count, std::size_t words, std::size_t rows) const;

 private:
  std::vector<std::string> Words(std::uint64_t row, std::size_t count, std::uint64_t stream) const;
  std::vector<std::string> vocabulary_;
};

}  // namespace ai_memory::bench
