#include "recall/corpus.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "common/rng.hpp"
#include "recall/vocabulary.hpp"

namespace ai_memory::bench {
namespace {

namespace vocab = vocabulary;

// A fact that can be asked about: its memory and its filled questions.
struct Candidate {
  std::size_t memory = 0;
  std::string questions[3];  // indexed by QuestionClass
};

// Chance that a fact gets a hard distractor beside it, per kind.
constexpr double kInfraDistractorRate = 1.0 / 3;
constexpr double kServiceDistractorRate = 0.5;
constexpr double kDecisionDistractorRate = 0.5;
constexpr std::size_t kServicesPerNamespace = 6;
constexpr std::size_t kDecisionsPerNamespace = 4;
constexpr std::size_t kPreferencesPerNamespace = 3;
constexpr std::size_t kIncidentsPerNamespace = 3;
// Question targets cycle through kinds so no kind dominates the score.
const std::vector<std::string> kQuestionKinds = {"infra", "service", "decision", "preference",
                                                 "incident", "infra", "service", "infra"};

// `count` distinct indexes below `n`, in random order.
std::vector<std::size_t> Sample(Rng& rng, std::size_t n, std::size_t count) {
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  for (std::size_t i = 0; i + 1 < n; ++i) std::swap(all[i], all[i + rng.Below(n - i)]);
  all.resize(std::min(count, n));
  return all;
}

std::string Person(Rng& rng) { return rng.Pick(vocab::FirstNames()) + " " + rng.Pick(vocab::LastNames()); }

std::string Version(Rng& rng) { return std::to_string(1 + rng.Below(17)) + "." + std::to_string(rng.Below(10)); }

// Builds one namespace's memories and its question candidates by kind.
class NamespaceBuilder {
 public:
  NamespaceBuilder(Corpus& corpus, Rng& rng, std::string ns) : corpus_(corpus), rng_(rng), ns_(std::move(ns)) {}

  void AddInfra() {
    const FactTemplate* facts[] = {&vocab::PortFact(), &vocab::RegionFact(), &vocab::VersionFact()};
    for (const Term& env : vocab::Environments()) {
      for (const Term& comp : vocab::Components()) {
        for (const FactTemplate* fact : facts) {
          Slots slots = {{"env", env.name},   {"env_syn", rng_.Pick(env.synonyms)},
                         {"comp", comp.name}, {"comps", comp.plural},
                         {"comp_syn", rng_.Pick(comp.synonyms)}};
          if (fact == &vocab::PortFact()) {
            slots["value"] = std::to_string(1024 + rng_.Below(60000));
            slots["other"] = std::to_string(10000 + rng_.Below(50000));
          } else if (fact == &vocab::RegionFact()) {
            const auto pair = Sample(rng_, vocab::Regions().size(), 2);
            slots["value"] = vocab::Regions()[pair[0]];
            slots["other"] = vocab::Regions()[pair[1]];
          } else {
            slots["value"] = Version(rng_);
            slots["other"] = Version(rng_);
          }
          AddFact("infra", *fact, slots, {"infra", comp.name, env.name}, kInfraDistractorRate);
        }
      }
    }
  }

  void AddServices() {
    const FactTemplate* facts[] = {&vocab::OwnerFact(), &vocab::DeployFact(), &vocab::LanguageFact()};
    for (const std::size_t s : Sample(rng_, vocab::Services().size(), kServicesPerNamespace)) {
      const Term& svc = vocab::Services()[s];
      for (const FactTemplate* fact : facts) {
        Slots slots = {{"svc", svc.name}, {"svcs", svc.plural}, {"svc_syn", rng_.Pick(svc.synonyms)}};
        if (fact == &vocab::OwnerFact()) {
          slots["value"] = Person(rng_);
          slots["other"] = Person(rng_);
        } else if (fact == &vocab::DeployFact()) {
          slots["value"] = rng_.Pick(vocab::Weekdays());
          slots["other"] = rng_.Pick(vocab::Months());
        } else {
          const auto pair = Sample(rng_, vocab::Languages().size(), 2);
          slots["value"] = vocab::Languages()[pair[0]];
          slots["other"] = vocab::Languages()[pair[1]];
        }
        AddFact("service", *fact, slots, {"service", svc.name}, kServiceDistractorRate);
      }
    }
  }

  void AddDecisions() {
    for (const std::size_t p : Sample(rng_, vocab::Purposes().size(), kDecisionsPerNamespace)) {
      const Purpose& purpose = vocab::Purposes()[p];
      const auto options = Sample(rng_, purpose.options.size(), 3);
      const Slots slots = {{"purpose", purpose.name},
                           {"purpose_syn", purpose.synonym},
                           {"choice", purpose.options[options[0]]},
                           {"alt", purpose.options[options[1]]},
                           {"other", purpose.options[options[2]]},
                           {"reason", rng_.Pick(vocab::Reasons())}};
      AddFact("decision", vocab::DecisionFact(), slots, {"decision"}, kDecisionDistractorRate);
    }
  }

  void AddPreferences() {
    for (const std::size_t p : Sample(rng_, vocab::Preferences().size(), kPreferencesPerNamespace)) {
      AddFact("preference", vocab::Preferences()[p], {}, {"preference"}, 0);
    }
  }

