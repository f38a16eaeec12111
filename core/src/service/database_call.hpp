// Runs a body of registry calls and turns the itaku::Error it may throw into a Status: the
// services' boundary between the store's exceptions and their Result/Status contracts.
#pragma once

#include "itaku/error.hpp"

namespace itaku::detail {

template <typename Body>
Status database_call(Body&& body) {
  try {
    body();
    return Status::ok();
  } catch (const Error& error) {
    return error.status();
  }
}

}  // namespace itaku::detail
