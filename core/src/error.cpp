#include "itaku/error.hpp"

namespace itaku {

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
  }
  return "internal";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string text(error_code_name(code_));
  text += ": ";
  if (!path_.empty()) {
    text += path_;
    text += ": ";
  }
  text += message_;
  return text;
}

}  // namespace itaku
