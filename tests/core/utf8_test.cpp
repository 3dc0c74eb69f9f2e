#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace ai_memory::core {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("\xC3\xA9\xC3\xA9"), 2u);
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80"), 1u);
}

TEST(Utf8, CleanAllowsNewlineAndTabOnly) {
  EXPECT_TRUE(IsClean("line\nnext\tcell"));
  EXPECT_FALSE(IsClean("cr\rlf"));
  EXPECT_FALSE(IsClean(std::string("nul\0byte", 8)));
  EXPECT_FALSE(IsClean("esc\x1B[31m"));
  EXPECT_FALSE(IsClean("del\x7F"));
  EXPECT_FALSE(IsClean("c1\xC2\x85"));  // U+0085 is a C1 control
  EXPECT_FALSE(IsClean("\xC3"));        // malformed is never clean
  EXPECT_TRUE(IsClean("\xE2\x80\x8B"));  // U+200B is a format char, not a control
}

TEST(Utf8, TrimsUnicodeWhitespace) {
  EXPECT_EQ(TrimWhitespace("  a b  "), "a b");
  EXPECT_EQ(TrimWhitespace("\t\r\n x \n"), "x");
  EXPECT_EQ(TrimWhitespace("\xE3\x80\x80x\xC2\xA0"), "x");  // U+3000, U+00A0
  EXPECT_EQ(TrimWhitespace("   "), "");
  EXPECT_EQ(TrimWhitespace("\xC3\xA9"), "\xC3\xA9");
}

TEST(Utf8, PrefixCountsCodePoints) {
  EXPECT_EQ(PrefixChars("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(PrefixChars("ab", 5), "ab");
  EXPECT_EQ(PrefixChars("ab", 0), "");
}

}  // namespace
}  // namespace ai_memory::core
