#include "pg/settings.hpp"

#include "core/limits.hpp"

namespace ai_memory::pg {
namespace {

// GUC storage must be plain globals: PostgreSQL writes them directly.
int short_ttl_secs = 21600;
int mid_ttl_secs = 604800;
int long_ttl_secs = 0;
int short_extend_secs = 3600;
int mid_extend_secs = 86400;
char* now_override = nullptr;
bool testing = false;

void DefineTtl(const char* name, const char* description, int* storage, int default_value) {
  DefineCustomIntVariable(name, description, "0 or less means no expiry.", storage, default_value, -1,
                          static_cast<int>(core::kMaxTierTtlSecs), PGC_SUSET, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
}

void DefineExtension(const char* name, const char* description, int* storage, int default_value) {
  DefineCustomIntVariable(name, description, nullptr, storage, default_value, 0,
                          static_cast<int>(core::kMaxTierTtlSecs), PGC_SUSET, GUC_UNIT_S, nullptr, nullptr,
                          nullptr);
}

}  // namespace

void DefineSettings() {
  DefineTtl("ai_memory.short_ttl_secs", "Time to live of a new short-tier memory.", &short_ttl_secs, 21600);
  DefineTtl("ai_memory.mid_ttl_secs", "Time to live of a new mid-tier memory.", &mid_ttl_secs, 604800);
  DefineTtl("ai_memory.long_ttl_secs", "Time to live of a new long-tier memory.", &long_ttl_secs, 0);
  DefineExtension("ai_memory.short_extend_secs", "Expiry extension of a short-tier memory on recall.",
                  &short_extend_secs, 3600);
  DefineExtension("ai_memory.mid_extend_secs", "Expiry extension of a mid-tier memory on recall.",
                  &mid_extend_secs, 86400);
  DefineCustomStringVariable("ai_memory.now_override",
                             "Replaces the current time for every ai_memory rule (tests only).",
                             "A timestamptz literal; empty means the real transaction time.", &now_override, "",
                             PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomBoolVariable("ai_memory.testing", "Enables the test-only functions ai_memory._test_*.", nullptr,
                           &testing, false, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  MarkGUCPrefixReserved("ai_memory");
}

core::TtlPolicy CurrentTtlPolicy() {
  return core::TtlPolicy{short_ttl_secs, mid_ttl_secs, long_ttl_secs, short_extend_secs, mid_extend_secs};
}

const char* NowOverrideSetting() { return now_override != nullptr ? now_override : ""; }

bool TestingEnabled() { return testing; }

}  // namespace ai_memory::pg
