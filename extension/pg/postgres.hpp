// The one way extension/pg includes PostgreSQL: first, in a fixed order, with
// C linkage. Standard headers come after this one (style-anchors §4.12).
#pragma once

// Lets core headers (which refuse PostgreSQL) be used by the glue.
#define AI_MEMORY_PG_GLUE 1

extern "C" {
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
}
