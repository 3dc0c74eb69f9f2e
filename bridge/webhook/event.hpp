// One claimed webhook event, with what delivering it needs
// (ai_memory._claim_webhook_events() in sql/55_webhook_events.sql).
#pragma once

#include <optional>
#include <string>

namespace ai_memory::webhook {

struct Event {
  std::string subscription_id;
  std::string url;
  std::optional<std::string> secret_hash;
  std::string event;
  std::string memory_id;
  std::string ns;
  std::optional<std::string> agent_id;
};

}  // namespace ai_memory::webhook
