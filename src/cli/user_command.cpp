#include <iostream>
#include <string>

#include "cli/context.hpp"
#include "cli/output.hpp"

namespace authly::cli {
namespace {

// First line of stdin without its line ending; the password never touches argv or the environment.
std::string read_password_from_stdin() {
  std::string line;
  if (!std::getline(std::cin, line)) throw CommandError(2, "--password-stdin: no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void print_user(const store::User& u, bool json) {
  if (json) {
    std::cout << user_to_json(u) << '\n';
    return;
  }
  std::cout << "id:         " << u.id << "\nusername:   " << u.username << "\nemail:      " << u.email
            << "\nadmin:      " << (u.is_admin ? "yes" : "no") << "\nactive:     " << (u.is_active ? "yes" : "no")
            << "\ncreated_at: " << iso8601(u.created_at) << "\nclaims:     " << u.profile << '\n';
}

}  // namespace

void add_user_command(CLI::App& root, Context& ctx) {
  auto* user = root.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);

  struct CreateArgs {
    services::NewUser input;
    bool password_stdin = false;
    bool json = false;
  };
  auto c = std::make_shared<CreateArgs>();
  auto* create = user->add_subcommand("create", "Create a user");
  create->add_option("--username", c->input.username, "Login name")->required();
  create->add_option("--email", c->input.email, "E-mail address")->required();
  create->add_option("--given-name", c->input.given_name, "Given name");
  create->add_option("--family-name", c->input.family_name, "Family name");
  create->add_flag("--password-stdin", c->password_stdin, "Read the password from the first line of stdin");
  create->add_flag("--admin", c->input.is_admin, "Grant administrator rights");
  create->add_flag("--email-verified", c->input.email_verified, "Mark the e-mail address as verified");
  create->add_flag("--json", c->json, "Print the user as JSON");
  create->callback([&ctx, c] {
    if (!c->password_stdin) throw CommandError(2, "a password is required: pipe it in with --password-stdin");
    c->input.password = read_password_from_stdin();
    auto r = ctx.application().users().create(c->input, "cli");
    if (!r) fail_with(r.error());
    if (c->json)
      std::cout << user_to_json(*r) << '\n';
    else
      std::cout << "created user " << r->username << " (" << r->id << ")\n";
  });

  struct ListArgs {
    int limit = 100, offset = 0;
    bool json = false;
  };
  auto l = std::make_shared<ListArgs>();
  auto* list = user->add_subcommand("list", "List users");
  list->add_option("--limit", l->limit, "At most this many")->check(CLI::Range(1, 10000));
  list->add_option("--offset", l->offset, "Skip this many")->check(CLI::NonNegativeNumber);
  list->add_flag("--json", l->json, "Print JSON (an array)");
  list->callback([&ctx, l] {
    auto users = ctx.application().users().list(l->limit, l->offset);
    if (l->json) {
      std::string out = "[";
      for (std::size_t i = 0; i < users.size(); ++i) out += (i ? "," : "") + user_to_json(users[i]);
      std::cout << out << "]\n";
      return;
    }
    for (const auto& u : users)
      std::cout << u.id << "  " << u.username << "  " << u.email << (u.is_admin ? "  admin" : "")
                << (u.is_active ? "" : "  disabled") << '\n';
  });

  struct ShowArgs {
    std::string who;
    bool json = false;
  };
  auto s = std::make_shared<ShowArgs>();
  auto* show = user->add_subcommand("show", "Show one user");
  show->add_option("user", s->who, "User id or username")->required();
  show->add_flag("--json", s->json, "Print JSON");
  show->callback([&ctx, s] {
    auto u = ctx.application().users().find(s->who);
    if (!u) throw CommandError(1, "no such user: " + s->who);
    print_user(*u, s->json);
  });

  struct ClaimsArgs {
    std::string who;
    std::vector<std::string> claims;
    bool json = false;
  };
  auto sc = std::make_shared<ClaimsArgs>();
  auto* set_claims = user->add_subcommand(
      "set-claims", "Set OIDC standard claims (name, nickname, picture, locale, phone_number, address.locality, ...)");
  set_claims->add_option("user", sc->who, "User id or username")->required();
  set_claims->add_option("--claim", sc->claims, "NAME=VALUE (repeatable); an empty VALUE removes the claim")
      ->required();
  set_claims->add_flag("--json", sc->json, "Print the user as JSON");
  set_claims->callback([&ctx, sc] {
    services::ClaimAssignments claims;
    for (const auto& c : sc->claims) {
      const auto eq = c.find('=');
      if (eq == std::string::npos || eq == 0) throw CommandError(2, "--claim: expected NAME=VALUE, got '" + c + "'");
      claims.emplace_back(c.substr(0, eq), c.substr(eq + 1));
    }
    auto r = ctx.application().users().set_claims(sc->who, claims, "cli");
    if (!r) fail_with(r.error());
    print_user(*r, sc->json);
  });

  auto d = std::make_shared<std::string>();
  auto* disable = user->add_subcommand("disable", "Disable a user: ends their sessions and revokes their tokens");
  disable->add_option("user", *d, "User id or username")->required();
  disable->callback([&ctx, d] {
    auto r = ctx.application().users().disable(*d, "cli");
    if (!r) fail_with(r.error());
    std::cout << "disabled user " << r->username << '\n';
  });
}

}  // namespace authly::cli
