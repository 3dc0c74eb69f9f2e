#include "pg/spi_value.hpp"

namespace ai_memory::pg {

Datum FirstValueOfPlan(KeptPlan* plan, Datum* values, const char* nulls, bool read_only, bool* isnull) {
  SpiConnect();
  const int rc = SPI_execute_plan(PreparedPlan(plan), values, nulls, read_only, 1);
  if (rc < 0) elog(ERROR, "ai_memory: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  Datum value = static_cast<Datum>(0);
  *isnull = true;
  if (SPI_processed > 0) {
    TupleDesc desc = SPI_tuptable->tupdesc;
    value = SPI_getbinval(SPI_tuptable->vals[0], desc, 1, isnull);
    if (!*isnull) {
      Form_pg_attribute attribute = TupleDescAttr(desc, 0);
      value = SPI_datumTransfer(value, attribute->attbyval, attribute->attlen);
    }
  }
  SpiFinish();
  return value;
}

}  // namespace ai_memory::pg
