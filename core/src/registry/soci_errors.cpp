#include "registry/soci_errors.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <exception>

#include "itaku/error.hpp"

namespace itaku::detail {
namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// A unique or primary key already taken: the one constraint a caller can meet by asking for
// something that exists (e.g. two requests creating the same engagement at once). The services
// check every rule and every reference before they write, and Itaku deletes nothing another row
// refers to, so a foreign key, NOT NULL or CHECK violation reaching the database is Itaku's own
// fault (or a database changed behind its back): an internal error, never "already exists".
// SQLite and PostgreSQL say which kind in their messages only (the SQLSTATE of PostgreSQL's
// exception is out of reach, see below); PostgreSQL's in English, so on a server with translated
// messages a duplicate key is reported as internal: the safe side.
bool duplicate_key(const std::string& message) {
  return contains(message, "UNIQUE constraint failed") || contains(message, "PRIMARY KEY constraint failed") ||
         contains(message, "duplicate key value violates unique constraint");
}

// SOCI's message without its context: what() appends the statement's SQL and bound values.
[[noreturn]] void throw_constraint_error(const std::string& context, const soci::soci_error& error) {
  const std::string message = error.get_error_message();
  if (duplicate_key(message)) {
    // Nothing of SOCI's text: the caller learns which request it was, not the SQL or its values.
    throw Error(ErrorCode::kAlreadyExists,
                context + ": 同じキーの記録がすでにあります / a record with the same key already exists");
  }
  throw Error(ErrorCode::kInternal, context + ": a database constraint was violated: " + std::string(error.what()));
}

}  // namespace

void rethrow_database_error(const std::string& context) {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const soci::sqlite3_soci_error& error) {
    switch (error.result() & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw Error(ErrorCode::kUnavailable, context + ": the database is busy (another itaku is writing to it); "
                                                       "try again in a moment");
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        throw Error(ErrorCode::kInvalidArgument, context + ": the database cannot be opened for writing: " +
                                                     error.get_error_message());
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        // The user's file, not Itaku's fault: bad input (exit 2), without SOCI's statement text.
        throw Error(ErrorCode::kInvalidArgument, context + ": the file is not an Itaku database or is damaged: " +
                                                     error.get_error_message());
      case SQLITE_CONSTRAINT:
        throw_constraint_error(context, error);
      default:
        throw Error(ErrorCode::kInternal, context + ": " + std::string(error.what()));
    }
  } catch (const soci::soci_error& error) {
    // PostgreSQL's errors arrive through SOCI's dynamically loaded backend, whose exception type
    // (and its SQLSTATE) this binary does not link against: SOCI's category carries the class.
    const std::string message = error.what();
    switch (error.get_error_category()) {
      case soci::soci_error::connection_error:
        throw Error(ErrorCode::kUnavailable, context + ": the database server is unreachable: " + message);
      case soci::soci_error::constraint_violation:
        throw_constraint_error(context, error);
      case soci::soci_error::no_privilege:
        throw Error(ErrorCode::kInvalidArgument, context + ": permission denied: " + error.get_error_message());
      case soci::soci_error::unknown_transaction_state:
        throw Error(ErrorCode::kUnavailable, context + ": the transaction's outcome is unknown, check and retry: " + message);
      default:
        break;
    }
    // Another writer held the trail's lock for longer than lock_timeout: as SQLite's busy case, no
    // SQL text in a message meant for a person.
    if (message.find("lock timeout") != std::string::npos) {
      throw Error(ErrorCode::kUnavailable, context + ": the database is busy (another itaku is writing to it); "
                                                     "try again in a moment");
    }
    for (const char* retryable : {"deadlock detected", "could not serialize access", "could not obtain lock",
                                  "terminating connection", "the database system is"}) {
      if (message.find(retryable) != std::string::npos) {
        throw Error(ErrorCode::kUnavailable, context + ": concurrent change or server restart, try again: " + message);
      }
    }
    throw Error(ErrorCode::kInternal, context + ": " + message);
  } catch (const std::exception& error) {
    throw Error(ErrorCode::kInternal, context + ": " + std::string(error.what()));
  }
}

}  // namespace itaku::detail
