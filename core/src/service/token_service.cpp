#include "itaku/service/token_service.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "service/audit_images.hpp"
#include "service/database_call.hpp"
#include "schema/record_limits.hpp"
#include "text/utc_timestamp.hpp"

namespace itaku {
namespace {

using detail::database_call;

void require_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw Error(ErrorCode::kInternal, "libsodium could not be initialised");
}

std::string new_token() {
  require_sodium();
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string("itk_") + encoded;
}

}  // namespace

namespace {

void append_audit(Registry& registry, const std::string& actor, const std::string& action, const std::string& key,
                  const std::string& before, const std::string& after) {
  AuditEntry entry;
  entry.at = detail::utc_timestamp();
  entry.actor = actor;
  entry.action = action;
  entry.entity = "token";
  entry.entity_key = key;
  entry.before_json = before;
  entry.after_json = after;
  registry.append_audit(std::move(entry));
}

}  // namespace

std::string token_hash(std::string_view token) {
  require_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<CreatedToken> TokenService::create(const std::string& name, Role role,
                                          const std::optional<std::string>& department, const std::string& actor) {
  if (Status text = detail::check_text_value(name, "name", true); !text) return text;
  if (department) {
    if (Status text = detail::check_text_value(*department, "department"); !text) return text;
  }
  if (role == Role::kChannelOwner && (!department || department->empty())) {
    return Status(ErrorCode::kInvalidArgument, "channel_owner のトークンには担当する課（department）が必要です / a channel_owner token needs the department whose channels it runs",
                  "department");
  }
  CreatedToken created;
  created.token = new_token();
  created.stored.name = name;
  created.stored.role = role;
  created.stored.department = department;
  created.stored.token_hash = token_hash(created.token);
  created.stored.created_at = detail::utc_timestamp();
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    registry_.add_token(created.stored);
    append_audit(registry_, actor, "token.create", name, "", detail::token_audit_image(created.stored).dump());
    transaction->commit();
  });
  if (!status) return status;
  return created;
}

Result<std::vector<ApiToken>> TokenService::list() {
  std::vector<ApiToken> tokens;
  Status status = database_call([&] { tokens = registry_.list_tokens(); });
  if (!status) return status;
  return tokens;
}

Status TokenService::revoke(const std::string& name, const std::string& actor) {
  return database_call([&] {
    auto transaction = registry_.begin();
    const std::optional<ApiToken> before = registry_.find_token(name);
    if (!before) throw Error(ErrorCode::kNotFound, "no token named '" + name + "' (see itaku token list)", "name");
    if (before->revoked_at) return;  // already revoked: nothing changes, nothing to audit
    registry_.revoke_token(name, detail::utc_timestamp());
    append_audit(registry_, actor, "token.revoke", name, detail::token_audit_image(*before).dump(),
                 detail::token_audit_image(*registry_.find_token(name)).dump());
    transaction->commit();
  });
}

Result<Principal> TokenService::authenticate(std::string_view token) {
  if (token.empty()) return Status(ErrorCode::kUnauthenticated, "Bearer トークンが必要です（Authorization: Bearer itk_...） / a bearer token is required (Authorization: Bearer itk_...)");
  std::optional<ApiToken> stored;
  Status status = database_call([&] { stored = registry_.find_token_by_hash(token_hash(token)); });
  if (!status) return status;
  if (!stored) return Status(ErrorCode::kUnauthenticated, "このトークンは登録されていません / the bearer token is not known");
  if (stored->revoked_at) return Status(ErrorCode::kUnauthenticated, "このトークンは " + *stored->revoked_at + " に失効しています / the bearer token was revoked at " + *stored->revoked_at);
  return Principal{stored->name, stored->role, stored->department};
}

}  // namespace itaku
