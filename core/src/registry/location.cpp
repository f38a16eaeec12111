#include "registry/location.hpp"

#include <unistd.h>

#include <filesystem>

namespace itaku::detail {
namespace {

// libpq keyword values are quoted with single quotes, backslash-escaping ' and \.
std::string libpq_value(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

Result<std::string> percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return Status(ErrorCode::kInvalidArgument, "データベース URL の %-エスケープが正しくありません / bad %-escape in the database URL");
    }
    out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

Result<DatabaseLocation> parse_postgresql_url(const std::string& url) {
  const std::string rest = url.substr(url.find("://") + 3);
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  std::string query;
  if (const size_t question = path.find('?'); question != std::string::npos) {
    query = path.substr(question + 1);
    path = path.substr(0, question);
  }
  std::string user, password, hostport = authority;
  if (const size_t at = authority.rfind('@'); at != std::string::npos) {
    const std::string userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const size_t colon = userinfo.find(':');
    user = userinfo.substr(0, colon);
    if (colon != std::string::npos) password = userinfo.substr(colon + 1);
  }
  std::string host = hostport, port;
  if (const size_t colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  if (path.empty()) {
    return Status(ErrorCode::kInvalidArgument, "PostgreSQL の URL にデータベース名がありません（postgresql://host:port/DBNAME） / the PostgreSQL URL names no database (postgresql://host:port/DBNAME)",
                  "--db");
  }
  DatabaseLocation location;
  location.backend = Backend::kPostgresql;
  std::string keywords;
  auto add = [&](const std::string& key, const std::string& raw) -> Status {
    if (raw.empty()) return Status::ok();
    auto value = percent_decode(raw);
    if (!value) return Status(value.status().code(), value.status().message(), "--db");
    keywords += (keywords.empty() ? "" : " ") + key + "=" + libpq_value(*value);
    return Status::ok();
  };
  for (auto [key, value] : {std::pair{"host", host}, {"port", port}, {"dbname", path}, {"user", user}, {"password", password}}) {
    if (Status status = add(key, value); !status) return status;
  }
  size_t start = 0;
  while (start < query.size()) {
    const size_t end = query.find('&', start);
    const std::string pair = query.substr(start, end - start);
    const size_t equals = pair.find('=');
    if (equals == std::string::npos) return Status(ErrorCode::kInvalidArgument, "URL のパラメータ「" + pair + "」が正しくありません / bad URL parameter '" + pair + "'", "--db");
    if (Status status = add(pair.substr(0, equals), pair.substr(equals + 1)); !status) return status;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  location.connect_string = keywords;
  location.display = "postgresql://" + (host.empty() ? std::string("localhost") : host) + (port.empty() ? "" : ":" + port) + "/" + path;
  return location;
}

}  // namespace

Result<DatabaseLocation> parse_database_location(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return parse_postgresql_url(location);
  }
  if (location.empty()) return Status(ErrorCode::kInvalidArgument, "データベースが指定されていません / no database given", "--db");
  namespace fs = std::filesystem;
  const fs::path path(location);
  fs::path directory = path.parent_path();
  if (directory.empty()) directory = ".";
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return Status(ErrorCode::kInvalidArgument,
                  "データベースのディレクトリ " + directory.string() + " がありません（先に作成してください: mkdir -p " +
                      directory.string() + "） / the directory of the database " + location +
                      " does not exist (create it first: mkdir -p " + directory.string() + ")",
                  "--db");
  }
  const bool exists = fs::exists(path, error);
  if (exists && fs::is_directory(path, error)) {
    return Status(ErrorCode::kInvalidArgument,
                  location + " はディレクトリです。データベースのファイル名を指定してください（例: " +
                      (path / "itaku.db").string() + "） / " + location +
                      " is a directory: give the database file, e.g. " + (path / "itaku.db").string(),
                  "--db");
  }
  // SQLite needs to create its -wal and -shm files beside the database, even to read.
  if (::access(directory.c_str(), W_OK) != 0 || (exists && ::access(path.c_str(), W_OK) != 0)) {
    return Status(ErrorCode::kInvalidArgument,
                  "データベース " + location + " に書き込めません（" + (exists ? path.string() : directory.string()) +
                      " の権限を確認してください） / the database " + location +
                      " is not writable (check the permissions of " + (exists ? path.string() : directory.string()) + ")",
                  "--db");
  }
  DatabaseLocation result;
  result.backend = Backend::kSqlite;
  result.connect_string = "db=\"" + location + "\" timeout=10";
  result.display = "sqlite3:" + location;
  result.file = location;
  return result;
}

}  // namespace itaku::detail
