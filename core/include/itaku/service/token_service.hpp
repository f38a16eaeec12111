// Tokens of the REST API: created (the token is shown once and only its SHA-256 is kept), listed,
// revoked, and turned back into the principal that presents one. Every change is audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/role.hpp"
#include "itaku/error.hpp"
#include "itaku/registry/registry.hpp"

namespace itaku {

struct CreatedToken {
  ApiToken stored;
  std::string token;  // "itk_" + 43 base64url characters (256 random bits); never stored
};

class TokenService {
 public:
  // `registry` must outlive the service.
  explicit TokenService(Registry& registry) : registry_(registry) {}

  // kInvalidArgument: an empty name, or a channel_owner without a department (the department
  // is what limits it); kAlreadyExists: the name is taken, also by a revoked token.
  Result<CreatedToken> create(const std::string& name, Role role, const std::optional<std::string>& department,
                              const std::string& actor);
  Result<std::vector<ApiToken>> list();
  // kNotFound for an unknown name. Takes effect at the server's next request.
  Status revoke(const std::string& name, const std::string& actor);
  // The principal of a presented token; kUnauthenticated when it is unknown or revoked.
  Result<Principal> authenticate(std::string_view token);

 private:
  Registry& registry_;
};

// SHA-256 of a token, hex: what the registry keeps and looks tokens up by.
std::string token_hash(std::string_view token);

}  // namespace itaku
