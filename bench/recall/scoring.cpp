#include "recall/scoring.hpp"

#include <algorithm>

namespace ai_memory::bench {

void QualityTally::Add(const std::vector<std::size_t>& ranked, const std::vector<std::size_t>& answers) {
  ++questions_;
  for (std::size_t rank = 1; rank <= ranked.size(); ++rank) {
    if (std::find(answers.begin(), answers.end(), ranked[rank - 1]) == answers.end()) continue;
    hits_at_1_ += rank <= 1;
    hits_at_5_ += rank <= 5;
    hits_at_10_ += rank <= 10;
    reciprocal_ranks_ += 1.0 / static_cast<double>(rank);
    return;
  }
}

QualityScore QualityTally::Score() const {
  QualityScore score;
  score.questions = questions_;
  if (questions_ == 0) return score;
  const auto n = static_cast<double>(questions_);
  score.r_at_1 = static_cast<double>(hits_at_1_) / n;
  score.r_at_5 = static_cast<double>(hits_at_5_) / n;
  score.r_at_10 = static_cast<double>(hits_at_10_) / n;
  score.mrr = reciprocal_ranks_ / n;
  return score;
}

SystemQuality Evaluate(const Corpus& corpus, const Ranker& ranker) {
  QualityTally overall;
  std::map<QuestionClass, QualityTally> by_class;
  for (const Question& question : corpus.questions) {
    const std::vector<std::size_t> ranked = ranker(question);
    overall.Add(ranked, question.answers);
    by_class[question.question_class].Add(ranked, question.answers);
  }
  SystemQuality quality;
  quality.overall = overall.Score();
  for (const auto& [question_class, tally] : by_class) quality.by_class[question_class] = tally.Score();
  return quality;
}

}  // namespace ai_memory::bench
