// A deliberately small HTTP/1.1 client over a plain socket: the tests need to send exactly the
// bytes they choose (malformed JSON, invalid UTF-8, lying Content-Length, a client that hangs up),
// which a full client library would not let them.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::test {

struct HttpResult {
  int status = 0;  // 0 when no response came
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

class Connection {
 public:
  explicit Connection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Reads one response (Content-Length or chunked body, or until the server closes).
  HttpResult receive(int timeout_ms = 20000) {
    HttpResult result;
    std::string data;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::size_t header_end = std::string::npos;
    std::size_t body_length = std::string::npos;
    bool chunked = false;
    while (true) {
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          parse_head(data.substr(0, header_end), result);
          if (auto it = result.headers.find("content-length"); it != result.headers.end()) body_length = std::stoul(it->second);
          if (auto it = result.headers.find("transfer-encoding"); it != result.headers.end()) chunked = it->second == "chunked";
          if (result.status == 204 || result.status == 304) body_length = 0;
        }
      }
      if (header_end != std::string::npos) {
        const std::string body = data.substr(header_end + 4);
        if (body_length != std::string::npos && body.size() >= body_length) {
          result.body = body.substr(0, body_length);
          return result;
        }
        if (chunked && body.size() >= 5 && body.compare(body.size() - 5, 5, "0\r\n\r\n") == 0) {
          result.body = dechunk(body);
          return result;
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[65536];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      data.append(buffer, static_cast<std::size_t>(n));
    }
    if (header_end != std::string::npos) result.body = data.substr(header_end + 4);
    return result;
  }

 private:
  static void parse_head(const std::string& head, HttpResult& result) {
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.size() >= 12) result.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      result.headers[name] = value;
    }
  }
  static std::string dechunk(const std::string& body) {
    std::string out;
    std::size_t at = 0;
    while (at < body.size()) {
      const std::size_t line_end = body.find("\r\n", at);
      const std::size_t size = std::stoul(body.substr(at, line_end - at), nullptr, 16);
      if (size == 0) break;
      out += body.substr(line_end + 2, size);
      at = line_end + 2 + size + 2;
    }
    return out;
  }

  int fd_ = -1;
};

// One request on a fresh connection. `headers` are full header lines ("Name: value").
inline HttpResult http(int port, const std::string& method, const std::string& target, const std::string& body = "",
                       const std::vector<std::string>& headers = {}) {
  Connection connection(port);
  if (!connection.connected()) return {};
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_type = false;
  for (const auto& header : headers) {
    request += header + "\r\n";
    if (header.rfind("Content-Type:", 0) == 0) has_type = true;
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    if (!has_type) request += "Content-Type: application/json\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n" + body;
  if (!connection.send(request)) return {};
  return connection.receive();
}

inline std::string bearer(const std::string& token) { return "Authorization: Bearer " + token; }

// Percent-encodes a path segment or query value.
inline std::string url_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace itaku::test
