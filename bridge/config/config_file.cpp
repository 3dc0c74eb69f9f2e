#include "config/config_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <variant>

#include <sys/stat.h>

#include "common/log.hpp"

namespace ai_memory::config {
namespace {

using Value = std::variant<std::string, long long, double, bool>;

bool IsBareKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// One line of the file, consumed left to right.
class LineParser {
 public:
  LineParser(std::string_view line, const std::string& where) : rest_(line), where_(where) {}

  [[noreturn]] void Fail(const std::string& message) const { throw ConfigError(where_ + ": " + message); }

  void SkipSpace() {
    while (!rest_.empty() && (rest_.front() == ' ' || rest_.front() == '\t')) rest_.remove_prefix(1);
  }
  bool AtEndOrComment() {
    SkipSpace();
    return rest_.empty() || rest_.front() == '#';
  }
  bool Peek(char c) const { return !rest_.empty() && rest_.front() == c; }
  bool StartsWith(std::string_view prefix) const { return rest_.substr(0, prefix.size()) == prefix; }
  void Expect(char c, const char* what) {
    if (!Peek(c)) Fail(std::string("expected ") + what);
    rest_.remove_prefix(1);
  }

  std::string BareKey() {
    std::size_t n = 0;
    while (n < rest_.size() && IsBareKeyChar(rest_[n])) ++n;
    if (n == 0) {
      if (Peek('"') || Peek('\'')) Fail("quoted keys are not supported");
      Fail("expected a key");
    }
    std::string key(rest_.substr(0, n));
    rest_.remove_prefix(n);
    if (Peek('.')) Fail("dotted keys are not supported");
    return key;
  }

  Value ParseValue() {
    SkipSpace();
    if (rest_.empty() || Peek('#')) Fail("expected a value");
    if (StartsWith("\"\"\"") || StartsWith("'''")) Fail("multi-line strings are not supported");
    if (Peek('"')) return BasicString();
    if (Peek('\'')) return LiteralString();
    if (Peek('[')) Fail("arrays are not supported");
    if (Peek('{')) Fail("inline tables are not supported");
    if (Word("true")) return true;
    if (Word("false")) return false;
    return Number();
  }

 private:
  bool Word(std::string_view word) {
    if (!StartsWith(word)) return false;
    const std::string_view after = rest_.substr(word.size());
    if (!after.empty() && IsBareKeyChar(after.front())) return false;
    rest_.remove_prefix(word.size());
    return true;
  }

  std::string BasicString() {
    rest_.remove_prefix(1);
    std::string out;
    while (true) {
      if (rest_.empty()) Fail("unterminated string");
      const char c = rest_.front();
      rest_.remove_prefix(1);
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t') Fail("control character in string");
      if (c == 0x7F) Fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (rest_.empty()) Fail("unterminated string");
      const char e = rest_.front();
      rest_.remove_prefix(1);
      switch (e) {
        case 'b': out.push_back('\b'); break;
        case 't': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'f': out.push_back('\f'); break;
        case 'r': out.push_back('\r'); break;
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case 'u':
        case 'U': {
          const std::size_t digits = e == 'u' ? 4 : 8;
          if (rest_.size() < digits) Fail("bad unicode escape");
          unsigned long code = 0;
          for (std::size_t i = 0; i < digits; ++i) {
            const char h = rest_[i];
            int v = -1;
            if (IsDigit(h)) v = h - '0';
            if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
            if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
            if (v < 0) Fail("bad unicode escape");
            code = code * 16 + static_cast<unsigned long>(v);
          }
          rest_.remove_prefix(digits);
          if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0) Fail("bad unicode escape");
          AppendUtf8(out, code);
          break;
        }
        default:
          Fail(std::string("unknown escape \\") + e);
      }
    }
  }

