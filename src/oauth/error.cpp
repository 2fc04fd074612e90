#include "oauth/error.hpp"

namespace authly::oauth {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_request:
      return "invalid_request";
    case ErrorCode::invalid_client:
      return "invalid_client";
    case ErrorCode::invalid_grant:
      return "invalid_grant";
    case ErrorCode::unauthorized_client:
      return "unauthorized_client";
    case ErrorCode::unsupported_grant_type:
      return "unsupported_grant_type";
    case ErrorCode::unsupported_response_type:
      return "unsupported_response_type";
    case ErrorCode::invalid_scope:
      return "invalid_scope";
    case ErrorCode::access_denied:
      return "access_denied";
    case ErrorCode::server_error:
      return "server_error";
    case ErrorCode::temporarily_unavailable:
      return "temporarily_unavailable";
    case ErrorCode::invalid_token:
      return "invalid_token";
    case ErrorCode::insufficient_scope:
      return "insufficient_scope";
    case ErrorCode::login_required:
      return "login_required";
    case ErrorCode::consent_required:
      return "consent_required";
    case ErrorCode::interaction_required:
      return "interaction_required";
    case ErrorCode::invalid_redirect_uri:
      return "invalid_redirect_uri";
    case ErrorCode::invalid_client_metadata:
      return "invalid_client_metadata";
  }
  return "server_error";
}

}  // namespace authly::oauth
