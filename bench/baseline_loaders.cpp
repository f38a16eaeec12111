#include "baseline_loaders.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

#include "registry_rows.hpp"

namespace itaku::bench {
namespace {

std::string placeholders_for(const std::vector<std::string>& columns) {
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) list += (i == 0 ? "?" : ", ?");
  return list;
}

std::string joined(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) list += (list.empty() ? "" : ", ") + column;
  return list;
}

// Feeds every line of the file through the planner (the sink does the writing), calling
// `after_record` after each.
void plan_file(const std::string& records_file, RowPlanner& planner, const std::function<void()>& after_record) {
  std::ifstream in(records_file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + records_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json record = nlohmann::json::parse(line);
    planner.add_record(record);
    after_record();
  }
  planner.finish();
}

// ---------------------------------------------------------------------------------------------
// SQLite

class SqliteSink final : public RowSink {
 public:
  explicit SqliteSink(sqlite3* db) : db_(db) {}
  ~SqliteSink() override {
    for (auto& [table, statement] : inserts_) sqlite3_finalize(statement);
    for (auto& [table, statement] : updates_) sqlite3_finalize(statement);
  }
  SqliteSink(const SqliteSink&) = delete;
  SqliteSink& operator=(const SqliteSink&) = delete;

  void insert(Table table, const Row& row) override {
    sqlite3_stmt*& statement = inserts_[table];
    if (!statement) {
      const auto& columns = table_columns(table);
      prepare(statement, std::string("INSERT INTO ") + table_name(table) + " (" + joined(columns) + ") VALUES (" +
                             placeholders_for(columns) + ")");
    }
    for (size_t i = 0; i < row.size(); ++i) bind(statement, static_cast<int>(i + 1), row[i]);
    run(statement);
  }

  void update(Table table, const Row& row) override {
    sqlite3_stmt*& statement = updates_[table];
    const auto& columns = table_columns(table);
    if (!statement) {
      std::string assignments;
      for (size_t i = 1; i < columns.size(); ++i) assignments += (i == 1 ? "" : ", ") + columns[i] + " = ?";
      prepare(statement, std::string("UPDATE ") + table_name(table) + " SET " + assignments + " WHERE id = ?");
    }
    for (size_t i = 1; i < row.size(); ++i) bind(statement, static_cast<int>(i), row[i]);
    bind(statement, static_cast<int>(row.size()), row[0]);
    run(statement);
  }

 private:
  void prepare(sqlite3_stmt*& statement, const std::string& sql) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite3 prepare: ") + sqlite3_errmsg(db_) + " in " + sql);
    }
  }

  // The row outlives the step, so SQLite may read the text in place (SQLITE_STATIC).
  static void bind(sqlite3_stmt* statement, int index, const Field& field) {
    switch (field.kind) {
      case Field::Kind::kNull:
        sqlite3_bind_null(statement, index);
        break;
      case Field::Kind::kInteger:
        sqlite3_bind_int64(statement, index, field.integer);
        break;
      case Field::Kind::kText:
        sqlite3_bind_text(statement, index, field.text.data(), static_cast<int>(field.text.size()), SQLITE_STATIC);
        break;
    }
  }

  void run(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE)
      throw std::runtime_error(std::string("sqlite3 step: ") + sqlite3_errmsg(db_));
    sqlite3_reset(statement);
  }

  sqlite3* db_;
  std::map<Table, sqlite3_stmt*> inserts_;
  std::map<Table, sqlite3_stmt*> updates_;
};

void exec_sqlite(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("sqlite3: " + text);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

void exec_postgresql(PGconn* connection, const std::string& sql) {
  Result result(PQexec(connection, sql.c_str()), &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(connection) + " in " + sql.substr(0, 200));
  }
}

// COPY's text format: tab-separated, \N for NULL, backslash escapes for the separators.
void append_copy_field(std::string& out, const Field& field) {
  switch (field.kind) {
    case Field::Kind::kNull:
      out += "\\N";
      return;
    case Field::Kind::kInteger: {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, field.integer).ptr;
      out.append(digits, end);
      return;
    }
    case Field::Kind::kText:
      for (char c : field.text) {
        switch (c) {
          case '\\':
            out += "\\\\";
            break;
          case '\t':
            out += "\\t";
            break;
          case '\n':
            out += "\\n";
            break;
          case '\r':
            out += "\\r";
            break;
          default:
            out += c;
        }
      }
      return;
  }
}

class CopySink final : public RowSink {
 public:
  explicit CopySink(PGconn* connection) : connection_(connection) {}

