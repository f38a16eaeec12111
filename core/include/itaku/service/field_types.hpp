// The JSON type of every field the schemas define, looked up by dotted path. CSV input needs
// it: a cell "2" becomes the integer 2 under information.confidentiality but stays the string
// "2" under title; "OUT-02;OUT-03" becomes an array under clauses.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku {

enum class FieldType { kString, kInteger, kNumber, kBoolean, kStringArray, kObject, kObjectArray };

class FieldTypes {
 public:
  FieldTypes() = default;
  // `engagement` is the engagement schema; `sections` maps a section name ("cloud") to the
  // schema of that section. Local "$ref": "#/definitions/..." references are followed.
  FieldTypes(nlohmann::json engagement, std::map<std::string, nlohmann::json> sections);

  // Type of the field at `path` (e.g. {"vendor", "certifications", "0", "valid_until"}; a
  // numeric segment indexes an array of objects). nullopt for a path no schema defines.
  std::optional<FieldType> type_of(const std::vector<std::string>& path) const;

 private:
  nlohmann::json engagement_;
  std::map<std::string, nlohmann::json> sections_;
};

}  // namespace itaku
