// The extension's GUCs (ai_memory.*), defined in one place and documented in
// docs/settings.md.
#pragma once
#include "pg/postgres.hpp"

#include "core/tier.hpp"

namespace ai_memory::pg {

void DefineSettings();

core::TtlPolicy CurrentTtlPolicy();
// The raw ai_memory.now_override text; empty when unset.
const char* NowOverrideSetting();
bool TestingEnabled();

}  // namespace ai_memory::pg
