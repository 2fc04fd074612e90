#include "jose/error.hpp"

namespace authly::jose {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::malformed:
      return "malformed";
    case ErrorCode::unsupported_algorithm:
      return "unsupported_algorithm";
    case ErrorCode::algorithm_not_allowed:
      return "algorithm_not_allowed";
    case ErrorCode::algorithm_mismatch:
      return "algorithm_mismatch";
    case ErrorCode::key_not_found:
      return "key_not_found";
    case ErrorCode::unsupported_critical_header:
      return "unsupported_critical_header";
    case ErrorCode::invalid_signature:
      return "invalid_signature";
    case ErrorCode::unsupported_key:
      return "unsupported_key";
    case ErrorCode::invalid_key:
      return "invalid_key";
    case ErrorCode::weak_key:
      return "weak_key";
    case ErrorCode::expired:
      return "expired";
    case ErrorCode::not_yet_valid:
      return "not_yet_valid";
    case ErrorCode::wrong_issuer:
      return "wrong_issuer";
    case ErrorCode::wrong_audience:
      return "wrong_audience";
  }
  return "unknown";
}

}  // namespace authly::jose
