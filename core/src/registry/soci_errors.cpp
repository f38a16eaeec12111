#include "registry/soci_errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
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
  } catch (const soci::postgresql_soci_error& error) {
    const std::string state = error.sqlstate();
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P03" || state == "53300") {
      throw Error(ErrorCode::kUnavailable, context + ": the PostgreSQL server is unreachable: " + std::string(error.what()));
    }
    if (state == "40001" || state == "40P01" || state == "55P03") {
      throw Error(ErrorCode::kUnavailable, context + ": concurrent change, try again: " + std::string(error.what()));
    }
    if (state.rfind("23", 0) == 0) throw Error(ErrorCode::kAlreadyExists, context + ": " + std::string(error.what()));
    if (state.rfind("28", 0) == 0 || state == "3D000" || state == "42501") {
      throw Error(ErrorCode::kInvalidArgument, context + ": " + std::string(error.what()));
    }
    throw Error(ErrorCode::kInternal, context + ": " + std::string(error.what()));
  } catch (const soci::soci_error& error) {
    if (error.get_error_category() == soci::soci_error::connection_error) {
      throw Error(ErrorCode::kUnavailable, context + ": cannot connect: " + std::string(error.what()));
    }
    throw Error(ErrorCode::kInternal, context + ": " + std::string(error.what()));
  } catch (const std::exception& error) {
    throw Error(ErrorCode::kInternal, context + ": " + std::string(error.what()));
  }
}

}  // namespace itaku::detail
