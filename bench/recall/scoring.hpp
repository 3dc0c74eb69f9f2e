// Retrieval quality of one system over the questions: recall at 1, 5 and 10
// (the share of questions with an answer among the first k results) and the
// mean reciprocal rank of the first answer within the results (0 if absent).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <vector>

#include "recall/corpus.hpp"

namespace ai_memory::bench {

struct QualityScore {
  std::size_t questions = 0;
  double r_at_1 = 0;
  double r_at_5 = 0;
  double r_at_10 = 0;
  double mrr = 0;
};

class QualityTally {
 public:
  // `ranked` holds memory indexes best first; `answers` the right ones.
  void Add(const std::vector<std::size_t>& ranked, const std::vector<std::size_t>& answers);
  QualityScore Score() const;

 private:
  std::size_t questions_ = 0;
  std::size_t hits_at_1_ = 0;
  std::size_t hits_at_5_ = 0;
  std::size_t hits_at_10_ = 0;
  double reciprocal_ranks_ = 0;
};

// A system's score over all questions and per question class.
struct SystemQuality {
  QualityScore overall;
  std::map<QuestionClass, QualityScore> by_class;
};

// Memory indexes best first for one question.
using Ranker = std::function<std::vector<std::size_t>(const Question&)>;

SystemQuality Evaluate(const Corpus& corpus, const Ranker& ranker);

}  // namespace ai_memory::bench
