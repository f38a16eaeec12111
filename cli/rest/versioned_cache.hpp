// What the server may answer again without asking the database: entries valid for one version
// of the registry. The version is the id of the newest audit entry (RegistryService::last_change):
// every change to the registry, from this server or any other process, appends one in the same
// transaction, so one cheap read per request tells whether anything cached may have changed.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace itaku::rest {

template <typename Value>
class VersionedCache {
 public:
  explicit VersionedCache(std::size_t capacity) : capacity_(capacity) {}

  // The value stored for `key` at `version`; nothing once the registry has moved on.
  std::optional<Value> find(long long version, const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (version != version_) return std::nullopt;
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  // Stores a value read at `version` (or later: a read that raced a change saw the newer state).
  // A newer version empties the cache; a value of an older one is dropped.
  void put(long long version, const std::string& key, Value value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (version < version_) return;
    if (version > version_ || entries_.size() >= capacity_) {
      entries_.clear();
      version_ = version;
    }
    entries_.insert_or_assign(key, std::move(value));
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  long long version_ = -1;
  std::unordered_map<std::string, Value> entries_;
};

}  // namespace itaku::rest
