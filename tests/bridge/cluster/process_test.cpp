// Spawning and capturing child processes (no database needed).
#include "cluster/process.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ai_memory::cluster {
namespace {

ProcessResult Shell(const std::string& script) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  return RunProcess(spec, std::chrono::seconds(60));
}

TEST(RunProcess, CapturesStdoutAndStderr) {
  const ProcessResult result = Shell("printf out; printf err >&2; exit 3");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out");
  EXPECT_EQ(result.err, "err");
  EXPECT_FALSE(result.timed_out);
}

// The child's ends of the pipes must block: a non-blocking stdout makes
// writes fail with EAGAIN as soon as the 64 KiB pipe buffer is full.
TEST(RunProcess, CapturesMegabytesOnBothStreamsWhole) {
  constexpr std::size_t kBytes = 4 * 1024 * 1024;
  const ProcessResult result =
      Shell("head -c " + std::to_string(kBytes) + " /dev/zero && head -c " + std::to_string(kBytes) +
            " /dev/zero | tr '\\0' e >&2");
  EXPECT_EQ(result.exit_code, 0) << result.err.substr(result.err.size() > 200 ? result.err.size() - 200 : 0);
  EXPECT_EQ(result.out.size(), kBytes);
  EXPECT_EQ(result.err.size(), kBytes);
  EXPECT_EQ(result.err.find_first_not_of('e'), std::string::npos);
}

TEST(RunProcess, KillsAtTheTimeout) {
  ProcessSpec spec;
  spec.argv = {"/bin/sleep", "30"};
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult result = RunProcess(spec, std::chrono::milliseconds(200));
  EXPECT_TRUE(result.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace ai_memory::cluster
