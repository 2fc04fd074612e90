// `authly keys list|rotate`: the signing key table (DESIGN.md §4, docs/key-rotation.md). Rotation
// only stages a `next` key; the running servers promote it after keys.publish_lead_s, so there is
// deliberately no way to make a key sign before every cached JWKS can hold it.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/context.hpp"
#include "jose/algorithm.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/keys/key_rotation.hpp"

namespace authly::cli {
namespace {

constexpr const char* kAlgorithms = "ES256, RS256, PS256 or EdDSA";

jose::Algorithm parse_alg(const std::string& name, const std::string& where) {
  const auto alg = jose::algorithm_from_string(name);
  if (!alg || *alg == jose::Algorithm::HS256)
    throw CommandError(2, where + ": unsupported signing algorithm '" + name + "' (use " + kAlgorithms + ")");
  return *alg;
}

std::string optional_time(const std::optional<core::TimePoint>& t) { return t ? iso8601(*t) : "-"; }

boost::json::object key_to_json(const store::SigningKey& k) {
  // The public JWK is in /oidc/jwks; the sealed private half is never printed.
  boost::json::object o{{"kid", k.kid},
                        {"alg", k.alg},
                        {"state", std::string(store::to_string(k.state))},
                        {"created_at", iso8601(k.created_at)}};
  auto optional = [&](const char* name, const std::optional<core::TimePoint>& t) {
    o[name] = t ? boost::json::value(iso8601(*t)) : boost::json::value(nullptr);
  };
  optional("activated_at", k.activated_at);
  optional("retired_at", k.retired_at);
  optional("remove_after", k.remove_after);
  return o;
}

void print_report(const oauth::RotationReport& r, bool json) {
  const std::string alg(jose::to_string(r.alg));
  if (json) {
    boost::json::object o{{"kid", r.kid},
                          {"alg", alg},
                          {"created", r.created},
                          {"created_at", iso8601(r.created_at)},
                          {"signs_from", iso8601(r.signs_from)}};
    o["replaces"] = r.replaces ? boost::json::value(*r.replaces) : boost::json::value(nullptr);
    std::cout << boost::json::serialize(o) << '\n';
    return;
  }
  std::cout << (r.created ? "staged " : "already staged: ") << alg << " key " << r.kid << " (published in JWKS now)\n";
  if (r.replaces)
    std::cout << "starts signing at " << iso8601(r.signs_from)
              << " (keys.publish_lead_s after it was staged), replacing " << *r.replaces
              << "\n(the replaced key keeps verifying until its last token has expired)\n";
  else
    std::cout << "no active " << alg << " key yet: it becomes the active one when a server first signs with " << alg
              << '\n';
}

}  // namespace

void add_keys_command(CLI::App& root, Context& ctx) {
  auto* keys = root.add_subcommand("keys", "Inspect and rotate the signing keys");
  keys->require_subcommand(1);

  auto list_json = std::make_shared<bool>(false);
  auto* list = keys->add_subcommand("list", "List signing keys (next, active, retired), oldest first");
  list->add_flag("--json", *list_json, "Print JSON (an array)");
  list->callback([&ctx, list_json] {
    const auto rows = ctx.application().store().keys().list();
    if (*list_json) {
      boost::json::array arr;
      for (const auto& k : rows) arr.push_back(key_to_json(k));
      std::cout << boost::json::serialize(arr) << '\n';
      return;
    }
    if (rows.empty()) {
      std::cout << "no signing keys yet (the server creates the first one on start)\n";
      return;
    }
    std::cout << "kid  alg  state  created  activated  retired  remove_after\n";
    for (const auto& k : rows)
      std::cout << k.kid << "  " << k.alg << "  " << store::to_string(k.state) << "  " << iso8601(k.created_at) << "  "
                << optional_time(k.activated_at) << "  " << optional_time(k.retired_at) << "  "
                << optional_time(k.remove_after) << '\n';
  });

  struct RotateArgs {
    std::string alg;
    bool json = false;
  };
  auto r = std::make_shared<RotateArgs>();
  auto* rotate = keys->add_subcommand(
      "rotate", "Stage a new signing key: published at once, signing after keys.publish_lead_s (audited key.rotated)");
  rotate->add_option("--alg", r->alg, std::string("ES256, RS256, PS256 or EdDSA (default: oauth.signing_alg)"))
      ->type_name("ALG");
  rotate->add_flag("--json", r->json, "Print JSON");
  rotate->callback([&ctx, r] {
    const auto alg =
        r->alg.empty() ? parse_alg(ctx.config().oauth.signing_alg, "oauth.signing_alg") : parse_alg(r->alg, "--alg");
    auto& app = ctx.application();
    const auto report = oauth::keys::stage_rotation(app.store(), app.master_key(), app.random(), app.clock().now(),
                                                    oauth::keys::options_from(app.config()), alg, "cli");
    print_report(report, r->json);
  });
}

}  // namespace authly::cli
