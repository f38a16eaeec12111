#include "itaku/domain/engagement_history.hpp"

#include <string_view>

namespace itaku {
namespace {

using nlohmann::json;

template <typename Item, typename Same>
std::vector<Item> not_yet_stored(const std::vector<Item>& stored, const std::vector<Item>& incoming, Same same) {
  std::vector<bool> matched(stored.size(), false);
  std::vector<Item> fresh;
  for (const Item& item : incoming) {
    bool found = false;
    for (std::size_t i = 0; i < stored.size() && !found; ++i) {
      if (!matched[i] && same(stored[i], item)) matched[i] = found = true;
    }
    if (!found) fresh.push_back(item);
  }
  return fresh;
}

const json* member(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool same_text(const json& a, const json& b, std::string_view key) {
  const json* left = member(a, key);
  const json* right = member(b, key);
  return left && right && *left == *right;
}

bool same_vendor(const json& stored, const json& incoming) {
  if (member(incoming, "corporate_number")) return same_text(stored, incoming, "corporate_number");
  return same_text(stored, incoming, "name");
}

bool same_person(const json& stored, const json& incoming) {
  return same_text(stored, incoming, "name") && same_text(stored, incoming, "department");
}

json merged(const json& stored, const json& incoming) {
  if (!stored.is_object() || !incoming.is_object()) return incoming;
  json out = stored;
  for (auto it = incoming.begin(); it != incoming.end(); ++it) {
    auto kept = out.find(it.key());
    out[it.key()] = kept == out.end() ? *it : merged(*kept, *it);
  }
  return out;
}

}  // namespace

std::vector<Verification> new_verifications(const std::vector<Verification>& stored,
                                            const std::vector<Verification>& incoming) {
  return not_yet_stored(stored, incoming, [](const Verification& a, const Verification& b) { return a.same_check(b); });
}

std::vector<ClauseEvidence> new_clause_evidence(const std::vector<ClauseEvidence>& stored,
                                                const std::vector<ClauseEvidence>& incoming) {
  return not_yet_stored(stored, incoming, [](const ClauseEvidence& a, const ClauseEvidence& b) { return a == b; });
}

std::vector<std::size_t> rewritten_verifications(const std::vector<Verification>& stored,
                                                 const std::vector<Verification>& given) {
  auto same_void = [](const Verification& kept, const Verification& listed) {
    return !listed.voided || (kept.voided && listed.voided->at == kept.voided->at && listed.voided->by == kept.voided->by &&
                              listed.voided->reason == kept.voided->reason);
  };
  // The stored ones `given` does not list at all (each listed entry stands for one stored entry).
  std::vector<bool> listed(given.size(), false);
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    bool found = false;
    for (std::size_t j = 0; j < given.size() && !found; ++j) {
      if (!listed[j] && stored[i].same_check(given[j]) && same_void(stored[i], given[j])) listed[j] = found = true;
    }
    if (!found) missing.push_back(i);
  }
  if (!missing.empty()) return missing;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (!stored[i].same_check(given[i]) || !same_void(stored[i], given[i])) return {i};
  }
  return {};
}

json without_nulls(const json& value) {
  if (!value.is_object()) return value;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it->is_null()) out[it.key()] = without_nulls(*it);
  }
  return out;
}

json merge_patched(const json& stored, const json& patch) {
  json out = stored;
  out.merge_patch(patch);
  if (!patch.is_object()) return out;
  if (const json* vendor = member(patch, "vendor"); vendor && vendor->is_object() && member(stored, "vendor") &&
                                                    out.contains("vendor") && !same_vendor(stored["vendor"], out["vendor"])) {
    out["vendor"] = without_nulls(*vendor);
  }
  if (const json* person = member(patch, "responsible_person");
      person && person->is_object() && member(stored, "responsible_person") && out.contains("responsible_person") &&
      !same_person(stored["responsible_person"], out["responsible_person"])) {
    json replaced = without_nulls(*person);
    for (const char* key : {"name", "department"}) {
      if (!replaced.contains(key) && out["responsible_person"].contains(key)) replaced[key] = out["responsible_person"][key];
    }
    out["responsible_person"] = std::move(replaced);
  }
  return out;
}

json with_absent_fields_kept(const json& stored, const json& incoming) {
  json out = merged(stored, incoming);
  // A termination belongs to a terminated engagement: a record that says it runs again ends it.
  if (incoming.contains("status") && incoming["status"] != "terminated" && !incoming.contains("termination")) {
    out.erase("termination");
  }
  // Another vendor or person is not the stored one with some fields changed.
  if (const json* vendor = member(incoming, "vendor"); vendor && member(stored, "vendor") &&
                                                       !same_vendor(stored["vendor"], *vendor)) {
    out["vendor"] = *vendor;
  }
  if (const json* person = member(incoming, "responsible_person"); person && member(stored, "responsible_person") &&
                                                                    !same_person(stored["responsible_person"], *person)) {
    out["responsible_person"] = *person;
  }
  return out;
}

}  // namespace itaku
