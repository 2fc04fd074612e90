#pragma once
// OIDC Core §8 subject identifiers, under their OpenID Connect names. The rules live in
// oauth/subject.hpp: access tokens carry the same `sub` as ID tokens.
#include "oauth/subject.hpp"

namespace authly::oidc {

using oauth::derive_pairwise_key;
using oauth::sector_identifier;
using oauth::subject_for;

}  // namespace authly::oidc
