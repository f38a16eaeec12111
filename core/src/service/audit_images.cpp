#include "service/audit_images.hpp"

#include "itaku/domain/engagement_json.hpp"

namespace itaku::detail {

nlohmann::json person_audit_image(const StoredPerson& stored) {
  nlohmann::json image = {{"id", stored.id},
                          {"name", stored.person.name},
                          {"department", stored.person.department},
                          {"active", stored.person.is_active()}};
  if (stored.person.email) image["email"] = *stored.person.email;
  return image;
}

nlohmann::json vendor_audit_image(const Vendor& vendor) {
  Engagement carrier;
  carrier.vendor = vendor;
  return engagement_to_json(carrier)["vendor"];
}

nlohmann::json token_audit_image(const ApiToken& token) {
  nlohmann::json image = {{"name", token.name}, {"role", role_name(token.role)}, {"created_at", token.created_at}};
  image["department"] = token.department ? nlohmann::json(*token.department) : nlohmann::json(nullptr);
  if (token.revoked_at) image["revoked_at"] = *token.revoked_at;
  // The SHA-256 of 256 random bits (what the registry keeps anyway): lets audit verify see a
  // token's hash swapped for an attacker's; the token itself cannot be derived from it.
  image["token_sha256"] = token.token_hash;
  return image;
}

}  // namespace itaku::detail
