// The built-in vocabulary of the retrieval corpus: the entities agents keep
// memories about, each with the wording a memory uses, an inflected form (for
// questions only stemming can match) and synonyms (for questions only a
// system that knows meaning can match), plus the templates that turn them
// into memories and questions.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ai_memory::bench {

// A noun phrase: its name in memories, its plural, and paraphrases of it.
struct Term {
  std::string name;
  std::string plural;
  std::vector<std::string> synonyms;
};

// One kind of fact: the answer memory, three questions of rising difficulty
// and a hard distractor that shares the fact's entities but not its answer.
// Text holds slots: {key}, or {^key} for the value with a capital first letter.
struct FactTemplate {
  std::string title;
  std::string content;
  std::string easy;        // shares the memory's words
  std::string stem;        // shares them only after stemming (plurals, tenses)
  std::string paraphrase;  // synonyms and rewording: little lexical overlap
  std::string distractor_title;
  std::string distractor_content;
};

// A decision between tools for one purpose.
struct Purpose {
  std::string name;
  std::string synonym;
  std::vector<std::string> options;
};

// What went wrong and how it was fixed.
struct Remedy {
  std::string cause;
  std::string fix;
};

using Slots = std::map<std::string, std::string>;

// Replaces every {key} / {^key}; throws on a slot `slots` lacks.
std::string Fill(const std::string& text, const Slots& slots);

namespace vocabulary {

const std::vector<std::string>& Projects();  // one namespace each
const std::vector<Term>& Environments();
const std::vector<Term>& Components();
const std::vector<Term>& Services();
const std::vector<std::string>& FirstNames();
const std::vector<std::string>& LastNames();
const std::vector<std::string>& Regions();
const std::vector<std::string>& Weekdays();
const std::vector<std::string>& Months();
const std::vector<std::string>& Languages();
const std::vector<Purpose>& Purposes();
const std::vector<std::string>& Reasons();
const std::vector<Term>& Symptoms();
const std::vector<Remedy>& Remedies();

// Slots: env, env_syn, comp, comps, comp_syn, value, other.
const FactTemplate& PortFact();
const FactTemplate& RegionFact();
const FactTemplate& VersionFact();
// Slots: svc, svcs, svc_syn, value, other (owner: person and other person).
const FactTemplate& OwnerFact();
const FactTemplate& DeployFact();
const FactTemplate& LanguageFact();
// Slots: purpose, purpose_syn, choice, alt, other, reason.
const FactTemplate& DecisionFact();
// Slots: symptom, symptom_syn, env, env_syn, comp, comps, comp_syn, cause, fix.
const FactTemplate& IncidentFact();
// Literal user preferences (no slots, no distractor).
const std::vector<FactTemplate>& Preferences();

}  // namespace vocabulary
}  // namespace ai_memory::bench
