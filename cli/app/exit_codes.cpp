#include "app/exit_codes.hpp"

#include <array>

namespace itaku::cli {
namespace {

struct Mapping {
  ErrorCode code;
  int exit_code;
  int http_status;
};

// The one table: each core error code, what the CLI exits with and what the REST API answers.
// kInvalidArgument answers 422 because the services use it for records that parsed but break a
// rule; the REST layer answers 400 itself for bodies and parameters it cannot parse.
constexpr std::array<Mapping, 10> kMappings = {{
    {ErrorCode::kOk, kExitOk, 200},
    {ErrorCode::kInvalidArgument, kExitBadInput, 422},
    {ErrorCode::kNotFound, kExitBadInput, 404},
    {ErrorCode::kAlreadyExists, kExitBadInput, 409},
    {ErrorCode::kConflict, kExitBadInput, 409},
    {ErrorCode::kUnauthenticated, kExitBadInput, 401},
    {ErrorCode::kPermissionDenied, kExitBadInput, 403},
    {ErrorCode::kFailedPrecondition, kExitInternal, 500},
    {ErrorCode::kUnavailable, kExitInternal, 503},
    {ErrorCode::kInternal, kExitInternal, 500},
}};

const Mapping& mapping_for(ErrorCode code) noexcept {
  for (const Mapping& mapping : kMappings) {
    if (mapping.code == code) return mapping;
  }
  return kMappings.back();
}

}  // namespace

int exit_code_for(ErrorCode code) noexcept { return mapping_for(code).exit_code; }

int http_status_for(ErrorCode code) noexcept { return mapping_for(code).http_status; }

}  // namespace itaku::cli
