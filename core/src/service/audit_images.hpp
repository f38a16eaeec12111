// What the audit trail records of a person, a vendor and a token: the stored state, before and
// after a change (docs/records.md, "The audit trail"). These shapes are history: entries are
// hash-chained, so the shape an entry was written with is the shape it keeps, and `audit verify`
// compares the registry with them. They are not the views the CLI and REST answer with
// (itaku/service/json_views.hpp), which add what is derived (e.g. how many engagements).
// An engagement's image is its record (engagement_to_json).
#pragma once

#include <nlohmann/json.hpp>

#include "itaku/registry/registry.hpp"

namespace itaku::detail {

// {"id", "name", "department", "active"} and "email" when known.
nlohmann::json person_audit_image(const StoredPerson& stored);
// The vendor object of an engagement record.
nlohmann::json vendor_audit_image(const Vendor& vendor);
// Never the token: {"name", "role", "created_at", "department", "revoked_at" when revoked,
// "token_sha256"}.
nlohmann::json token_audit_image(const ApiToken& token);

}  // namespace itaku::detail
