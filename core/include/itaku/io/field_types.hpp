// The JSON type of every field the schemas define, looked up by dotted path. CSV input needs
// it: a cell "2" becomes the integer 2 under information.confidentiality but stays the string
// "2" under title; "OUT-02;OUT-03" becomes an array under clauses.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
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
  // The same from schemas parsed as nlohmann::ordered_json, which keeps each object's keys in
  // document order; only leaf_fields() depends on that order (nlohmann::json sorts keys, so
  // FieldTypes built from it lists fields alphabetically). Prefer this one when parsing text.
  FieldTypes(const nlohmann::ordered_json& engagement, const std::map<std::string, nlohmann::ordered_json>& sections);

  // Type of the field at `path` (e.g. {"vendor", "certifications", "0", "valid_until"}; a
  // numeric segment indexes an array of objects). nullopt for a path no schema defines.
  std::optional<FieldType> type_of(const std::vector<std::string>& path) const;
  // True for a text field holding a date YYYY-MM-DD (the schemas' "date" definition).
  bool is_date(const std::vector<std::string>& path) const;
  // N for a text field of exactly N digits (pattern ^[0-9]{N}$, e.g. the 13 of a 法人番号).
  std::optional<std::size_t> digit_count(const std::vector<std::string>& path) const;

  // A field that holds one CSV cell's value: its type is never kObject or kObjectArray.
  struct LeafField {
    std::vector<std::string> path;  // concrete: array elements as decimal indices ("0", "1", ...)
    FieldType type = FieldType::kString;
  };
  // Answers how many elements of the array of objects at `array_path` to list (e.g.
  // {"verifications"}, {"vendor", "certifications"}).
  using ItemCount = std::function<std::size_t(const std::vector<std::string>& array_path)>;

  // Every value field the schemas define, in the order a person reads the schemas: the
  // engagement schema's properties in document order, a section's fields at the place where
  // the engagement schema names the section, then sections it does not name (by name). Within
  // an array of objects, all fields of element 0 come before those of element 1; each array
  // lists `item_count(path)` elements. For every returned field, type_of(path) == type: the
  // listing follows the same schema reading as type_of. A schema that contains itself through
  // "$ref" is not listed again inside itself (records of any depth have no finite column set).
  // Document order needs the ordered_json constructor.
  std::vector<LeafField> leaf_fields(const ItemCount& item_count) const;

 private:
  // The resolved schema node describing `path` and the document its "$ref"s resolve in; nullptr
  // nodes when no schema defines it.
  std::pair<const nlohmann::json*, const nlohmann::json*> schema_of(const std::vector<std::string>& path) const;

  nlohmann::json engagement_;
  std::map<std::string, nlohmann::json> sections_;
  // The same schemas with their keys in document order, for leaf_fields().
  nlohmann::ordered_json ordered_engagement_;
  std::map<std::string, nlohmann::ordered_json> ordered_sections_;
};

}  // namespace itaku
