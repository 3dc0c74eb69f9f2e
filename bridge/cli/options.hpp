// A small command-line option parser: long and short names, `--name=value`,
// `--name value`, flags, and positionals, with errors fit for stderr.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ai_memory::cli {

struct OptionSpec {
  std::string long_name;   // without dashes, e.g. "title"
  char short_name = '\0';  // e.g. 'T'; '\0' when none
  bool takes_value = true;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ParsedOptions {
 public:
  // Parses `args` against `specs`; unknown options and missing values throw UsageError.
  ParsedOptions(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

  std::optional<std::string> Value(const std::string& long_name) const;
  bool Flag(const std::string& long_name) const;
  std::optional<long long> Integer(const std::string& long_name) const;  // UsageError if not an integer
  std::optional<double> Number(const std::string& long_name) const;     // UsageError if not a number
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

// Splits "a,b , c" into {"a","b","c"}; empty pieces are kept so that
// validation can reject them with the reference's message.
std::vector<std::string> SplitList(const std::string& text);

}  // namespace ai_memory::cli
