// Database-backed signing keys (DESIGN.md §4). The key table is read into an immutable snapshot
// (active private keys per algorithm, the published public keys, the JWKS document and its ETag)
// that readers share through a shared_ptr; the mutex guards only the pointer swap, never SQL.
// maintain(), called by the application's maintenance scheduler, runs the rotation state machine
// (keys/rotation_plan.hpp), so every instance moves keys along next -> active -> retired ->
// removed off the request path; a reload on the request path only reads.
#include "oauth/signing_keys.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "crypto/hash.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/keys/key_rotation.hpp"
#include "oauth/keys/sealed_key.hpp"

namespace authly::oauth {
namespace {

using store::KeyState;

struct Snapshot {
  std::map<jose::Algorithm, std::shared_ptr<const jose::SigningKey>> active;
  std::shared_ptr<const jose::JwkSet> published;
  std::string jwks_json;
  std::string jwks_etag;
  core::TimePoint loaded_at{};
  std::uint64_t sequence = 0;
};

// Retired keys stay published until remove_after; one without a removal time stays published.
bool is_published(const store::SigningKey& k, core::TimePoint now) {
  return k.state != KeyState::retired || !k.remove_after || *k.remove_after > now;
}

// The order every instance agrees on (list() returns rows in it): oldest first, then by kid.
bool older(const store::SigningKey& a, const store::SigningKey& b) {
  return std::tie(a.created_at, a.kid) < std::tie(b.created_at, b.kid);
}

class DatabaseSigningKeys final : public SigningKeys {
 public:
  DatabaseSigningKeys(store::Store& store, std::string master_key, core::Random& rng, const core::Clock& clock,
                      keys::KeyManagerOptions options)
      : store_(store), master_key_(std::move(master_key)), rng_(rng), clock_(clock), options_(options) {
    if (master_key_.size() != 32) throw std::invalid_argument("signing keys: the master key must be 32 bytes");
  }

  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm alg) override {
    if (alg == jose::Algorithm::HS256)
      throw std::invalid_argument("signing keys: HS256 is symmetric and cannot be published; use an asymmetric alg");
    if (auto key = find_active(*current(), alg)) return key;
    // One generation at a time in this process; other instances are handled by the store's CAS.
    std::lock_guard generating(generate_mutex_);
    if (auto key = find_active(*reload(), alg)) return key;
    ensure_active(alg);
    if (auto key = find_active(*reload(), alg)) return key;
    throw std::runtime_error("signing keys: no active " + std::string(jose::to_string(alg)) + " key after activation");
  }

  std::shared_ptr<const jose::JwkSet> published() override { return current()->published; }
  std::string jwks_json() override { return current()->jwks_json; }
  std::string jwks_etag() override { return current()->jwks_etag; }

  void on_published_change(std::function<void(const std::string&)> listener) override {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
  }

  void maintain() override {
    {
      // One turn at a time in this process; other instances are handled by the store's CAS.
      std::lock_guard turn(rotation_mutex_);
      keys::run_rotation(store_, master_key_, rng_, clock_, options_);
    }
    reload();
  }

  RotationReport rotate(jose::Algorithm alg, const std::string& actor) override {
    RotationReport report;
    {
      std::lock_guard generating(generate_mutex_);
      report = keys::stage_rotation(store_, master_key_, rng_, clock_.now(), options_, alg, actor);
    }
    reload();  // published here at once; other instances see it within their reload interval
    return report;
  }

 private:
  static std::shared_ptr<const jose::SigningKey> find_active(const Snapshot& s, jose::Algorithm alg) {
    auto it = s.active.find(alg);
    return it == s.active.end() ? nullptr : it->second;
  }

  std::shared_ptr<const Snapshot> current() {
    const auto now = clock_.now();
    {
      std::lock_guard lock(mutex_);
      // An empty key table is re-read on every call: the first key may be created by another
      // instance at any moment, and its tokens must verify here at once.
      if (snapshot_ && !snapshot_->published->empty() && now >= snapshot_->loaded_at &&
          now - snapshot_->loaded_at < options_.reload_interval)
        return snapshot_;
    }
    return reload();
  }

