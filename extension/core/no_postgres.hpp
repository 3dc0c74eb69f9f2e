// Included by every header in extension/core: core is pure C++17 and must
// compile without PostgreSQL, so that it can be unit-tested alone and never
// meets PostgreSQL's longjmp-based error handling. The glue (extension/pg)
// may include core headers after PostgreSQL's; it announces itself with
// AI_MEMORY_PG_GLUE in pg/postgres.hpp, and nothing else may.
#pragma once

#if (defined(POSTGRES_H) || defined(FMGR_H)) && !defined(AI_MEMORY_PG_GLUE)
#error "extension/core must not include PostgreSQL headers; put glue in extension/pg"
#endif
