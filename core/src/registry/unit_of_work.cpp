#include "registry/unit_of_work.hpp"

#include "registry/soci_errors.hpp"

namespace itaku::detail {

UnitOfWork::UnitOfWork(soci::session& sql, const SqlDialect& dialect, Access access, std::string display,
                       std::function<void()> on_end)
    : sql_(sql), access_(access), display_(std::move(display)), on_end_(std::move(on_end)), parties_(sql) {
  try {
    if (access_ == Access::kWrite) {
      dialect.begin_write(sql_);
    } else {
      dialect.begin_read(sql_);
    }
  } catch (...) {
    rethrow_database_error(std::string(access_ == Access::kWrite ? "starting a transaction on " : "starting a read on ") +
                           display_);
  }
}

UnitOfWork::~UnitOfWork() {
  if (ended_) return;
  try {
    sql_ << "ROLLBACK";
  } catch (...) {
    // Nothing better to do: the connection is broken and the server rolls back by itself.
  }
  end();
}

void UnitOfWork::commit() {
  try {
    if (writes()) audit_chain_.write_head(sql_);
    sql_ << "COMMIT";
  } catch (...) {
    rethrow_database_error("committing to " + display_);
  }
  end();
}

void UnitOfWork::end() noexcept {
  ended_ = true;
  if (on_end_) on_end_();
}

}  // namespace itaku::detail
