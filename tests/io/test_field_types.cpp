#include <catch2/catch.hpp>

#include "io_test_support.hpp"

using itaku::FieldType;
using itaku::FieldTypes;
using itaku::test::schema_field_types;

namespace {
std::optional<FieldType> type_of(const FieldTypes& types, std::vector<std::string> path) { return types.type_of(path); }
}  // namespace

TEST_CASE("FieldTypes gives the schema type of engagement fields", "[io][field_types]") {
  const FieldTypes& types = schema_field_types();
  CHECK(type_of(types, {"ref"}) == FieldType::kString);
  CHECK(type_of(types, {"verification_interval_months"}) == FieldType::kInteger);
  CHECK(type_of(types, {"clauses"}) == FieldType::kStringArray);
  CHECK(type_of(types, {"verifications"}) == FieldType::kObjectArray);
  CHECK(type_of(types, {"vendor"}) == FieldType::kObject);
  CHECK(type_of(types, {"information", "confidentiality"}) == FieldType::kInteger);
  CHECK(type_of(types, {"information", "personal_data"}) == FieldType::kBoolean);
  CHECK(type_of(types, {"responsible_person", "active"}) == FieldType::kBoolean);
}

TEST_CASE("FieldTypes follows local $ref and array items", "[io][field_types]") {
  const FieldTypes& types = schema_field_types();
  CHECK(type_of(types, {"title"}) == FieldType::kString);            // #/definitions/nonEmptyText
  CHECK(type_of(types, {"period", "start"}) == FieldType::kString);  // #/definitions/date
  CHECK(type_of(types, {"verifications", "0", "date"}) == FieldType::kString);
  CHECK(type_of(types, {"verifications", "12", "result"}) == FieldType::kString);
  CHECK(type_of(types, {"vendor", "certifications", "1", "scheme"}) == FieldType::kString);
  CHECK(type_of(types, {"vendor", "certifications", "0", "valid_until"}) == FieldType::kString);
  CHECK(type_of(types, {"vendor", "certifications", "0"}) == FieldType::kObject);
}

TEST_CASE("FieldTypes resolves the kind sections through their own schemas", "[io][field_types]") {
  const FieldTypes& types = schema_field_types();
  CHECK(type_of(types, {"cloud", "terms_based"}) == FieldType::kBoolean);
  CHECK(type_of(types, {"cloud", "data_locations"}) == FieldType::kStringArray);
  CHECK(type_of(types, {"cloud", "service_manager", "name"}) == FieldType::kString);
  CHECK(type_of(types, {"social_media", "url"}) == FieldType::kString);  // the section's own #/definitions
  CHECK(type_of(types, {"social_media", "mfa"}) == FieldType::kBoolean);
  CHECK(type_of(types, {"social_media", "credential_custodian", "department"}) == FieldType::kString);
  CHECK(type_of(types, {"contractor", "it_system"}) == FieldType::kBoolean);
  CHECK(type_of(types, {"cloud"}) == FieldType::kObject);
}

TEST_CASE("FieldTypes knows nothing of paths no schema defines", "[io][field_types]") {
  const FieldTypes& types = schema_field_types();
  CHECK_FALSE(type_of(types, {}));
  CHECK_FALSE(type_of(types, {"vendor", "nmae"}));
  CHECK_FALSE(type_of(types, {"cloud", "region"}));
  CHECK_FALSE(type_of(types, {"information", "confidentiality", "level"}));
  CHECK_FALSE(type_of(types, {"verifications", "first", "date"}));
  CHECK_FALSE(type_of(types, {"verifications", "01", "date"}));  // indexes are written without leading zeros
  CHECK_FALSE(type_of(types, {"clauses", "0"}));                 // string arrays are ';'-separated cells
  CHECK_FALSE(type_of(types, {"vendor", "0"}));
  CHECK_FALSE(FieldTypes().type_of({"ref"}));
}

TEST_CASE("FieldTypes without section schemas does not guess section fields", "[io][field_types]") {
  const FieldTypes types(itaku::test::load_json_file(ITAKU_SOURCE_DIR "/schemas/engagement.schema.json"), {});
  CHECK(type_of(types, {"cloud"}) == FieldType::kObject);
  CHECK_FALSE(type_of(types, {"cloud", "terms_based"}));
  CHECK(type_of(types, {"period", "end"}) == FieldType::kString);
}

TEST_CASE("FieldTypes treats broken or looping references as unknown", "[io][field_types]") {
  const FieldTypes types(nlohmann::json::parse(R"({
    "type": "object",
    "properties": {
      "loop": {"$ref": "#/definitions/a"},
      "dangling": {"$ref": "#/definitions/missing"},
      "remote": {"$ref": "other.json#/x"},
      "count": {"$ref": "#/definitions/count"},
      "nullable": {"type": ["null", "integer"]}
    },
    "definitions": {
      "a": {"$ref": "#/definitions/b"},
      "b": {"$ref": "#/definitions/a"},
      "count": {"$ref": "#/definitions/whole"},
      "whole": {"type": "integer"}
    }
  })"), {});
  CHECK_FALSE(type_of(types, {"loop"}));
  CHECK_FALSE(type_of(types, {"dangling"}));
  CHECK_FALSE(type_of(types, {"remote"}));
  CHECK(type_of(types, {"count"}) == FieldType::kInteger);  // a chain of references
  CHECK(type_of(types, {"nullable"}) == FieldType::kInteger);
}
