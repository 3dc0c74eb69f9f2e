#include "pg/spi.hpp"

namespace ai_memory::pg {
void SpiConnect() {
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "ai_memory: SPI_connect failed");
}

void SpiFinish() {
  if (SPI_finish() != SPI_OK_FINISH) elog(ERROR, "ai_memory: SPI_finish failed");
}

SPIPlanPtr PreparedPlan(KeptPlan* kept) {
  if (kept->plan == nullptr) {
    SPIPlanPtr plan = SPI_prepare(kept->sql, kept->nargs, kept->argtypes);
    if (plan == nullptr) elog(ERROR, "ai_memory: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
    if (SPI_keepplan(plan) != 0) elog(ERROR, "ai_memory: SPI_keepplan failed");
    kept->plan = plan;
  }
  return kept->plan;
}

Datum FirstRowOfPlan(KeptPlan* plan, Datum* values, const char* nulls, bool read_only, long max_rows,
                     uint64* rows) {
  SpiConnect();
  const int rc = SPI_execute_plan(PreparedPlan(plan), values, nulls, read_only, max_rows);
  if (rc < 0) elog(ERROR, "ai_memory: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  Datum row = static_cast<Datum>(0);
  *rows = SPI_processed;
  if (*rows > 0) row = PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc));
  SpiFinish();
  return row;
}

void MaterializeQuery(FunctionCallInfo fcinfo, const char* sql, int nargs, Oid* argtypes, Datum* values,
                      const char* nulls) {
  InitMaterializedSRF(fcinfo, 0);
  ReturnSetInfo* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  SpiConnect();
  const int rc = SPI_execute_with_args(sql, nargs, argtypes, values, nulls, true, 0);
  if (rc < 0) elog(ERROR, "ai_memory: SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
  for (uint64 i = 0; i < SPI_processed; ++i) tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[i]);
  SpiFinish();
}

}  // namespace ai_memory::pg
