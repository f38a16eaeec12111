#include "schema/schema_navigation.hpp"

namespace itaku::detail {

const nlohmann::json* resolve_schema_ref(const nlohmann::json& document, const nlohmann::json& node) {
  constexpr int kMaxRefHops = 16;  // a cycle of $refs in a malformed schema must not hang the host
  const nlohmann::json* current = &node;
  for (int hop = 0; hop < kMaxRefHops; ++hop) {
    if (!current->is_object()) return current;
    auto ref = current->find("$ref");
    if (ref == current->end()) return current;
    if (!ref->is_string()) return nullptr;
    const std::string& target = ref->get_ref<const std::string&>();
    if (target.rfind('#', 0) != 0) return nullptr;
    try {
      const nlohmann::json::json_pointer pointer(target.substr(1));
      if (!document.contains(pointer)) return nullptr;
      current = &document.at(pointer);
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }
  return nullptr;
}

const nlohmann::json* schema_node_at(const nlohmann::json& document, const nlohmann::json& node,
                                     const std::vector<std::string>& path, size_t from) {
  const nlohmann::json* current = resolve_schema_ref(document, node);
  for (size_t i = from; current && i < path.size(); ++i) {
    if (!current->is_object()) return nullptr;
    const std::string& segment = path[i];
    auto properties = current->find("properties");
    if (properties != current->end() && properties->contains(segment)) {
      current = resolve_schema_ref(document, (*properties)[segment]);
      continue;
    }
    auto items = current->find("items");
    if (items != current->end() && !segment.empty() &&
        segment.find_first_not_of("0123456789") == std::string::npos) {
      current = resolve_schema_ref(document, *items);
      continue;
    }
    return nullptr;
  }
  return current;
}

}  // namespace itaku::detail
