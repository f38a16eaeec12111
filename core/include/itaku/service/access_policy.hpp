// The role rules of the REST API in one place: every handler asks here before it calls a service,
// so that a role's reach is decided once, not per route. Each check returns Ok or
// kPermissionDenied with a message that says what the role may do instead.
#pragma once

#include <optional>
#include <string>

#include "itaku/domain/role.hpp"
#include "itaku/error.hpp"

namespace itaku {

enum class Access { kRead, kWrite };

// Things a role may or may not do, apart from engagements (see engagement_access).
enum class Capability {
  kReadVendors,
  kReadPersons,
  kWritePersons,
  kReadAudit,
  kManageTokens,
  kReview,        // POST /review: records checked, nothing stored
  kReadCatalogue, // plugins and requirement catalogue
  kReadDue,
  kVoidVerifications,  // only the security office (officer, admin) voids a recorded verification
  kReadDashboard,      // every role, over the engagements it may see (may_see_engagement)
};

Status capability_access(const Principal& principal, Capability capability);

// May `principal` read (or change) an engagement of this kind and department?
// procurement: contractor and cloud only; channel_owner: social_media of its own department only;
// auditor: read only.
Status engagement_access(const Principal& principal, const std::string& kind, const std::string& department,
                         Access access);

// Whether listing would show the engagement at all (engagement_access for reading, as a filter).
bool may_see_engagement(const Principal& principal, const std::string& kind, const std::string& department);

// The one kind and the one department that hold every engagement the principal may see, where the
// role has them (a channel owner: social_media of its own department); nullopt where it sees more.
// A scan may read only these; may_see_engagement still decides each engagement read.
struct EngagementReach {
  std::optional<std::string> kind;
  std::optional<std::string> department;
};
EngagementReach engagement_reach(const Principal& principal);

}  // namespace itaku
