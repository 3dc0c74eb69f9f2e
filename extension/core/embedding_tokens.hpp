// Word tokens for the local embedder: a lexical view of text, not a
// linguistic one. ASCII letters and digits are word characters (letters
// lower-cased); every other ASCII byte separates words. Non-ASCII code points
// are word characters (so accented and non-Latin words survive whole), except
// the Latin-1 punctuation block U+00A0-U+00BF (no-break space, «, », ©...)
// and General Punctuation U+2000-U+206F (dashes, curly quotes, ...), which
// separate. Non-ASCII letters are not case-folded.
#pragma once
#include "no_postgres.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ai_memory::core {

std::vector<std::string> SplitWords(std::string_view text);

// True for the ~60 commonest English function words ("the", "of", "is"...),
// which would otherwise make unrelated sentences look alike.
bool IsStopWord(std::string_view word);

// A light English suffix stripper (a few Porter step-1 rules, no
// dictionary): "memories" -> "memory", "stored"/"storing"/"stores" -> "stor",
// "running" -> "run". Words with digits or non-ASCII bytes, and words that
// would keep fewer than 3 letters, are left alone.
std::string StemWord(std::string word);

}  // namespace ai_memory::core