  std::shared_ptr<const Snapshot> reload() {
    std::uint64_t sequence = 0;
    {
      std::lock_guard lock(mutex_);
      sequence = ++started_;
    }
    const auto now = clock_.now();
    auto snap = std::make_shared<Snapshot>();
    snap->loaded_at = now;
    snap->sequence = sequence;
    auto set = std::make_shared<jose::JwkSet>();
    for (const auto& row : store_.keys().list()) {
      if (!is_published(row, now)) continue;
      auto pub = jose::Jwk::parse(row.public_jwk);
      if (!pub) throw std::runtime_error("signing key '" + row.kid + "' has an unreadable public JWK");
      set->add(std::move(*pub));
      const auto alg = jose::algorithm_from_string(row.alg);
      // Rows come oldest first, so should two keys of one alg be active (a promotion race not yet
      // repaired), every instance signs with the same one: the oldest.
      if (row.state == KeyState::active && alg && !snap->active.contains(*alg)) snap->active[*alg] = open(row);
    }
    snap->published = set;
    snap->jwks_json = set->serialize();
    // Strong validator (RFC 9110 §8.8.3): the document's SHA-256, so every instance agrees.
    snap->jwks_etag = crypto::strong_etag(snap->jwks_json);

    std::lock_guard lock(mutex_);
    // A reload that started earlier but finished later must not replace a newer view.
    if (!snapshot_ || snapshot_->sequence < snap->sequence) {
      const bool changed = !snapshot_ || snapshot_->jwks_etag != snap->jwks_etag;
      snapshot_ = snap;
      // Under the lock, so listeners see the documents in the order the snapshots were installed.
      if (changed)
        for (const auto& listener : listeners_) listener(snap->jwks_json);
      std::erase_if(opened_, [&](const auto& entry) {
        return std::none_of(snap->active.begin(), snap->active.end(),
                            [&](const auto& a) { return a.second->kid() == entry.first; });
      });
    }
    return snapshot_;
  }

  // Decrypted keys are kept by kid so that periodic reloads do not decrypt again.
  std::shared_ptr<const jose::SigningKey> open(const store::SigningKey& row) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = opened_.find(row.kid); it != opened_.end()) return it->second;
    }
    auto key = std::make_shared<const jose::SigningKey>(keys::open_signing_key(row, master_key_));
    std::lock_guard lock(mutex_);
    return opened_.try_emplace(row.kid, std::move(key)).first->second;
  }

  // Makes the store hold exactly one active key for alg. Each step is a single CAS in the store, and
  // every instance re-reads and decides from the same ordering, so racing instances converge:
  // promote the oldest `next` key (creating one when there is none); if two got promoted anyway,
  // keep the oldest and retire the others, still published for a grace period.
  void ensure_active(jose::Algorithm alg) {
    const std::string name(jose::to_string(alg));
    for (int step = 0; step < 6; ++step) {
      std::vector<store::SigningKey> active;
      std::vector<store::SigningKey> next;
      for (auto& row : store_.keys().list()) {
        if (row.alg != name) continue;
        if (row.state == KeyState::active) active.push_back(std::move(row));
        if (row.state == KeyState::next) next.push_back(std::move(row));
      }
      const auto now = clock_.now();
      if (!active.empty()) {
        std::sort(active.begin(), active.end(), older);
        const auto keep = std::max(options_.race_loser_published_for, options_.retire_retention);
        for (std::size_t i = 1; i < active.size(); ++i)
          store_.keys().transition(active[i].kid, KeyState::active, KeyState::retired, now, now + keep);
        return;
      }
      if (next.empty()) {
        // RFC 7638 thumbprint as kid (empty kid to generate()).
        store_.keys().create(keys::seal_signing_key(jose::SigningKey::generate(alg), master_key_, rng_, now));
        continue;
      }
      const auto oldest = std::min_element(next.begin(), next.end(), older);
      store_.keys().transition(oldest->kid, KeyState::next, KeyState::active, now, std::nullopt);
    }
    throw std::runtime_error("signing keys: could not activate a " + name + " key");
  }

  store::Store& store_;
  const std::string master_key_;
  core::Random& rng_;
  const core::Clock& clock_;
  const keys::KeyManagerOptions options_;

  std::mutex generate_mutex_;
  std::mutex rotation_mutex_;  // held across SQL by the thread running the state machine (maintain)
  std::mutex mutex_;           // guards the members below; never held across SQL or key generation
  std::shared_ptr<const Snapshot> snapshot_;
  std::uint64_t started_ = 0;
  std::vector<std::function<void(const std::string&)>> listeners_;
  std::map<std::string, std::shared_ptr<const jose::SigningKey>, std::less<>> opened_;
};

}  // namespace

void SigningKeys::on_published_change(std::function<void(const std::string&)>) {}

void SigningKeys::maintain() {}

RotationReport SigningKeys::rotate(jose::Algorithm, const std::string&) {
  throw std::logic_error("signing keys: this key set has no store to rotate keys in");
}

std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock) {
  return keys::make_signing_keys(store, std::move(master_key), rng, clock, keys::KeyManagerOptions{});
}

std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock, const config::Config& config) {
  return keys::make_signing_keys(store, std::move(master_key), rng, clock, keys::options_from(config));
}

namespace keys {

std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock, KeyManagerOptions options) {
  return std::make_unique<DatabaseSigningKeys>(store, std::move(master_key), rng, clock, options);
}

}  // namespace keys
}  // namespace authly::oauth
