#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <stdexcept>

#include "core/base64url.hpp"
#include "core/random.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "crypto/password.hpp"

namespace authly::crypto {
namespace {

// Deterministic bytes 0, 1, 2, ...: makes nonces and ids reproducible.
class CountingRandom final : public core::Random {
 public:
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next_++;
  }

 private:
  std::uint8_t next_ = 0;
};

// Every byte the same value: drives random_password into its rejection branch.
class ConstantRandom final : public core::Random {
 public:
  explicit ConstantRandom(std::uint8_t v) : v_(v) {}
  void fill(std::span<std::uint8_t> out) override { std::fill(out.begin(), out.end(), v_); }

 private:
  std::uint8_t v_;
};

TEST(Hash, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256("abc").size(), 32u);
  EXPECT_EQ(to_hex(sha256("abc")), sha256_hex("abc"));
}

TEST(Hash, HmacSha256MatchesRfc4231) {
  // Test case 1.
  EXPECT_EQ(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 2: a key shorter than the output.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block size is hashed first.
  EXPECT_EQ(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hash, ToHexIsLowercase) { EXPECT_EQ(to_hex(std::string("\x00\xab\xff", 3)), "00abff"); }

// RFC 9110 §8.8.3 strong validator: the quoted base64url SHA-256 of the bytes (FIPS 180 empty string).
TEST(Hash, StrongEtagIsTheQuotedBase64urlSha256OfTheBody) {
  EXPECT_EQ(strong_etag(""), "\"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU\"");
  EXPECT_NE(strong_etag("a"), strong_etag("b"));
}

const std::string kKey(32, 'k');

TEST(Aead, SealOpenRoundTrip) {
  CountingRandom rng;
  const auto sealed = aead_seal(kKey, "private key material", "kid-1", rng);
  EXPECT_EQ(sealed.size(), 12u + 20u + 16u);
  EXPECT_EQ(sealed.find("private key material"), std::string::npos);
  EXPECT_EQ(aead_open(kKey, sealed, "kid-1"), "private key material");
}

TEST(Aead, EmptyPlaintextRoundTrips) {
  CountingRandom rng;
  EXPECT_EQ(aead_open(kKey, aead_seal(kKey, "", "", rng), ""), "");
}

TEST(Aead, MatchesNistGcmVector) {
  // NIST GCM test case 14 (AES-256, zero key, zero IV, one zero block).
  class ZeroRandom final : public core::Random {
   public:
    void fill(std::span<std::uint8_t> out) override { std::fill(out.begin(), out.end(), 0); }
  } zero;
  const auto sealed = aead_seal(std::string(32, '\0'), std::string(16, '\0'), "", zero);
  EXPECT_EQ(to_hex(sealed.substr(12)),
            "cea7403d4d606b6e074ec5d3baf39d18"
            "d0d1c8a799996bf0265b98b5d48ab919");
}

TEST(Aead, EachSealUsesAFreshNonce) {
  CountingRandom rng;
  EXPECT_NE(aead_seal(kKey, "same", "", rng), aead_seal(kKey, "same", "", rng));
}

TEST(Aead, WrongKeyFails) {
  CountingRandom rng;
  const auto sealed = aead_seal(kKey, "secret", "kid-1", rng);
  EXPECT_EQ(aead_open(std::string(32, 'x'), sealed, "kid-1"), std::nullopt);
}

TEST(Aead, WrongAadFails) {
  CountingRandom rng;
  const auto sealed = aead_seal(kKey, "secret", "kid-1", rng);
  EXPECT_EQ(aead_open(kKey, sealed, "kid-2"), std::nullopt);
  EXPECT_EQ(aead_open(kKey, sealed, ""), std::nullopt);
}

TEST(Aead, AnyTamperedByteFails) {
  CountingRandom rng;
  const auto sealed = aead_seal(kKey, "secret", "kid-1", rng);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    auto tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_EQ(aead_open(kKey, tampered, "kid-1"), std::nullopt) << "byte " << i;
  }
}

TEST(Aead, TruncatedInputFails) {
  CountingRandom rng;
  const auto sealed = aead_seal(kKey, "secret", "", rng);
  EXPECT_EQ(aead_open(kKey, sealed.substr(0, sealed.size() - 1), ""), std::nullopt);
  EXPECT_EQ(aead_open(kKey, sealed.substr(0, 27), ""), std::nullopt);
}

TEST(Aead, KeyMustBe32Bytes) {
  CountingRandom rng;
  EXPECT_THROW(aead_seal(std::string(16, 'k'), "x", "", rng), std::invalid_argument);
  EXPECT_THROW(aead_open(std::string(31, 'k'), std::string(40, 'x'), ""), std::invalid_argument);
}

// libsodium's smallest argon2id parameters keep these tests fast.
PasswordPolicy argon2(std::uint64_t ops = crypto_pwhash_argon2id_OPSLIMIT_MIN) {
  PasswordPolicy p;
  p.algorithm = PasswordPolicy::Algorithm::argon2id;
  p.argon2_ops_limit = ops;
  p.argon2_mem_limit_kib = crypto_pwhash_argon2id_MEMLIMIT_MIN / 1024;
  return p;
}

PasswordPolicy bcrypt(int cost = 4) {
  PasswordPolicy p;
  p.algorithm = PasswordPolicy::Algorithm::bcrypt;
  p.bcrypt_cost = cost;
  return p;
}

TEST(Password, Argon2idHashVerifies) {
  PasswordHasher hasher(argon2());
  const auto hash = hasher.hash("correct horse");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(hasher.verify("correct horse", hash));
  EXPECT_FALSE(hasher.verify("correct horsE", hash));
  EXPECT_FALSE(hasher.verify("", hash));
}

TEST(Password, Argon2idSaltsEachHash) {
  PasswordHasher hasher(argon2());
  EXPECT_NE(hasher.hash("same"), hasher.hash("same"));
}

TEST(Password, Argon2idNeedsRehashWhenParametersChange) {
  PasswordHasher weak(argon2(1));
  PasswordHasher stronger(argon2(2));
  const auto hash = weak.hash("pw");
  EXPECT_FALSE(weak.needs_rehash(hash));
  EXPECT_TRUE(stronger.needs_rehash(hash));
  EXPECT_TRUE(stronger.verify("pw", hash));  // old parameters still verify
}

TEST(Password, BcryptHashVerifies) {
  PasswordHasher hasher(bcrypt(4));
  const auto hash = hasher.hash("correct horse");
  EXPECT_TRUE(hash.starts_with("$2b$04$")) << hash;
  EXPECT_EQ(hash.size(), 60u);
  EXPECT_TRUE(hasher.verify("correct horse", hash));
  EXPECT_FALSE(hasher.verify("correct horsE", hash));
}

TEST(Password, BcryptNeedsRehashWhenCostChanges) {
  PasswordHasher cost4(bcrypt(4));
  PasswordHasher cost5(bcrypt(5));
  const auto hash = cost4.hash("pw");
  EXPECT_FALSE(cost4.needs_rehash(hash));
  EXPECT_TRUE(cost5.needs_rehash(hash));
}

TEST(Password, BcryptRejectsPasswordsLongerThan72Bytes) {
  PasswordHasher hasher(bcrypt());
  EXPECT_NO_THROW(hasher.hash(std::string(72, 'a')));
  EXPECT_THROW(hasher.hash(std::string(73, 'a')), std::invalid_argument);
  // A longer password sharing the 72-byte prefix must not verify (bcrypt would truncate it).
  const auto hash = hasher.hash(std::string(72, 'a'));
  EXPECT_FALSE(hasher.verify(std::string(73, 'a'), hash));
}

TEST(Password, RejectsEmbeddedNul) {
  EXPECT_THROW(PasswordHasher(bcrypt()).hash(std::string("ab\0cd", 5)), std::invalid_argument);
  EXPECT_THROW(PasswordHasher(argon2()).hash(std::string("ab\0cd", 5)), std::invalid_argument);
  PasswordHasher hasher(bcrypt());
  EXPECT_FALSE(hasher.verify(std::string("ab\0cd", 5), hasher.hash("ab")));
}

TEST(Password, VerifiesAcrossAlgorithms) {
  PasswordHasher a(argon2());
  PasswordHasher b(bcrypt());
  const auto argon_hash = a.hash("pw");
  const auto bcrypt_hash = b.hash("pw");
  EXPECT_TRUE(b.verify("pw", argon_hash));
  EXPECT_TRUE(a.verify("pw", bcrypt_hash));
  EXPECT_FALSE(b.verify("nope", argon_hash));
  EXPECT_FALSE(a.verify("nope", bcrypt_hash));
}

TEST(Password, AlgorithmChangeNeedsRehash) {
  PasswordHasher a(argon2());
  PasswordHasher b(bcrypt());
  EXPECT_TRUE(a.needs_rehash(b.hash("pw")));
  EXPECT_TRUE(b.needs_rehash(a.hash("pw")));
}

TEST(Password, MalformedHashesDoNotVerify) {
  PasswordHasher hasher(argon2());
  EXPECT_FALSE(hasher.verify("pw", ""));
  EXPECT_FALSE(hasher.verify("pw", "pw"));
  EXPECT_FALSE(hasher.verify("pw", "$argon2id$garbage"));
  EXPECT_FALSE(hasher.verify("pw", "$2b$04$short"));
  EXPECT_FALSE(hasher.verify("pw", "$1$abc$def"));  // md5-crypt: not accepted
  EXPECT_TRUE(hasher.needs_rehash("$1$abc$def"));
}

TEST(Password, PolicyOutOfRangeIsRejected) {
  EXPECT_THROW(PasswordHasher(bcrypt(3)), std::invalid_argument);
  EXPECT_THROW(PasswordHasher(bcrypt(32)), std::invalid_argument);
  auto p = argon2();
  p.argon2_ops_limit = 0;
  EXPECT_THROW(PasswordHasher{p}, std::invalid_argument);
  p = argon2();
  p.argon2_mem_limit_kib = 4;
  EXPECT_THROW(PasswordHasher{p}, std::invalid_argument);
}

TEST(Ids, UuidV4HasVersionAndVariantBits) {
  core::SystemRandom rng;
  const std::regex format("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto id = uuid_v4(rng);
    EXPECT_TRUE(std::regex_match(id, format)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Ids, UuidV4OverridesVersionAndVariantOfRandomBytes) {
  ConstantRandom ones(0xff);
  EXPECT_EQ(uuid_v4(ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  ConstantRandom zeros(0x00);
  EXPECT_EQ(uuid_v4(zeros), "00000000-0000-4000-8000-000000000000");
}

TEST(Ids, ClientSecretIs256BitBase64Url) {
  core::SystemRandom rng;
  const auto secret = client_secret(rng);
  EXPECT_EQ(secret.size(), 43u);
  ASSERT_TRUE(core::base64url_decode(secret).has_value());
  EXPECT_EQ(core::base64url_decode(secret)->size(), 32u);
  EXPECT_NE(secret, client_secret(rng));
}

TEST(Ids, RandomPasswordUsesUnambiguousAlphabet) {
  core::SystemRandom rng;
  for (int i = 0; i < 50; ++i) {
    const auto pw = random_password(rng);
    EXPECT_EQ(pw.size(), 20u);
    EXPECT_EQ(pw.find_first_of("0O1lIo"), std::string::npos) << pw;
    EXPECT_TRUE(std::all_of(pw.begin(), pw.end(), [](unsigned char c) { return std::isalnum(c); })) << pw;
  }
}

TEST(Ids, RandomPasswordRejectsOutOfRangeValuesInsteadOfWrapping) {
  // 6-bit value 63 is outside the 56-symbol alphabet; a modulo would map it to a symbol. With only
  // 63s available forever, rejection sampling never emits anything, so feed 63s and then valid bytes.
  class Sequence final : public core::Random {
   public:
    void fill(std::span<std::uint8_t> out) override {
      for (auto& b : out) b = calls_ < 1 ? 0x3f : 0x00;
      ++calls_;
    }

   private:
    int calls_ = 0;
  } rng;
  EXPECT_EQ(random_password(rng), std::string(20, 'A'));
}

}  // namespace
}  // namespace authly::crypto
