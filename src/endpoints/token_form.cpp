#include "endpoints/token_endpoints.hpp"
#include "http/form.hpp"
#include "oauth/client_auth/basic_credentials.hpp"

namespace authly::endpoints {

core::Result<http::FormParams, oauth::OAuthError> parse_token_form(const http::Request& req) {
  using oauth::ErrorCode;
  if (!http::is_form_urlencoded(req.header("Content-Type")))
    return core::fail(
        oauth::make_error(ErrorCode::invalid_request, "the body must be application/x-www-form-urlencoded"));
  if (req.headers.count("Authorization") > 1)
    return core::fail(oauth::make_error(ErrorCode::invalid_request, "more than one Authorization header"));
  auto form = http::FormParams::parse(req.body);
  if (!form) {
    const bool too_many = form.error() == http::kTooManyFormParams;
    return core::fail(oauth::make_error(ErrorCode::invalid_request,
                                        too_many ? "the form body has too many parameters" : "malformed form body",
                                        form.error()));
  }
  // RFC 6749 §3.2: parameters must not repeat. The name is input: log-only detail.
  if (auto repeated = form->first_repeated())
    return core::fail(oauth::make_error(ErrorCode::invalid_request, "a request parameter is repeated",
                                        "parameter repeated: " + std::string(*repeated)));
  return std::move(*form);
}

bool basic_attempted(const http::Request& req) {
  auto h = req.header("Authorization");
  return h && oauth::is_basic_authorization(*h);
}

std::optional<std::string> param(const http::FormParams& form, std::string_view name) {
  auto v = form.get(name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

oauth::ClientAuthInput client_credentials(const http::Request& req, const http::FormParams& form) {
  oauth::ClientAuthInput in;
  if (auto h = req.header("Authorization")) in.authorization = std::string(*h);
  in.client_id = param(form, "client_id");
  in.client_secret = param(form, "client_secret");
  in.client_assertion = param(form, "client_assertion");
  in.client_assertion_type = param(form, "client_assertion_type");
  in.client_ip = req.remote_address;
  return in;
}

}  // namespace authly::endpoints
