#include "registry/soci_registry.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <thread>
#include <sqlite3.h>

#include "itaku/domain/engagement_history.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "registry/bulk_statements.hpp"
#include "registry/migrations.hpp"
#include "text/utc_timestamp.hpp"
#include "registry/soci_errors.hpp"

namespace itaku::detail {
namespace {

constexpr int kPageSize = 512;


// Nullable values for use(): SOCI 4.0.3 has no std::optional, so each carries an indicator.
struct NullableText {
  std::string value;
  soci::indicator indicator = soci::i_null;
  NullableText() = default;
  explicit NullableText(const std::optional<std::string>& text)
      : value(text.value_or("")), indicator(text ? soci::i_ok : soci::i_null) {}
};

struct NullableInt {
  int value = 0;
  soci::indicator indicator = soci::i_null;
  NullableInt() = default;
  explicit NullableInt(const std::optional<int>& number)
      : value(number.value_or(0)), indicator(number ? soci::i_ok : soci::i_null) {}
  explicit NullableInt(const std::optional<bool>& flag)
      : value(flag.value_or(false) ? 1 : 0), indicator(flag ? soci::i_ok : soci::i_null) {}
};




Date stored_date(const std::string& text, const std::string& what) {
  auto date = Date::parse(text);
  if (!date) throw Error(ErrorCode::kInternal, "the database holds a malformed date in " + what + ": '" + text + "'");
  return *date;
}

// A stored enum word; one this binary does not know means the database was changed by hand.
template <typename T>
T stored_word(const std::optional<T>& parsed, const std::string& what) {
  if (!parsed) throw Error(ErrorCode::kInternal, "the database holds an unknown value in " + what);
  return *parsed;
}

std::optional<std::string> optional_text(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<std::string>(column);
}

// Integer columns come back as int or long long depending on backend and declared type
// (SQLite's INTEGER PRIMARY KEY is read as int, PostgreSQL's BIGSERIAL as long long).
long long integer_at(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return row.get<long long>(column);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_string: return std::stoll(row.get<std::string>(column));
    default: break;
  }
  throw Error(ErrorCode::kInternal, "column " + row.get_properties(column).get_name() + " is not an integer");
}

std::optional<int> optional_int(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return static_cast<int>(integer_at(row, column));
}

int int_at(const soci::row& row, std::size_t column) { return static_cast<int>(integer_at(row, column)); }

// Which engagements a query covers: one ref, or the refs after `after`,
// optionally restricted by kind and department. Rendered as SQL with named placeholders only.
struct Selection {
  std::optional<std::string> ref;
  std::optional<std::string> after;
  EngagementFilter filter;

  std::string where() const {
    std::string clause = " WHERE 1 = 1";
    if (ref) clause += " AND e.ref = :ref";
    if (after) clause += " AND e.ref > :after";
    if (filter.kind) clause += " AND e.kind = :kind";
    if (filter.department) clause += " AND e.department = :department";
    return clause;
  }

  // Binds the placeholders where() produced.
  void bind(soci::details::prepare_temp_type& statement) const {
    if (ref) statement, soci::use(*ref, "ref");
    if (after) statement, soci::use(*after, "after");
    if (filter.kind) statement, soci::use(*filter.kind, "kind");
    if (filter.department) statement, soci::use(*filter.department, "department");
  }
};

constexpr const char* kEngagementColumns =
    "SELECT e.id, e.ref, e.kind, e.title, e.department, e.status,"
    " p.name, p.department, p.email, p.active,"
    " v.id, v.name, v.corporate_number, v.country,"
    " e.confidentiality, e.integrity, e.availability, e.personal_data, e.my_number,"
    " e.network_zone, e.period_start, e.period_end,"
    " e.subcontracting_used, e.subcontracting_approved, e.subcontracting_flow_down,"
    " e.verification_interval_months, e.section_json, e.return_confirmed_on, e.termination_note"
    " FROM engagements e"
    " LEFT JOIN persons p ON p.id = e.responsible_person_id"
    " LEFT JOIN vendors v ON v.id = e.vendor_id";

struct LoadedEngagement {
  long long id = 0;
  std::optional<long long> vendor_id;
  Engagement engagement;
};

LoadedEngagement engagement_from_row(const soci::row& row) {
  LoadedEngagement loaded;
  Engagement& e = loaded.engagement;
  loaded.id = integer_at(row, 0);
  e.ref = row.get<std::string>(1);
  e.kind = row.get<std::string>(2);
  e.title = row.get<std::string>(3);
  e.department = row.get<std::string>(4);
  e.status = stored_word(parse_engagement_status(row.get<std::string>(5)), "status of " + e.ref);
  if (row.get_indicator(6) != soci::i_null) {
    e.responsible_person = Person{row.get<std::string>(6), row.get<std::string>(7), optional_text(row, 8),
                                  int_at(row, 9) != 0};
  }
  if (row.get_indicator(10) != soci::i_null) {
    loaded.vendor_id = integer_at(row, 10);
    e.vendor = Vendor{row.get<std::string>(11), optional_text(row, 12), optional_text(row, 13), {}};
  }
  e.information = {int_at(row, 14), int_at(row, 15), int_at(row, 16), int_at(row, 17) != 0, int_at(row, 18) != 0};
  if (auto zone = optional_text(row, 19)) e.network_zone = stored_word(parse_network_zone(*zone), "network_zone of " + e.ref);
  e.period.start = stored_date(row.get<std::string>(20), "period_start of " + e.ref);
  if (auto end = optional_text(row, 21)) e.period.end = stored_date(*end, "period_end of " + e.ref);
  if (auto used = optional_int(row, 22)) {
    Subcontracting sub;
    sub.used = *used != 0;
    if (auto approved = optional_int(row, 23)) sub.approved = *approved != 0;
    if (auto flow_down = optional_int(row, 24)) sub.flow_down = *flow_down != 0;
    e.subcontracting = sub;
  }
  e.verification_interval_months = optional_int(row, 25);
  if (auto section = optional_text(row, 26)) e.section = nlohmann::json::parse(*section);
  if (auto confirmed = optional_text(row, 27)) {
    e.termination = Termination{stored_date(*confirmed, "return_confirmed_on of " + e.ref), optional_text(row, 28)};
  }
  return loaded;
}

// Statements run once per imported row, prepared once per connection: re-parsing the SQL for
// every row cost SQLite more than executing it. Each binds to the members beside it, which are
// set before each execute().
struct ChildInserts {
  explicit ChildInserts(soci::session& sql)
      : clause(sql), verification(sql), evidence(sql), ref_lookup(sql), engagement_insert(sql), audit_insert(sql) {
    prepare_row_inserts(sql);
    clause = (sql.prepare << "INSERT INTO engagement_clauses (engagement_id, clause_id, position) VALUES (:id, :c, :p)",
              soci::use(as_const(engagement_id)), soci::use(as_const(text_a)), soci::use(as_const(position)));
    verification = (sql.prepare << "INSERT INTO verifications (engagement_id, position, verified_on, result, verifier, notes)"
                                   " VALUES (:id, :p, :d, :r, :v, :n)",
                    soci::use(as_const(engagement_id)), soci::use(as_const(position)), soci::use(as_const(text_a)),
                    soci::use(as_const(text_b)), soci::use(text_c, indicator_c), soci::use(text_d, indicator_d));
    evidence = (sql.prepare << "INSERT INTO clause_evidence (engagement_id, position, clause_id, note) VALUES (:id, :p, :c, :n)",
                soci::use(as_const(engagement_id)), soci::use(as_const(position)), soci::use(as_const(text_a)),
                soci::use(as_const(text_b)));
    ref_lookup = (sql.prepare << "SELECT id FROM engagements WHERE ref = :ref", soci::use(as_const(ref)), soci::into(found_id));
  }
  template <typename T>
  static const T& as_const(T& value) {
    return value;
  }

  // Runs a statement that yields at most one row and steps it to its end: SQLite refuses to
  // COMMIT while a statement still has a row pending.
  static bool execute_single(soci::statement& statement) {
    const bool got = statement.execute(true);
    while (statement.fetch()) {
    }
    return got;
  }

  // The engagement row, for inserts (the bound values of engagement_insert).
  struct EngagementRow {
    std::string ref, kind, title, department, status, start, now;
    long long person = 0, vendor = 0;
    soci::indicator person_indicator = soci::i_null, vendor_indicator = soci::i_null;
    int confidentiality = 0, integrity = 0, availability = 0, personal_data = 0, my_number = 0;
    NullableText zone, end, section, confirmed, termination_note;
    NullableInt used, approved, flow_down, interval;
    long long new_id = 0;
  } row;

  // The audit entry being appended (the bound values of audit_insert).
  struct AuditRow {
    std::string at, actor, action, entity, key, prev, hash;
    NullableText before, after;
    long long new_id = 0;
  } audit;

