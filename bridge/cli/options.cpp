#include "cli/options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ai_memory::cli {
namespace {

const OptionSpec* FindLong(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const auto& spec : specs)
    if (spec.long_name == name) return &spec;
  return nullptr;
}

const OptionSpec* FindShort(const std::vector<OptionSpec>& specs, char name) {
  for (const auto& spec : specs)
    if (spec.short_name != '\0' && spec.short_name == name) return &spec;
  return nullptr;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

ParsedOptions::ParsedOptions(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {  // "-" alone is a value (stdin)
      positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    std::string shown = arg;
    if (arg.rfind("--", 0) == 0) {
      const auto eq = arg.find('=');
      const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) inline_value = arg.substr(eq + 1);
      spec = FindLong(specs, name);
      shown = "--" + name;
    } else if (arg.size() == 2) {
      spec = FindShort(specs, arg[1]);
    }
    if (spec == nullptr) throw UsageError("unknown option '" + shown + "'");
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option '" + shown + "' takes no value");
      values_[spec->long_name] = "true";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) throw UsageError("option '" + shown + "' needs a value");
      inline_value = args[++i];
    }
    values_[spec->long_name] = *inline_value;
  }
}

std::optional<std::string> ParsedOptions::Value(const std::string& long_name) const {
  const auto it = values_.find(long_name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool ParsedOptions::Flag(const std::string& long_name) const { return values_.count(long_name) > 0; }

std::optional<long long> ParsedOptions::Integer(const std::string& long_name) const {
  const auto text = Value(long_name);
  if (!text) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno == ERANGE)
    throw UsageError("--" + long_name + " expects an integer, got '" + *text + "'");
  return value;
}

std::optional<double> ParsedOptions::Number(const std::string& long_name) const {
  const auto text = Value(long_name);
  if (!text) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0') throw UsageError("--" + long_name + " expects a number, got '" + *text + "'");
  return value;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  if (Trim(text).empty()) return items;
  std::size_t begin = 0;
  while (true) {
    const auto comma = text.find(',', begin);
    items.push_back(Trim(text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin)));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return items;
}

}  // namespace ai_memory::cli
