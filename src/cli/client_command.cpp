#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/context.hpp"
#include "cli/output.hpp"

namespace authly::cli {
namespace {

void print_client(const store::Client& c, const std::optional<std::string>& secret, bool json) {
  if (json) {
    std::cout << services::client_to_json(c, secret) << '\n';
    return;
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
  };
  std::cout << "client_id:     " << c.id << "\nname:          " << c.name
            << "\ntype:          " << store::to_string(c.type) << "\nauth_method:   " << c.token_endpoint_auth_method
            << "\ngrant_types:   " << join(c.grant_types) << "\nredirect_uris: " << join(c.redirect_uris)
            << "\nscope:         " << c.scope << '\n';
  if (!c.post_logout_redirect_uris.empty())
    std::cout << "post_logout_redirect_uris: " << join(c.post_logout_redirect_uris) << '\n';
  if (!c.backchannel_logout_uri.empty()) std::cout << "backchannel_logout_uri: " << c.backchannel_logout_uri << '\n';
  std::cout << "id_token_alg:  " << c.id_token_signed_response_alg << "\nsubject_type:  " << c.subject_type << '\n';
  if (!c.userinfo_signed_response_alg.empty()) std::cout << "userinfo_alg:  " << c.userinfo_signed_response_alg << '\n';
  if (!c.sector_identifier_uri.empty()) std::cout << "sector_identifier_uri: " << c.sector_identifier_uri << '\n';
  if (secret) std::cout << "client_secret: " << *secret << "\n(the secret is shown once; store it now)\n";
}

}  // namespace

void add_client_command(CLI::App& root, Context& ctx) {
  auto* client = root.add_subcommand("client", "Manage OAuth clients");
  client->require_subcommand(1);

  struct CreateArgs {
    services::NewClient input;
    std::string jwks_file;
    bool no_consent = false;
    bool json = false;
  };
  auto c = std::make_shared<CreateArgs>();
  auto* create = client->add_subcommand("create", "Register a client; prints its secret once");
  create->add_option("--name", c->input.name, "Client name shown to users")->required();
  create->add_option("--type", c->input.type, "confidential or public")
      ->check(CLI::IsMember({"confidential", "public"}));
  create->add_option("--client-id", c->input.client_id, "Use this client_id instead of a generated one");
  create->add_option("--redirect-uri", c->input.redirect_uris, "Redirect URI (repeatable)");
  create->add_option("--post-logout-redirect-uri", c->input.post_logout_redirect_uris,
                     "Post-logout redirect URI (repeatable)");
  create->add_option("--grant-type", c->input.grant_types,
                     "authorization_code, refresh_token, client_credentials or password (repeatable)");
  create->add_option("--scope", c->input.scope, "Space-separated scopes the client may request");
  create->add_option("--auth-method", c->input.auth_method,
                     "client_secret_basic, client_secret_post, private_key_jwt or none");
  create->add_option("--jwks-uri", c->input.jwks_uri, "https URL of the client's JWK Set (private_key_jwt)");
  create->add_option("--jwks-file", c->jwks_file, "File holding the client's JWK Set (private_key_jwt)");
  create->add_option("--backchannel-logout-uri", c->input.backchannel_logout_uri,
                     "Back-channel logout URI: https (http only on a loopback host); logout tokens are POSTed there");
  create
      ->add_option("--id-token-signed-response-alg", c->input.id_token_signed_response_alg,
                   "Algorithm of the client's ID tokens and logout tokens (default RS256)")
      ->check(CLI::IsMember({"RS256", "PS256", "ES256", "EdDSA"}));
  create
      ->add_option("--userinfo-signed-response-alg", c->input.userinfo_signed_response_alg,
                   "Sign the client's UserInfo responses (application/jwt) with this algorithm (default: plain JSON)")
      ->check(CLI::IsMember({"RS256", "PS256", "ES256", "EdDSA"}));
  create->add_option("--subject-type", c->input.subject_type, "public (default) or pairwise `sub` values")
      ->check(CLI::IsMember({"public", "pairwise"}));
  create->add_option(
      "--sector-identifier-uri", c->input.sector_identifier_uri,
      "https URL naming the pairwise sector (needed when redirect URIs span several hosts; not fetched)");
  create->add_flag("--no-consent", c->no_consent, "Skip the consent page (first-party clients)");
  create->add_flag("--json", c->json, "Print the client as JSON (RFC 7591 names), including the secret");
  create->callback([&ctx, c] {
    if (!c->jwks_file.empty()) {
      std::ifstream in(c->jwks_file);
      if (!in) throw CommandError(2, "--jwks-file: cannot read " + c->jwks_file);
      std::stringstream ss;
      ss << in.rdbuf();
      c->input.jwks = ss.str();
    }
    c->input.require_consent = !c->no_consent;
    c->input.registered_by_admin = true;  // whoever runs the CLI administers the deployment
    auto r = ctx.application().clients().create(c->input, "cli");
    if (!r) fail_with(r.error());
    print_client(r->client, r->secret, c->json);
  });

  struct ListArgs {
    int limit = 100, offset = 0;
    bool json = false;
  };
  auto l = std::make_shared<ListArgs>();
  auto* list = client->add_subcommand("list", "List clients");
  list->add_option("--limit", l->limit, "At most this many")->check(CLI::Range(1, 10000));
  list->add_option("--offset", l->offset, "Skip this many")->check(CLI::NonNegativeNumber);
  list->add_flag("--json", l->json, "Print JSON (an array)");
  list->callback([&ctx, l] {
    auto clients = ctx.application().clients().list(l->limit, l->offset);
    if (l->json) {
      std::string out = "[";
      for (std::size_t i = 0; i < clients.size(); ++i)
        out += (i ? "," : "") + services::client_to_json(clients[i], std::nullopt);
      std::cout << out << "]\n";
      return;
    }
    for (const auto& cl : clients) std::cout << cl.id << "  " << cl.name << "  " << store::to_string(cl.type) << '\n';
  });

  struct IdArgs {
    std::string id;
    bool json = false;
  };
  auto s = std::make_shared<IdArgs>();
  auto* show = client->add_subcommand("show", "Show one client (never its secret)");
  show->add_option("client_id", s->id, "client_id")->required();
  show->add_flag("--json", s->json, "Print JSON");
  show->callback([&ctx, s] {
    auto cl = ctx.application().clients().find(s->id);
    if (!cl) throw CommandError(1, "no such client: " + s->id);
    print_client(*cl, std::nullopt, s->json);
  });

  auto r = std::make_shared<IdArgs>();
  auto* rotate = client->add_subcommand("rotate-secret", "Issue a new secret; the old one stops working at once");
  rotate->add_option("client_id", r->id, "client_id")->required();
  rotate->add_flag("--json", r->json, "Print JSON including the new secret");
  rotate->callback([&ctx, r] {
    auto res = ctx.application().clients().rotate_secret(r->id, "cli");
    if (!res) fail_with(res.error());
    print_client(res->client, res->secret, r->json);
  });

  auto d = std::make_shared<std::string>();
  auto* del = client->add_subcommand("delete", "Delete a client with its tokens, codes and consents");
  del->add_option("client_id", *d, "client_id")->required();
  del->callback([&ctx, d] {
    auto res = ctx.application().clients().remove(*d, "cli");
    if (!res) fail_with(res.error());
    std::cout << "deleted client " << *d << '\n';
  });
}

}  // namespace authly::cli
