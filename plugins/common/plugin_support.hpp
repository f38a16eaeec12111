// What the three assessment plugins share: looking requirements up by ID in a plugin's
// catalogue table, collecting findings in catalogue order, reading optional keys of a
// plugin section and wording certification gaps.
//
// Header-only on purpose: a plugin links nothing but the header-only plugin API (with
// -z,defs), so everything here is inline and uses only inline parts of core's headers.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/plugin/api.hpp"

namespace itaku::plugins {

// The same severity at every tier, for requirements whose weight does not depend on the tier.
constexpr std::array<Severity, 3> same_at_every_tier(Severity severity) noexcept {
  return {severity, severity, severity};
}

// Index of the requirement `id` in `catalogue`. Throws std::logic_error when the table has no
// such ID: that is a bug in the plugin, and the host turns it into an error finding.
inline std::size_t requirement_index(const Catalogue& catalogue, std::string_view id) {
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    if (catalogue[i].id == id) return i;
  }
  throw std::logic_error("requirement " + std::string(id) + " is not in the plugin's catalogue");
}

// Collects the findings of one assessment. Rules name their requirement by ID; the title and
// the tier's severity come from the catalogue table. take() returns the findings in catalogue
// order whatever order the rules ran in.
class FindingCollector {
 public:
  // `catalogue` must outlive the collector.
  FindingCollector(const Catalogue& catalogue, std::string plugin_name, int tier)
      : catalogue_(catalogue), plugin_name_(std::move(plugin_name)), tier_(tier),
        findings_(catalogue.size()) {}

  // Reports `id` at the catalogue's severity for the assessment's tier.
  void add(std::string_view id, const LocalizedText& detail = {}) {
    const std::size_t index = requirement_index(catalogue_, id);
    add_at(index, catalogue_[index].severity_for_tier(tier_), detail);
  }

  // Reports `id` at a severity the rule decides itself (a documented exception to the table,
  // e.g. CLD-05 at medium for confidentiality-1 services).
  void add_with_severity(std::string_view id, Severity severity, const LocalizedText& detail = {}) {
    add_at(requirement_index(catalogue_, id), severity, detail);
  }

  // The findings in catalogue order, at most one per requirement.
  std::vector<Finding> take() {
    std::vector<Finding> ordered;
    for (auto& finding : findings_) {
      if (finding) ordered.push_back(std::move(*finding));
    }
    findings_.assign(catalogue_.size(), std::nullopt);
    return ordered;
  }

 private:
  void add_at(std::size_t index, Severity severity, const LocalizedText& detail) {
    // One finding per ID is a contract (docs/rules.md); a second report is a rule bug.
    if (findings_[index]) {
      throw std::logic_error("requirement " + catalogue_[index].id + " reported twice");
    }
    findings_[index] = plugin::make_finding(catalogue_[index], severity, plugin_name_, detail);
  }

  const Catalogue& catalogue_;
  std::string plugin_name_;
  int tier_;
  std::vector<std::optional<Finding>> findings_;  // indexed like the catalogue
};

// Joins the parts of a finding's detail: 「、」 between Japanese parts, "; " between English ones.
class DetailText {
 public:
  DetailText& add(std::string_view ja, std::string_view en) {
    append(text_.ja, "、", ja);
    append(text_.en, "; ", en);
    return *this;
  }
  bool empty() const noexcept { return text_.ja.empty() && text_.en.empty(); }
  const LocalizedText& text() const noexcept { return text_; }

 private:
  static void append(std::string& out, std::string_view separator, std::string_view part) {
    if (part.empty()) return;
    if (!out.empty()) out += separator;
    out += part;
  }
  LocalizedText text_;
};

// The member `key` of a plugin section, or nullptr when the section is not an object (a record
// without the section has null there) or the key is absent or null.
inline const nlohmann::json* section_member(const nlohmann::json& section, std::string_view key) {
  if (!section.is_object()) return nullptr;
  const auto found = section.find(key);
  if (found == section.end() || found->is_null()) return nullptr;
  return &*found;
}

// True only when the section holds `key` as boolean true: an absent flag is a control that was
// not confirmed, so every rule treats it like false.
inline bool section_flag(const nlohmann::json& section, std::string_view key) {
  const nlohmann::json* value = section_member(section, key);
  return value != nullptr && value->is_boolean() && value->get<bool>();
}

// The string member `key`, or nullopt when absent or not a string.
inline std::optional<std::string> section_string(const nlohmann::json& section, std::string_view key) {
  const nlohmann::json* value = section_member(section, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

// Names of the certification schemes of docs/records.md as reports show them.
inline LocalizedText certification_scheme_label(std::string_view scheme) {
  if (scheme == "ISMS") return {"ISMS認証", "ISMS certification"};
  if (scheme == "PMARK") return {"プライバシーマーク", "Privacy Mark"};
  if (scheme == "ISMAP") return {"ISMAP登録", "ISMAP registration"};
  if (scheme == "ISMAP_LIU") return {"ISMAP-LIU登録", "ISMAP-LIU registration"};
  if (scheme == "ISO27017") return {"ISO/IEC 27017認証", "ISO/IEC 27017 certification"};
  if (scheme == "ISO27018") return {"ISO/IEC 27018認証", "ISO/IEC 27018 certification"};
  return {std::string(scheme), std::string(scheme)};
}

// Why the vendor holds no valid certification of `schemes` on `as_of`, for a finding's detail:
// each expired certificate of those schemes with its number and expiry date, or "none
// recorded". Call it only when no certification of `schemes` is valid.
inline LocalizedText certification_gap(const std::optional<Vendor>& vendor,
                                       std::initializer_list<std::string_view> schemes, Date as_of) {
  DetailText detail;
  if (vendor) {
    for (const auto& certification : vendor->certifications) {
      bool relevant = false;
      for (const auto scheme : schemes) relevant = relevant || certification.scheme == scheme;
      if (!relevant || certification.valid_until >= as_of) continue;
      const LocalizedText label = certification_scheme_label(certification.scheme);
      const std::string number = certification.number ? " " + *certification.number : std::string();
      const std::string until = certification.valid_until.to_string();
      detail.add(label.ja + number + "は" + until + "で有効期限切れ",
                 label.en + number + " expired on " + until);
    }
  }
  if (detail.empty()) detail.add("登録なし", "none recorded");
  return detail.text();
}

}  // namespace itaku::plugins
