#include "core/embedding_tokens.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

using Words = std::vector<std::string>;

TEST(SplitWords, LowerCasesAsciiAndSplitsOnPunctuation) {
  EXPECT_EQ(SplitWords("Hello, World! v2.0 foo_bar"), (Words{"hello", "world", "v2", "0", "foo", "bar"}));
  EXPECT_EQ(SplitWords(""), Words{});
  EXPECT_EQ(SplitWords(" .,;!? \n\t"), Words{});
}

TEST(SplitWords, KeepsNonAsciiWordsWhole) {
  EXPECT_EQ(SplitWords("Café über 東京"), (Words{"caf\xC3\xA9", "\xC3\xBC" "ber", "東京"}));
}

TEST(SplitWords, UnicodePunctuationSeparates) {
  // no-break space, em dash, right single quote, guillemets
  EXPECT_EQ(SplitWords("a\xC2\xA0" "b\xE2\x80\x94" "c\xE2\x80\x99" "d \xC2\xAB" "e\xC2\xBB"),
            (Words{"a", "b", "c", "d", "e"}));
}

TEST(SplitWords, MalformedUtf8StillTerminates) {
  EXPECT_EQ(SplitWords("ab\xFF" "cd\xE2"), (Words{"ab\xFF" "cd\xE2"}));
}

TEST(StemWord, StripsCommonSuffixes) {
  EXPECT_EQ(StemWord("memories"), "memory");
  EXPECT_EQ(StemWord("memory"), "memory");
  EXPECT_EQ(StemWord("store"), "stor");
  EXPECT_EQ(StemWord("stored"), "stor");
  EXPECT_EQ(StemWord("storing"), "stor");
  EXPECT_EQ(StemWord("stores"), "stor");
  EXPECT_EQ(StemWord("running"), "run");
  EXPECT_EQ(StemWord("stopped"), "stop");
  EXPECT_EQ(StemWord("databases"), "databas");
  EXPECT_EQ(StemWord("database"), "databas");
  EXPECT_EQ(StemWord("quickly"), "quick");
}

TEST(StemWord, LeavesShortNumericAndNonAsciiWordsAlone) {
  EXPECT_EQ(StemWord("class"), "class");
  EXPECT_EQ(StemWord("is"), "is");
  EXPECT_EQ(StemWord("sing"), "sing");
  EXPECT_EQ(StemWord("v2es"), "v2es");
  EXPECT_EQ(StemWord("caf\xC3\xA9s"), "caf\xC3\xA9s");
  EXPECT_EQ(StemWord(""), "");
}

TEST(IsStopWord, KnowsFunctionWordsOnly) {
  for (const char* word : {"a", "the", "of", "is", "with", "you"}) EXPECT_TRUE(IsStopWord(word)) << word;
  for (const char* word : {"postgres", "memory", "", "thee", "The"}) EXPECT_FALSE(IsStopWord(word)) << word;
}

}  // namespace
}  // namespace ai_memory::core
