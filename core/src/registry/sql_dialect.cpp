#include "registry/sql_dialect.hpp"

namespace itaku::detail {

std::unique_ptr<SqlDialect> make_sql_dialect(Backend backend) {
  return backend == Backend::kSqlite ? make_sqlite_dialect() : make_postgresql_dialect();
}

}  // namespace itaku::detail
