#include "registry/soci_errors.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <exception>

#include "itaku/error.hpp"

namespace itaku::detail {

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
                                                     std::string(error.what()));
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        throw Error(ErrorCode::kFailedPrecondition, context + ": the file is not an Itaku database or is damaged: " +
                                                        std::string(error.what()));
      case SQLITE_CONSTRAINT:
        throw Error(ErrorCode::kAlreadyExists, context + ": " + std::string(error.what()));
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
        throw Error(ErrorCode::kAlreadyExists, context + ": " + message);
      case soci::soci_error::no_privilege:
        throw Error(ErrorCode::kInvalidArgument, context + ": permission denied: " + message);
      case soci::soci_error::unknown_transaction_state:
        throw Error(ErrorCode::kUnavailable, context + ": the transaction's outcome is unknown, check and retry: " + message);
      default:
        break;
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
