#include "recall/vocabulary.hpp"

#include <cctype>
#include <stdexcept>

namespace ai_memory::bench {

std::string Fill(const std::string& text, const Slots& slots) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '{') {
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i);
    if (close == std::string::npos) throw std::logic_error("unclosed slot in template: " + text);
    std::string key = text.substr(i + 1, close - i - 1);
    const bool capital = !key.empty() && key[0] == '^';
    if (capital) key.erase(0, 1);
    const auto it = slots.find(key);
    if (it == slots.end()) throw std::logic_error("template slot {" + key + "} has no value: " + text);
    std::string value = it->second;
    if (capital && !value.empty()) value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
    out += value;
    i = close + 1;
  }
  return out;
}

namespace vocabulary {

const std::vector<std::string>& Projects() {
  static const std::vector<std::string> items = {
      "atlas",   "borealis", "cobalt",  "dynamo",   "ember",   "falcon",  "granite", "harbor",  "iris",
      "juniper", "kestrel",  "lumen",   "meridian", "nebula",  "onyx",    "pioneer", "quartz",  "raven",
      "sierra",  "tundra",   "umbra",   "vertex",   "willow",  "xenon",   "yarrow",  "zephyr",  "aurora",
      "basalt",  "cedar",    "delta",   "echo",     "fjord",   "glacier", "helix",   "indigo",  "jasper",
      "kodiak",  "lotus",    "magnet",  "nimbus",   "orchid",  "prism",   "quill",   "redwood", "saffron",
      "topaz",   "ultra",    "velvet",  "wren",     "yukon"};
  return items;
}

const std::vector<Term>& Environments() {
  static const std::vector<Term> items = {
      {"staging", "staging", {"pre-prod", "preproduction"}},
      {"production", "production", {"prod", "live"}},
      {"development", "development", {"dev", "sandbox"}},
  };
  return items;
}

const std::vector<Term>& Components() {
  static const std::vector<Term> items = {
      {"database", "databases", {"db", "datastore", "postgres"}},
      {"cache", "caches", {"redis", "caching tier"}},
      {"message queue", "message queues", {"broker", "event bus"}},
      {"search cluster", "search clusters", {"elasticsearch", "full-text engine"}},
      {"api gateway", "api gateways", {"edge proxy", "ingress"}},
      {"object store", "object stores", {"blob bucket", "s3 bucket"}},
      {"metrics server", "metrics servers", {"prometheus", "monitoring box"}},
  };
  return items;
}

const std::vector<Term>& Services() {
  static const std::vector<Term> items = {
      {"billing service", "billing services", {"invoicing system", "payments backend"}},
      {"authentication service", "authentication services", {"login system", "sign-in flow"}},
      {"notification service", "notification services", {"alerting pipeline", "push messaging"}},
      {"reporting service", "reporting services", {"analytics dashboards", "BI exports"}},
      {"onboarding service", "onboarding services", {"signup flow", "new-user wizard"}},
      {"inventory service", "inventory services", {"stock tracker", "warehouse counts"}},
      {"shipping service", "shipping services", {"delivery tracking", "parcel dispatch"}},
      {"recommendation service", "recommendation services", {"suggestions engine", "you-may-also-like widget"}},
      {"checkout service", "checkout services", {"purchase flow", "cart payment step"}},
      {"profile service", "profile services", {"account settings", "user details page"}},
      {"audit log service", "audit log services", {"compliance trail", "activity history"}},
      {"scheduler service", "scheduler services", {"cron runner", "job timer"}},
  };
  return items;
}

const std::vector<std::string>& FirstNames() {
  static const std::vector<std::string> items = {"Maria", "Priya", "Tomasz", "Aiko",  "Lars",   "Fatima", "Diego",
                                                 "Chen",  "Olu",   "Sven",   "Ana",   "Ravi",   "Noa",    "Kwame",
                                                 "Elena", "Jonas", "Mei",    "Omar",  "Ingrid", "Luca"};
  return items;
}

const std::vector<std::string>& LastNames() {
  static const std::vector<std::string> items = {"Chen",   "Natarajan", "Kowalski", "Tanaka", "Berg",
                                                 "Haddad", "Alvarez",   "Wei",      "Adeyemi", "Lindqvist",
                                                 "Silva",  "Iyer",      "Cohen",    "Mensah", "Petrova",
                                                 "Keller", "Lin",       "Farouk",   "Dahl",   "Rossi"};
  return items;
}

const std::vector<std::string>& Regions() {
  static const std::vector<std::string> items = {"eu-west-1",    "eu-central-1", "us-east-1", "us-east-2",
                                                 "us-west-2",    "ap-southeast-1", "ap-northeast-1", "ca-central-1",
                                                 "sa-east-1",    "eu-north-1"};
  return items;
}

const std::vector<std::string>& Weekdays() {
  static const std::vector<std::string> items = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  return items;
}

const std::vector<std::string>& Months() {
  static const std::vector<std::string> items = {"January", "March", "June", "September", "November", "December"};
  return items;
}

const std::vector<std::string>& Languages() {
  static const std::vector<std::string> items = {"Go",     "Rust", "Kotlin", "TypeScript", "Python",
                                                 "Java",   "Elixir", "C++",  "Scala",      "Ruby"};
  return items;
}

const std::vector<Purpose>& Purposes() {
  static const std::vector<Purpose> items = {
      {"message broker", "event streaming platform", {"Kafka", "RabbitMQ", "NATS", "SQS"}},
      {"frontend framework", "UI library", {"React", "Vue", "Svelte", "Angular"}},
      {"CI system", "build pipeline tool", {"GitHub Actions", "Jenkins", "GitLab CI", "Buildkite"}},
      {"container orchestrator", "platform that runs our containers", {"Kubernetes", "Nomad", "ECS"}},
      {"logging backend", "tool that collects application output", {"Loki", "Elasticsearch", "Datadog"}},
      {"feature flag tool", "toggle system", {"LaunchDarkly", "Unleash", "Flagsmith"}},
      {"API style", "wire protocol between services", {"GraphQL", "REST", "gRPC"}},
      {"package manager", "dependency installer", {"pnpm", "Yarn", "npm"}},
      {"secrets manager", "credential vault", {"HashiCorp Vault", "AWS Secrets Manager", "Doppler"}},
      {"infrastructure as code", "provisioning language", {"Terraform", "Pulumi", "CloudFormation"}},
  };
  return items;
}

const std::vector<std::string>& Reasons() {
  static const std::vector<std::string> items = {
      "it supports replaying old events",       "the team already knows it well",
      "it needs less maintenance",              "its licensing costs were lower",
      "it has better type safety",              "it scales horizontally without downtime",
      "the vendor offers EU data residency",    "its latency was lower in our load test"};
  return items;
}

const std::vector<Term>& Symptoms() {
  static const std::vector<Term> items = {
      {"timeouts", "timeouts", {"requests hanging"}},
      {"high memory usage", "high memory usage", {"RAM ballooning"}},
      {"disk full alerts", "disk full alerts", {"running out of storage space"}},
      {"slow queries", "slow queries", {"sluggish lookups"}},
      {"5xx responses", "5xx responses", {"server failures"}},
      {"replication lag", "replication lag", {"replicas falling behind"}},
      {"connection resets", "connection resets", {"dropped sockets"}},
  };
  return items;
}

const std::vector<Remedy>& Remedies() {
  static const std::vector<Remedy> items = {
      {"a missing index on orders.customer_id", "adding the index concurrently"},
      {"an unbounded in-process cache", "capping it at 512 MB"},
      {"log rotation being disabled", "re-enabling logrotate"},
      {"connection pool exhaustion", "raising the pool size to 50"},
      {"a long-running migration holding a lock", "setting lock_timeout to 5s"},
      {"a noisy neighbour on the shared host", "moving to a dedicated node"},
      {"an expired TLS certificate", "automating renewal with cert-manager"},
  };
  return items;
}

const FactTemplate& PortFact() {
  static const FactTemplate fact = {
      "{^env} {comp} port",
      "The {env} {comp} runs on port {value}. Connect with the usual service account.",
      "What port does the {env} {comp} run on?",
      "Which ports were the {env} {comps} running on?",
      "Which socket number does {env_syn}'s {comp_syn} listen at?",
      "{^env} {comp} port forwarding",
      "To reach the {env} {comp} from a laptop, forward local port {other} through the bastion host."};
  return fact;
}

const FactTemplate& RegionFact() {
  static const FactTemplate fact = {
      "{^env} {comp} region",
      "The {env} {comp} is hosted in the {value} region.",
      "In which region is the {env} {comp} hosted?",
      "Which regions host the {env} {comps}?",
      "Where does {env_syn}'s {comp_syn} physically live?",
      "{^env} {comp} region failover",
      "If its primary region goes down, the {env} {comp} fails over to {other}."};
  return fact;
}

const FactTemplate& VersionFact() {
  static const FactTemplate fact = {
      "{^env} {comp} version",
      "The {env} {comp} is currently running version {value}.",
      "What version is the {env} {comp} running?",
      "Which versions did the {env} {comps} run?",
      "What release of {env_syn}'s {comp_syn} is deployed right now?",
      "{^env} {comp} version upgrade plan",
      "An upgrade of the {env} {comp} to {other} is planned for next quarter."};
  return fact;
}

const FactTemplate& OwnerFact() {
  static const FactTemplate fact = {
      "{^svc} owner",
      "{value} owns the {svc} and reviews every change to it.",
      "Who owns the {svc}?",
      "Which person reviewed changes to the {svcs}?",
      "Whom should I ask before touching the {svc_syn}?",
      "{^svc} shadowing",
      "{other} is shadowing {value} on the {svc} this month."};
  return fact;
}

const FactTemplate& DeployFact() {
  static const FactTemplate fact = {
      "{^svc} deploy schedule",
      "The {svc} deploys to production every {value} after the standup.",
      "When does the {svc} deploy to production?",
      "On which days are the {svcs} deployed?",
      "What weekday do {svc_syn} releases ship?",
      "{^svc} deploy freeze",
      "No deploys of the {svc} are allowed during {other} because of the yearly audit."};
  return fact;
}

const FactTemplate& LanguageFact() {
  static const FactTemplate fact = {
      "{^svc} language",
      "The {svc} is written in {value}.",
      "What language is the {svc} written in?",
      "Which languages are the {svcs} written in?",
      "What programming stack is the {svc_syn} coded with?",
      "{^svc} language migration",
      "There is a proposal to rewrite the {svc} in {other} next year."};
  return fact;
}

const FactTemplate& DecisionFact() {
  static const FactTemplate fact = {
      "Decision: {purpose}",
      "We decided to use {choice} instead of {alt} as the {purpose} because {reason}.",
      "Why did we decide to use {choice} instead of {alt}?",
      "What were the reasons behind deciding the {purpose}?",
      "Which {purpose_syn} did the team settle on, and why?",
      "Decision review: {purpose}",
      "The {purpose} choice will be revisited at the next architecture review; {other} is still on the table."};
  return fact;
}

const FactTemplate& IncidentFact() {
  static const FactTemplate fact = {
      "Incident: {symptom} on {env} {comp}",
      "User: we saw {symptom} on the {env} {comp} last night. Assistant: the root cause was {cause}; we fixed it "
      "by {fix}.",
      "What caused the {symptom} on the {env} {comp}?",
      "What was causing {symptom} on the {env} {comps}?",
      "Why did {env_syn}'s {comp_syn} suffer from {symptom_syn}?",
      "Follow-up: {symptom} on {env} {comp}",
      "Action item: add an alert for {symptom} on the {env} {comp} before the next release."};
  return fact;
}

const std::vector<FactTemplate>& Preferences() {
  static const std::vector<FactTemplate> items = {
      {"Indentation preference", "The user prefers tabs over spaces for indentation in Go code.",
       "Does the user prefer tabs or spaces?", "What indentation is preferred by the user?",
       "How should I format leading whitespace in this person's code?", "", ""},
      {"Editor theme preference", "The user likes a dark theme in every editor and terminal.",
       "Does the user like a dark theme?", "Which themes does the user like for editors?",
       "Should IDE colours be bright or night-style for them?", "", ""},
      {"Answer style preference", "The user wants short answers without emojis.",
       "Does the user want short answers without emojis?", "Are emojis wanted in the user's answers?",
       "How terse should replies to this person be?", "", ""},
      {"Unit system preference", "The user prefers metric units for all measurements.",
       "Does the user prefer metric units?", "Which units are preferred for measuring things?",
       "Should distances be given in kilometres or miles for them?", "", ""},
      {"Test framework preference", "The user prefers pytest over unittest for Python tests.",
       "Does the user prefer pytest or unittest?", "Which framework is preferred for testing Python?",
       "What should I use to write checks for their Python code?", "", ""},
      {"Commit message preference", "The user wants commit messages in the imperative mood with a ticket number.",
       "How does the user want commit messages written?", "Which mood is wanted in committed messages?",
       "How should I phrase my git log entries for them?", "", ""},
      {"Meeting time preference", "The user prefers meetings after 10am Berlin time.",
       "When does the user prefer meetings?", "Which times are preferred for meeting the user?",
       "What is the earliest I should book a call with them?", "", ""},
      {"Documentation language preference",
       "The user reads documentation in German but writes code comments in English.",
       "In which language does the user read documentation?", "Which languages does the user write comments in?",
       "Should code annotations be German or English for them?", "", ""},
      {"Shell preference", "The user works in zsh with vi key bindings.", "Which shell does the user work in?",
       "Which bindings and shells is the user working with?", "What terminal interpreter and keymap do they use?",
       "", ""},
      {"Pull request size preference", "The user wants small pull requests under 400 lines.",
       "How large should pull requests be for the user?", "What size of pull request is wanted by the user?",
       "How big can a change set be before they object?", "", ""},
      {"Alerting channel preference", "The user wants incident alerts by SMS, never by email.",
       "How does the user want incident alerts?", "Which channel is wanted for alerting the user about incidents?",
       "If something breaks at night, how do I reach them?", "", ""},
      {"Diagram preference", "The user likes diagrams in architecture documents.",
       "Does the user like diagrams in architecture documents?", "Are diagrams liked in the user's architecture document?",
       "Should design write-ups include drawings for them?", "", ""},
  };
  return items;
}

}  // namespace vocabulary
}  // namespace ai_memory::bench
