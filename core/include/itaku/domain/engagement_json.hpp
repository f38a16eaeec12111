// JSON mapping of the engagement record (docs/records.md field names), kept outside the structs.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement.hpp"

namespace itaku {

// The record words for the enums: "planned"/"active"/"terminated", "mynumber"/"lgwan"/"internet",
// "pass"/"conditional"/"fail".
const char* engagement_status_name(EngagementStatus status) noexcept;
const char* network_zone_name(NetworkZone zone) noexcept;
const char* verification_result_name(VerificationResult result) noexcept;
// The inverse: nullopt for any other word.
std::optional<EngagementStatus> parse_engagement_status(std::string_view name) noexcept;
std::optional<NetworkZone> parse_network_zone(std::string_view name) noexcept;
std::optional<VerificationResult> parse_verification_result(std::string_view name) noexcept;

// Precondition: `record` passed schema validation (RecordValidator); then the conversion cannot
// fail on shape. Throws itaku::Error (kInvalidArgument, with the JSON Pointer) otherwise.
Engagement engagement_from_json(const nlohmann::json& record);
// The record form of an engagement: engagement_from_json(engagement_to_json(e)) == e.
nlohmann::json engagement_to_json(const Engagement& engagement);

}  // namespace itaku
