#include "store/store_error.hpp"

namespace ai_memory::store {

bool StoreError::IsUnavailable() const noexcept {
  const std::string_view code = sqlstate_;
  return code.substr(0, 2) == "08" || code == "57P01" || code == "57P02" || code == "57P03";
}

}  // namespace ai_memory::store