  std::string LiteralString() {
    rest_.remove_prefix(1);
    const std::size_t end = rest_.find('\'');
    if (end == std::string_view::npos) Fail("unterminated string");
    std::string out(rest_.substr(0, end));
    for (char c : out) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) Fail("control character in string");
    }
    rest_.remove_prefix(end + 1);
    return out;
  }

  Value Number() {
    std::size_t n = 0;
    while (n < rest_.size() && rest_[n] != ' ' && rest_[n] != '\t' && rest_[n] != '#') ++n;
    const std::string token(rest_.substr(0, n));
    rest_.remove_prefix(n);
    // Underscores only between digits, as TOML says; then drop them.
    std::string plain;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '_') {
        if (i == 0 || i + 1 == token.size() || !IsDigit(token[i - 1]) || !IsDigit(token[i + 1])) {
          Fail("invalid value '" + token + "'");
        }
        continue;
      }
      plain.push_back(token[i]);
    }
    std::size_t start = (!plain.empty() && (plain[0] == '+' || plain[0] == '-')) ? 1 : 0;
    const std::string digits = plain.substr(start);
    if (digits.empty() || !IsDigit(digits[0])) Fail("invalid value '" + token + "' (strings need quotes)");
    const bool is_float = digits.find_first_of(".eE") != std::string::npos;
    if (digits.size() > 1 && digits[0] == '0' && (!is_float || IsDigit(digits[1]))) {
      Fail("invalid number '" + token + "' (leading zeros, hex, octal and binary are not supported)");
    }
    if (is_float) {
      // TOML: digits on both sides of '.', an exponent of digits.
      const std::size_t dot = digits.find('.');
      if (dot != std::string::npos && (dot + 1 >= digits.size() || !IsDigit(digits[dot + 1]))) {
        Fail("invalid number '" + token + "'");
      }
      if (digits.find_first_not_of("0123456789.eE+-") != std::string::npos) Fail("invalid number '" + token + "'");
      char* end = nullptr;
      errno = 0;
      const double value = std::strtod(plain.c_str(), &end);
      if (end != plain.c_str() + plain.size() || errno == ERANGE) Fail("invalid number '" + token + "'");
      return value;
    }
    if (digits.find_first_not_of("0123456789") != std::string::npos) Fail("invalid value '" + token + "'");
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(plain.c_str(), &end, 10);
    if (end != plain.c_str() + plain.size() || errno == ERANGE) Fail("integer out of range '" + token + "'");
    return value;
  }

  std::string_view rest_;
  const std::string& where_;
};

// Where each known key's value goes, with its type.
using Setter = std::function<void(Config&, const Value&, const LineParser&)>;

template <class T>
Setter Set(std::optional<T> Config::*field) {
  return [field](Config& config, const Value& value, const LineParser& line) {
    if (const T* typed = std::get_if<T>(&value)) return void(config.*field = *typed);
    line.Fail(std::is_same_v<T, std::string> ? "expected a string" : std::is_same_v<T, bool> ? "expected true or false" : "expected an integer");
  };
}

template <class Section, class T>
Setter SetIn(Section Config::*section, std::optional<T> Section::*field) {
  return [section, field](Config& config, const Value& value, const LineParser& line) {
    if constexpr (std::is_same_v<T, double>) {
      if (const double* d = std::get_if<double>(&value)) return void((config.*section).*field = *d);
      if (const long long* i = std::get_if<long long>(&value)) {
        return void((config.*section).*field = static_cast<double>(*i));
      }
      line.Fail("expected a number");
    } else {
      if (const T* typed = std::get_if<T>(&value)) return void((config.*section).*field = *typed);
      line.Fail(std::is_same_v<T, bool> ? "expected true or false" : "expected an integer");
    }
  };
}

using Table = std::map<std::string, Setter, std::less<>>;

const std::map<std::string, Table, std::less<>>& Schema() {
  static const std::map<std::string, Table, std::less<>> schema = {
      {"",
       {{"db", Set(&Config::db)},
        {"api_key", Set(&Config::api_key)},
        {"tier", Set(&Config::tier)},
        {"ollama_url", Set(&Config::ollama_url)},
        {"embed_url", Set(&Config::embed_url)},
        {"embedding_model", Set(&Config::embedding_model)},
        {"embedder", Set(&Config::embedder)},
        {"embed_api_key", Set(&Config::embed_api_key)},
        {"llm_model", Set(&Config::llm_model)},
        {"archive_on_gc", Set(&Config::archive_on_gc)},
        {"archive_max_days", Set(&Config::archive_max_days)},
        {"default_namespace", Set(&Config::default_namespace)},
        {"autonomous_hooks", Set(&Config::autonomous_hooks)},
        {"cross_encoder", Set(&Config::cross_encoder)},
        {"max_memory_mb", Set(&Config::max_memory_mb)}}},
      {"ttl",
       {{"short_ttl_secs", SetIn(&Config::ttl, &TtlSection::short_ttl_secs)},
        {"mid_ttl_secs", SetIn(&Config::ttl, &TtlSection::mid_ttl_secs)},
        {"long_ttl_secs", SetIn(&Config::ttl, &TtlSection::long_ttl_secs)},
        {"short_extend_secs", SetIn(&Config::ttl, &TtlSection::short_extend_secs)},
        {"mid_extend_secs", SetIn(&Config::ttl, &TtlSection::mid_extend_secs)}}},
      {"identity", {{"anonymize_default", SetIn(&Config::identity, &IdentitySection::anonymize_default)}}},
      {"scoring",
       {{"half_life_days_short", SetIn(&Config::scoring, &ScoringSection::half_life_days_short)},
        {"half_life_days_mid", SetIn(&Config::scoring, &ScoringSection::half_life_days_mid)},
        {"half_life_days_long", SetIn(&Config::scoring, &ScoringSection::half_life_days_long)},
        {"legacy_scoring", SetIn(&Config::scoring, &ScoringSection::legacy_scoring)}}},
  };
  return schema;
}