  void prepare_row_inserts(soci::session& sql) {
    engagement_insert = (sql.prepare << "INSERT INTO engagements (ref, kind, title, department, status,"
                                        " responsible_person_id, vendor_id, confidentiality, integrity, availability,"
                                        " personal_data, my_number, network_zone, period_start, period_end,"
                                        " subcontracting_used, subcontracting_approved, subcontracting_flow_down,"
                                        " verification_interval_months, section_json, return_confirmed_on,"
                                        " termination_note, created_at, updated_at)"
                                        " VALUES (:ref, :kind, :title, :department, :status, :person, :vendor, :c, :i,"
                                        " :a, :pd, :mn, :zone, :start, :end, :used, :approved, :flow, :interval,"
                                        " :section, :confirmed, :tnote, :created, :updated) RETURNING id",
                         soci::use(as_const(row.ref)), soci::use(as_const(row.kind)), soci::use(as_const(row.title)),
                         soci::use(as_const(row.department)), soci::use(as_const(row.status)),
                         soci::use(row.person, row.person_indicator), soci::use(row.vendor, row.vendor_indicator),
                         soci::use(as_const(row.confidentiality)), soci::use(as_const(row.integrity)),
                         soci::use(as_const(row.availability)), soci::use(as_const(row.personal_data)),
                         soci::use(as_const(row.my_number)), soci::use(row.zone.value, row.zone.indicator),
                         soci::use(as_const(row.start)), soci::use(row.end.value, row.end.indicator),
                         soci::use(row.used.value, row.used.indicator),
                         soci::use(row.approved.value, row.approved.indicator),
                         soci::use(row.flow_down.value, row.flow_down.indicator),
                         soci::use(row.interval.value, row.interval.indicator),
                         soci::use(row.section.value, row.section.indicator),
                         soci::use(row.confirmed.value, row.confirmed.indicator),
                         soci::use(row.termination_note.value, row.termination_note.indicator),
                         soci::use(as_const(row.now)), soci::use(as_const(row.now)), soci::into(row.new_id));
    audit_insert = (sql.prepare << "INSERT INTO audit_log (at, actor, action, entity, entity_key, before_json, after_json,"
                                   " prev_hash, hash) VALUES (:at, :actor, :action, :entity, :key, :before, :after, :prev,"
                                   " :hash) RETURNING id",
                    soci::use(as_const(audit.at)), soci::use(as_const(audit.actor)), soci::use(as_const(audit.action)),
                    soci::use(as_const(audit.entity)), soci::use(as_const(audit.key)),
                    soci::use(audit.before.value, audit.before.indicator),
                    soci::use(audit.after.value, audit.after.indicator), soci::use(as_const(audit.prev)),
                    soci::use(as_const(audit.hash)), soci::into(audit.new_id));
  }

  long long engagement_id = 0;
  long long position = 0;
  std::string text_a, text_b, text_c, text_d;
  soci::indicator indicator_c = soci::i_null, indicator_d = soci::i_null;
  std::string ref;
  long long found_id = 0;
  soci::statement clause;
  soci::statement verification;
  soci::statement evidence;
  soci::statement ref_lookup;
  soci::statement engagement_insert;
  soci::statement audit_insert;
};

class SociRegistry;

// A vendor's certifications after `incoming` are written over `base` as write_vendor writes them:
// one per scheme and number, the last valid_until given winning (a renewal), in first-seen order.
// What an upsert reports (and audits) is what is stored, also for a list naming one twice.
std::vector<Certification> with_certifications(std::vector<Certification> base, const std::vector<Certification>& incoming) {
  for (const auto& certification : incoming) {
    auto same = std::find_if(base.begin(), base.end(), [&](const Certification& c) {
      return c.scheme == certification.scheme && c.number.value_or("") == certification.number.value_or("");
    });
    if (same != base.end()) {
      same->valid_until = certification.valid_until;
    } else {
      base.push_back(certification);
    }
  }
  return base;
}

class SociTransaction final : public Registry::Transaction {
 public:
  explicit SociTransaction(SociRegistry& registry) : registry_(registry) {}
  ~SociTransaction() override;
  void commit() override;

 private:
  SociRegistry& registry_;
  bool finished_ = false;
};

class SociRegistry final : public Registry {
 public:
  SociRegistry(const DatabaseLocation& location, OpenMode mode) : location_(location) {
    guard("opening " + location_.display, [&] {
      if (location_.backend == Backend::kSqlite) {
        sql_.open(soci::sqlite3, location_.connect_string);
        sql_ << "PRAGMA busy_timeout = 10000";
        // Before WAL: a file that is not a registry is left exactly as it was.
        require_registry_or_empty(mode);
        use_write_ahead_log();
        keep_write_ahead_log_file();
        // NORMAL is durable at every checkpoint and cannot corrupt the database on a crash.
        sql_ << "PRAGMA synchronous = NORMAL";
        sql_ << "PRAGMA foreign_keys = ON";
      } else {
        connect_postgresql();
        sql_ << "SET client_min_messages = warning";  // keep NOTICEs off the user's terminal
        // A writer waits at most as long for the trail's lock as SQLite's busy timeout, then is
        // told to retry (kUnavailable), like a writer on SQLite.
        sql_ << "SET lock_timeout = '10s'";
        require_registry_or_empty(mode);
      }
      schema_version_ = apply_migrations(sql_, location_.backend);
    });
  }

  std::string describe() const override { return location_.display; }

  // What a database holds before Itaku touches it. Asked of the catalogue, so that a missing
  // table is an answer and not a failed statement (which PostgreSQL would log).
  enum class Contents { kRegistry, kEmpty, kOtherTables, kNotADatabase };

  Contents contents() {
    const std::string query =
        location_.backend == Backend::kPostgresql
            ? "SELECT COUNT(*), COUNT(*) FILTER (WHERE tablename = 'schema_migrations') FROM pg_catalog.pg_tables "
              "WHERE schemaname = ANY (current_schemas(false))"
            : "SELECT COUNT(*), COALESCE(SUM(name = 'schema_migrations'), 0) FROM sqlite_master WHERE type = 'table'";
    long long tables = 0;
    long long migrations = 0;
    try {
      sql_ << query, soci::into(tables), soci::into(migrations);
    } catch (const soci::soci_error&) {
      return Contents::kNotADatabase;  // e.g. a text file given as a SQLite database
    }
    if (migrations > 0) return Contents::kRegistry;
    return tables == 0 ? Contents::kEmpty : Contents::kOtherTables;
  }

  // A reader needs a registry; a writer may also start one in an empty database, but never adds
  // Itaku's tables beside another program's or writes into a file that is no database.
  void require_registry_or_empty(OpenMode mode) {
    const Contents found = contents();
    if (found == Contents::kRegistry) return;
    if (found == Contents::kNotADatabase) {
      throw Error(ErrorCode::kInvalidArgument,
                  location_.display + " はデータベースではありません（SQLite で読めないファイルです）。別のパスを指定してください / " +
                      location_.display + " is not a database (SQLite cannot read the file): give another --db path",
                  "--db");
    }
    if (found == Contents::kOtherTables) {
      throw Error(ErrorCode::kInvalidArgument,
                  location_.display + " には別のプログラムの表があり、Itaku の登録簿ではありません。別のパスを指定してください / " +
                      location_.display + " holds another program's tables, not an Itaku registry: give another --db path " +
                      "(Itaku does not add its tables to it)",
                  "--db");
    }
    if (mode == OpenMode::kCreateIfMissing) return;
    throw Error(ErrorCode::kNotFound,
                location_.display + " は Itaku の登録簿ではありません（空のデータベースです）。新しく作るには itaku init --db を使います / " +
                    location_.display + " is not an Itaku registry (the database is empty); create one with itaku init --db",
                "--db");
  }

