#include "schema/pattern_checks.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <stdexcept>
#include <utility>

#include <re2/re2.h>

#include "schema/json_pointer.hpp"
#include "schema/schema_navigation.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

// Keywords whose subschemas apply to the same value or to its members unconditionally: the
// walker follows these. A pattern below any other subschema keyword (anyOf, oneOf, not,
// if/then/else, contains, ...) would need the walker to evaluate that keyword as well, so such
// a schema is refused rather than checked wrongly.
bool is_conditional_keyword(std::string_view keyword) {
  static const std::set<std::string_view> kConditional = {
      "anyOf", "oneOf", "not", "if", "then", "else", "additionalItems", "contains", "propertyNames", "dependencies"};
  return kConditional.count(keyword) != 0;
}

[[noreturn]] void refuse(const std::string& pointer, const std::string& why) {
  throw std::invalid_argument("at " + (pointer.empty() ? std::string("the root") : pointer) + ": " + why);
}

}  // namespace

struct SchemaPatterns::Impl {
  json document;                                           // own copy: the keys below point into it
  std::map<const json*, std::unique_ptr<RE2>> by_node;     // the schema node that carries `pattern`
  std::set<const json*> unique_nodes;                      // the schema nodes that carry `uniqueItems: true`
  std::set<std::string> unique_pointers;                   // where `uniqueItems` is taken out for valijson
  // Per schema node met by scan: where its $ref leads, and whether any pattern can be reached
  // from it (through $ref, allOf, properties, additionalProperties, items). A record is walked
  // only where a pattern can apply: most fields have none, and walking them all cost a sixth of
  // a batch review.
  std::unordered_map<const json*, const json*> ref_targets;
  std::unordered_map<const json*, bool> reaches_pattern;

  const json* resolved(const json& schema) const {
    const auto target = ref_targets.find(&schema);
    return target == ref_targets.end() ? &schema : target->second;
  }

  bool relevant(const json& schema) const {
    const auto found = reaches_pattern.find(resolved(schema));
    return found != reaches_pattern.end() && found->second;
  }

  // The subschemas check() follows from `node` (already resolved), as check() picks them.
  template <typename Visit>
  void for_each_followed(const json& node, Visit&& visit) const {
    if (auto all_of = node.find("allOf"); all_of != node.end() && all_of->is_array()) {
      for (const auto& part : *all_of) visit(part);
    }
    if (auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
      for (const auto& property : *properties) visit(property);
    }
    if (auto additional = node.find("additionalProperties"); additional != node.end() && additional->is_object()) {
      visit(*additional);
    }
    if (auto items = node.find("items"); items != node.end()) {
      if (items->is_array()) {
        for (const auto& item : *items) visit(item);
      } else {
        visit(*items);
      }
    }
  }

  // Fixpoint over the nodes scan met: schemas may refer to themselves through $ref.
  void compute_relevance(const std::set<std::pair<const json*, bool>>& visited) {
    std::vector<const json*> nodes;
    for (const auto& [node, unconditional] : visited) {
      nodes.push_back(node);
      reaches_pattern[node] = by_node.count(node) != 0 || unique_nodes.count(node) != 0;
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (const json* node : nodes) {
        if (reaches_pattern[node]) continue;
        const json* target = resolved(*node);
        bool reaches = target != node && reaches_pattern.count(target) && reaches_pattern[target];
        if (!reaches && target == node) {
          for_each_followed(*node, [&](const json& child) { reaches = reaches || relevant(child); });
        }
        if (reaches) reaches_pattern[node] = changed = true;
      }
    }
  }

  // Records every pattern reachable from `node` (found at `pointer` in the document).
  void scan(const json& node, const std::string& pointer, bool unconditional,
            std::set<std::pair<const json*, bool>>& visited, std::set<std::string>& pattern_pointers) {
    if (!node.is_object() || !visited.insert({&node, unconditional}).second) return;
    if (auto ref = node.find("$ref"); ref != node.end()) {
      if (node.contains("pattern")) refuse(pointer, "`pattern` beside `$ref` is ignored by draft-07; move it");
      const json* target = resolve_schema_ref(document, node);
      if (target) ref_targets[&node] = target;
      if (target && ref->is_string()) scan(*target, ref->get<std::string>().substr(1), unconditional, visited, pattern_pointers);
      return;
    }
    if (node.contains("format")) refuse(pointer, "`format` is not supported (valijson checks it with std::regex)");
    if (node.contains("patternProperties")) {
      refuse(pointer, "`patternProperties` is not supported (valijson checks it with std::regex)");
    }
    if (auto unique = node.find("uniqueItems"); unique != node.end()) {
      if (!unconditional) refuse(pointer, "`uniqueItems` under a conditional keyword (anyOf, oneOf, not, if/then/else, ...)");
      if (*unique == true) unique_nodes.insert(&node);
      unique_pointers.insert(pointer);
    }
    if (auto pattern = node.find("pattern"); pattern != node.end()) {
      if (!unconditional) refuse(pointer, "`pattern` under a conditional keyword (anyOf, oneOf, not, if/then/else, ...)");
      if (!pattern->is_string()) refuse(pointer, "`pattern` must be text");
      RE2::Options options;
      options.set_log_errors(false);
      auto compiled = std::make_unique<RE2>(pattern->get<std::string>(), options);
      if (!compiled->ok()) refuse(pointer, "pattern not usable with RE2: " + compiled->error());
      by_node[&node] = std::move(compiled);
      pattern_pointers.insert(pointer);
    }
    for (const auto& [keyword, child] : node.items()) {
      const bool follows = unconditional && !is_conditional_keyword(keyword);
      const std::string here = pointer_child(pointer, keyword);
      if (keyword == "properties" && child.is_object()) {
        for (const auto& [name, property] : child.items()) scan(property, pointer_child(here, name), follows, visited, pattern_pointers);
      } else if (keyword == "definitions" || keyword == "enum" || keyword == "const" || keyword == "required" ||
                 keyword == "default" || keyword == "examples") {
        continue;  // not subschemas here (definitions are reached through $ref)
      } else if (child.is_object()) {
        scan(child, here, follows, visited, pattern_pointers);
      } else if (child.is_array()) {
        for (std::size_t i = 0; i < child.size(); ++i) {
          scan(child[i], pointer_child(here, std::to_string(i)), follows, visited, pattern_pointers);
        }
      }
    }
  }

