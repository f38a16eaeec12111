// The server's database sessions: a fixed pool of registries (one SOCI session each) with the
// services built over them, leased one per request. Reviews need a validator per thread, so each
// slot carries its own ReviewService; the plugins are loaded once and shared.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "itaku/error.hpp"
#include "itaku/plugin/host.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/service/review_service.hpp"
#include "itaku/service/token_service.hpp"

namespace itaku::rest {

struct ServiceSlot {
  std::unique_ptr<Registry> registry;
  std::unique_ptr<ReviewService> review;
  std::unique_ptr<RegistryService> registry_service;
  std::unique_ptr<TokenService> tokens;
};

class ServicePool {
 public:
  // Opens `size` sessions on `location`. Errors: those of Registry::open and ReviewService::create.
  static Result<std::unique_ptr<ServicePool>> open(const std::string& location, std::size_t size,
                                                   const PluginHost& plugins);

  // A slot for one request; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(ServicePool& pool, ServiceSlot& slot) : pool_(&pool), slot_(&slot) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) { other.slot_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (slot_) pool_->give_back(*slot_);
    }
    ServiceSlot* operator->() const { return slot_; }
    ServiceSlot& operator*() const { return *slot_; }

   private:
    ServicePool* pool_;
    ServiceSlot* slot_;
  };

  // Waits until a slot is free.
  Lease lease();
  std::string describe() const { return description_; }

 private:
  void give_back(ServiceSlot& slot);

  std::vector<std::unique_ptr<ServiceSlot>> slots_;
  std::vector<ServiceSlot*> free_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::string description_;
};

}  // namespace itaku::rest
