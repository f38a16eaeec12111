#include "registry/audit_chain.hpp"

#include <algorithm>

#include "registry/row_mapping.hpp"

namespace itaku::detail {

void AuditChain::link(soci::session& sql, AuditEntry& entry) {
  if (!last_hash_) {
    std::string last;
    soci::indicator indicator = soci::i_null;
    sql << "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", soci::into(last, indicator);
    last_hash_ = indicator == soci::i_ok && sql.got_data() ? last : std::string();
  }
  entry.prev_hash = *last_hash_;
  entry.hash = audit_entry_hash(entry);
  last_hash_ = entry.hash;
  ++appended_;
}

void AuditChain::write_head(soci::session& sql) const {
  if (appended_ == 0) return;
  const long long appended = appended_;
  const long long last_id = last_id_;
  const std::string last_hash = *last_hash_;
  sql << "UPDATE audit_head SET entries = entries + :n, last_id = :id, last_hash = :hash WHERE id = 1",
      soci::use(appended), soci::use(last_id), soci::use(last_hash);
}

std::vector<AuditEntry> read_audit_page(soci::session& sql, const std::optional<std::string>& entity_key,
                                        long long after_id, std::size_t limit) {
  std::vector<AuditEntry> page;
  std::string query =
      "SELECT id, at, actor, action, entity, entity_key, before_json, after_json, prev_hash, hash"
      " FROM audit_log WHERE id > :after";
  if (entity_key) query += " AND entity_key = :key";
  query += " ORDER BY id LIMIT " + std::to_string(std::max<std::size_t>(limit, 1));
  auto statement = (sql.prepare << query, soci::use(after_id, "after"));
  if (entity_key) statement, soci::use(*entity_key, "key");
  soci::rowset<soci::row> rows = statement;
  for (const auto& row : rows) page.push_back(audit_entry_from_row(row));
  return page;
}

}  // namespace itaku::detail