  // WAL: readers never block the writer. Switching a new database to it needs a moment of
  // exclusive access that SQLite does not wait for (the busy handler is not called), so two
  // processes creating one database at once retry here for up to the busy timeout.
  void use_write_ahead_log() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (true) {
      try {
        std::string mode;
        sql_ << "PRAGMA journal_mode", soci::into(mode);
        if (mode == "wal") return;
        sql_ << "PRAGMA journal_mode = WAL", soci::into(mode);
        if (mode == "wal") return;
      } catch (const soci::sqlite3_soci_error& error) {
        const int code = error.result() & 0xff;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() > deadline) throw;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw Error(ErrorCode::kUnavailable, "the database is busy: cannot switch it to write-ahead logging; try again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Without this, the last connection to close deletes the -wal file and the next one to open
  // recreates and initialises it (and the -shm index): a fifth of a short command's time.
  void keep_write_ahead_log_file() {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend());
    int persist = 1;
    sqlite3_file_control(backend->conn_, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  }

  // libpq's connection failures reach SOCI without an SQLSTATE: tell a server that cannot be
  // reached (retry later) from a request that can never work (wrong database or credentials).
  void connect_postgresql() {
    try {
      // By name: SOCI loads its PostgreSQL backend (and libpq with its TLS and Kerberos
      // libraries) only now, so that commands on a SQLite registry start without them.
      sql_.open("postgresql", location_.connect_string);
    } catch (const soci::soci_error& error) {
      const std::string message = error.what();
      const bool refused = message.find("does not exist") != std::string::npos ||
                           message.find("authentication failed") != std::string::npos ||
                           message.find("password") != std::string::npos ||
                           message.find("no pg_hba.conf entry") != std::string::npos;
      throw Error(refused ? ErrorCode::kInvalidArgument : ErrorCode::kUnavailable,
                  "cannot connect to " + location_.display + ": " + message);
    }
  }
  int schema_version() override { return schema_version_; }

  // The lock order of every write (README "Concurrent writers"): the audit trail first, taken at
  // BEGIN, then rows. SQLite's BEGIN IMMEDIATE takes the database's one write lock; on PostgreSQL
  // the EXCLUSIVE lock on audit_log admits readers but no other writer until COMMIT, so no writer
  // ever holds a row another writer waits for while waiting for the trail (the deadlock an import
  // met when it locked the trail after its first rows and `verify` locked a row, then the trail).
  std::unique_ptr<Transaction> begin() override {
    guard("starting a transaction on " + location_.display, [&] {
      if (location_.backend == Backend::kSqlite) {
        sql_ << "BEGIN IMMEDIATE";
      } else {
        sql_ << "BEGIN";
        try {
          sql_ << "LOCK TABLE audit_log IN EXCLUSIVE MODE";
        } catch (...) {
          sql_ << "ROLLBACK";
          throw;
        }
      }
    });
    in_transaction_ = true;
    forget_transaction_state();
    return std::make_unique<SociTransaction>(*this);
  }

  std::unique_ptr<Transaction> begin_read() override {
    guard("starting a read on " + location_.display, [&] {
      if (location_.backend == Backend::kSqlite) {
        // The snapshot is taken at the first read and held until the transaction ends.
        sql_ << "BEGIN";
      } else {
        sql_ << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
      }
    });
    in_transaction_ = true;
    forget_transaction_state();
    return std::make_unique<SociTransaction>(*this);
  }

  void commit() {
    guard("committing to " + location_.display, [&] {
      if (appended_audit_entries_ > 0) {
        // The head row is written once per transaction: updating one row per append made
        // PostgreSQL walk an ever longer chain of row versions inside one long import.
        sql_ << "UPDATE audit_head SET entries = entries + :n, last_id = :id, last_hash = :hash WHERE id = 1",
            soci::use(appended_audit_entries_), soci::use(last_appended_id_), soci::use(*cached_last_hash_);
      }
      sql_ << "COMMIT";
    });
    in_transaction_ = false;
    forget_transaction_state();
  }

  void rollback() noexcept {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {
      // Nothing better to do: the connection is broken and the server rolls back by itself.
    }
    in_transaction_ = false;
    forget_transaction_state();
  }

  std::optional<Engagement> find_engagement(const std::string& ref) override {
    std::optional<Engagement> found;
    guard("reading " + ref, [&] {
      Selection selection;
      selection.ref = ref;
      auto page = load(selection);
      if (!page.empty()) found = std::move(page.front().engagement);
    });
    return found;
  }

  std::optional<Engagement> find_engagement_for_update(const std::string& ref) override {
    require_transaction("locking " + ref);
    if (location_.backend == Backend::kPostgresql) {
      guard("locking " + ref, [&] {
        long long id = 0;
        sql_ << "SELECT id FROM engagements WHERE ref = :ref FOR UPDATE", soci::use(ref), soci::into(id);
      });
    }
    return find_engagement(ref);
  }

  UpsertResult upsert_engagement(const Engagement& engagement, AbsentFields absent) override {
    require_transaction("writing " + engagement.ref);
    UpsertResult result;
    guard("writing " + engagement.ref, [&] {
      // Most imports create: look the ref up cheaply before loading a whole engagement.
      std::vector<LoadedEngagement> existing;
      ChildInserts& hot = hot_statements();
      hot.ref = engagement.ref;
      if (ChildInserts::execute_single(hot.ref_lookup)) {
        Selection selection;
        selection.ref = engagement.ref;
        existing = load(selection);
      }
      if (!existing.empty()) result.before = existing.front().engagement;
      result.after = result.before && absent == AbsentFields::kKept
                         ? engagement_from_json(with_absent_fields_kept(engagement_to_json(*result.before),
                                                                        engagement_to_json(engagement)))
                         : engagement;
      // History is append-only: what is stored stays, in its order, and only new entries follow.
      std::vector<Verification> appended_verifications = engagement.verifications;
      std::vector<ClauseEvidence> appended_evidence = engagement.clause_evidence;
      if (result.before) {
        appended_verifications = new_verifications(result.before->verifications, engagement.verifications);
        appended_evidence = new_clause_evidence(result.before->clause_evidence, engagement.clause_evidence);
        result.after.verifications = result.before->verifications;
        result.after.verifications.insert(result.after.verifications.end(), appended_verifications.begin(),
                                          appended_verifications.end());
        result.after.clause_evidence = result.before->clause_evidence;
        result.after.clause_evidence.insert(result.after.clause_evidence.end(), appended_evidence.begin(),
                                            appended_evidence.end());
      }
      const std::optional<long long> vendor_id = result.after.vendor ? find_vendor(*result.after.vendor) : std::nullopt;
      if (result.after.vendor && vendor_id) {
        result.after.vendor->certifications = merge_certifications(*vendor_id, *result.after.vendor);
        result.vendor_conflict = keep_registered_name(*vendor_id, *result.after.vendor);
      } else if (result.after.vendor) {
        result.after.vendor->certifications = with_certifications({}, result.after.vendor->certifications);
      }
      if (result.after.responsible_person) complete_from_stored(*result.after.responsible_person);
      if (result.before && engagement_to_json(*result.before) == engagement_to_json(result.after)) {
        result.outcome = UpsertOutcome::kUnchanged;
        return;
      }
      // Row ids start at 1: 0 stands for "none" (GCC 12 misreads std::optional here).
      const long long stored_vendor = result.after.vendor ? write_vendor(vendor_id, *result.after.vendor) : 0;
      const long long person = result.after.responsible_person ? write_person(*result.after.responsible_person) : 0;
      const long long id = write_engagement_row(existing.empty() ? std::nullopt : std::optional(existing.front().id),
                                                result.after, stored_vendor, person);
      if (result.before) {
        write_clauses(id, result.after.clauses, true);
        write_verifications(id, result.before->verifications.size(), appended_verifications);
        write_clause_evidence(id, result.before->clause_evidence.size(), appended_evidence);
      } else {
        write_clauses(id, result.after.clauses, false);
        write_verifications(id, 0, result.after.verifications);
        write_clause_evidence(id, 0, result.after.clause_evidence);
      }
      result.outcome = result.before ? UpsertOutcome::kUpdated : UpsertOutcome::kCreated;
    });
    return result;
  }

  void void_verification(const std::string& ref, std::size_t position, const VerificationVoid& void_entry) override {
    require_transaction("voiding a verification of " + ref);
    guard("voiding a verification of " + ref, [&] {
      ChildInserts& hot = hot_statements();
      hot.ref = ref;
      if (!ChildInserts::execute_single(hot.ref_lookup)) throw Error(ErrorCode::kNotFound, "no engagement with ref " + ref);
      const long long engagement_id = hot.found_id;
      const long long at = static_cast<long long>(position);
      long long verifications = 0;
      sql_ << "SELECT COUNT(*) FROM verifications WHERE engagement_id = :id AND position = :p", soci::use(engagement_id),
          soci::use(at), soci::into(verifications);
      if (verifications == 0) {
        throw Error(ErrorCode::kNotFound, ref + " has no verification " + std::to_string(position + 1));
      }
      long long voids = 0;
      sql_ << "SELECT COUNT(*) FROM verification_voids WHERE engagement_id = :id AND position = :p",
          soci::use(engagement_id), soci::use(at), soci::into(voids);
      if (voids > 0) {
        throw Error(ErrorCode::kAlreadyExists,
                    "verification " + std::to_string(position + 1) + " of " + ref + " is already voided");
      }
      insert_void(engagement_id, at, void_entry);
    });
  }

  std::vector<UpsertResult> upsert_engagements(const std::vector<Engagement>& batch, AbsentFields absent) override {
    require_transaction("writing engagements");
    std::set<std::string> refs;
    for (const auto& engagement : batch) {
      if (!refs.insert(engagement.ref).second) {
        throw Error(ErrorCode::kInvalidArgument, "the ref " + engagement.ref + " appears twice in one batch", "/ref");
      }
    }
    std::vector<UpsertResult> results;
    results.reserve(batch.size());
    // SQLite has no round trips to save: its prepared per-row statements are the fast path.
    if (location_.backend == Backend::kSqlite) {
      for (const auto& engagement : batch) results.push_back(upsert_engagement(engagement, absent));
      return results;
    }
    guard("writing engagements", [&] {
      const std::set<std::string> stored = stored_refs_in_bulk(sql_, batch);
      std::vector<NewEngagementRow> fresh;
      defer_certification_writes_ = true;
      for (const auto& engagement : batch) {
        if (stored.count(engagement.ref)) {
          // An update: compared with the stored engagement (its vendor's certifications as
          // written so far) and rewritten one by one.
          flush_certifications();
          defer_certification_writes_ = false;
          results.push_back(upsert_engagement(engagement, absent));
          defer_certification_writes_ = true;
          continue;
        }
        UpsertResult& result = results.emplace_back();
        result.outcome = UpsertOutcome::kCreated;
        result.after = engagement;
        NewEngagementRow row{&engagement, 0, 0};
        if (engagement.vendor) {
          const std::optional<long long> vendor_id = find_vendor(*engagement.vendor);
          if (vendor_id) {
            result.after.vendor->certifications = merge_certifications(*vendor_id, *engagement.vendor);
            result.vendor_conflict = keep_registered_name(*vendor_id, *result.after.vendor);
          } else {
            result.after.vendor->certifications = with_certifications({}, engagement.vendor->certifications);
          }
          row.vendor_id = write_vendor(vendor_id, *result.after.vendor);
        }
        if (result.after.responsible_person) {
          complete_from_stored(*result.after.responsible_person);
          row.person_id = write_person(*result.after.responsible_person);
        }
        fresh.push_back(row);
      }
      flush_certifications();
      defer_certification_writes_ = false;
      insert_engagements_in_bulk(sql_, fresh, utc_timestamp());
    });
    return results;
  }

  void for_each_engagement(const EngagementFilter& filter, const std::function<void(Engagement&&)>& visit) override {
    Selection selection;
    selection.filter = filter;
    selection.after = std::string();
    while (true) {
      std::vector<LoadedEngagement> page;
      guard("reading engagements", [&] { page = load(selection, kPageSize); });
      if (page.empty()) return;
      selection.after = page.back().engagement.ref;
      for (auto& loaded : page) visit(std::move(loaded.engagement));
      if (page.size() < static_cast<size_t>(kPageSize)) return;
    }
  }

  std::vector<Engagement> engagements_page(const EngagementFilter& filter, const std::string& after,
                                           std::size_t limit) override {
    std::vector<Engagement> engagements;
    guard("reading engagements", [&] {
      Selection selection;
      selection.filter = filter;
      selection.after = after;
      for (auto& loaded : load(selection, static_cast<int>(std::max<std::size_t>(limit, 1)))) {
        engagements.push_back(std::move(loaded.engagement));
      }
    });
    return engagements;
  }

  std::vector<StoredVendor> vendors_page(long long after_id, std::size_t limit) override {
    std::vector<StoredVendor> vendors;
    guard("reading vendors", [&] {
      const long long rows_wanted = static_cast<long long>(std::max<std::size_t>(limit, 1));
      std::map<long long, std::size_t> position;
      {
        soci::rowset<soci::row> rows =
            (sql_.prepare << "SELECT v.id, v.name, v.corporate_number, v.country,"
                             " (SELECT COUNT(*) FROM engagements e WHERE e.vendor_id = v.id)"
                             " FROM vendors v WHERE v.id > :after ORDER BY v.id LIMIT :n",
             soci::use(after_id, "after"), soci::use(rows_wanted, "n"));
        for (const auto& row : rows) {
          StoredVendor stored;
          stored.id = integer_at(row, 0);
          stored.vendor = Vendor{row.get<std::string>(1), optional_text(row, 2), optional_text(row, 3), {}};
          stored.engagements = static_cast<std::size_t>(integer_at(row, 4));
          position[stored.id] = vendors.size();
          vendors.push_back(std::move(stored));
        }
      }
      if (vendors.empty()) return;
      const std::string ids = id_list(position);
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT vendor_id, scheme, number, valid_until FROM vendor_certifications WHERE " +
                               in_id_list("vendor_id") + " ORDER BY vendor_id, id",
           soci::use(ids, "ids"));
      for (const auto& row : rows) {
        StoredVendor& stored = vendors[position.at(integer_at(row, 0))];
        Certification certification;
        certification.scheme = row.get<std::string>(1);
        const std::string number = row.get<std::string>(2);
        if (!number.empty()) certification.number = number;
        certification.valid_until = stored_date(row.get<std::string>(3), "a certification of " + stored.vendor.name);
        stored.vendor.certifications.push_back(std::move(certification));
      }
    });
    return vendors;
  }

  std::size_t count_engagements(const EngagementFilter& filter) override {
    long long count = 0;
    guard("counting engagements", [&] {
      Selection selection;
      selection.filter = filter;
      auto prepared = (sql_.prepare << "SELECT COUNT(*) FROM engagements e" + selection.where(), soci::into(count));
      selection.bind(prepared);
      soci::statement statement = prepared;
      statement.execute(true);
    });
    return static_cast<std::size_t>(count);
  }

  void refresh_statistics() override {
    guard("updating the planner statistics of " + location_.display, [&] {
      sql_ << (location_.backend == Backend::kSqlite ? "PRAGMA optimize"
                                                     : "ANALYZE vendors, vendor_certifications, persons, engagements,"
                                                       " engagement_clauses, verifications, clause_evidence");
    });
  }

  AuditEntry append_audit(AuditEntry entry) override {
    require_transaction("writing the audit trail");
    guard("writing the audit trail", [&] {
      chain(entry);
      ChildInserts::AuditRow& row = hot_statements().audit;
      row.at = entry.at;
      row.actor = entry.actor;
      row.action = entry.action;
      row.entity = entry.entity;
      row.key = entry.entity_key;
      row.before = NullableText(entry.before_json.empty() ? std::nullopt : std::optional(entry.before_json));
      row.after = NullableText(entry.after_json.empty() ? std::nullopt : std::optional(entry.after_json));
      row.prev = entry.prev_hash;
      row.hash = entry.hash;
      ChildInserts::execute_single(hot_statements().audit_insert);
      entry.id = row.new_id;
      last_appended_id_ = entry.id;
    });
    return entry;
  }

  std::vector<AuditEntry> append_audits(std::vector<AuditEntry> entries) override {
    if (location_.backend == Backend::kSqlite) {
      for (auto& entry : entries) entry = append_audit(std::move(entry));
      return entries;
    }
    require_transaction("writing the audit trail");
    guard("writing the audit trail", [&] {
      for (auto& entry : entries) chain(entry);
      insert_audit_entries_in_bulk(sql_, entries);
      if (!entries.empty()) last_appended_id_ = entries.back().id;
    });
    return entries;
  }

  AuditHead audit_head() override {
    AuditHead head;
    guard("reading the audit trail", [&] {
      // Prepared once: the REST server reads the head on every request to validate its caches.
      if (!head_query_) {
        head_query_ = std::make_unique<HeadQuery>(sql_);
        head_query_->statement = (sql_.prepare << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1",
                                  soci::into(head_query_->entries), soci::into(head_query_->last_id),
                                  soci::into(head_query_->last_hash));
      }
      if (ChildInserts::execute_single(head_query_->statement)) {
        head.entries = head_query_->entries;
        head.last_id = head_query_->last_id;
        head.last_hash = head_query_->last_hash;
      }
    });
    return head;
  }

  void for_each_audit(const std::optional<std::string>& entity_key,
                      const std::function<void(const AuditEntry&)>& visit) override {
    long long after = 0;
    while (true) {
      const std::vector<AuditEntry> page = audit_page(entity_key, after, kPageSize);
      if (page.empty()) return;
      after = page.back().id;
      for (const auto& entry : page) visit(entry);
    }
  }

  std::vector<AuditEntry> audit_page(const std::optional<std::string>& entity_key, long long after_id,
                                     std::size_t limit) override {
    std::vector<AuditEntry> page;
    guard("reading the audit trail", [&] {
      std::string query =
          "SELECT id, at, actor, action, entity, entity_key, before_json, after_json, prev_hash, hash"
          " FROM audit_log WHERE id > :after";
      if (entity_key) query += " AND entity_key = :key";
      query += " ORDER BY id LIMIT " + std::to_string(std::max<std::size_t>(limit, 1));
      auto statement = (sql_.prepare << query, soci::use(after_id, "after"));
      if (entity_key) statement, soci::use(*entity_key, "key");
      soci::rowset<soci::row> rows = statement;
      for (const auto& row : rows) {
        AuditEntry entry;
        entry.id = integer_at(row, 0);
        entry.at = row.get<std::string>(1);
        entry.actor = row.get<std::string>(2);
        entry.action = row.get<std::string>(3);
        entry.entity = row.get<std::string>(4);
        entry.entity_key = row.get<std::string>(5);
        entry.before_json = optional_text(row, 6).value_or("");
        entry.after_json = optional_text(row, 7).value_or("");
        entry.prev_hash = row.get<std::string>(8);
        entry.hash = row.get<std::string>(9);
        page.push_back(std::move(entry));
      }
    });
    return page;
  }

  std::vector<StoredPerson> list_persons(bool include_inactive) override {
    std::vector<StoredPerson> persons;
    guard("reading persons", [&] {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT p.id, p.name, p.department, p.email, p.active,"
                           " (SELECT COUNT(*) FROM engagements e WHERE e.responsible_person_id = p.id)"
                           " FROM persons p" +
                               std::string(include_inactive ? "" : " WHERE p.active = 1") +
                               " ORDER BY p.department, p.name");
      for (const auto& row : rows) persons.push_back(person_from_row(row));
    });
    return persons;
  }

