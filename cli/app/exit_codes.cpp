#include "app/exit_codes.hpp"

namespace itaku::cli {

int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return kExitOk;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists: return kExitBadInput;
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace itaku::cli
