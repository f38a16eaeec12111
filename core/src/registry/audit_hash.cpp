#include <sodium.h>

#include <stdexcept>

#include "itaku/registry/registry.hpp"

namespace itaku {

std::string audit_entry_hash(const AuditEntry& entry) {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw Error(ErrorCode::kInternal, "libsodium could not be initialised");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  // Fields are length-prefixed so that no two different entries hash the same text.
  for (const std::string* field : {&entry.prev_hash, &entry.at, &entry.actor, &entry.action, &entry.entity,
                                   &entry.entity_key, &entry.before_json, &entry.after_json}) {
    const std::string length = std::to_string(field->size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field->data()), field->size());
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace itaku
