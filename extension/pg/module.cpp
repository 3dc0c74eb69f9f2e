// The module's entry: magic block and load-time setup.
#include "pg/postgres.hpp"
#include "pg/settings.hpp"

extern "C" {
PG_MODULE_MAGIC;

void _PG_init(void);
void _PG_init(void) { ai_memory::pg::DefineSettings(); }
}
