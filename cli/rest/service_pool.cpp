#include "rest/service_pool.hpp"

namespace itaku::rest {

Result<std::unique_ptr<ServicePool>> ServicePool::open(const std::string& location, std::size_t size,
                                                       const PluginHost& plugins) {
  auto pool = std::unique_ptr<ServicePool>(new ServicePool());
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    auto slot = std::make_unique<ServiceSlot>();
    // A server never creates its registry: a mistyped --db must not serve an empty one (itaku init).
    auto registry = Registry::open(location, Registry::OpenMode::kExistingOnly);
    if (!registry) return registry.status();
    slot->registry = std::move(registry).value();
    auto review = ReviewService::create(plugins);
    if (!review) return review.status();
    slot->review = std::make_unique<ReviewService>(std::move(review).value());
    slot->registry_service = std::make_unique<RegistryService>(*slot->registry, *slot->review);
    slot->tokens = std::make_unique<TokenService>(*slot->registry);
    pool->description_ = slot->registry->describe();
    pool->free_.push_back(slot.get());
    pool->slots_.push_back(std::move(slot));
  }
  return pool;
}

ServicePool::Lease ServicePool::lease() {
  std::unique_lock<std::mutex> lock(mutex_);
  returned_.wait(lock, [this] { return !free_.empty(); });
  ServiceSlot* slot = free_.back();
  free_.pop_back();
  return Lease(*this, *slot);
}

void ServicePool::give_back(ServiceSlot& slot) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(&slot);
  }
  returned_.notify_one();
}

}  // namespace itaku::rest
