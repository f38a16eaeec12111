// One transaction of the store, read or write, and everything that is valid only while it is
// open: the audit chain's position and the vendors and persons it has read. The protocol it
// follows (what is locked, in which order, what a reader sees) is core/src/registry/UNIT_OF_WORK.md.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>

#include "itaku/registry/registry.hpp"
#include "registry/audit_chain.hpp"
#include "registry/party_writer.hpp"
#include "registry/sql_dialect.hpp"

namespace itaku::detail {

class UnitOfWork final : public Registry::Transaction {
 public:
  enum class Access { kRead, kWrite };

  // Begins the transaction (a write takes the audit trail's lock first). `on_end` runs once when
  // it ends, committed or rolled back. `display` names the database in messages.
  UnitOfWork(soci::session& sql, const SqlDialect& dialect, Access access, std::string display,
             std::function<void()> on_end);
  // Rolls back unless committed.
  ~UnitOfWork() override;
  UnitOfWork(const UnitOfWork&) = delete;
  UnitOfWork& operator=(const UnitOfWork&) = delete;

  // Writes the audit head (a write), then commits. On failure the transaction stays open and is
  // rolled back when destroyed.
  void commit() override;

  bool writes() const { return access_ == Access::kWrite; }
  AuditChain& audit_chain() { return audit_chain_; }
  PartyWriter& parties() { return parties_; }

 private:
  void end() noexcept;

  soci::session& sql_;
  Access access_;
  std::string display_;
  std::function<void()> on_end_;
  bool ended_ = false;
  AuditChain audit_chain_;
  PartyWriter parties_;
};

}  // namespace itaku::detail
