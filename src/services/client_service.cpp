#include "services/client_service.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "oauth/audit.hpp"
#include "oauth/checks/registered_redirect_uri.hpp"
#include "oauth/client_jwks.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::services {
namespace {

constexpr std::string_view kGrantTypes[] = {"authorization_code", "refresh_token", "client_credentials", "password"};
constexpr std::string_view kAuthMethods[] = {"client_secret_basic", "client_secret_post", "private_key_jwt", "none"};

template <class Range>
bool contains(const Range& r, std::string_view v) {
  return std::find(std::begin(r), std::end(r), v) != std::end(r);
}

bool valid_client_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; });
}

bool has_secret(std::string_view method) { return method == "client_secret_basic" || method == "client_secret_post"; }

// Validates and normalises the input into a client row; nullopt error on success.
// c.registered_by_admin is set by the caller and decides the outbound URI rules.
std::optional<ServiceError> build(const NewClient& in, store::Store& store, store::Client& c) {
  const auto registrar = c.registered_by_admin ? oauth::Registrar::administrator : oauth::Registrar::self;
  if (in.name.empty() || in.name.size() > 200) return invalid("client_name", "client name must be 1-200 characters");
  c.name = in.name;
  auto type = store::client_type_from_string(in.type);
  if (!type) return invalid("client_type", "client type must be 'confidential' or 'public'");
  c.type = *type;
  const auto kind = c.type == store::ClientType::public_ ? oauth::ClientKind::public_ : oauth::ClientKind::confidential;

  c.token_endpoint_auth_method = !in.auth_method.empty()
                                     ? in.auth_method
                                     : (c.type == store::ClientType::public_ ? "none" : "client_secret_basic");
  if (!contains(kAuthMethods, c.token_endpoint_auth_method))
    return invalid("token_endpoint_auth_method", "unsupported token_endpoint_auth_method",
                   c.token_endpoint_auth_method);
  if (c.type == store::ClientType::public_ && c.token_endpoint_auth_method != "none")
    return invalid("token_endpoint_auth_method", "public clients authenticate with 'none'");
  if (c.type == store::ClientType::confidential && c.token_endpoint_auth_method == "none")
    return invalid("token_endpoint_auth_method",
                   "confidential clients must authenticate; 'none' is for public clients");
  if (c.token_endpoint_auth_method == "private_key_jwt" && in.jwks.empty() && in.jwks_uri.empty())
    return invalid("jwks", "private_key_jwt needs jwks or jwks_uri");
  if (!in.jwks_uri.empty())
    if (auto why = oauth::check_jwks_uri(in.jwks_uri, registrar)) return invalid("jwks_uri", *why);
  if (!in.jwks.empty()) {
    // Every path in (JSON API, CLI --jwks-file): public keys only, at most kMaxClientJwks.
    auto keys = oauth::parse_client_jwks(std::string_view(in.jwks));
    if (!keys) return invalid("jwks", keys.error());
  }
  c.jwks_uri = in.jwks_uri;
  c.jwks = in.jwks;

  c.grant_types =
      in.grant_types.empty() ? std::vector<std::string>{"authorization_code", "refresh_token"} : in.grant_types;
  for (const auto& g : c.grant_types) {
    if (g == "implicit") return invalid("grant_types", "the implicit grant is not part of OAuth 2.1");
    if (!contains(kGrantTypes, g)) return invalid("grant_types", "unsupported grant type", g);
  }
  std::sort(c.grant_types.begin(), c.grant_types.end());
  c.grant_types.erase(std::unique(c.grant_types.begin(), c.grant_types.end()), c.grant_types.end());
  if (contains(c.grant_types, "client_credentials") && c.type == store::ClientType::public_)
    return invalid("grant_types", "client_credentials is for confidential clients only");

  if (contains(c.grant_types, "authorization_code") && in.redirect_uris.empty())
    return invalid("redirect_uris", "the authorization_code grant needs at least one redirect URI");
  for (const auto& uri : in.redirect_uris)
    if (auto why = oauth::check_registered_redirect_uri(uri, kind)) return invalid("redirect_uris", *why, uri);
  for (const auto& uri : in.post_logout_redirect_uris)
    if (auto why = oauth::check_registered_redirect_uri(uri, kind))
      return invalid("post_logout_redirect_uris", *why, uri);
  c.redirect_uris = in.redirect_uris;
  c.post_logout_redirect_uris = in.post_logout_redirect_uris;
  if (!in.backchannel_logout_uri.empty())
    if (auto why = oauth::check_backchannel_logout_uri(in.backchannel_logout_uri, registrar))
      return invalid("backchannel_logout_uri", *why);
  c.backchannel_logout_uri = in.backchannel_logout_uri;

  c.id_token_signed_response_alg = in.id_token_signed_response_alg.empty() ? "RS256" : in.id_token_signed_response_alg;
  if (auto why = oauth::check_id_token_signed_response_alg(c.id_token_signed_response_alg))
    return invalid("id_token_signed_response_alg", *why);
  if (auto why = oauth::check_userinfo_signed_response_alg(in.userinfo_signed_response_alg))
    return invalid("userinfo_signed_response_alg", *why);
  c.userinfo_signed_response_alg = in.userinfo_signed_response_alg;
  if (!in.sector_identifier_uri.empty())
    if (auto why = oauth::check_sector_identifier_uri(in.sector_identifier_uri))
      return invalid("sector_identifier_uri", *why);
  c.sector_identifier_uri = in.sector_identifier_uri;
  c.subject_type = in.subject_type.empty() ? "public" : in.subject_type;
  if (auto why = oauth::check_subject_type(c.subject_type, c.sector_identifier_uri, c.redirect_uris))
    return invalid("subject_type", *why);

  // Capped before any look-up: each token costs a registry query.
  std::vector<std::string> scopes;
  switch (oauth::parse_scope_list(in.scope, scopes)) {
    case oauth::ScopeSyntax::ok:
      break;
    case oauth::ScopeSyntax::too_many_tokens:
      return invalid("scope", "scope has more than " + std::to_string(oauth::kMaxScopeTokens) + " scope names");
    case oauth::ScopeSyntax::malformed:
      return invalid("scope", "scope is not a space-separated list of scope names");
  }
  for (const auto& s : scopes)
    if (!store.scopes().find(s)) return invalid("scope", "unknown scope (create it with `authly scope create`)", s);
  c.scope = oauth::join_scope(scopes);
  c.require_consent = in.require_consent;
  return std::nullopt;
}

}  // namespace

