// The CLI verbs against a real PostgreSQL: store, get, list, --version, the
// exit codes, and bad input that reaches the database and writes nothing.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <regex>
#include <string>
#include <vector>

#include "lib/child_process.hpp"
#include "lib/temp_cluster.hpp"

namespace ai_memory::test {
namespace {

class CliTest : public ::testing::Test {
 protected:
  // Runs `ai-memory --db <throwaway cluster> ARGS...`.
  CommandResult Cli(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {AiMemoryBin(), "--db", TempCluster::Shared().conninfo()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, env);
  }

  // The number of memories in `ns`, counted through the CLI itself.
  int CountIn(const std::string& ns) {
    const CommandResult listed = Cli({"--json", "list", "-n", ns, "--limit", "1000"});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    std::smatch match;
    EXPECT_TRUE(std::regex_search(listed.out, match, std::regex(R"("count":(\d+))"))) << listed.out;
    return match.empty() ? -1 : std::stoi(match[1].str());
  }
};

TEST_F(CliTest, PrintsTheVersion) {
  const CommandResult result = RunCommand({AiMemoryBin(), "--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "ai-memory 0.1.0\n");
}

TEST_F(CliTest, StoresGetsAndLists) {
  const CommandResult stored =
      Cli({"store", "-T", "deploy rule", "-c", "never on fridays", "-t", "long", "-n", "cli/ops", "--tags",
           "deploy,process", "-p", "8"},
          {"AI_MEMORY_AGENT_ID=ai:tester"});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(stored.out, match, std::regex(R"(^stored: ([0-9a-f-]{36}) \[long\] \(ns=cli/ops\)\n$)")))
      << stored.out;
  const std::string id = match[1].str();

  const CommandResult got = Cli({"--json", "get", id.substr(0, 8)});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_NE(got.out.find("\"memory\":{\"id\":\"" + id + "\",\"tier\":\"long\",\"namespace\":\"cli/ops\""),
            std::string::npos)
      << got.out;
  EXPECT_NE(got.out.find("\"tags\":[\"deploy\",\"process\"],\"priority\":8"), std::string::npos) << got.out;
  EXPECT_NE(got.out.find("\"source\":\"cli\""), std::string::npos) << got.out;
  EXPECT_NE(got.out.find("\"metadata\":{\"agent_id\":\"ai:tester\"}"), std::string::npos) << got.out;
  EXPECT_NE(got.out.find("\"links\":[]"), std::string::npos) << got.out;

  const CommandResult human = Cli({"get", id});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("title:       deploy rule"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("never on fridays"), std::string::npos) << human.out;

  const CommandResult listed = Cli({"list", "-n", "cli/ops"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "[long] " + id + "  deploy rule  (ns=cli/ops, p=8)\n1 memory\n");
}

TEST_F(CliTest, ReadsContentFromStdin) {
  const CommandResult piped = RunCommand(
      {"/bin/sh", "-c", "printf 'line one\\nline two' | \"$0\" --db \"$1\" --json store -T piped -c - -n cli/stdin",
       AiMemoryBin(), TempCluster::Shared().conninfo()});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_NE(piped.out.find("\"content\":\"line one\\nline two\""), std::string::npos) << piped.out;
}

// libpq sends text parameters up to the first NUL: content with a NUL must
// be refused, not silently stored cut short.
TEST_F(CliTest, ContentWithANulByteIsRefusedNotTruncated) {
  const CommandResult piped = RunCommand(
      {"/bin/sh", "-c", "printf 'before\\000after' | \"$0\" --db \"$1\" store -T nul -c - -n cli/nul",
       AiMemoryBin(), TempCluster::Shared().conninfo()});
  EXPECT_EQ(piped.exit_code, 1) << piped.out << piped.err;
  EXPECT_EQ(piped.err, "error: text cannot contain NUL bytes\n");
  EXPECT_EQ(piped.out, "");
  EXPECT_EQ(CountIn("cli/nul"), 0);
}

// A reader that went away must not kill the CLI with SIGPIPE (exit 141).
TEST_F(CliTest, ClosedStdoutDoesNotKillWithSigpipe) {
  int out[2];
  ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
  close(out[0]);  // nobody will ever read
  cluster::ProcessSpec spec;
  spec.argv = {AiMemoryBin(), "--version"};
  const pid_t pid = cluster::Spawn(spec, cluster::StdioFds{-1, out[1], -1});
  close(out[1]);
  const auto code = cluster::WaitForExit(pid, std::chrono::seconds(30));
  ASSERT_TRUE(code.has_value());
  EXPECT_NE(*code, 128 + SIGPIPE);
}

TEST_F(CliTest, UpsertsOnTitleWithinANamespace) {
  const std::string ns = "cli/upsert";
  ASSERT_EQ(Cli({"store", "-T", "same", "-c", "first", "-n", ns, "-p", "3"}).exit_code, 0);
  const CommandResult second = Cli({"--json", "store", "-T", "same", "-c", "second", "-n", ns, "-p", "2"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("\"content\":\"second\""), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("\"priority\":3"), std::string::npos) << "priority takes the max: " << second.out;
  EXPECT_EQ(CountIn(ns), 1);
}

TEST_F(CliTest, BadInputFailsWithTheReferenceMessageAndWritesNothing) {
  const std::string ns = "cli/bad";
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"store", "-T", "", "-c", "c", "-n", ns}, 1, "error: title cannot be empty\n"},
      {{"store", "-T", std::string(513, 't'), "-c", "c", "-n", ns}, 1,
       "error: title exceeds max length of 512 characters\n"},
      {{"store", "-T", "bell\a", "-c", "c", "-n", ns}, 1, "error: title contains invalid characters\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "-t", "huge"}, 1,
       "error: invalid tier 'huge' — must be one of: short, mid, long\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "-p", "0"}, 1, "error: priority must be between 1 and 10 (got 0)\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "--confidence", "nan"}, 1,
       "error: confidence must be a finite number\n"},
      {{"store", "-T", "t", "-c", "c", "-n", "a/../b"}, 1, "error: namespace segments '.' and '..' are not allowed\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "--tags", "a,,b"}, 1, "error: tags cannot contain empty strings\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "--expires-at", "tomorrow"}, 1,
       "error: expires_at is not valid RFC3339: 'tomorrow'\n"},
      {{"store", "-T", "t'); DROP TABLE ai_memory.memories; --", "-c", "c", "-n", ns, "--scope", "world"}, 1,
       "error: invalid scope 'world' — must be one of: private, team, unit, org, collective\n"},
      {{"--agent-id", "bad agent", "store", "-T", "t", "-c", "c", "-n", ns}, 1,
       "error: agent_id contains invalid character '\\x20' (allowed: alphanumeric, _-:@./)\n"},
      {{"store", "-T", "t", "-c", "c", "-n", ns, "-p", "high"}, 2, "error: --priority expects an integer, got 'high'\n"},
      {{"store", "-T", "t", "-n", ns}, 2, "error: store needs --content (-c); use '-c -' to read it from stdin\n"},
      {{"store", "-T", "t", "-c", "c", "--bogus"}, 2, "error: unknown option '--bogus'\n"},
      {{"frobnicate"}, 2, "error: unknown command 'frobnicate' (see ai-memory --help)\n"},
      {{"get", ""}, 1, "error: id cannot be empty\n"},
      {{"get", "no-such-id"}, 1, "error: memory not found\n"},
      {{"list", "--limit", "0"}, 1, "error: limit must be positive (got 0)\n"},
  };
  for (const Case& c : cases) {
    const CommandResult result = Cli(c.args);
    EXPECT_EQ(result.exit_code, c.exit_code) << c.args.back() << "\n" << result.err;
    EXPECT_EQ(result.err, c.message);
    EXPECT_EQ(result.out, "");
  }
  EXPECT_EQ(CountIn(ns), 0);
}

TEST_F(CliTest, UnreachableDatabaseIsAnErrorNotACrash) {
  const CommandResult result =
      RunCommand({AiMemoryBin(), "--db", "host=/nonexistent-socket-dir dbname=x", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.rfind("error: ", 0), 0u) << result.err;
}

}  // namespace
}  // namespace ai_memory::test
