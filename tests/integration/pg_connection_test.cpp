// store::PgConnection against a real PostgreSQL: NUL parameters, session
// limits, and the prepared-statement cache surviving DDL and DEALLOCATE.
#include "store/pg_connection.hpp"

#include <gtest/gtest.h>

#include <string>

#include "lib/temp_cluster.hpp"
#include "store/store_error.hpp"

namespace ai_memory::test {
namespace {

using store::PgConnection;
using store::StoreError;

std::string One(PgConnection& db, const char* sql, const store::PgParams& params = {}) {
  return std::string(db.Exec(sql, params).Text(0, 0));
}

TEST(PgConnection, RefusesNulInAParameterBeforeSendingIt) {
  PgConnection db(TempCluster::Shared().conninfo());
  try {
    db.Exec("SELECT length($1::text)", {std::string("ab\0cd", 5)});
    ADD_FAILURE() << "a NUL parameter was sent";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.sqlstate(), "MA100");
    EXPECT_EQ(std::string(e.what()), "text cannot contain NUL bytes");
  }
  EXPECT_EQ(One(db, "SELECT length($1::text)", {std::string("abcd")}), "4") << "the connection is still fine";
}

TEST(PgConnection, SetsTheSessionLimits) {
  store::SessionLimits limits;
  limits.statement_timeout = std::chrono::milliseconds(1234);
  limits.lock_timeout = std::chrono::milliseconds(567);
  PgConnection db(TempCluster::Shared().conninfo(), limits);
  EXPECT_EQ(One(db, "SHOW statement_timeout"), "1234ms");
  EXPECT_EQ(One(db, "SHOW lock_timeout"), "567ms");
  EXPECT_EQ(One(db, "SHOW idle_in_transaction_session_timeout"), "1min");
  try {
    db.Exec("SELECT pg_sleep(5)", {});
    ADD_FAILURE() << "statement_timeout did not end pg_sleep(5)";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
}

TEST(PgConnection, DefaultStatementTimeoutIsThirtySeconds) {
  PgConnection db(TempCluster::Shared().conninfo());
  EXPECT_EQ(One(db, "SHOW statement_timeout"), "30s");
}

TEST(PgConnection, RepreparesAfterDdlChangesTheResultType) {
  PgConnection admin(TempCluster::Shared().conninfo());
  admin.Exec("DROP TABLE IF EXISTS public.prepared_cache_probe", {});
  admin.Exec("CREATE TABLE public.prepared_cache_probe (a int)", {});
  admin.Exec("INSERT INTO public.prepared_cache_probe VALUES (1)", {});

  PgConnection db(TempCluster::Shared().conninfo());
  const char* query = "SELECT * FROM public.prepared_cache_probe";
  EXPECT_EQ(db.Exec(query, {}).rows(), 1);
  admin.Exec("ALTER TABLE public.prepared_cache_probe ADD COLUMN b text DEFAULT 'x'", {});
  // The cached plan would now "change result type" (0A000): prepared again.
  const store::PgResult after = db.Exec(query, {});
  ASSERT_EQ(after.rows(), 1);
  EXPECT_EQ(std::string(after.Text(0, 1)), "x");
  admin.Exec("DROP TABLE public.prepared_cache_probe", {});
}

TEST(PgConnection, RepreparesAfterDeallocate) {
  PgConnection db(TempCluster::Shared().conninfo());
  EXPECT_EQ(One(db, "SELECT 41 + 1"), "42");
  db.Exec("DEALLOCATE ALL", {});  // the server forgets our cached statement (26000 on next use)
  EXPECT_EQ(One(db, "SELECT 41 + 1"), "42");
  EXPECT_EQ(One(db, "SELECT 41 + 1"), "42");
}

}  // namespace
}  // namespace ai_memory::test
