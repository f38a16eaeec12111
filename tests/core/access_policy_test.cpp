// AccessPolicy: the role rules every REST route asks.
#include <catch2/catch.hpp>

#include "itaku/service/access_policy.hpp"

using namespace itaku;

TEST_CASE("access policy: a role's reach holds every engagement it may see", "[core][roles]") {
  const std::vector<Principal> principals = {{"a", Role::kAdmin, std::nullopt},
                                             {"o", Role::kOfficer, std::nullopt},
                                             {"p", Role::kProcurement, std::string("市民課")},
                                             {"c", Role::kChannelOwner, std::string("秘書広報課")},
                                             {"c2", Role::kChannelOwner, std::nullopt},
                                             {"u", Role::kAuditor, std::nullopt}};
  for (const Principal& principal : principals) {
    const EngagementReach reach = engagement_reach(principal);
    for (const std::string kind : {"contractor", "cloud", "social_media", "other"}) {
      for (const std::string department : {"市民課", "秘書広報課", ""}) {
        INFO(principal.name << " " << kind << " " << department);
        if (!may_see_engagement(principal, kind, department)) continue;
        CHECK((!reach.kind || *reach.kind == kind));
        CHECK((!reach.department || *reach.department == department));
      }
    }
  }
  // The channel owner's reach is its department's channels; the others' is not narrowed.
  const EngagementReach owner = engagement_reach(principals[3]);
  CHECK(owner.kind == std::optional<std::string>("social_media"));
  CHECK(owner.department == std::optional<std::string>("秘書広報課"));
  CHECK_FALSE(engagement_reach(principals[2]).kind);
  CHECK_FALSE(engagement_reach(principals[2]).department);
}

TEST_CASE("access policy: who may read the dashboard and reassign persons", "[core][roles]") {
  for (const Role role : {Role::kAdmin, Role::kOfficer, Role::kProcurement, Role::kChannelOwner, Role::kAuditor}) {
    const Principal principal{"t", role, role == Role::kChannelOwner ? std::optional<std::string>("秘書広報課") : std::nullopt};
    INFO(role_name(role));
    CHECK(capability_access(principal, Capability::kReadDashboard).is_ok());
    const Status reassign = capability_access(principal, Capability::kWritePersons);
    CHECK(reassign.is_ok() == (role == Role::kAdmin || role == Role::kOfficer));
    if (!reassign.is_ok()) CHECK(reassign.code() == ErrorCode::kPermissionDenied);
  }
}
