#include "oauth/keys/key_manager_options.hpp"

#include <algorithm>

#include "config/config.hpp"

namespace authly::oauth::keys {

KeyManagerOptions options_from(const config::Config& config) {
  using std::chrono::seconds;
  KeyManagerOptions o;
  o.reload_interval = seconds(config.keys.reload_interval_s);
  o.rotation_period = seconds(std::max(0, config.keys.rotation_period_s));
  // Config load only guarantees publish_lead >= jwks_max_age. A key must also not sign before every
  // instance has reloaded the table (it could not verify the new tokens) and before a JWKS served
  // from such a stale snapshot has left every cache.
  o.publish_lead = std::max(seconds(config.keys.publish_lead_s),
                            seconds(config.keys.reload_interval_s) + seconds(config.keys.jwks_max_age_s));
  // Another instance may keep signing with the old key until its next reload; its last token then
  // lives for the longest token lifetime; 60 s absorb clock skew between instances.
  const auto longest_token = seconds(std::max(config.oauth.access_token_ttl_s, config.oidc.id_token_ttl_s));
  o.retire_retention = longest_token + o.reload_interval + seconds(60);
  return o;
}

}  // namespace authly::oauth::keys
