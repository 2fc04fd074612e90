#include "oauth/authorize/authorize_request.hpp"

#include <array>

namespace authly::oauth::authorize {
namespace {

struct NamedCheck {
  const char* name;
  Check run;
};

// After the redirect URI is trusted, in this order. Repeats come first: every later check reads a
// parameter that occurs once. The response mode comes next because later errors are delivered in it.
constexpr std::array kRedirectableChecks = {
    NamedCheck{"single_parameters", check_single_parameters},
    NamedCheck{"response_mode", check_response_mode},
    NamedCheck{"response_type", check_response_type},
    NamedCheck{"grant_allowed", check_grant_allowed},
    NamedCheck{"pkce", check_pkce},
    NamedCheck{"scope", check_scope},
    NamedCheck{"prompt", check_prompt},
    NamedCheck{"offline_access", check_offline_access},
    NamedCheck{"max_age", check_max_age},
    NamedCheck{"opaque_values", check_opaque_values},
    NamedCheck{"claims", check_claims},
};

// Where an error goes before response_mode has been validated: form_post only when it was asked
// for unambiguously.
ResponseMode error_mode(const Params& params) {
  auto mode = single(params, "response_mode");
  return mode && *mode == "form_post" ? ResponseMode::form_post : ResponseMode::query;
}

}  // namespace

core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                const ClientLookup& lookup) {
  ValidatedRequest out;
  if (auto e = check_client(params, lookup, out.client))
    return core::fail(AuthorizeFailure{std::move(*e), {}, {}, ResponseMode::query});
  out.request.client_id = out.client.id;
  const CheckInput in{params, out.client};
  if (auto e = check_redirect_uri(in, out.request))
    return core::fail(AuthorizeFailure{std::move(*e), {}, {}, ResponseMode::query});

  for (const auto& check : kRedirectableChecks) {
    if (auto e = check.run(in, out.request)) {
      e->redirectable = true;
      if (e->detail.empty()) e->detail = std::string("check ") + check.name;
      return core::fail(AuthorizeFailure{std::move(*e), out.request.redirect_uri, single(params, "state").value_or(""),
                                         error_mode(params)});
    }
  }
  return out;
}

core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                store::ClientRepository& clients) {
  return validate_authorization_request(params, [&clients](const std::string& id) { return clients.find(id); });
}

core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                const InteractionDeps& deps) {
  return validate_authorization_request(params, deps.store.clients());
}

}  // namespace authly::oauth::authorize
