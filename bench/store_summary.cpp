#include "store_summary.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace itaku::bench {
namespace {

// Each query yields one text column; its rows are joined with ';'. Written in the SQL both
// SQLite and PostgreSQL accept.
const std::vector<std::pair<std::string, std::string>>& fact_queries() {
  static const std::vector<std::pair<std::string, std::string>> kQueries = {
      {"vendors rows",
       "SELECT COALESCE(corporate_number, '') || '|' || name || '|' || COALESCE(country, '')"
       " FROM vendors ORDER BY id"},
      {"vendor_certifications rows",
       "SELECT CAST(vendor_id AS TEXT) || '|' || scheme || '|' || number || '|' ||"
       " valid_until FROM vendor_certifications ORDER BY id"},
      {"persons rows",
       "SELECT name || '|' || department || '|' || COALESCE(email, '') || '|' ||"
       " CAST(active AS TEXT) FROM persons ORDER BY id"},
      {"engagements count", "SELECT CAST(COUNT(*) AS TEXT) FROM engagements"},
      {"engagements text length",
       "SELECT CAST(COALESCE(SUM(LENGTH(ref || kind || title || department || status || period_start ||"
       " COALESCE(period_end, '') || COALESCE(network_zone, ''))), 0) AS TEXT) FROM engagements"},
      {"engagements section_json length",
       "SELECT CAST(COALESCE(SUM(LENGTH(section_json)), 0) AS TEXT) FROM engagements"},
      {"engagements numbers",
       "SELECT CAST(COALESCE(SUM(confidentiality + 3 * integrity + 7 * availability + 11 * personal_data +"
       " 13 * my_number + 17 * COALESCE(subcontracting_used, 5) + 19 * COALESCE(subcontracting_approved, 5) +"
       " 23 * COALESCE(subcontracting_flow_down, 5) + 29 * COALESCE(verification_interval_months, 0) +"
       " 31 * COALESCE(vendor_id, 0) + 37 * COALESCE(responsible_person_id, 0)), 0) AS TEXT) FROM engagements"},
      {"engagement_clauses",
       "SELECT CAST(COUNT(*) AS TEXT) || ' rows, ' ||"
       " CAST(COALESCE(SUM(LENGTH(clause_id) + position), 0) AS TEXT) FROM engagement_clauses"},
      {"verifications",
       "SELECT CAST(COUNT(*) AS TEXT) || ' rows, ' || CAST(COALESCE(SUM(position + LENGTH(verified_on"
       " || result || COALESCE(verifier, '') || COALESCE(notes, ''))), 0) AS TEXT) FROM verifications"},
      {"audit_log count", "SELECT CAST(COUNT(*) AS TEXT) FROM audit_log"},
      {"audit_log after_json length", "SELECT CAST(COALESCE(SUM(LENGTH(after_json)), 0) AS TEXT) FROM audit_log"},
      // Its hash depends on the times; whether it names the last entry does not.
      {"audit_head",
       "SELECT CAST(h.entries AS TEXT) || ' entries, last ' || CAST(h.last_id AS TEXT) ||"
       " CASE WHEN h.last_hash = (SELECT hash FROM audit_log WHERE id = h.last_id) THEN ' (its hash)'"
       " ELSE ' (another hash)' END FROM audit_head h"},
  };
  return kQueries;
}

}  // namespace

StoreSummary summarise_sqlite(const std::string& database) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    throw std::runtime_error("cannot open " + database);
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  StoreSummary summary;
  for (const auto& [fact, sql] : fact_queries()) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite3: ") + sqlite3_errmsg(db.get()) + " in " + sql);
    }
    std::string value;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      value += (value.empty() ? "" : ";") + std::string(text ? text : "NULL");
    }
    sqlite3_finalize(statement);
    summary[fact] = value;
  }
  return summary;
}

StoreSummary summarise_postgresql(const std::string& url) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + url + ": " + PQerrorMessage(connection.get()));
  }
  StoreSummary summary;
  for (const auto& [fact, sql] : fact_queries()) {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(connection.get()) + " in " + sql);
    }
    std::string value;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      value += (value.empty() ? "" : ";") +
               std::string(PQgetisnull(result.get(), row, 0) ? "NULL" : PQgetvalue(result.get(), row, 0));
    }
    summary[fact] = value;
  }
  return summary;
}

std::string differences(const StoreSummary& itaku, const StoreSummary& baseline) {
  std::string report;
  for (const auto& [fact, value] : itaku) {
    const auto other = baseline.find(fact);
    const std::string baseline_value = other == baseline.end() ? "(missing)" : other->second;
    if (value == baseline_value) continue;
    auto shortened = [](const std::string& text) { return text.size() > 160 ? text.substr(0, 160) + "…" : text; };
    report += "    " + fact + ": itaku " + shortened(value) + " / baseline " + shortened(baseline_value) + "\n";
  }
  return report;
}

}  // namespace itaku::bench