  std::optional<StoredPerson> find_person(long long id) override {
    std::optional<StoredPerson> found;
    guard("reading person " + std::to_string(id), [&] {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT p.id, p.name, p.department, p.email, p.active,"
                           " (SELECT COUNT(*) FROM engagements e WHERE e.responsible_person_id = p.id)"
                           " FROM persons p WHERE p.id = :id",
           soci::use(id));
      for (const auto& row : rows) found = person_from_row(row);
    });
    return found;
  }

  StoredPerson add_person(const Person& person) override {
    require_transaction("adding a person");
    StoredPerson stored;
    guard("adding " + person.name, [&] {
      long long existing = 0;
      sql_ << "SELECT id FROM persons WHERE name = :name AND department = :department", soci::use(person.name),
          soci::use(person.department), soci::into(existing);
      if (sql_.got_data()) {
        throw Error(ErrorCode::kAlreadyExists, person.name + " (" + person.department + ") is already registered as person " +
                                                   std::to_string(existing));
      }
      stored.id = write_person(person);
      stored.person = person;
    });
    return stored;
  }

  void set_person_active(long long id, bool active) override {
    require_transaction("changing a person");
    guard("changing person " + std::to_string(id), [&] {
      const int flag = active ? 1 : 0;
      soci::statement statement = (sql_.prepare << "UPDATE persons SET active = :a WHERE id = :id", soci::use(flag),
                                   soci::use(id));
      statement.execute(true);
      if (statement.get_affected_rows() == 0) {
        throw Error(ErrorCode::kNotFound, "no person with id " + std::to_string(id) + " (see itaku person list)");
      }
      person_ids_.clear();
    });
  }

