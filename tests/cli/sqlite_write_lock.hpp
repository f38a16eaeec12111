// SQLite's write lock on a test database, held by another process (the sqlite3 shell inside an
// open BEGIN IMMEDIATE) until the object goes away: a writer that never finishes, on demand. Used
// by the registry CLI tests and the REST workers' tests.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "cli/run_itaku.hpp"
#include "registry/test_databases.hpp"

namespace itaku::test {

class SqliteWriteLock {
 public:
  SqliteWriteLock(const TestDatabase& database, const ScratchDir& dir) : fifo_(dir / "sqlite3-input") {
    REQUIRE(database.backend() == "sqlite");
    REQUIRE(::mkfifo(fifo_.c_str(), 0600) == 0);
    shell_ = std::make_unique<BackgroundProcess>(
        "/bin/sh", std::vector<std::string>{"-c", "exec sqlite3 -batch " + shell_quote(database.location()) + " <" +
                                                      shell_quote(fifo_.string())});
    input_ = std::fopen(fifo_.c_str(), "w");  // blocks until the shell opens it for reading
    REQUIRE(input_ != nullptr);
    // With a busy timeout: the probe below takes the lock for an instant, and a shell without one
    // that met it there would fail its BEGIN, go on reading, and never hold the lock.
    std::fputs(".timeout 20000\nBEGIN IMMEDIATE;\n", input_);
    std::fflush(input_);
    // Held once another writer cannot start a transaction at once.
    const std::string probe = "sqlite3 -batch " + shell_quote(database.location()) + " " +
                              shell_quote("BEGIN IMMEDIATE; ROLLBACK;") + " >/dev/null 2>&1";
    REQUIRE(wait_until([&] { return run_command_line(probe).exit_code != 0; }, std::chrono::seconds(30)));
  }
  ~SqliteWriteLock() { release(); }
  SqliteWriteLock(const SqliteWriteLock&) = delete;
  SqliteWriteLock& operator=(const SqliteWriteLock&) = delete;

  // Ends the shell's input: it rolls back and exits, and the waiting writers go on.
  void release() {
    if (input_) std::fclose(input_);
    input_ = nullptr;
    if (shell_) shell_->wait();
    shell_.reset();
  }

 private:
  std::filesystem::path fifo_;
  std::unique_ptr<BackgroundProcess> shell_;
  std::FILE* input_ = nullptr;
};

}  // namespace itaku::test
