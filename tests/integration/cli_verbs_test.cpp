// The CLI verbs beyond store/get/list, against the shared throwaway cluster:
// update, recall, search, delete, promote, forget, link, consolidate,
// resolve, gc, stats, namespaces, archive, agents, pending. --json output is
// checked field by field, human output for readability, errors for exit 1/2.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "json/safe_parse.hpp"
#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"
#include "store/pg_connection.hpp"

namespace ai_memory::test {
namespace {

std::string Str(const rapidjson::Value& value) { return std::string(value.GetString(), value.GetStringLength()); }

std::vector<std::string> Keys(const rapidjson::Value& object) {
  std::vector<std::string> keys;
  for (const auto& member : object.GetObject()) keys.push_back(Str(member.name));
  return keys;
}

// A memory's members in the reference order (§1.1); null times are omitted.
std::vector<std::string> MemoryKeys(std::vector<std::string> times = {}, bool score = false) {
  std::vector<std::string> keys = {"id",       "tier",         "namespace",  "title",      "content",   "tags",
                                   "priority", "confidence",   "source",     "access_count", "created_at", "updated_at"};
  keys.insert(keys.end(), times.begin(), times.end());
  keys.push_back("metadata");
  if (score) keys.push_back("score");
  return keys;
}

class CliVerbsTest : public ::testing::Test {
 protected:
  // Runs `ai-memory --db <cluster> --agent-id ai:cli-tester ARGS...`.
  static CommandResult Cli(std::vector<std::string> args, const std::string& agent = "ai:cli-tester") {
    std::vector<std::string> argv = {AiMemoryBin(), "--db", TempCluster::Shared().conninfo(), "--agent-id", agent};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, {});
  }
  // Runs with --json, expects exit 0 and returns the parsed output.
  static rapidjson::Document JsonOk(std::vector<std::string> args, const std::string& agent = "ai:cli-tester") {
    args.insert(args.begin(), "--json");
    const CommandResult result = Cli(args, agent);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    return json::ParseJson(result.out.empty() ? "{}" : result.out);
  }
  static std::string Store(const std::string& ns, const std::string& title, const std::string& tier = "mid") {
    return Str(JsonOk({"store", "-T", title, "-c", title + " content", "-n", ns, "-t", tier})["id"]);
  }
  static std::string QueryValue(const std::string& sql) {
    store::PgConnection db(TempCluster::Shared().conninfo());
    return std::string(db.Exec(sql.c_str(), {}).Text(0, 0));
  }
};

TEST_F(CliVerbsTest, UpdateChangesFieldsAndClearsExpiry) {
  const std::string id = Store("cli/update", "old title");
  const rapidjson::Document memory = JsonOk({"update", id, "-T", "new title", "-p", "7", "--expires-at", ""});
  EXPECT_EQ(Str(memory["id"]), id);
  EXPECT_EQ(Str(memory["title"]), "new title");
  EXPECT_EQ(memory["priority"].GetInt(), 7);
  EXPECT_FALSE(memory.HasMember("expires_at"));
  const CommandResult human = Cli({"update", id, "-c", "changed"});
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_EQ(human.out, "updated: " + id + " [mid] new title\n");
  const CommandResult missing = Cli({"update", "00000000-0000-4000-8000-00000000dead", "-T", "x"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "error: memory not found\n");
  EXPECT_EQ(Cli({"update", id, "-p", "99"}).exit_code, 1);
  EXPECT_EQ(Cli({"update", id, "-p", "high"}).exit_code, 2);
  EXPECT_EQ(Cli({"update", id, "--expires-at", "tomorrow"}).exit_code, 1);
  EXPECT_EQ(Cli({"update"}).exit_code, 2);
}

// --json memories are written as `get --json` writes them: reference order,
// null times omitted, "score" last for recall and search.
TEST_F(CliVerbsTest, JsonMemoriesUseTheReferenceOrder) {
  const std::string id = Store("cli/order", "numbat order", "long");
  const rapidjson::Document updated = JsonOk({"update", id, "-p", "8"});
  EXPECT_EQ(Keys(updated), MemoryKeys());
  const CommandResult got = Cli({"--json", "get", id});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const std::string memory = got.out.substr(10, got.out.rfind(R"(,"links":)") - 10);  // {"memory":M,"links":[]}
  const CommandResult searched = Cli({"--json", "search", "numbat", "-n", "cli/order"});
  ASSERT_EQ(searched.exit_code, 0) << searched.err;
  EXPECT_EQ(Keys(json::ParseJson(searched.out)), (std::vector<std::string>{"results", "count", "query"}));
  EXPECT_EQ(Keys(json::ParseJson(searched.out)["results"][0]), MemoryKeys({}, true)) << searched.out;
  EXPECT_EQ(std::regex_replace(searched.out, std::regex(R"(,"score":[-0-9.eE+]+\})"), "}"),
            R"({"results":[)" + memory + R"(],"count":1,"query":"numbat"})" + "\n");
  const CommandResult first = Cli({"--json", "recall", "numbat", "-n", "cli/order"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out.find("null"), std::string::npos) << first.out;
  EXPECT_EQ(Keys(json::ParseJson(first.out)), (std::vector<std::string>{"memories", "count", "mode", "tokens_used"}));
  EXPECT_EQ(Keys(json::ParseJson(first.out)["memories"][0]), MemoryKeys({}, true)) << first.out;
  const rapidjson::Document second = JsonOk({"recall", "numbat", "-n", "cli/order", "--budget-tokens", "400"});
  EXPECT_EQ(Keys(second), (std::vector<std::string>{"memories", "count", "mode", "tokens_used", "budget_tokens"}));
  EXPECT_EQ(Keys(second["memories"][0]), MemoryKeys({"last_accessed_at"}, true));
  const std::string mid = Store("cli/order", "bilby order");
  const rapidjson::Document mid_search = JsonOk({"search", "bilby", "-n", "cli/order"});
  EXPECT_EQ(Str(mid_search["results"][0]["id"]), mid);
  EXPECT_EQ(Keys(mid_search["results"][0]), MemoryKeys({"expires_at"}, true));
  EXPECT_EQ(Keys(JsonOk({"update", mid, "-p", "3"})), MemoryKeys({"expires_at"}));
}

TEST_F(CliVerbsTest, RecallAndSearch) {
  const std::string id = Store("cli/find", "okapi notes");
  const rapidjson::Document recalled = JsonOk({"recall", "okapi", "-n", "cli/find"});
  EXPECT_EQ(recalled["count"].GetInt(), 1);
  EXPECT_EQ(Str(recalled["memories"][0]["id"]), id);
  EXPECT_TRUE(recalled.HasMember("mode"));
  const rapidjson::Document searched = JsonOk({"search", "okapi", "-n", "cli/find", "--limit", "5"});
  EXPECT_EQ(searched["count"].GetInt(), 1);
  EXPECT_EQ(Str(searched["results"][0]["id"]), id);
  const CommandResult human = Cli({"search", "okapi", "-n", "cli/find"});
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("[mid] " + id + "  okapi notes  (ns=cli/find, score="), std::string::npos) << human.out;
  const CommandResult blank = Cli({"search", " "});
  EXPECT_EQ(blank.exit_code, 1);
  EXPECT_EQ(blank.err, "error: query is required\n");
  EXPECT_EQ(Cli({"recall", ""}).err, "error: context is required\n");
  EXPECT_EQ(Cli({"recall"}).exit_code, 2);
  EXPECT_EQ(Cli({"recall", "x", "--since", "yesterday"}).exit_code, 1);
}

TEST_F(CliVerbsTest, DeletePromoteAndRestore) {
  const std::string id = Store("cli/lifecycle", "short lived", "short");
  const rapidjson::Document promoted = JsonOk({"promote", id});
  EXPECT_TRUE(promoted["promoted"].GetBool());
  EXPECT_EQ(Str(promoted["tier"]), "long");
  const rapidjson::Document deleted = JsonOk({"delete", id});
  EXPECT_TRUE(deleted["deleted"].GetBool());
  EXPECT_EQ(Str(deleted["id"]), id);
  EXPECT_EQ(Cli({"get", id}).exit_code, 1);
  const CommandResult again = Cli({"delete", id});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err, "error: memory not found\n");
  EXPECT_EQ(Cli({"promote", id}).exit_code, 1);

  const rapidjson::Document archived = JsonOk({"archive", "list", "-n", "cli/lifecycle"});
  ASSERT_EQ(archived["count"].GetInt(), 1);
  EXPECT_EQ(Str(archived["archived"][0]["archive_reason"]), "delete");
  EXPECT_GE(JsonOk({"archive", "stats"})["archived_total"].GetInt(), 1);
  const rapidjson::Document restored = JsonOk({"archive", "restore", id});
  EXPECT_TRUE(restored["restored"].GetBool());
  EXPECT_EQ(Cli({"get", id}).exit_code, 0);
  EXPECT_EQ(Cli({"archive", "restore", id}).err, "error: not found in archive\n");
  EXPECT_TRUE(JsonOk({"archive", "purge", "--older-than-days", "36500"})["purged"].IsInt());
  EXPECT_EQ(Cli({"archive", "purge", "--older-than-days", "-1"}).exit_code, 1);
  EXPECT_EQ(Cli({"archive", "bogus"}).exit_code, 2);
  EXPECT_EQ(Cli({"archive"}).exit_code, 2);
}

TEST_F(CliVerbsTest, ForgetLinkConsolidateResolve) {
  const std::string a = Store("cli/curate", "alpha");
  const std::string b = Store("cli/curate", "beta");
  const CommandResult linked = Cli({"--json", "link", a, b, "-r", "related_to"});
  EXPECT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_EQ(linked.out, "{\"linked\":true}\n");
  EXPECT_EQ(Cli({"link", a, a}).err, "error: cannot link a memory to itself\n");
  EXPECT_EQ(Cli({"link", a}).exit_code, 2);

  const rapidjson::Document resolved = JsonOk({"resolve", a, b});
  EXPECT_TRUE(resolved["resolved"].GetBool());
  EXPECT_EQ(Str(resolved["winner"]), a);

  const rapidjson::Document merged =
      JsonOk({"consolidate", a + "," + b, "-T", "alphabet", "-s", "alpha and beta", "-n", "cli/curate"});
  EXPECT_EQ(merged["consolidated"].GetInt(), 2);
  const std::string merged_id = Str(merged["id"]);
  EXPECT_EQ(Cli({"consolidate", a, "-T", "x"}).exit_code, 2);
  EXPECT_EQ(Cli({"consolidate", "only-one", "-T", "x", "-s", "y"}).exit_code, 1);

  const CommandResult forgot = Cli({"forget", "-n", "cli/curate"});
  EXPECT_EQ(forgot.exit_code, 0) << forgot.err;
  EXPECT_EQ(forgot.out, "deleted: 1\narchived: true\n");
  EXPECT_EQ(Cli({"get", merged_id}).exit_code, 1);
  EXPECT_EQ(Cli({"forget", "-t", "bogus"}).exit_code, 1);
}

TEST_F(CliVerbsTest, GcStatsNamespaces) {
  Store("cli/counted", "counted");
  EXPECT_TRUE(JsonOk({"gc"})["expired_deleted"].IsInt());
  const rapidjson::Document stats = JsonOk({"stats"});
  EXPECT_TRUE(stats["total"].IsInt());
  const CommandResult human = Cli({"stats"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("total: "), std::string::npos) << human.out;
  bool seen = false;
  const rapidjson::Document namespaces = JsonOk({"namespaces"});
  for (const auto& entry : namespaces["namespaces"].GetArray()) {
    seen = seen || (Str(entry["namespace"]) == "cli/counted" && entry["count"].GetInt() == 1);
  }
  EXPECT_TRUE(seen) << Cli({"--json", "namespaces"}).out;
  const CommandResult human_namespaces = Cli({"namespaces"});
  EXPECT_NE(human_namespaces.out.find("  - count=1, namespace=cli/counted\n"), std::string::npos)
      << human_namespaces.out;
  EXPECT_EQ(Cli({"gc", "extra"}).exit_code, 2);
}

TEST_F(CliVerbsTest, AgentsAndPending) {
  const rapidjson::Document registered =
      JsonOk({"agents", "register", "--agent-id", "ai:cli-agent", "--agent-type", "human", "--capabilities", "a,b"});
  EXPECT_TRUE(registered["registered"].GetBool());
  bool seen = false;
  const rapidjson::Document agents = JsonOk({"agents"});
  for (const auto& agent : agents["agents"].GetArray()) seen = seen || Str(agent["agent_id"]) == "ai:cli-agent";
  EXPECT_TRUE(seen);
  EXPECT_EQ(Cli({"agents", "register", "--agent-id", "ai:x", "--agent-type", "robot"}).exit_code, 1);
  EXPECT_EQ(Cli({"agents", "register", "--agent-id", "ai:x"}).exit_code, 2);

  QueryValue(
      "SELECT ai_memory.set_standard('cli/pending', (SELECT id FROM ai_memory.store(title => 'standard', "
      "content => 'rules', namespace => 'cli/pending', tier => 'long', agent_id => 'ai:owner')), "
      "governance => '{\"write\":\"approve\"}')");
  const std::string first = Str(JsonOk({"store", "-T", "queued one", "-c", "c", "-n", "cli/pending"})["pending_id"]);
  const std::string second = Str(JsonOk({"store", "-T", "queued two", "-c", "c", "-n", "cli/pending"})["pending_id"]);
  EXPECT_GE(JsonOk({"pending", "list", "--status", "pending"})["count"].GetInt(), 2);
  const rapidjson::Document approved = JsonOk({"pending", "approve", first}, "ai:reviewer");
  EXPECT_TRUE(approved["approved"].GetBool());
  EXPECT_EQ(Str(approved["decided_by"]), "ai:reviewer");
  EXPECT_EQ(Cli({"pending", "approve", first}).exit_code, 1);
  EXPECT_TRUE(JsonOk({"pending", "reject", second})["rejected"].GetBool());
  EXPECT_EQ(Cli({"pending", "reject", second}).exit_code, 1);
  EXPECT_EQ(Cli({"pending", "list", "--status", "bogus"}).exit_code, 1);
  EXPECT_EQ(Cli({"pending", "bogus"}).exit_code, 2);
}

}  // namespace
}  // namespace ai_memory::test
