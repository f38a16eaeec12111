#include "itaku/domain/role.hpp"

#include <array>
#include <utility>

namespace itaku {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kOfficer, "officer"},
    {Role::kProcurement, "procurement"},
    {Role::kChannelOwner, "channel_owner"},
    {Role::kAuditor, "auditor"},
}};

}  // namespace

std::string_view role_name(Role role) noexcept {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) return name;
  }
  return "auditor";
}

std::optional<Role> parse_role(std::string_view name) noexcept {
  for (const auto& [role, known] : kRoleNames) {
    if (known == name) return role;
  }
  return std::nullopt;
}

}  // namespace itaku
