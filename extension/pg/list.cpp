// ai_memory.list(): non-expired memories with optional filters, ordered by
// priority then recency; with as_agent, only those ai_memory.visible_to() that
// agent (scope visibility, reference §1.4). The statement is assembled from
// fixed fragments for the filters present (values are always bound), so each
// call is planned for the filters it really has and can use the matching index.
#include "pg/postgres.hpp"  // first, before any standard header

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/tier.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"
#include "pg/args.hpp"
#include "pg/clock.hpp"
#include "pg/guard.hpp"
#include "pg/spi.hpp"

namespace {

using namespace ai_memory;

enum ListArg { kNamespace, kTier, kLimit, kOffset, kMinPriority, kSince, kUntil, kTag, kAgentId, kAsAgent };

// Bound parameters and the WHERE fragments that use them.
class ListQuery {
 public:
  void Add(const char* fragment_with_placeholder, Oid type, Datum value) {
    types_.push_back(type);
    values_.push_back(value);
    std::string fragment = fragment_with_placeholder;
    fragment.replace(fragment.find('?'), 1, "$" + std::to_string(values_.size()));
    where_ += " AND " + fragment;
  }
  std::string Sql(int limit_param, int offset_param) const {
    return "SELECT m.* FROM ai_memory.memories m WHERE true" + where_ +
           " ORDER BY m.priority DESC, m.updated_at DESC, m.id LIMIT $" + std::to_string(limit_param) +
           " OFFSET $" + std::to_string(offset_param);
  }
  std::vector<Oid>& types() { return types_; }
  std::vector<Datum>& values() { return values_; }

 private:
  std::string where_;
  std::vector<Oid> types_;
  std::vector<Datum> values_;
};

}  // namespace

AI_MEMORY_FUNCTION(ai_memory_list) {
  const auto ns = pg::TextArg(fcinfo, kNamespace);
  const auto tier = pg::TextArg(fcinfo, kTier);
  const auto limit = pg::Int32Arg(fcinfo, kLimit).value_or(20);
  const auto offset = pg::Int32Arg(fcinfo, kOffset).value_or(0);
  const auto min_priority = pg::Int32Arg(fcinfo, kMinPriority);
  const auto since = pg::TimestampArg(fcinfo, kSince, "since");
  const auto until = pg::TimestampArg(fcinfo, kUntil, "until");
  const auto tag = pg::TextArg(fcinfo, kTag);
  const auto agent_id = pg::TextArg(fcinfo, kAgentId);
  const auto as_agent = pg::TextArg(fcinfo, kAsAgent);

  if (ns) core::ValidateNamespace(*ns);
  if (tier) core::ParseTier(*tier);
  if (limit < 1) core::ThrowInvalid("limit must be positive (got " + std::to_string(limit) + ")");
  if (offset < 0) core::ThrowInvalid("offset must be non-negative (got " + std::to_string(offset) + ")");
  if (tag) core::ValidateTags({*tag});
  if (agent_id) core::ValidateAgentId(*agent_id);
  if (as_agent) {
    try {
      core::ValidateNamespace(*as_agent);
    } catch (const core::Error& e) {
      core::ThrowInvalid(std::string("invalid as_agent: ") + e.what());
    }
  }

  ListQuery query;
  query.Add("(m.expires_at IS NULL OR m.expires_at > ?)", TIMESTAMPTZOID, TimestampTzGetDatum(pg::CurrentTime()));
  if (ns) query.Add("m.namespace = ?", TEXTOID, pg::TextDatum(*ns));
  if (tier) query.Add("m.tier = ?::ai_memory.tier", TEXTOID, pg::TextDatum(*tier));
  if (min_priority) query.Add("m.priority >= ?", INT4OID, Int32GetDatum(static_cast<int32>(*min_priority)));
  if (since) query.Add("m.created_at >= ?", TIMESTAMPTZOID, pg::TimestampDatum(*since));
  if (until) query.Add("m.created_at <= ?", TIMESTAMPTZOID, pg::TimestampDatum(*until));
  if (tag) query.Add("m.tags @> ARRAY[?::text]", TEXTOID, pg::TextDatum(*tag));
  if (agent_id) query.Add("m.metadata ->> 'agent_id' = ?", TEXTOID, pg::TextDatum(*agent_id));
  if (as_agent) {
    query.Add("ai_memory.visible_to(m.namespace, m.metadata ->> 'scope', ?)", TEXTOID,
              pg::TextDatum(std::string(core::TrimWhitespace(*as_agent))));
  }
  query.types().insert(query.types().end(), {INT4OID, INT4OID});
  query.values().push_back(Int32GetDatum(static_cast<int32>(std::min<std::int64_t>(limit, core::kMaxListLimit))));
  query.values().push_back(Int32GetDatum(static_cast<int32>(offset)));
  const int nargs = static_cast<int>(query.values().size());
  const std::string sql = query.Sql(nargs - 1, nargs);

  pg::PgCall([&] {
    pg::MaterializeQuery(fcinfo, sql.c_str(), nargs, query.types().data(), query.values().data(), nullptr);
  });
  return static_cast<Datum>(0);
}
