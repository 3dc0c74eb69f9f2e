// Command-line flags of the benchmarks: `--name value` pairs only, each name
// declared by the program so a typo fails instead of being ignored.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ai_memory::bench {

class Flags {
 public:
  // `known` lists the accepted names (without "--"); throws on anything else.
  Flags(int argc, char** argv, const std::vector<std::string>& known);

  bool Has(const std::string& name) const;
  std::string Get(const std::string& name, const std::string& fallback) const;
  long GetLong(const std::string& name, long fallback) const;
  // A comma-separated list of non-negative integers, e.g. "10000,100000".
  std::vector<std::size_t> GetList(const std::string& name, const std::vector<std::size_t>& fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace ai_memory::bench
