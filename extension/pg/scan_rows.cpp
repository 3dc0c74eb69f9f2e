#include "pg/scan_rows.hpp"  // first, before any standard header

extern "C" {
#include "executor/spi.h"
#include "nodes/params.h"
#include "tcop/dest.h"
}

#include "pg/guard.hpp"
#include "pg/spi.hpp"

namespace ai_memory::pg {
namespace {

// A DestReceiver first, so the executor's pointer to it is one to this.
struct RowReceiver {
  DestReceiver base;
  RowSink sink;
  bool cancelled;
};

bool ReceiveRow(TupleTableSlot* slot, DestReceiver* self) {
  auto* receiver = reinterpret_cast<RowReceiver*>(self);
  if (CancelRequested()) {
    receiver->cancelled = true;
    return false;
  }
  return receiver->sink.row(receiver->sink.context, slot);
}

void StartReceiving(DestReceiver*, int, TupleDesc) {}
void StopReceiving(DestReceiver*) {}
void DestroyReceiver(DestReceiver*) {}

}  // namespace

bool RunRowScan(SPIPlanPtr plan, const Datum* values, const char* nulls, RowSink sink) {
  // Plain C from here: the executor calls back into ReceiveRow, which
  // never throws (ScanRows catches on_row's exceptions).
  RowReceiver receiver{{ReceiveRow, StartReceiving, StopReceiving, DestroyReceiver, DestNone}, sink, false};
  PgCall([&] {
    const int nargs = SPI_getargcount(plan);
    ParamListInfo params = makeParamList(nargs);
    for (int i = 0; i < nargs; ++i) {
      ParamExternData* param = &params->params[i];
      param->value = values[i];
      param->isnull = nulls[i] == 'n';
      param->pflags = PARAM_FLAG_CONST;
      param->ptype = SPI_getargtypeid(plan, i);
    }
    SPIExecuteOptions options{};
    options.params = params;
    options.read_only = true;
    options.dest = &receiver.base;
    const int rc = SPI_execute_plan_extended(plan, &options);
    if (rc < 0) elog(ERROR, "ai_memory: SPI_execute_plan_extended failed: %s", SPI_result_code_string(rc));
    SpiFinish();
  });
  return receiver.cancelled;
}

}  // namespace ai_memory::pg