  // Depth counts schema hops that do not descend into the value ($ref, allOf), so a schema
  // that loops through them cannot recurse for ever; the value's own depth is capped by
  // record_limits before validation.
  void check(const json& schema, const json& value, std::vector<std::string>& context,
             std::vector<SchemaMismatch>& out, int depth) const {
    if (depth > 64 || !relevant(schema)) return;
    const json* node = resolved(schema);
    if (!node->is_object()) return;
    if (value.is_string()) {
      if (auto it = by_node.find(node); it != by_node.end() &&
                                       !RE2::PartialMatch(value.get_ref<const std::string&>(), *it->second)) {
        out.push_back({context, SchemaMismatch::Kind::kPattern});
      }
    }
    // One look at the whole list, in O(n log n): valijson compared every pair and reported each
    // repeated pair, which made a list of 1,000 equal entries take minutes.
    if (value.is_array() && unique_nodes.count(node) && value.size() > 1) {
      std::set<std::string> seen;
      for (const auto& item : value) {
        if (!seen.insert(item.dump()).second) {
          out.push_back({context, SchemaMismatch::Kind::kRepeated});
          break;
        }
      }
    }
    if (auto all_of = node->find("allOf"); all_of != node->end() && all_of->is_array()) {
      for (const auto& part : *all_of) check(part, value, context, out, depth + 1);
    }
    if (value.is_object()) {
      const auto properties = node->find("properties");
      const auto additional = node->find("additionalProperties");
      for (const auto& [name, member] : value.items()) {
        const json* member_schema = nullptr;
        if (properties != node->end() && properties->is_object()) {
          if (auto p = properties->find(name); p != properties->end()) member_schema = &*p;
        }
        if (!member_schema && additional != node->end() && additional->is_object()) member_schema = &*additional;
        if (!member_schema || !relevant(*member_schema)) continue;
        context.push_back("[" + name + "]");
        check(*member_schema, member, context, out, 0);
        context.pop_back();
      }
    } else if (value.is_array()) {
      const auto items = node->find("items");
      if (items == node->end()) return;
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json* item_schema = items->is_array() ? (i < items->size() ? &(*items)[i] : nullptr) : &*items;
        if (!item_schema || !relevant(*item_schema)) continue;
        context.push_back("[" + std::to_string(i) + "]");
        check(*item_schema, value[i], context, out, 0);
        context.pop_back();
      }
    }
  }
};

SchemaPatterns::SchemaPatterns() : impl_(std::make_unique<Impl>()) {}
SchemaPatterns::SchemaPatterns(SchemaPatterns&&) noexcept = default;
SchemaPatterns& SchemaPatterns::operator=(SchemaPatterns&&) noexcept = default;
SchemaPatterns::~SchemaPatterns() = default;

SchemaPatterns SchemaPatterns::compile(const json& document, json& stripped_for_valijson) {
  SchemaPatterns patterns;
  patterns.impl_->document = document;
  std::set<std::pair<const json*, bool>> visited;
  std::set<std::string> pattern_pointers;
  patterns.impl_->scan(patterns.impl_->document, "", true, visited, pattern_pointers);
  patterns.impl_->compute_relevance(visited);
  stripped_for_valijson = document;
  for (const auto& pointer : pattern_pointers) stripped_for_valijson.at(json::json_pointer(pointer)).erase("pattern");
  for (const auto& pointer : patterns.impl_->unique_pointers) {
    stripped_for_valijson.at(json::json_pointer(pointer)).erase("uniqueItems");
  }
  return patterns;
}

std::vector<SchemaMismatch> SchemaPatterns::mismatches(const json& value) const {
  std::vector<SchemaMismatch> out;
  if (impl_->by_node.empty() && impl_->unique_nodes.empty()) return out;
  std::vector<std::string> context{"<root>"};
  impl_->check(impl_->document, value, context, out, 0);
  return out;
}

bool SchemaPatterns::empty() const noexcept { return impl_->by_node.empty() && impl_->unique_nodes.empty(); }

}  // namespace itaku::detail
