#include "store/sql/sql_client_repository.hpp"

#include "store/errors.hpp"
#include "store/sql/json_list.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "id, name, type, secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, scope, "
    "token_endpoint_auth_method, jwks_uri, jwks, backchannel_logout_uri, id_token_signed_response_alg, "
    "userinfo_signed_response_alg, subject_type, sector_identifier_uri, require_consent, is_active, created_at, "
    "updated_at, secret_rotated_at, registered_by_admin";

struct ClientRow {
  Client client;
  std::string type;
  std::string redirect_uris;
  std::string post_logout_redirect_uris;
  std::string grant_types;
  int require_consent = 0;
  int is_active = 0;
  long long created_at = 0;
  long long updated_at = 0;
  OptionalTime secret_rotated_at;
  int registered_by_admin = 0;

  void bind(Query& q) {
    q.into(client.id).into(client.name).into(type).into(client.secret_hash).into(redirect_uris);
    q.into(post_logout_redirect_uris).into(grant_types).into(client.scope).into(client.token_endpoint_auth_method);
    q.into(client.jwks_uri).into(client.jwks).into(client.backchannel_logout_uri);
    q.into(client.id_token_signed_response_alg).into(client.userinfo_signed_response_alg);
    q.into(client.subject_type).into(client.sector_identifier_uri);
    q.into(require_consent).into(is_active).into(created_at).into(updated_at);
    q.into(secret_rotated_at.seconds, secret_rotated_at.ind);
    q.into(registered_by_admin);
  }
  Client take() {
    auto t = client_type_from_string(type);
    if (!t) throw StoreError("client " + client.id + " has an unknown type '" + type + "'");
    client.type = *t;
    client.redirect_uris = decode_json_list(redirect_uris);
    client.post_logout_redirect_uris = decode_json_list(post_logout_redirect_uris);
    client.grant_types = decode_json_list(grant_types);
    client.require_consent = require_consent != 0;
    client.is_active = is_active != 0;
    client.registered_by_admin = registered_by_admin != 0;
    client.created_at = core::from_unix(created_at);
    client.updated_at = core::from_unix(updated_at);
    client.secret_rotated_at = secret_rotated_at.get();
    return std::move(client);
  }
};

// The columns a write binds, converted from a Client.
struct ClientValues {
  explicit ClientValues(const Client& c)
      : type(to_string(c.type)),
        redirect_uris(encode_json_list(c.redirect_uris)),
        post_logout_redirect_uris(encode_json_list(c.post_logout_redirect_uris)),
        grant_types(encode_json_list(c.grant_types)),
        require_consent(c.require_consent ? 1 : 0),
        is_active(c.is_active ? 1 : 0),
        registered_by_admin(c.registered_by_admin ? 1 : 0),
        created_at(unix_seconds(c.created_at)),
        updated_at(unix_seconds(c.updated_at)),
        secret_rotated_at(c.secret_rotated_at) {}

  // Every column but id and created_at, in kUpdateSet's order.
  void bind_mutable(Query& q, const Client& c) {
    q.use(c.name).use(type).use(c.secret_hash).use(redirect_uris).use(post_logout_redirect_uris).use(grant_types);
    q.use(c.scope).use(c.token_endpoint_auth_method).use(c.jwks_uri).use(c.jwks).use(c.backchannel_logout_uri);
    q.use(c.id_token_signed_response_alg).use(c.userinfo_signed_response_alg).use(c.subject_type);
    q.use(c.sector_identifier_uri).use(require_consent);
    q.use(is_active).use(updated_at).use(secret_rotated_at.seconds, secret_rotated_at.ind);
  }

  std::string type;
  std::string redirect_uris;
  std::string post_logout_redirect_uris;
  std::string grant_types;
  int require_consent;
  int is_active;
  int registered_by_admin;
  long long created_at;
  long long updated_at;
  OptionalTime secret_rotated_at;
};

}  // namespace

void SqlClientRepository::create(const Client& c) {
  db_.run([&](Connection& s) {
    ClientValues v(c);
    Query q(s,
            "INSERT INTO clients (id, created_at, name, type, secret_hash, redirect_uris, post_logout_redirect_uris, "
            "grant_types, scope, token_endpoint_auth_method, jwks_uri, jwks, backchannel_logout_uri, "
            "id_token_signed_response_alg, userinfo_signed_response_alg, subject_type, sector_identifier_uri, "
            "require_consent, is_active, updated_at, secret_rotated_at, registered_by_admin) VALUES (:id, :ca, :name, "
            ":type, :sh, :ru, :plru, :gt, :scope, :team, :jwksuri, :jwks, :bclu, :alg, :uialg, :st, :siu, :rc, :act, "
            ":ua, :sra, :rba)");
    q.use(c.id).use(v.created_at);
    v.bind_mutable(q, c);
    q.use(v.registered_by_admin);
    q.run();
  });
}

std::optional<Client> SqlClientRepository::find(const std::string& client_id) {
  return db_.with([&](Connection& s) -> std::optional<Client> {
    ClientRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM clients WHERE id = :id");
    row.bind(q);
    q.use(client_id);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::vector<Client> SqlClientRepository::list(int limit, int offset) {
  return db_.with([&](Connection& s) {
    std::vector<Client> clients;
    ClientRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM clients ORDER BY created_at, id LIMIT :l OFFSET :o");
    row.bind(q);
    q.use(limit).use(offset);
    if (q.run()) {
      do clients.push_back(row.take());
      while (q.next());
    }
    return clients;
  });
}

bool SqlClientRepository::update(const Client& c) {
  return db_.with([&](Connection& s) {
    ClientValues v(c);
    Query q(s,
            "UPDATE clients SET name = :name, type = :type, secret_hash = :sh, redirect_uris = :ru, "
            "post_logout_redirect_uris = :plru, grant_types = :gt, scope = :scope, token_endpoint_auth_method = :team, "
            "jwks_uri = :jwksuri, jwks = :jwks, backchannel_logout_uri = :bclu, id_token_signed_response_alg = :alg, "
            "userinfo_signed_response_alg = :uialg, subject_type = :st, sector_identifier_uri = :siu, "
            "require_consent = :rc, is_active = :act, updated_at = :ua, secret_rotated_at = :sra WHERE id = :id");
    v.bind_mutable(q, c);
    q.use(c.id).run();
    return q.affected_rows() > 0;
  });
}

bool SqlClientRepository::set_secret_hash(const std::string& client_id, const std::string& secret_hash, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    long long at2 = at;
    Query q(s, "UPDATE clients SET secret_hash = :sh, secret_rotated_at = :now, updated_at = :now2 WHERE id = :id");
    q.use(secret_hash).use(at).use(at2).use(client_id).run();
    return q.affected_rows() > 0;
  });
}

// ON DELETE CASCADE removes the client's codes, refresh tokens and consents.
bool SqlClientRepository::remove(const std::string& client_id) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM clients WHERE id = :id");
    q.use(client_id).run();
    return q.affected_rows() > 0;
  });
}

}  // namespace authly::store::sql
