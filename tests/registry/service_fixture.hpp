// A fresh registry with the full service (the real plugins' review) on one backend: what the
// registry suites' fixtures start from.
#pragma once

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "itaku/service/registry_service.hpp"
#include "plugin_fixture.hpp"
#include "registry/test_databases.hpp"

namespace itaku::test {

// Compiled once per test program: every fixture and thread shares it, as itaku serve's lanes do.
inline const ReviewService& shared_review_service() {
  static const ReviewService instance = ReviewService::create(real_plugins()).value();
  return instance;
}

struct ServiceDatabase {
  explicit ServiceDatabase(const std::string& backend) : database(backend) {
    auto opened = Registry::open(database.location());
    if (!opened) FAIL(opened.status().to_string());
    registry = std::move(opened).value();
    service = std::make_unique<RegistryService>(*registry, shared_review_service());
  }
  TestDatabase database;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryService> service;
};

}  // namespace itaku::test
