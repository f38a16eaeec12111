// The one error type of Itaku: a stable code, a message a person can act on, and the
// JSON Pointer / field path at fault. Front ends map codes to exit codes and HTTP statuses
// in one table (cli/app/exit_codes.hpp); core never knows about either.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace itaku {

// Stable: the names returned by error_code_name() appear in reports and API bodies.
enum class ErrorCode {
  kOk,
  kInvalidArgument,     // bad input: a record, an option, a file's contents
  kNotFound,            // a file, record or plugin that does not exist
  kAlreadyExists,       // a unique key taken (e.g. two plugins claiming one kind)
  kFailedPrecondition,  // the environment is not as required (e.g. plugin API mismatch)
  kUnavailable,         // transient: busy database, port in use; retrying may help
  kInternal,            // a bug or an unexpected failure of a dependency
  kUnauthenticated,     // no credentials, or credentials that are not (or no longer) valid
  kPermissionDenied,    // known credentials whose role may not do this
  kConflict,            // a write that contradicts what is stored (e.g. drops a recorded verification)
};

// "invalid_argument", "not_found", ... (snake_case, never changes once released).
std::string_view error_code_name(ErrorCode code) noexcept;

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message, std::string path = {})
      : code_(code), message_(std::move(message)), path_(std::move(path)) {}

  static Status ok() { return {}; }

  bool is_ok() const noexcept { return code_ == ErrorCode::kOk; }
  explicit operator bool() const noexcept { return is_ok(); }
  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  // JSON Pointer or dotted field path of the offending input; empty when none applies.
  const std::string& path() const noexcept { return path_; }

  // "invalid_argument: /vendor/corporate_number: check digit ..." for logs and stderr.
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string path_;
};

// Thrown where unwinding is the natural control flow (deep inside I/O loops); caught at
// module boundaries and turned back into a Status.
class Error : public std::runtime_error {
 public:
  explicit Error(Status status) : std::runtime_error(status.to_string()), status_(std::move(status)) {}
  Error(ErrorCode code, std::string message, std::string path = {})
      : Error(Status(code, std::move(message), std::move(path))) {}
  const Status& status() const noexcept { return status_; }

 private:
  Status status_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {
    if (std::get<Status>(value_).is_ok()) {
      value_ = Status(ErrorCode::kInternal, "Result constructed from an OK status without a value");
    }
  }

  bool is_ok() const noexcept { return std::holds_alternative<T>(value_); }
  explicit operator bool() const noexcept { return is_ok(); }
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(value_);
  }
  // Precondition: is_ok(). Throws Error with the held status otherwise.
  T& value() & {
    if (!is_ok()) throw Error(std::get<Status>(value_));
    return std::get<T>(value_);
  }
  const T& value() const& {
    if (!is_ok()) throw Error(std::get<Status>(value_));
    return std::get<T>(value_);
  }
  T&& value() && {
    if (!is_ok()) throw Error(std::get<Status>(value_));
    return std::get<T>(std::move(value_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace itaku
