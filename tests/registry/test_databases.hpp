// Fresh, empty databases for the registry suite: a SQLite file always, and a PostgreSQL
// database on the test cluster when ITAKU_TEST_PG_URL is set (scripts/test.sh starts one).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace itaku::test {

inline std::vector<std::string> registry_backends() {
  std::vector<std::string> backends = {"sqlite"};
  if (const char* url = std::getenv("ITAKU_TEST_PG_URL"); url && *url) backends.push_back("postgresql");
  return backends;
}

inline std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Creates the database on construction and removes it on destruction.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend) : backend_(backend) {
    // Unique on a server that other machines' runs may share (pids repeat across containers).
    static std::atomic<int> counter{0};
    static const std::string run_tag = std::to_string(std::random_device{}() % 1000000);
    const std::string name =
        "itaku_t_" + std::to_string(::getpid()) + "_" + run_tag + "_" + std::to_string(++counter);
    if (backend_ == "sqlite") {
      directory_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::remove_all(directory_);
      std::filesystem::create_directories(directory_);
      location_ = (directory_ / "itaku.db").string();
      return;
    }
    admin_url_ = std::getenv("ITAKU_TEST_PG_URL");
    name_ = name;
    // Should a name still be taken (a killed run's leftover), start from nothing; and stop here if
    // the database cannot be made.
    run_psql("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    if (run_psql("CREATE DATABASE " + name_) != 0) {
      throw std::runtime_error("cannot create the test database " + name_ + " on " + admin_url_);
    }
    location_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
  }
  ~TestDatabase() {
    if (backend_ == "sqlite") {
      std::filesystem::remove_all(directory_);
    } else {
      run_psql("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& location() const { return location_; }
  const std::string& backend() const { return backend_; }
  // Runs SQL behind Itaku's back (to simulate tampering or a future schema).
  int tamper(const std::string& sql) const {
    if (backend_ == "sqlite") {
      return std::system(("sqlite3 " + shell_quoted(location_) + " " + shell_quoted(sql) + " >/dev/null 2>&1").c_str());
    }
    return std::system(("psql -q " + shell_quoted(location_) + " -c " + shell_quoted(sql) + " >/dev/null 2>&1").c_str());
  }

 private:
  int run_psql(const std::string& sql) const {
    return std::system(("psql -q -v ON_ERROR_STOP=1 " + shell_quoted(admin_url_) + " -c " + shell_quoted(sql) +
                        " >/dev/null 2>&1")
                           .c_str());
  }

  std::string backend_;
  std::filesystem::path directory_;
  std::string admin_url_;
  std::string name_;
  std::string location_;
};

}  // namespace itaku::test
