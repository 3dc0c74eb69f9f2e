// The "ai_memory worker": a background worker that calls ai_memory.gc() in
// ai_memory.worker_database every ai_memory.gc_interval_secs (and refreshes
// the BM25 term statistics when due), following
// pg_cron's skeleton (style-anchors §3.9). The first sweep comes one interval
// after the worker starts, never at once, so a restart does not sweep early.
//
// This file is C-style on purpose: it holds no C++ object and calls nothing
// that throws (SweepDelayMillis is noexcept), so no C++ exception can leave
// the worker and PostgreSQL errors may longjmp freely through its frames.
#include "pg/postgres.hpp"  // first, before any standard header

extern "C" {
#include "access/xact.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
}

#include "core/sweep_schedule.hpp"
#include "pg/settings.hpp"
#include "pg/worker.hpp"

extern "C" {
PGDLLEXPORT void ai_memory_worker_main(Datum argument);
}

namespace ai_memory::pg {
namespace {

constexpr char kWorkerName[] = "ai_memory worker";
// Seconds before the postmaster restarts the worker after it exits with an
// error, after pg_terminate_backend(), or after a crash restart of the cluster.
constexpr int kRestartSecs = 5;

constexpr char kExtensionInstalledSql[] = "SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'ai_memory'";
constexpr char kSweepSql[] = "SELECT (ai_memory.gc() OPERATOR(pg_catalog.->>) 'collected')::pg_catalog.int8";

// Shows what the worker waits for in pg_stat_activity.query.
void ReportIdle() {
  char activity[128];
  if (WorkerEnabled())
    snprintf(activity, sizeof activity, "waiting: ai_memory.gc() every %d s", GcIntervalSecs());
  else
    strlcpy(activity, "waiting: sweeps disabled (ai_memory.worker_enabled = off)", sizeof activity);
  pgstat_report_activity(STATE_IDLE, activity);
}

// One sweep in its own transaction: gc() if the extension is installed here.
void SweepOnce() {
  SetCurrentStatementStartTimestamp();  // so that now() is this sweep's time
  StartTransactionCommand();
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "ai_memory worker: SPI_connect failed");
  PushActiveSnapshot(GetTransactionSnapshot());
  pgstat_report_activity(STATE_RUNNING, kSweepSql);

  if (SPI_execute(kExtensionInstalledSql, true, 1) != SPI_OK_SELECT)
    elog(ERROR, "ai_memory worker: cannot read pg_extension");
  if (SPI_processed > 0) {
    if (SPI_execute(kSweepSql, false, 0) != SPI_OK_SELECT || SPI_processed != 1)
      elog(ERROR, "ai_memory worker: ai_memory.gc() returned no row");
    bool isnull = true;
    const int64 collected = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
    if (!isnull && collected > 0)
      ereport(LOG, (errmsg("ai_memory worker: archived %lld expired memories", static_cast<long long>(collected))));
    // BM25 term statistics (docs/ranking.md): refreshed when older than
    // ai_memory.term_stats_max_age_secs or off by a fifth of the rows.
    char refresh_sql[128];
    snprintf(refresh_sql, sizeof refresh_sql, "SELECT ai_memory._refresh_term_stats_if_due(%d)", TermStatsMaxAgeSecs());
    if (SPI_execute(refresh_sql, false, 0) != SPI_OK_SELECT)
      elog(ERROR, "ai_memory worker: ai_memory._refresh_term_stats_if_due() failed");
  }

  SPI_finish();
  PopActiveSnapshot();
  CommitTransactionCommand();
  pgstat_report_stat(true);
}

// A failed sweep is logged and rolled back; the worker lives on and the next
// sweep retries. FATAL (shutdown, pg_terminate_backend) still ends it.
void SweepLoggingErrors(MemoryContext loop_context) {
  PG_TRY();
  { SweepOnce(); }
  PG_CATCH();
  {
    HOLD_INTERRUPTS();
    EmitErrorReport();
    AbortCurrentTransaction();
    MemoryContextSwitchTo(loop_context);
    FlushErrorState();
    RESUME_INTERRUPTS();
  }
  PG_END_TRY();
  MemoryContextSwitchTo(loop_context);
}

std::int64_t MillisUntilSweep(TimestampTz last_sweep) {
  return core::SweepDelayMillis(last_sweep, GetCurrentTimestamp(), GcIntervalSecs());
}

}  // namespace

void RegisterWorker() {
  BackgroundWorker worker;
  memset(&worker, 0, sizeof worker);
  worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
  worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
  worker.bgw_restart_time = kRestartSecs;
  strlcpy(worker.bgw_library_name, "ai_memory", BGW_MAXLEN);
  strlcpy(worker.bgw_function_name, "ai_memory_worker_main", BGW_MAXLEN);
  strlcpy(worker.bgw_name, kWorkerName, BGW_MAXLEN);
  strlcpy(worker.bgw_type, kWorkerName, BGW_MAXLEN);
  RegisterBackgroundWorker(&worker);
}

}  // namespace ai_memory::pg

void ai_memory_worker_main(Datum) {
  using namespace ai_memory::pg;
  // Handlers first, then unblock: SIGTERM ends the worker at the next
  // CHECK_FOR_INTERRUPTS, SIGHUP re-reads the settings at the next wake-up.
  pqsignal(SIGHUP, SignalHandlerForConfigReload);
  pqsignal(SIGTERM, die);
  BackgroundWorkerUnblockSignals();

  BackgroundWorkerInitializeConnection(WorkerDatabase(), nullptr, 0);
  pgstat_report_appname(kWorkerName);
  ereport(LOG, (errmsg("ai_memory worker started: sweeping database \"%s\" every %d s", WorkerDatabase(),
                       GcIntervalSecs())));

  MemoryContext loop_context = AllocSetContextCreate(TopMemoryContext, "ai_memory worker loop", ALLOCSET_DEFAULT_SIZES);
  TimestampTz last_sweep = GetCurrentTimestamp();
  for (;;) {
    MemoryContextSwitchTo(loop_context);
    ReportIdle();
    const std::int64_t wait_ms = WorkerEnabled() ? MillisUntilSweep(last_sweep) : GcIntervalSecs() * 1000L;
    if (wait_ms > 0) {
      (void)WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, static_cast<long>(wait_ms),
                      PG_WAIT_EXTENSION);
      ResetLatch(MyLatch);
    }
    CHECK_FOR_INTERRUPTS();
    if (ConfigReloadPending) {
      ConfigReloadPending = false;
      ProcessConfigFile(PGC_SIGHUP);
    }
    if (WorkerEnabled() && MillisUntilSweep(last_sweep) == 0) {
      last_sweep = GetCurrentTimestamp();
      SweepLoggingErrors(loop_context);
    }
    MemoryContextReset(loop_context);
  }
}
