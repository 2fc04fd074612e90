#include "oauth/subject.hpp"

#include <boost/url/parse.hpp>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"

namespace authly::oauth {
namespace {

std::string host_of(const std::string& uri) {
  auto parsed = boost::urls::parse_uri(uri);
  if (!parsed) return {};
  return std::string(parsed->encoded_host());
}

}  // namespace

std::string sector_identifier(const store::Client& client) {
  if (!client.sector_identifier_uri.empty()) return host_of(client.sector_identifier_uri);
  if (!client.redirect_uris.empty()) return host_of(client.redirect_uris.front());
  return {};
}

std::string subject_for(const store::Client& client, const std::string& user_id, std::string_view pairwise_key) {
  if (client.subject_type != "pairwise") return user_id;
  std::string input = sector_identifier(client);
  // The separator keeps ("a", "bc") and ("ab", "c") apart; hosts and user ids never contain NUL.
  input.push_back('\0');
  input += user_id;
  return core::base64url_encode(crypto::hmac_sha256(pairwise_key, input));
}

std::string derive_pairwise_key(std::string_view master_key) {
  return crypto::hmac_sha256(master_key, "authly pairwise subject v1");
}

}  // namespace authly::oauth
