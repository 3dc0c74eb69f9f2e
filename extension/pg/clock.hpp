// "Now" for every rule: the transaction start time, or ai_memory.now_override
// so that tests can move time without sleeping (ARCHITECTURE decision 1).
#pragma once
#include "pg/postgres.hpp"

namespace ai_memory::pg {

TimestampTz CurrentTime();

}  // namespace ai_memory::pg
