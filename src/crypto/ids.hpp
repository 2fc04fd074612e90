#pragma once
// Identifiers and opaque secrets.
#include <string>

#include "core/random.hpp"

namespace authly::crypto {

std::string uuid_v4(core::Random& rng);            // RFC 9562 version 4, lowercase
std::string client_secret(core::Random& rng);      // 256-bit, base64url (43 chars)
std::string random_password(core::Random& rng);    // 20 chars, URL-safe alphabet, for first-admin set-up

}  // namespace authly::crypto