ClientService::ClientService(store::Store& store, core::Random& rng, const core::Clock& clock, ClientChanged changed)
    : store_(store), rng_(rng), clock_(clock), changed_(std::move(changed)) {}

core::Result<IssuedClient, ServiceError> ClientService::create(const NewClient& input, const std::string& actor) {
  IssuedClient out;
  store::Client& c = out.client;
  if (!input.client_id.empty() && !valid_client_id(input.client_id))
    return core::fail(invalid("client_id", "client_id must be 1-128 characters of letters, digits and - . _ ~"));
  c.id = input.client_id.empty() ? crypto::uuid_v4(rng_) : input.client_id;
  c.registered_by_admin = input.registered_by_admin;
  if (auto err = build(input, store_, c)) return core::fail(std::move(*err));
  if (has_secret(c.token_endpoint_auth_method)) {
    out.secret = crypto::client_secret(rng_);
    c.secret_hash = crypto::sha256_hex(*out.secret);
  }
  c.is_active = true;
  c.created_at = c.updated_at = clock_.now();
  try {
    store_.transaction([&](store::Store& tx) {
      tx.clients().create(c);
      oauth::audit(tx, c.created_at, "client.created", actor, c.id, "", boost::json::object{});
    });
  } catch (const store::Conflict&) {
    return core::fail(conflict("client_id", "a client with this client_id already exists"));
  }
  if (changed_) changed_(&c);
  return out;
}

std::optional<store::Client> ClientService::find(const std::string& client_id) {
  return store_.clients().find(client_id);
}

std::vector<store::Client> ClientService::list(int limit, int offset) { return store_.clients().list(limit, offset); }

core::Result<IssuedClient, ServiceError> ClientService::rotate_secret(const std::string& client_id,
                                                                      const std::string& actor) {
  auto client = store_.clients().find(client_id);
  if (!client) return core::fail(not_found("client_id", "no such client"));
  if (!has_secret(client->token_endpoint_auth_method))
    return core::fail(invalid(
        "token_endpoint_auth_method",
        "this client authenticates with '" + client->token_endpoint_auth_method + "' and has no secret to rotate"));
  IssuedClient out{*client, crypto::client_secret(rng_)};
  const auto now = clock_.now();
  out.client.secret_hash = crypto::sha256_hex(*out.secret);
  out.client.secret_rotated_at = now;
  out.client.updated_at = now;
  store_.transaction([&](store::Store& tx) {
    tx.clients().set_secret_hash(client_id, out.client.secret_hash, now);
    oauth::audit(tx, now, "client.secret_rotated", actor, client_id, "", boost::json::object{});
  });
  return out;
}