  void AddIncidents() {
    const std::size_t combos = vocab::Symptoms().size() * vocab::Environments().size() * vocab::Components().size();
    for (std::size_t combo : Sample(rng_, combos, kIncidentsPerNamespace)) {
      const Term& symptom = vocab::Symptoms()[combo % vocab::Symptoms().size()];
      combo /= vocab::Symptoms().size();
      const Term& env = vocab::Environments()[combo % vocab::Environments().size()];
      const Term& comp = vocab::Components()[combo / vocab::Environments().size()];
      const Remedy& remedy = rng_.Pick(vocab::Remedies());
      const Slots slots = {{"symptom", symptom.name}, {"symptom_syn", rng_.Pick(symptom.synonyms)},
                           {"env", env.name},         {"env_syn", rng_.Pick(env.synonyms)},
                           {"comp", comp.name},       {"comps", comp.plural},
                           {"comp_syn", rng_.Pick(comp.synonyms)},
                           {"cause", remedy.cause},   {"fix", remedy.fix}};
      AddFact("incident", vocab::IncidentFact(), slots, {"incident", comp.name, env.name}, 1.0);
    }
  }

  // Picks questions_per_namespace distinct facts, cycling kinds and classes.
  void AddQuestions(std::size_t count, std::size_t class_offset) {
    for (std::size_t q = 0; q < count; ++q) {
      auto& pool = candidates_[kQuestionKinds[q % kQuestionKinds.size()]];
      if (pool.empty()) throw std::logic_error("no question candidates left in " + ns_);
      const std::size_t pick = rng_.Below(pool.size());
      const Candidate chosen = pool[pick];
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
      const QuestionClass question_class = kQuestionClasses[(q + class_offset) % 3];
      corpus_.questions.push_back(
          {chosen.questions[static_cast<int>(question_class)], ns_, question_class, {chosen.memory}});
    }
  }

 private:
  void AddFact(const std::string& kind, const FactTemplate& fact, const Slots& slots,
               const std::vector<std::string>& tags, double distractor_rate) {
    Candidate candidate;
    candidate.memory = AddMemory(kind, false, Fill(fact.title, slots), Fill(fact.content, slots), tags);
    candidate.questions[0] = Fill(fact.easy, slots);
    candidate.questions[1] = Fill(fact.stem, slots);
    candidate.questions[2] = Fill(fact.paraphrase, slots);
    candidates_[kind].push_back(candidate);
    if (!fact.distractor_title.empty() && rng_.Unit() < distractor_rate) {
      AddMemory(kind, true, Fill(fact.distractor_title, slots), Fill(fact.distractor_content, slots), tags);
    }
  }

  std::size_t AddMemory(const std::string& kind, bool distractor, std::string title, std::string content,
                        const std::vector<std::string>& tags) {
    // (title, namespace) is unique in ai_memory: a repeat would be an upsert.
    if (!titles_.insert(title).second) throw std::logic_error("duplicate title in " + ns_ + ": " + title);
    corpus_.memories.push_back({kind, distractor, ns_, std::move(title), std::move(content), tags});
    return corpus_.memories.size() - 1;
  }

  Corpus& corpus_;
  Rng& rng_;
  std::string ns_;
  std::set<std::string> titles_;
  std::map<std::string, std::vector<Candidate>> candidates_;
};

// Answers are generated just before their distractors; shuffling removes any
// advantage a system would get from breaking score ties by insertion order.
void ShuffleMemories(Corpus& corpus, Rng& rng) {
  const std::size_t n = corpus.memories.size();
  const std::vector<std::size_t> order = Sample(rng, n, n);  // new position -> old index
  std::vector<std::size_t> moved_to(n);
  std::vector<Memory> shuffled;
  shuffled.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    moved_to[order[i]] = i;
    shuffled.push_back(std::move(corpus.memories[order[i]]));
  }
  corpus.memories = std::move(shuffled);
  for (Question& question : corpus.questions) {
    for (std::size_t& answer : question.answers) answer = moved_to[answer];
  }
}

}  // namespace

const char* ClassName(QuestionClass question_class) {
  switch (question_class) {
    case QuestionClass::kEasy: return "easy";
    case QuestionClass::kStem: return "stem";
    case QuestionClass::kParaphrase: return "paraphrase";
  }
  return "?";
}

Corpus GenerateCorpus(const CorpusOptions& options) {
  if (options.namespaces > vocab::Projects().size()) throw std::runtime_error("too many namespaces requested");
  Corpus corpus;
  corpus.seed = options.seed;
  Rng rng(options.seed);
  for (std::size_t n = 0; n < options.namespaces; ++n) {
    const std::string ns = vocab::Projects()[n];
    corpus.namespaces.push_back(ns);
    NamespaceBuilder builder(corpus, rng, ns);
    builder.AddInfra();
    builder.AddServices();
    builder.AddDecisions();
    builder.AddPreferences();
    builder.AddIncidents();
    builder.AddQuestions(options.questions_per_namespace, n);
  }
  ShuffleMemories(corpus, rng);
  return corpus;
}

}  // namespace ai_memory::bench
