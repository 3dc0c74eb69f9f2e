// ai_memory._check_webhook_url(): the subscribe-time SSRF check of a webhook
// url (core/ssrf.hpp) for SQL, so a DBA's subscribe() is held to the same
// rules as an agent's.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>

#include "core/ssrf.hpp"
#include "pg/args.hpp"
#include "pg/guard.hpp"

AI_MEMORY_FUNCTION(ai_memory_check_webhook_url) {
  const std::string url = ai_memory::pg::TextArg(fcinfo, 0).value_or("");
  ai_memory::core::CheckWebhookUrl(url);
  PG_RETURN_DATUM(ai_memory::pg::TextDatum(url));
}
