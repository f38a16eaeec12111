#include "itaku/service/access_policy.hpp"

namespace itaku {
namespace {

Status denied(const Principal& principal, const std::string& what) {
  return Status(ErrorCode::kPermissionDenied,
                "the " + std::string(role_name(principal.role)) + " role of token '" + principal.name + "' may not " + what);
}

}  // namespace

Status capability_access(const Principal& principal, Capability capability) {
  const Role role = principal.role;
  switch (capability) {
    case Capability::kReadVendors:
      if (role == Role::kChannelOwner) return denied(principal, "read vendors (channel owners see their channels only)");
      return Status::ok();
    case Capability::kReadPersons:
    case Capability::kReview:
    case Capability::kReadCatalogue:
    case Capability::kReadDue:
      return Status::ok();
    case Capability::kWritePersons:
      if (role == Role::kAdmin || role == Role::kOfficer) return Status::ok();
      return denied(principal, "register persons (the security office does)");
    case Capability::kVoidVerifications:
      if (role == Role::kAdmin || role == Role::kOfficer) return Status::ok();
      return denied(principal, "void a verification (verifications are the security office's)");
    case Capability::kReadAudit:
      if (role == Role::kAdmin || role == Role::kAuditor) return Status::ok();
      return denied(principal, "read the audit trail (auditors and admins do)");
    case Capability::kManageTokens:
      if (role == Role::kAdmin) return Status::ok();
      return denied(principal, "manage tokens (only admins do)");
  }
  return denied(principal, "do this");
}

Status engagement_access(const Principal& principal, const std::string& kind, const std::string& department,
                         Access access) {
  const bool social = kind == "social_media";
  switch (principal.role) {
    case Role::kAdmin:
    case Role::kOfficer:
      return Status::ok();
    case Role::kAuditor:
      if (access == Access::kRead) return Status::ok();
      return denied(principal, "change anything (auditors read only)");
    case Role::kProcurement:
      if (!social) return Status::ok();
      return denied(principal, "touch social-media channels (procurement handles contractor and cloud engagements)");
    case Role::kChannelOwner:
      if (social && principal.department && *principal.department == department) return Status::ok();
      return denied(principal, "touch this engagement (channel owners handle the social-media channels of " +
                                   principal.department.value_or("their department") + " only)");
  }
  return denied(principal, "touch this engagement");
}

bool may_see_engagement(const Principal& principal, const std::string& kind, const std::string& department) {
  return engagement_access(principal, kind, department, Access::kRead).is_ok();
}

}  // namespace itaku
