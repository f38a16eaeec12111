#include "schema/schema_navigation.hpp"

namespace itaku::detail {

const nlohmann::json& resolve_schema_ref(const nlohmann::json& root, const nlohmann::json& node) {
  const nlohmann::json* current = &node;
  // Bounded: a cycle of $refs in a malformed schema must not hang the host.
  for (int hops = 0; hops < 16 && current->is_object(); ++hops) {
    auto ref = current->find("$ref");
    if (ref == current->end() || !ref->is_string()) break;
    const std::string& target = ref->get_ref<const std::string&>();
    if (target.rfind("#/", 0) != 0) break;
    try {
      current = &root.at(nlohmann::json::json_pointer(target.substr(1)));
    } catch (const nlohmann::json::exception&) {
      break;
    }
  }
  return *current;
}

const nlohmann::json* schema_node_at(const nlohmann::json& root, const nlohmann::json& node,
                                     const std::vector<std::string>& path, size_t from) {
  const nlohmann::json* current = &resolve_schema_ref(root, node);
  for (size_t i = from; i < path.size(); ++i) {
    if (!current->is_object()) return nullptr;
    const std::string& segment = path[i];
    auto properties = current->find("properties");
    if (properties != current->end() && properties->contains(segment)) {
      current = &resolve_schema_ref(root, (*properties)[segment]);
      continue;
    }
    auto items = current->find("items");
    if (items != current->end() && !segment.empty() &&
        segment.find_first_not_of("0123456789") == std::string::npos) {
      current = &resolve_schema_ref(root, *items);
      continue;
    }
    return nullptr;
  }
  return current;
}

}  // namespace itaku::detail
