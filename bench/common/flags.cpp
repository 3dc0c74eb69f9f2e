#include "common/flags.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ai_memory::bench {

Flags::Flags(int argc, char** argv, const std::vector<std::string>& known) {
  for (int i = 1; i < argc; i += 2) {
    const std::string arg = argv[i];
    const std::string name = arg.rfind("--", 0) == 0 ? arg.substr(2) : arg;
    if (std::find(known.begin(), known.end(), name) == known.end()) throw std::runtime_error("unknown option " + arg);
    if (i + 1 >= argc) throw std::runtime_error("option " + arg + " needs a value");
    values_[name] = argv[i + 1];
  }
}

bool Flags::Has(const std::string& name) const { return values_.count(name) > 0; }

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  const auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long Flags::GetLong(const std::string& name, long fallback) const {
  return Has(name) ? std::stol(values_.at(name)) : fallback;
}

std::vector<std::size_t> Flags::GetList(const std::string& name, const std::vector<std::size_t>& fallback) const {
  if (!Has(name)) return fallback;
  std::vector<std::size_t> items;
  std::stringstream list(values_.at(name));
  for (std::string item; std::getline(list, item, ',');) items.push_back(std::stoul(item));
  return items;
}

}  // namespace ai_memory::bench