  void insert(Table table, const Row& row) override {
    std::string& buffer = buffers_[table];
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) buffer += '\t';
      append_copy_field(buffer, row[i]);
    }
    buffer += '\n';
  }

  // Updates come after all inserts (RowPlanner::finish), so the rows are sent first.
  void update(Table table, const Row& row) override {
    flush();
    const auto& columns = table_columns(table);
    std::string sql = std::string("UPDATE ") + table_name(table) + " SET ";
    std::vector<const char*> values;
    std::vector<std::string> integers;  // keeps the decimal texts alive until the call
    integers.reserve(row.size());
    auto add = [&](const Field& field) {
      if (field.kind == Field::Kind::kNull) {
        values.push_back(nullptr);
      } else if (field.kind == Field::Kind::kInteger) {
        integers.push_back(std::to_string(field.integer));
        values.push_back(integers.back().c_str());
      } else {
        values.push_back(field.text.c_str());
      }
    };
    for (size_t i = 1; i < columns.size(); ++i) {
      sql += (i == 1 ? "" : ", ") + columns[i] + " = $" + std::to_string(i);
      add(row[i]);
    }
    sql += " WHERE id = $" + std::to_string(columns.size());
    add(row[0]);
    Result result(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0),
                  &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(connection_) + " in " + sql);
    }
  }

  // One COPY per table with pending rows, parents before children (the foreign keys are checked
  // at the end of each COPY).
  void flush() {
    for (Table table : kAllTables) {
      std::string& buffer = buffers_[table];
      if (buffer.empty()) continue;
      const std::string sql =
          std::string("COPY ") + table_name(table) + " (" + joined(table_columns(table)) + ") FROM STDIN";
      Result started(PQexec(connection_, sql.c_str()), &PQclear);
      if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
        throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(connection_) + " in " + sql);
      }
      if (PQputCopyData(connection_, buffer.data(), static_cast<int>(buffer.size())) != 1 ||
          PQputCopyEnd(connection_, nullptr) != 1) {
        throw std::runtime_error(std::string("PostgreSQL COPY: ") + PQerrorMessage(connection_));
      }
      for (PGresult* raw = PQgetResult(connection_); raw; raw = PQgetResult(connection_)) {
        Result finished(raw, &PQclear);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK) {
          throw std::runtime_error(std::string("PostgreSQL COPY ") + table_name(table) + ": " +
                                   PQerrorMessage(connection_));
        }
      }
      buffer.clear();
    }
  }

 private:
  PGconn* connection_;
  std::map<Table, std::string> buffers_;
};

}  // namespace

void load_sqlite_baseline(const std::string& records_file, const std::string& database,
                          const std::string& migrations_dir, const std::string& actor) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    throw std::runtime_error("cannot open " + database + ": " + message);
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  exec_sqlite(db.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
  exec_sqlite(db.get(), "BEGIN IMMEDIATE");
  exec_sqlite(db.get(), schema_script(migrations_dir, "INTEGER PRIMARY KEY AUTOINCREMENT"));
  {
    SqliteSink sink(db.get());
    RowPlanner planner(sink, actor);
    plan_file(records_file, planner, [] {});
  }
  exec_sqlite(db.get(), "COMMIT");
}

void load_postgresql_baseline(const std::string& records_file, const std::string& url,
                              const std::string& migrations_dir, const std::string& actor) {
  Connection connection(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + url + ": " + PQerrorMessage(connection.get()));
  }
  exec_postgresql(connection.get(), "SET client_min_messages = warning");
  exec_postgresql(connection.get(), "BEGIN");
  exec_postgresql(connection.get(), schema_script(migrations_dir, "BIGSERIAL PRIMARY KEY"));
  CopySink sink(connection.get());
  RowPlanner planner(sink, actor);
  int pending = 0;
  plan_file(records_file, planner, [&] {
    if (++pending == kCopyBatchRecords) {
      sink.flush();
      pending = 0;
    }
  });
  sink.flush();
  // The ids came from the client: move each sequence past them, as if the server had issued them.
  for (Table table : kAllTables) {
    if (!has_generated_id(table)) continue;
    const std::string name = table_name(table);
    exec_postgresql(connection.get(), "SELECT setval(pg_get_serial_sequence('" + name +
                                          "', 'id'), "
                                          "(SELECT COALESCE(MAX(id), 0) + 1 FROM " +
                                          name + "), false)");
  }
  exec_postgresql(connection.get(), "COMMIT");
}

}  // namespace itaku::bench