  std::vector<std::string> engagements_of_person(long long id) override {
    std::vector<std::string> refs;
    guard("reading engagements of person " + std::to_string(id), [&] {
      soci::rowset<std::string> rows =
          (sql_.prepare << "SELECT ref FROM engagements WHERE responsible_person_id = :id ORDER BY ref", soci::use(id));
      for (const auto& ref : rows) refs.push_back(ref);
    });
    return refs;
  }

  void add_assessment(const StoredAssessment& assessment) override {
    require_transaction("storing an assessment");
    guard("storing an assessment of " + assessment.ref, [&] {
      long long engagement_id = 0;
      sql_ << "SELECT id FROM engagements WHERE ref = :ref", soci::use(assessment.ref), soci::into(engagement_id);
      if (!sql_.got_data()) throw Error(ErrorCode::kNotFound, "no engagement with ref " + assessment.ref);
      const std::string as_of = assessment.as_of.to_string();
      sql_ << "INSERT INTO assessments (engagement_id, as_of, plugin, plugin_version, assessed_at, actor, result_json)"
              " VALUES (:e, :as_of, :plugin, :version, :at, :actor, :result)",
          soci::use(engagement_id), soci::use(as_of), soci::use(assessment.plugin), soci::use(assessment.plugin_version),
          soci::use(assessment.assessed_at), soci::use(assessment.actor), soci::use(assessment.result_json);
    });
  }

  std::optional<StoredAssessment> last_assessment(const std::string& ref) override {
    auto newest = assessments(ref, 1);
    return newest.empty() ? std::nullopt : std::optional(std::move(newest.front()));
  }

  std::vector<StoredAssessment> assessments_of(const std::string& ref) override { return assessments(ref, 0); }

  void add_token(const ApiToken& token) override {
    require_transaction("adding a token");
    guard("adding token " + token.name, [&] {
      if (find_token(token.name)) throw Error(ErrorCode::kAlreadyExists, "a token named '" + token.name + "' exists", "name");
      const std::string role(role_name(token.role));
      NullableText department(token.department);
      sql_ << "INSERT INTO api_tokens (name, role, department, token_hash, created_at) VALUES (:n, :r, :d, :h, :c)",
          soci::use(token.name), soci::use(role), soci::use(department.value, department.indicator),
          soci::use(token.token_hash), soci::use(token.created_at);
    });
  }

  std::vector<ApiToken> list_tokens() override { return tokens_where("", ""); }