core::Result<IssuedClient, ServiceError> ClientService::update(const std::string& client_id, const NewClient& input,
                                                               const std::string& actor) {
  auto existing = store_.clients().find(client_id);
  if (!existing) return core::fail(not_found("client_id", "no such client"));
  IssuedClient out;
  store::Client& c = out.client;
  c.id = existing->id;
  c.registered_by_admin = existing->registered_by_admin;
  if (auto err = build(input, store_, c)) return core::fail(std::move(*err));
  c.is_active = existing->is_active;
  c.created_at = existing->created_at;
  const auto now = clock_.now();
  c.updated_at = now;
  c.secret_rotated_at = existing->secret_rotated_at;
  if (!has_secret(c.token_endpoint_auth_method)) {
    c.secret_hash.clear();  // a secret the client can no longer use must not keep working
  } else if (!existing->secret_hash.empty()) {
    c.secret_hash = existing->secret_hash;
  } else {
    out.secret = crypto::client_secret(rng_);
    c.secret_hash = crypto::sha256_hex(*out.secret);
    c.secret_rotated_at = now;
  }
  bool updated = false;
  store_.transaction([&](store::Store& tx) {
    updated = tx.clients().update(c);
    if (updated) oauth::audit(tx, now, "client.updated", actor, c.id, "", boost::json::object{});
  });
  if (!updated) return core::fail(not_found("client_id", "no such client"));
  if (changed_) changed_(&c);
  return out;
}

core::Result<core::Ok, ServiceError> ClientService::remove(const std::string& client_id, const std::string& actor) {
  bool removed = false;
  store_.transaction([&](store::Store& tx) {
    removed = tx.clients().remove(client_id);
    if (removed) oauth::audit(tx, clock_.now(), "client.deleted", actor, client_id, "", boost::json::object{});
  });
  if (!removed) return core::fail(not_found("client_id", "no such client"));
  if (changed_) changed_(nullptr);
  return core::Ok{};
}

NewClient new_client_from_metadata(const oauth::ClientMetadata& m) {
  NewClient in;
  in.name = m.client_name;
  in.type = oauth::effective_client_type(m);
  in.redirect_uris = m.redirect_uris;
  in.post_logout_redirect_uris = m.post_logout_redirect_uris;
  in.grant_types = m.grant_types;
  in.scope = m.scope;
  in.auth_method = m.token_endpoint_auth_method;
  in.jwks_uri = m.jwks_uri;
  in.jwks = m.jwks;
  in.backchannel_logout_uri = m.backchannel_logout_uri;
  in.id_token_signed_response_alg = m.id_token_signed_response_alg;
  in.userinfo_signed_response_alg = m.userinfo_signed_response_alg;
  in.subject_type = m.subject_type;
  in.sector_identifier_uri = m.sector_identifier_uri;
  in.require_consent = m.require_consent.value_or(true);
  return in;
}

std::string client_to_json(const store::Client& c, const std::optional<std::string>& secret) {
  auto strings = [](const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  boost::json::object o;
  o["client_id"] = c.id;
  if (secret) {
    o["client_secret"] = *secret;
    o["client_secret_expires_at"] = 0;  // RFC 7591 §3.2.1: 0 = does not expire
  }
  o["client_id_issued_at"] = core::to_unix(c.created_at);
  o["client_name"] = c.name;
  o["client_type"] = store::to_string(c.type);
  o["redirect_uris"] = strings(c.redirect_uris);
  o["post_logout_redirect_uris"] = strings(c.post_logout_redirect_uris);
  o["grant_types"] = strings(c.grant_types);
  o["response_types"] =
      contains(c.grant_types, "authorization_code") ? boost::json::array{"code"} : boost::json::array{};
  o["scope"] = c.scope;
  o["token_endpoint_auth_method"] = c.token_endpoint_auth_method;
  if (!c.jwks_uri.empty()) o["jwks_uri"] = c.jwks_uri;
  if (!c.jwks.empty()) {
    // Registered as a JSON object (RFC 7591 §2); a row that does not parse is left out.
    // Public members only, whatever an older row holds.
    boost::system::error_code ec;
    auto jwks = boost::json::parse(c.jwks, ec);
    if (!ec && jwks.is_object()) o["jwks"] = oauth::public_client_jwks(jwks.as_object());
  }
  if (!c.backchannel_logout_uri.empty()) o["backchannel_logout_uri"] = c.backchannel_logout_uri;
  o["backchannel_logout_session_required"] = true;  // Back-Channel Logout §2.2: sid is always sent
  o["id_token_signed_response_alg"] = c.id_token_signed_response_alg;
  if (!c.userinfo_signed_response_alg.empty()) o["userinfo_signed_response_alg"] = c.userinfo_signed_response_alg;
  o["subject_type"] = c.subject_type;
  if (!c.sector_identifier_uri.empty()) o["sector_identifier_uri"] = c.sector_identifier_uri;
  o["require_consent"] = c.require_consent;
  o["active"] = c.is_active;
  return boost::json::serialize(o);
}

}  // namespace authly::services
