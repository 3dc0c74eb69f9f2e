#include "pg/errors.hpp"

namespace ai_memory::pg {

int SqlStateFor(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::kInvalidInput: return kInvalidInput;
    case core::ErrorKind::kAmbiguousPrefix: return kAmbiguousPrefix;
    case core::ErrorKind::kNotFound: return kNotFound;
    case core::ErrorKind::kConflict: return kConflict;
    case core::ErrorKind::kDenied: return kDenied;
    case core::ErrorKind::kInternal: return kInternal;
  }
  return kInternal;
}

}  // namespace ai_memory::pg