  std::optional<ApiToken> find_token(const std::string& name) override {
    auto found = tokens_where(" WHERE name = :key", name);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  std::optional<ApiToken> find_token_by_hash(const std::string& token_hash) override {
    auto found = tokens_where(" WHERE token_hash = :key", token_hash);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  void revoke_token(const std::string& name, const std::string& at) override {
    require_transaction("revoking a token");
    guard("revoking token " + name, [&] {
      if (!find_token(name)) throw Error(ErrorCode::kNotFound, "no token named '" + name + "' (see itaku token list)", "name");
      sql_ << "UPDATE api_tokens SET revoked_at = :at WHERE name = :n AND revoked_at IS NULL", soci::use(at),
          soci::use(name);
    });
  }

  std::pair<Vendor, Vendor> put_certification(const std::string& vendor_key, const Certification& certification) override {
    require_transaction("recording a certification");
    std::pair<Vendor, Vendor> before_after;
    guard("recording a certification of " + vendor_key, [&] {
      Vendor key;
      const bool by_number = vendor_key.size() == 13 && vendor_key.find_first_not_of("0123456789") == std::string::npos;
      if (by_number) {
        key.corporate_number = vendor_key;
      } else {
        key.name = vendor_key;
      }
      const std::optional<long long> id = find_vendor(key);
      if (!id) {
        throw Error(ErrorCode::kNotFound, "no vendor with " + std::string(by_number ? "法人番号 " : "name ") + vendor_key +
                                              " is registered (vendors come in with their engagements)");
      }
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT name, corporate_number, country FROM vendors WHERE id = :id", soci::use(*id));
      for (const auto& row : rows) {
        before_after.first = Vendor{row.get<std::string>(0), optional_text(row, 1), optional_text(row, 2), {}};
      }
      before_after.first.certifications = merge_certifications(*id, Vendor{});
      before_after.second = before_after.first;
      before_after.second.certifications = {certification};
      before_after.second.certifications = merge_certifications(*id, before_after.second);
      Vendor incoming = before_after.first;
      incoming.certifications = {certification};
      write_vendor(id, incoming);
    });
    return before_after;
  }

  std::pair<Vendor, Vendor> rename_vendor(const std::string& corporate_number, const std::string& name) override {
    require_transaction("renaming a vendor");
    std::pair<Vendor, Vendor> before_after;
    guard("renaming the vendor " + corporate_number, [&] {
      Vendor key;
      key.corporate_number = corporate_number;
      const std::optional<long long> id = find_vendor(key);
      if (!id) {
        throw Error(ErrorCode::kNotFound, "法人番号 " + corporate_number + " の事業者は登録されていません / no vendor with 法人番号 " +
                                              corporate_number + " is registered",
                    "corporate_number");
      }
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT name, corporate_number, country FROM vendors WHERE id = :id", soci::use(*id));
      for (const auto& row : rows) {
        before_after.first = Vendor{row.get<std::string>(0), optional_text(row, 1), optional_text(row, 2), {}};
      }
      before_after.first.certifications = merge_certifications(*id, Vendor{});
      before_after.second = before_after.first;
      before_after.second.name = name;
      sql_ << "UPDATE vendors SET name = :name WHERE id = :id", soci::use(name), soci::use(*id);
      vendor_rows_[*id].name = name;
    });
    return before_after;
  }

 private:
  // The engagement's assessments, newest first; at most `limit` of them (0: all).
  std::vector<StoredAssessment> assessments(const std::string& ref, int limit) {
    std::vector<StoredAssessment> found;
    guard("reading the assessments of " + ref, [&] {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT a.as_of, a.plugin, a.plugin_version, a.assessed_at, a.actor, a.result_json"
                           " FROM assessments a JOIN engagements e ON e.id = a.engagement_id"
                           " WHERE e.ref = :ref ORDER BY a.id DESC" +
                               (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string()),
           soci::use(ref));
      for (const auto& row : rows) found.push_back(assessment_from_row(ref, row));
    });
    return found;
  }

  static StoredAssessment assessment_from_row(const std::string& ref, const soci::row& row) {
    return StoredAssessment{ref,
                            stored_date(row.get<std::string>(0), "an assessment of " + ref),
                            row.get<std::string>(1),
                            row.get<std::string>(2),
                            row.get<std::string>(3),
                            row.get<std::string>(4),
                            row.get<std::string>(5)};
  }

  // Tokens matching `condition` (SQL with one placeholder, :key, bound to `key`), by name.
  std::vector<ApiToken> tokens_where(const std::string& condition, const std::string& key) {
    std::vector<ApiToken> tokens;
    guard("reading tokens", [&] {
      auto statement = (sql_.prepare << "SELECT name, role, department, token_hash, created_at, revoked_at"
                                        " FROM api_tokens" + condition + " ORDER BY name");
      if (!condition.empty()) statement, soci::use(key, "key");
      soci::rowset<soci::row> rows = statement;
      for (const auto& row : rows) {
        ApiToken token;
        token.name = row.get<std::string>(0);
        token.role = stored_word(parse_role(row.get<std::string>(1)), "the role of token " + token.name);
        token.department = optional_text(row, 2);
        token.token_hash = row.get<std::string>(3);
        token.created_at = row.get<std::string>(4);
        token.revoked_at = optional_text(row, 5);
        tokens.push_back(std::move(token));
      }
    });
    return tokens;
  }

  static StoredPerson person_from_row(const soci::row& row) {
    StoredPerson stored;
    stored.id = integer_at(row, 0);
    stored.person = Person{row.get<std::string>(1), row.get<std::string>(2), optional_text(row, 3), int_at(row, 4) != 0};
    stored.engagements = static_cast<std::size_t>(integer_at(row, 5));
    return stored;
  }

  template <typename Body>
  void guard(const std::string& context, Body&& body) {
    try {
      body();
    } catch (...) {
      rethrow_database_error(context);
    }
  }

  // Links the entry to the trail's last hash and counts it for audit_head. The first append of
  // a transaction reads that hash (on PostgreSQL after locking the trail, so that two
  // transactions never extend the same entry).
  void chain(AuditEntry& entry) {
    if (!cached_last_hash_) {
      std::string last;  // the trail is locked since begin()
      soci::indicator indicator = soci::i_null;
      sql_ << "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", soci::into(last, indicator);
      cached_last_hash_ = indicator == soci::i_ok && sql_.got_data() ? last : std::string();
    }
    entry.prev_hash = *cached_last_hash_;
    entry.hash = audit_entry_hash(entry);
    cached_last_hash_ = entry.hash;
    ++appended_audit_entries_;
  }

  void require_transaction(const std::string& what) const {
    if (!in_transaction_) throw Error(ErrorCode::kInternal, what + ": no transaction is open (a bug in Itaku)");
  }

  // Engagements of `selection` (at most `limit`), ordered by ref, with their children.
  std::vector<LoadedEngagement> load(const Selection& selection, int limit = 0) {
    std::vector<LoadedEngagement> page;
    {
      std::string query = std::string(kEngagementColumns) + selection.where() + " ORDER BY e.ref";
      if (limit > 0) query += " LIMIT " + std::to_string(limit);
      auto statement = (sql_.prepare << query);
      selection.bind(statement);
      soci::rowset<soci::row> rows = statement;
      for (const auto& row : rows) page.push_back(engagement_from_row(row));
    }
    if (page.empty()) return page;

    // Children of the whole page in four queries, not four per engagement, each selected by the
    // page's row ids (an index lookup on either backend, whatever the planner knows).
    std::map<long long, Engagement*> by_id;
    std::multimap<long long, Vendor*> by_vendor;
    for (auto& loaded : page) {
      by_id[loaded.id] = &loaded.engagement;
      if (loaded.vendor_id) by_vendor.emplace(*loaded.vendor_id, &*loaded.engagement.vendor);
    }
    const std::string engagement_ids = id_list(by_id);
    {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT engagement_id, clause_id FROM engagement_clauses WHERE " + in_id_list("engagement_id") +
                               " ORDER BY engagement_id, position",
           soci::use(engagement_ids, "ids"));
      for (const auto& row : rows) {
        if (auto it = by_id.find(integer_at(row, 0)); it != by_id.end()) {
          it->second->clauses.push_back(row.get<std::string>(1));
        }
      }
    }
    {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT v.engagement_id, v.verified_on, v.result, v.verifier, v.notes, w.voided_at,"
                               " w.voided_by, w.reason FROM verifications v LEFT JOIN verification_voids w"
                               " ON w.engagement_id = v.engagement_id AND w.position = v.position WHERE " +
                               in_id_list("v.engagement_id") + " ORDER BY v.engagement_id, v.position",
           soci::use(engagement_ids, "ids"));
      for (const auto& row : rows) {
        auto it = by_id.find(integer_at(row, 0));
        if (it == by_id.end()) continue;
        Verification verification;
        verification.date = stored_date(row.get<std::string>(1), "a verification of " + it->second->ref);
        verification.result =
            stored_word(parse_verification_result(row.get<std::string>(2)), "a verification of " + it->second->ref);
        verification.verifier = optional_text(row, 3);
        verification.notes = optional_text(row, 4);
        if (const auto at = optional_text(row, 5)) {
          verification.voided = VerificationVoid{*at, optional_text(row, 6).value_or(""), optional_text(row, 7).value_or("")};
        }
        it->second->verifications.push_back(std::move(verification));
      }
    }
    {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT engagement_id, clause_id, note FROM clause_evidence WHERE " +
                               in_id_list("engagement_id") + " ORDER BY engagement_id, position",
           soci::use(engagement_ids, "ids"));
      for (const auto& row : rows) {
        if (auto it = by_id.find(integer_at(row, 0)); it != by_id.end()) {
          it->second->clause_evidence.push_back({row.get<std::string>(1), row.get<std::string>(2)});
        }
      }
    }
    if (!by_vendor.empty()) {
      const std::string vendor_ids = id_list(by_vendor);
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT vendor_id, scheme, number, valid_until FROM vendor_certifications WHERE " +
                               in_id_list("vendor_id") + " ORDER BY vendor_id, id",
           soci::use(vendor_ids, "ids"));
      for (const auto& row : rows) {
        const auto range = by_vendor.equal_range(integer_at(row, 0));
        for (auto it = range.first; it != range.second; ++it) {
          Certification certification;
          certification.scheme = row.get<std::string>(1);
          const std::string number = row.get<std::string>(2);
          if (!number.empty()) certification.number = number;
          certification.valid_until = stored_date(row.get<std::string>(3), "a certification of " + it->second->name);
          it->second->certifications.push_back(std::move(certification));
        }
      }
    }
    return page;
  }

  // "column is one of the ids bound as :ids", the ids given as one text parameter (id_list).
  std::string in_id_list(const std::string& column) const {
    return location_.backend == Backend::kSqlite ? column + " IN (SELECT value FROM json_each(:ids))"
                                                 : column + " = ANY(CAST(:ids AS bigint[]))";
  }

  // The distinct keys of a map of row ids, as in_id_list binds them: [1,2] or {1,2}.
  template <typename Map>
  std::string id_list(const Map& ids) const {
    std::string text;
    long long previous = -1;
    for (const auto& entry : ids) {
      if (entry.first == previous) continue;
      text += (text.empty() ? "" : ",") + std::to_string(entry.first);
      previous = entry.first;
    }
    return location_.backend == Backend::kSqlite ? "[" + text + "]" : "{" + text + "}";
  }

  static std::string vendor_key(const Vendor& vendor) {
    return vendor.corporate_number ? "#" + *vendor.corporate_number : "@" + vendor.name;
  }

  std::optional<long long> find_vendor(const Vendor& vendor) {
    const std::string key = vendor_key(vendor);
    if (auto cached = vendor_ids_.find(key); cached != vendor_ids_.end()) return cached->second;
    long long id = 0;
    VendorRow row;
    std::string country;
    soci::indicator country_indicator = soci::i_null;
    if (vendor.corporate_number) {
      sql_ << "SELECT id, name, country FROM vendors WHERE corporate_number = :n", soci::use(*vendor.corporate_number),
          soci::into(id), soci::into(row.name), soci::into(country, country_indicator);
    } else {
      sql_ << "SELECT id, name, country FROM vendors WHERE corporate_number IS NULL AND name = :n",
          soci::use(vendor.name), soci::into(id), soci::into(row.name), soci::into(country, country_indicator);
    }
    if (!sql_.got_data()) return std::nullopt;
    if (country_indicator == soci::i_ok) row.country = country;
    vendor_ids_[key] = id;
    vendor_rows_[id] = std::move(row);
    return id;
  }

  // The vendor's certifications as stored, read once per transaction.
  const std::vector<Certification>& stored_certifications(long long vendor_id, const std::string& vendor_name) {
    if (auto cached = vendor_certifications_.find(vendor_id); cached != vendor_certifications_.end()) return cached->second;
    std::vector<Certification> stored;
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT scheme, number, valid_until FROM vendor_certifications WHERE vendor_id = :v ORDER BY id",
         soci::use(vendor_id));
    for (const auto& row : rows) {
      Certification certification;
      certification.scheme = row.get<std::string>(0);
      const std::string number = row.get<std::string>(1);
      if (!number.empty()) certification.number = number;
      certification.valid_until = stored_date(row.get<std::string>(2), "a certification of " + vendor_name);
      stored.push_back(std::move(certification));
    }
    return vendor_certifications_[vendor_id] = std::move(stored);
  }

  // The vendor's stored certifications with the record's merged in: same scheme and number is
  // the same certificate (its valid_until taken from the record); others are added at the end.
  std::vector<Certification> merge_certifications(long long vendor_id, const Vendor& vendor) {
    return with_certifications(stored_certifications(vendor_id, vendor.name), vendor.certifications);
  }

  // A vendor found by 法人番号 keeps the name it was registered with: `vendor` takes it, and the
  // conflict is returned when the record gave another one.
  // A vendor is shared by engagements: a record that does not give its country leaves the stored
  // one (as a person keeps a known e-mail address), and the registered name is kept.
  std::optional<VendorNameConflict> keep_registered_name(long long vendor_id, Vendor& vendor) {
    const auto stored = vendor_rows_.find(vendor_id);
    if (stored == vendor_rows_.end()) return std::nullopt;
    if (!vendor.country) vendor.country = stored->second.country;
    if (stored->second.name == vendor.name || !vendor.corporate_number) return std::nullopt;
    VendorNameConflict conflict{*vendor.corporate_number, stored->second.name, vendor.name};
    vendor.name = stored->second.name;
    return conflict;
  }

  // Writes a new vendor, or the country of a registered one; never its name (rename_vendor does).
  long long write_vendor(std::optional<long long> id, const Vendor& vendor) {
    NullableText corporate_number(vendor.corporate_number);
    NullableText country(vendor.country);
    if (id) {
      auto stored = vendor_rows_.find(*id);
      if (stored == vendor_rows_.end() || stored->second.country != vendor.country) {
        sql_ << "UPDATE vendors SET country = :country WHERE id = :id", soci::use(country.value, country.indicator),
            soci::use(*id);
        if (stored != vendor_rows_.end()) stored->second.country = vendor.country;
      }
    } else {
      long long new_id = 0;
      sql_ << "INSERT INTO vendors (corporate_number, name, country) VALUES (:cn, :name, :country) RETURNING id",
          soci::use(corporate_number.value, corporate_number.indicator), soci::use(vendor.name),
          soci::use(country.value, country.indicator), soci::into(new_id);
      id = new_id;
      vendor_ids_[vendor_key(vendor)] = new_id;
      vendor_rows_[new_id] = VendorRow{vendor.name, vendor.country};
      vendor_certifications_[new_id] = {};
    }
    std::vector<Certification>& stored = vendor_certifications_.count(*id)
                                             ? vendor_certifications_[*id]
                                             : (stored_certifications(*id, vendor.name), vendor_certifications_[*id]);
    for (const auto& certification : vendor.certifications) {
      const std::string number = certification.number.value_or("");
      const std::string valid_until = certification.valid_until.to_string();
      auto same = std::find_if(stored.begin(), stored.end(), [&](const Certification& c) {
        return c.scheme == certification.scheme && c.number.value_or("") == number;
      });
      const bool is_new = same == stored.end();
      if (!is_new && same->valid_until == certification.valid_until) continue;
      if (is_new) {
        stored.push_back(certification);
      } else {
        same->valid_until = certification.valid_until;
      }
      if (defer_certification_writes_) {
        // Written by flush_certifications(): an import renews one vendor's certificate many times.
        CertificationWrite& pending = pending_certifications_[{*id, certification.scheme, number}];
        if (pending.order == 0) pending.order = pending_certifications_.size();
        pending.valid_until = valid_until;
        pending.is_new = pending.is_new || is_new;
      } else if (is_new) {
        sql_ << "INSERT INTO vendor_certifications (vendor_id, scheme, number, valid_until) VALUES (:v, :s, :n, :until)",
            soci::use(*id), soci::use(certification.scheme), soci::use(number), soci::use(valid_until);
      } else {
        sql_ << "UPDATE vendor_certifications SET valid_until = :until WHERE vendor_id = :v AND scheme = :s AND number = :n",
            soci::use(valid_until), soci::use(*id), soci::use(certification.scheme), soci::use(number);
      }
    }
    return *id;
  }

  struct StoredPersonRow {
    long long id = 0;
    std::optional<std::string> email;
    bool active = true;
  };

  // The person row with this name and department, read once per transaction.
  std::optional<StoredPersonRow> person_row(const Person& person) {
    const auto key = std::make_pair(person.name, person.department);
    if (auto cached = person_ids_.find(key); cached != person_ids_.end()) return cached->second;
    StoredPersonRow row;
    std::string email;
    soci::indicator email_indicator = soci::i_null;
    int active = 1;
    sql_ << "SELECT id, email, active FROM persons WHERE name = :name AND department = :department",
        soci::use(person.name), soci::use(person.department), soci::into(row.id), soci::into(email, email_indicator),
        soci::into(active);
    if (!sql_.got_data()) return std::nullopt;
    if (email_indicator == soci::i_ok) row.email = email;
    row.active = active != 0;
    person_ids_[key] = row;
    return row;
  }

  // What a record leaves out of a shared person is what is stored: a known e-mail address, and
  // whether the person is active (an import must not re-activate a deactivated person). A new
  // person is active unless the record says otherwise.
  void complete_from_stored(Person& person) {
    const auto row = person_row(person);
    if (!person.email && row) person.email = row->email;
    if (!person.active) person.active = row ? row->active : true;
  }

  long long write_person(const Person& person) {
    auto row = person_row(person);
    NullableText email(person.email);
    const bool is_active = person.is_active();
    const int active = is_active ? 1 : 0;
    const auto key = std::make_pair(person.name, person.department);
    if (row) {
      // Persons are shared: a record that gives no e-mail address does not erase a known one.
      const std::optional<std::string> new_email = person.email ? person.email : row->email;
      if (new_email != row->email || is_active != row->active) {
        sql_ << "UPDATE persons SET email = COALESCE(:email, email), active = :active WHERE id = :id",
            soci::use(email.value, email.indicator), soci::use(active), soci::use(row->id);
        person_ids_[key] = StoredPersonRow{row->id, new_email, is_active};
      }
      return row->id;
    }
    long long id = 0;
    sql_ << "INSERT INTO persons (name, department, email, active) VALUES (:name, :department, :email, :active)"
            " RETURNING id",
        soci::use(person.name), soci::use(person.department), soci::use(email.value, email.indicator),
        soci::use(active), soci::into(id);
    person_ids_[key] = StoredPersonRow{id, person.email, is_active};
    return id;
  }

  // `vendor` and `person` are row ids, 0 for none.
  long long write_engagement_row(std::optional<long long> id, const Engagement& e, long long vendor, long long person) {
    const std::string status = engagement_status_name(e.status);
    NullableText zone(e.network_zone ? std::optional<std::string>(network_zone_name(*e.network_zone)) : std::nullopt);
    const std::string start = e.period.start.to_string();
    NullableText end(e.period.end ? std::optional(e.period.end->to_string()) : std::nullopt);
    NullableInt used(e.subcontracting ? std::optional<bool>(e.subcontracting->used) : std::nullopt);
    NullableInt approved(e.subcontracting ? e.subcontracting->approved : std::nullopt);
    NullableInt flow_down(e.subcontracting ? e.subcontracting->flow_down : std::nullopt);
    NullableInt interval(e.verification_interval_months);
    NullableText section(e.section.is_null() ? std::nullopt : std::optional(e.section.dump()));
    NullableText confirmed(e.termination ? std::optional(e.termination->return_confirmed_on.to_string()) : std::nullopt);
    NullableText termination_note(e.termination ? e.termination->note : std::nullopt);
    long long vendor_value = vendor;
    soci::indicator vendor_indicator = vendor != 0 ? soci::i_ok : soci::i_null;
    long long person_value = person;
    soci::indicator person_indicator = person != 0 ? soci::i_ok : soci::i_null;
    const int personal_data = e.information.personal_data ? 1 : 0;
    const int my_number = e.information.my_number ? 1 : 0;
    const std::string now = utc_timestamp();

    if (id) {
      sql_ << "UPDATE engagements SET kind = :kind, title = :title, department = :department, status = :status,"
              " responsible_person_id = :person, vendor_id = :vendor, confidentiality = :c, integrity = :i,"
              " availability = :a, personal_data = :pd, my_number = :mn, network_zone = :zone,"
              " period_start = :start, period_end = :end, subcontracting_used = :used,"
              " subcontracting_approved = :approved, subcontracting_flow_down = :flow,"
              " verification_interval_months = :interval, section_json = :section,"
              " return_confirmed_on = :confirmed, termination_note = :tnote, updated_at = :now"
              " WHERE id = :id",
          soci::use(e.kind), soci::use(e.title), soci::use(e.department), soci::use(status),
          soci::use(person_value, person_indicator), soci::use(vendor_value, vendor_indicator),
          soci::use(e.information.confidentiality), soci::use(e.information.integrity),
          soci::use(e.information.availability), soci::use(personal_data), soci::use(my_number),
          soci::use(zone.value, zone.indicator), soci::use(start), soci::use(end.value, end.indicator),
          soci::use(used.value, used.indicator), soci::use(approved.value, approved.indicator),
          soci::use(flow_down.value, flow_down.indicator), soci::use(interval.value, interval.indicator),
          soci::use(section.value, section.indicator), soci::use(confirmed.value, confirmed.indicator),
          soci::use(termination_note.value, termination_note.indicator), soci::use(now), soci::use(*id);
      return *id;
    }
    ChildInserts::EngagementRow& row = hot_statements().row;
    row.ref = e.ref;
    row.kind = e.kind;
    row.title = e.title;
    row.department = e.department;
    row.status = status;
    row.person = person_value;
    row.person_indicator = person_indicator;
    row.vendor = vendor_value;
    row.vendor_indicator = vendor_indicator;
    row.confidentiality = e.information.confidentiality;
    row.integrity = e.information.integrity;
    row.availability = e.information.availability;
    row.personal_data = personal_data;
    row.my_number = my_number;
    row.zone = zone;
    row.start = start;
    row.end = end;
    row.used = used;
    row.approved = approved;
    row.flow_down = flow_down;
    row.interval = interval;
    row.section = section;
    row.confirmed = confirmed;
    row.termination_note = termination_note;
    row.now = now;
    ChildInserts::execute_single(hot_statements().engagement_insert);
    return row.new_id;
  }

  // The contract's clause list is its current state (not history): an update rewrites it.
  void write_clauses(long long id, const std::vector<std::string>& clauses, bool replacing) {
    if (replacing) sql_ << "DELETE FROM engagement_clauses WHERE engagement_id = :id", soci::use(id);
    ChildInserts& hot = hot_statements();
    hot.engagement_id = id;
    hot.position = 0;
    for (const auto& clause : clauses) {
      hot.text_a = clause;
      hot.clause.execute(true);
      ++hot.position;
    }
  }

  // History is only appended: `first_position` is the number of entries already stored.
  void write_clause_evidence(long long id, std::size_t first_position, const std::vector<ClauseEvidence>& evidence) {
    ChildInserts& hot = hot_statements();
    hot.engagement_id = id;
    hot.position = static_cast<long long>(first_position);
    for (const auto& item : evidence) {
      hot.text_a = item.clause;
      hot.text_b = item.note;
      hot.evidence.execute(true);
      ++hot.position;
    }
  }

  void write_verifications(long long id, std::size_t first_position, const std::vector<Verification>& verifications) {
    ChildInserts& hot = hot_statements();
    hot.engagement_id = id;
    hot.position = static_cast<long long>(first_position);
    for (const auto& verification : verifications) {
      hot.text_a = verification.date.to_string();
      hot.text_b = verification_result_name(verification.result);
      hot.text_c = verification.verifier.value_or("");
      hot.indicator_c = verification.verifier ? soci::i_ok : soci::i_null;
      hot.text_d = verification.notes.value_or("");
      hot.indicator_d = verification.notes ? soci::i_ok : soci::i_null;
      hot.verification.execute(true);
      // A voided verification arrives only from a record (an export read back in).
      if (verification.voided) insert_void(id, hot.position, *verification.voided);
      ++hot.position;
    }
  }

  void insert_void(long long engagement_id, long long position, const VerificationVoid& void_entry) {
    sql_ << "INSERT INTO verification_voids (engagement_id, position, voided_at, voided_by, reason)"
            " VALUES (:id, :p, :at, :by, :reason)",
        soci::use(engagement_id), soci::use(position), soci::use(void_entry.at), soci::use(void_entry.by),
        soci::use(void_entry.reason);
  }

  ChildInserts& hot_statements() {
    if (!hot_) hot_ = std::make_unique<ChildInserts>(sql_);
    return *hot_;
  }

  void flush_certifications() {
    // Inserted in the order first seen: a vendor's certifications are read back in row order.
    std::map<std::size_t, CertificationRow> inserts_in_order;
    std::vector<CertificationRow> updates;
    for (const auto& [key, write] : pending_certifications_) {
      CertificationRow row{std::get<0>(key), std::get<1>(key), std::get<2>(key), write.valid_until};
      if (write.is_new) {
        inserts_in_order.emplace(write.order, std::move(row));
      } else {
        updates.push_back(std::move(row));
      }
    }
    pending_certifications_.clear();
    std::vector<CertificationRow> inserts;
    for (auto& entry : inserts_in_order) inserts.push_back(std::move(entry.second));
    write_certifications_in_bulk(sql_, inserts, updates);
  }

  // Caches valid only while the transaction that filled them is open.
  void forget_transaction_state() {
    pending_certifications_.clear();
    defer_certification_writes_ = false;
    cached_last_hash_.reset();
    appended_audit_entries_ = 0;
    last_appended_id_ = 0;
    vendor_rows_.clear();
    vendor_ids_.clear();
    vendor_certifications_.clear();
    person_ids_.clear();
  }


  DatabaseLocation location_;
  soci::session sql_;
  int schema_version_ = 0;
  bool in_transaction_ = false;
  std::optional<std::string> cached_last_hash_;  // valid only inside the current transaction
  long long appended_audit_entries_ = 0;          // by this transaction, for audit_head at commit
  long long last_appended_id_ = 0;
  struct VendorRow {
    std::string name;
    std::optional<std::string> country;
  };
  std::map<long long, VendorRow> vendor_rows_;  // as stored, for vendors this transaction read or wrote
  struct CertificationWrite {
    std::string valid_until;
    bool is_new = false;
    std::size_t order = 0;  // 1 for the first certification written in the batch, 2 for the next ...
  };
  bool defer_certification_writes_ = false;
  std::map<std::tuple<long long, std::string, std::string>, CertificationWrite> pending_certifications_;
  std::map<std::string, long long> vendor_ids_;
  std::map<long long, std::vector<Certification>> vendor_certifications_;
  std::map<std::pair<std::string, std::string>, StoredPersonRow> person_ids_;
  std::unique_ptr<ChildInserts> hot_;  // after sql_: destroyed before the session closes
  struct HeadQuery {
    explicit HeadQuery(soci::session& sql) : statement(sql) {}
    soci::statement statement;
    long long entries = 0;
    long long last_id = 0;
    std::string last_hash;
  };
  std::unique_ptr<HeadQuery> head_query_;  // likewise
};

SociTransaction::~SociTransaction() {
  if (!finished_) registry_.rollback();
}

void SociTransaction::commit() {
  registry_.commit();
  finished_ = true;
}

}  // namespace

std::unique_ptr<Registry> open_soci_registry(const DatabaseLocation& location, Registry::OpenMode mode) {
  return std::make_unique<SociRegistry>(location, mode);
}

}  // namespace itaku::detail

namespace itaku {

Result<std::unique_ptr<Registry>> Registry::open(const std::string& location, OpenMode mode) {
  auto parsed = detail::parse_database_location(location);
  if (!parsed) return parsed.status();
  if (mode == OpenMode::kExistingOnly && !parsed->file.empty()) {
    std::error_code error;
    if (!std::filesystem::exists(parsed->file, error)) {
      return Status(ErrorCode::kNotFound,
                    "登録簿のデータベースがありません: " + parsed->file + "（パスを確かめてください。新しく作るには itaku init --db " +
                        parsed->file + "） / no registry database at " + parsed->file +
                        ": check the path, or create one with itaku init --db " + parsed->file,
                    "--db");
    }
  }
  try {
    return detail::open_soci_registry(*parsed, mode);
  } catch (const Error& error) {
    return error.status();
  }
}

}  // namespace itaku