// The edit distance between two short keys (for "did you mean").
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'embed_url'?)" for a key within two edits of a known one.
std::string Suggestion(const Table& table, std::string_view key) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& [known, setter] : table) {
    const std::size_t distance = EditDistance(key, known);
    if (distance < best_distance) best = known, best_distance = distance;
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

// Embedder keys whose blank value would silently mean "the default".
bool MustNotBeBlank(std::string_view section, std::string_view key) {
  return section.empty() && (key == "embedder" || key == "ollama_url" || key == "embed_url" || key == "embedding_model");
}

}  // namespace

Config ParseConfig(std::string_view text, const std::string& source, std::vector<std::string>* warnings) {
  Config config;
  config.source = source;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM
  std::string section;           // "" is the top level
  const Table* table = &Schema().at("");  // nullptr inside an unknown section
  std::set<std::string> seen_sections;
  std::set<std::string> seen_keys;  // "section.key"
  int number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t newline = text.find('\n');
    std::string_view raw = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const std::string where = source + ":" + std::to_string(number);
    LineParser line(raw, where);
    if (line.AtEndOrComment()) continue;
    if (line.Peek('[')) {
      line.Expect('[', "'['");
      if (line.Peek('[')) line.Fail("arrays of tables are not supported");
      line.SkipSpace();
      section = line.BareKey();
      line.SkipSpace();
      line.Expect(']', "']' after the section name");
      if (!line.AtEndOrComment()) line.Fail("unexpected text after the section header");
      if (!seen_sections.insert(section).second) line.Fail("section [" + section + "] defined twice");
      const auto found = Schema().find(section);
      table = found != Schema().end() && !section.empty() ? &found->second : nullptr;
      if (table == nullptr && warnings != nullptr) {
        warnings->push_back(where + ": unknown section [" + section + "] (ignored)");
      }
      continue;
    }
    const std::string key = line.BareKey();
    line.SkipSpace();
    line.Expect('=', "'=' after the key");
    const Value value = line.ParseValue();
    if (!line.AtEndOrComment()) line.Fail("unexpected text after the value");
    if (!seen_keys.insert(section + "." + key).second) line.Fail("key '" + key + "' set twice");
    if (table == nullptr) continue;  // inside an unknown section, already reported
    const auto setter = table->find(key);
    if (setter == table->end()) {
      if (warnings != nullptr) {
        warnings->push_back(where + ": unknown key '" + (section.empty() ? key : section + "." + key) +
                            "' (ignored)" + Suggestion(*table, key));
      }
      continue;
    }
    const std::string* text = std::get_if<std::string>(&value);
    if (text != nullptr && MustNotBeBlank(section, key) && text->find_first_not_of(" \t") == std::string::npos) {
      line.Fail(key + " must not be empty (remove the line for the default)");
    }
    setter->second(config, value, line);
  }
  if (config.db && config.db->empty()) config.db.reset();
  if (config.api_key && config.api_key->empty()) config.api_key.reset();
  if (config.embed_api_key && config.embed_api_key->empty()) config.embed_api_key.reset();
  return config;
}

std::optional<std::string> UserConfigPath() {
  const char* skip = std::getenv("AI_MEMORY_NO_CONFIG");
  if (skip != nullptr && *skip != '\0' && std::string_view(skip) != "0") return std::nullopt;
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/ai-memory/config.toml";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return std::string(home) + "/.config/ai-memory/config.toml";
  return std::nullopt;
}

Config LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT || errno == ENOTDIR) return Config{};
    throw ConfigError("cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError("cannot read " + path);
  std::vector<std::string> warnings;
  Config config = ParseConfig(text.str(), path, &warnings);
  for (const std::string& warning : warnings) common::LogError("warning: " + warning);
  struct stat info {};
  if (config.api_key && stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    common::LogError("warning: " + path + " holds an api_key and is accessible by group or others (chmod 600 it)");
  }
  return config;
}

const Config& ActiveConfig() {
  static std::mutex mutex;
  static std::optional<Config> active;
  std::lock_guard<std::mutex> lock(mutex);
  if (!active) {
    const std::optional<std::string> path = UserConfigPath();
    active = path ? LoadConfigFile(*path) : Config{};
  }
  return *active;
}

}  // namespace ai_memory::config
