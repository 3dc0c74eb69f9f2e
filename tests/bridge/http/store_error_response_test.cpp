#include "http/store_error_response.hpp"

#include <gtest/gtest.h>

namespace ai_memory::http {
namespace {

struct Case {
  const char* sqlstate;
  beast_http::status status;
};

class SqlstateMapping : public ::testing::TestWithParam<Case> {};

TEST_P(SqlstateMapping, MapsToStatus) { EXPECT_EQ(StatusForSqlstate(GetParam().sqlstate), GetParam().status); }

INSTANTIATE_TEST_SUITE_P(
    AllClasses, SqlstateMapping,
    ::testing::Values(Case{"MA100", beast_http::status::bad_request}, Case{"MA101", beast_http::status::bad_request},
                      Case{"MA200", beast_http::status::not_found}, Case{"MA300", beast_http::status::conflict},
                      Case{"MA400", beast_http::status::forbidden},
                      Case{"MA900", beast_http::status::internal_server_error},
                      Case{"22001", beast_http::status::bad_request}, Case{"22P02", beast_http::status::bad_request},
                      Case{"22008", beast_http::status::bad_request},
                      Case{"57014", beast_http::status::service_unavailable},
                      Case{"55P03", beast_http::status::service_unavailable},
                      Case{"23505", beast_http::status::internal_server_error}));

TEST(ResponseForStoreError, SendsTheExtensionsMessage) {
  const ApiResponse response = ResponseForStoreError(store::StoreError("MA100", "title cannot be empty"));
  EXPECT_EQ(response.status, beast_http::status::bad_request);
  EXPECT_EQ(response.body, R"({"error":"title cannot be empty"})");
}

TEST(ResponseForStoreError, DataExceptionsAre400WithPostgresMessage) {
  const ApiResponse response =
      ResponseForStoreError(store::StoreError("22001", "value too long for type character varying(8)"));
  EXPECT_EQ(response.status, beast_http::status::bad_request);
  EXPECT_EQ(response.body, R"j({"error":"value too long for type character varying(8)"})j");
}

TEST(ResponseForStoreError, TimeoutsAre503WithRetryAfter) {
  for (const char* code : {"57014", "55P03"}) {
    const ApiResponse response =
        ResponseForStoreError(store::StoreError(code, "canceling statement due to statement timeout"));
    EXPECT_EQ(response.status, beast_http::status::service_unavailable) << code;
    EXPECT_EQ(response.body, R"({"error":"database timeout"})");
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0].first, beast_http::field::retry_after);
    EXPECT_EQ(response.headers[0].second, "1");
  }
}

TEST(ResponseForStoreError, HidesInternalDetails) {
  const ApiResponse response = ResponseForStoreError(store::StoreError("42P01", "relation \"x\" does not exist"));
  EXPECT_EQ(response.status, beast_http::status::internal_server_error);
  EXPECT_EQ(response.body, R"({"error":"internal server error"})");
}

TEST(ResponseForStoreError, UnreachableDatabaseIs503) {
  for (const char* code : {"08006", "08001", "57P01", "57P03"}) {
    const ApiResponse response = ResponseForStoreError(store::StoreError(code, "terminating connection"));
    EXPECT_EQ(response.status, beast_http::status::service_unavailable) << code;
    EXPECT_EQ(response.body, R"({"error":"database unavailable"})");
  }
}

}  // namespace
}  // namespace ai_memory::http
