// Who may do what through the REST API (docs/architecture.md "Roles"): the role a token carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace itaku {

enum class Role {
  kAdmin,         // tokens, everything
  kOfficer,       // the security office: every record, verification and assessment
  kProcurement,   // vendors and contractor / cloud engagements
  kChannelOwner,  // the social-media channels of one department
  kAuditor,       // reads everything, the audit trail included; never writes
};

// "admin", "officer", "procurement", "channel_owner", "auditor".
std::string_view role_name(Role role) noexcept;
std::optional<Role> parse_role(std::string_view name) noexcept;

// The holder of a REST token: its name is the actor the audit trail records.
struct Principal {
  std::string name;
  Role role = Role::kAuditor;
  std::optional<std::string> department;  // channel_owner: the department whose channels it runs
};

}  // namespace itaku
