#include "endpoints/consent_endpoint.hpp"

#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "endpoints/interaction_flow.hpp"
#include "oauth/authorize/interaction_policy.hpp"
#include "oauth/authorize/stored_consent.hpp"

namespace authly::endpoints {

namespace az = oauth::authorize;

http::Response consent_submit(EndpointContext& ctx, http::Request& req) {
  const auto now = ctx.clock.now();
  auto form = http::FormParams::parse(req.body);
  if (!form) return error_page(400, "The form is malformed.", "invalid_request");
  auto loaded = load_interaction(ctx, req, *form, now);
  if (!loaded) return std::move(loaded).error();
  Flow& flow = loaded->flow;

  // The consent must come from the user who logged in for this interaction, still signed in.
  flow.session = current_session(ctx, req, now);
  if (loaded->row.user_id.empty() || !flow.session || flow.session->user_id != loaded->row.user_id)
    return error_page(403, "Your session has ended. Return to the application and sign in again.", "invalid_request");

  const auto decision = form->count("decision") == 1 ? *form->get("decision") : std::string_view();
  if (decision == "deny") {
    az::answer_consent(ctx.use.interactions, false, flow.session->user_id, flow.client.id, flow.request,
                       req.remote_address, now);
    return finish_with_error(
        ctx, req, flow, oauth::OAuthError{oauth::ErrorCode::access_denied, "the user denied the request", {}, true});
  }
  if (decision != "allow") return error_page(400, "Choose Allow or Deny.", "invalid_request");

  // The consent covers what the page showed: the request's scopes and its individual claims.
  az::answer_consent(ctx.use.interactions, true, flow.session->user_id, flow.client.id, flow.request,
                     req.remote_address, now);
  return finish_with_code(ctx, req, flow, now);
}

}  // namespace authly::endpoints
