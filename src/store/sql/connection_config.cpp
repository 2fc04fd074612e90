#include "store/sql/connection_config.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>

#include "store/errors.hpp"

namespace authly::store::sql {

namespace {

constexpr std::string_view kSqlitePrefix = "sqlite://";
constexpr std::string_view kSqliteMemory = "sqlite::memory:";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      std::string message = "invalid percent-encoding in the database URL's ";
      message.append(what);
      throw StoreError(message);
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// SQLite URI filenames treat '?', '#' and '%' specially; encode everything but the safe set.
std::string uri_path_encode(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// libpq conninfo values are single-quoted with \ and ' escaped.
std::string conninfo_quote(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

ConnectionConfig parse_sqlite(const StoreOptions& options) {
  ConnectionConfig c;
  c.backend = Backend::sqlite;
  c.display = options.url;
  if (options.url == kSqliteMemory) {
    // Unique per store: two stores in one process (tests) must not share a database.
    static std::atomic<unsigned long> counter{0};
    c.sqlite_memory = true;
    c.connect_string = "db=file:/authly_mem_";
    c.connect_string.append(std::to_string(++counter)).append("?vfs=memdb");
    return c;
  }
  if (!starts_with(options.url, kSqlitePrefix) || options.url.size() == kSqlitePrefix.size()) {
    throw StoreError("unsupported SQLite URL '" + options.url +
                     "': use sqlite:///absolute/path.db, sqlite://relative/path.db or sqlite::memory:");
  }
  c.sqlite_path = options.url.substr(kSqlitePrefix.size());
  c.connect_string = "db=file:";
  c.connect_string.append(uri_path_encode(c.sqlite_path));
  return c;
}

ConnectionConfig parse_postgresql(const StoreOptions& options, std::string_view rest) {
  ConnectionConfig c;
  c.backend = Backend::postgresql;

  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string_view userinfo;
  std::string_view hostport = rest;
  std::string_view raw_password;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    userinfo = rest.substr(0, at);
    hostport = rest.substr(at + 1);
  }

  std::map<std::string, std::string> params;
  auto user = userinfo;
  if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
    user = userinfo.substr(0, colon);
    raw_password = userinfo.substr(colon + 1);
    std::string password = percent_decode(raw_password, "password");
    if (!password.empty()) c.secrets.push_back(password);
    if (!raw_password.empty() && raw_password != password) c.secrets.emplace_back(raw_password);
    params["password"] = std::move(password);
  }
  // Passwords may sit in the userinfo or in a ?password= parameter; mask both (right to left, so
  // that offsets stay valid) before any message can show the URL. The views point into options.url.
  std::vector<std::string_view> masked;
  if (!raw_password.empty()) masked.push_back(raw_password);
  for (std::string_view rest_q = query; !rest_q.empty();) {
    auto amp = rest_q.find('&');
    std::string_view pair = rest_q.substr(0, amp);
    rest_q = amp == std::string_view::npos ? std::string_view{} : rest_q.substr(amp + 1);
    if (starts_with(pair, "password=") && pair.size() > 9) masked.push_back(pair.substr(9));
  }
  c.display = options.url;
  for (auto it = masked.rbegin(); it != masked.rend(); ++it) {
    c.display.replace(static_cast<std::size_t>(it->data() - options.url.data()), it->size(), "***");
  }
  if (!user.empty()) params["user"] = percent_decode(user, "user name");

  // host[:port][,host[:port]...], hosts possibly [IPv6]; libpq takes parallel comma lists.
  std::string hosts;
  std::string ports;
  bool any_port = false;
  std::size_t start = 0;
  while (!hostport.empty() && start <= hostport.size()) {
    auto end = hostport.find(',', start);
    std::string_view item = hostport.substr(start, end == std::string_view::npos ? end : end - start);
    std::string_view host = item;
    std::string_view port;
    if (starts_with(item, "[")) {
      auto close = item.find(']');
      if (close == std::string_view::npos) throw StoreError("invalid IPv6 host in the database URL");
      host = item.substr(1, close - 1);
      if (close + 1 < item.size() && item[close + 1] == ':') port = item.substr(close + 2);
    } else if (auto colon = item.rfind(':'); colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
    }
    if (!std::all_of(port.begin(), port.end(), [](unsigned char ch) { return std::isdigit(ch); })) {
      throw StoreError("invalid port in the database URL " + c.display);
    }
    if (start > 0) {
      hosts += ',';
      ports += ',';
    }
    hosts += percent_decode(host, "host");
    ports += port;
    any_port = any_port || !port.empty();
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (!hosts.empty() && hosts.find_first_not_of(',') != std::string::npos) params["host"] = hosts;
  if (any_port) params["port"] = ports;
  if (!path.empty()) params["dbname"] = percent_decode(path, "database name");

  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) throw StoreError("invalid parameter in the database URL " + c.display);
    params[percent_decode(pair.substr(0, eq), "parameters")] = percent_decode(pair.substr(eq + 1), "parameters");
  }
  if (auto it = params.find("password"); it != params.end() && !it->second.empty()) {
    if (std::find(c.secrets.begin(), c.secrets.end(), it->second) == c.secrets.end()) c.secrets.push_back(it->second);
  }
  for (auto raw : masked) {
    if (std::find(c.secrets.begin(), c.secrets.end(), raw) == c.secrets.end()) c.secrets.emplace_back(raw);
  }

  // libpq counts whole seconds (and treats 1 as 2); round up so a short timeout is never zero,
  // which would mean "wait forever".
  int timeout_s = std::max(1, (options.connect_timeout_ms + 999) / 1000);
  params.try_emplace("connect_timeout", std::to_string(timeout_s));
  params.try_emplace("application_name", "authly");
  // A server that vanishes without closing the socket (host down, network partition) would
  // otherwise leave a query waiting for the kernel's TCP retransmission limit, ~15 minutes.
  params.try_emplace("keepalives", "1");
  params.try_emplace("keepalives_idle", "30");
  params.try_emplace("keepalives_interval", "10");
  params.try_emplace("keepalives_count", "3");
  params.try_emplace("tcp_user_timeout", "30000");

  for (const auto& [key, value] : params) {
    if (!c.connect_string.empty()) c.connect_string += ' ';
    c.connect_string += key + '=' + conninfo_quote(value);
  }
  return c;
}

}  // namespace

std::string_view backend_name(Backend backend) noexcept { return backend == Backend::sqlite ? "sqlite" : "postgresql"; }

ConnectionConfig parse_database_url(const StoreOptions& options) {
  std::string_view url = options.url;
  if (starts_with(url, "sqlite:")) {
    auto config = parse_sqlite(options);
    config.connect_timeout_ms = options.connect_timeout_ms;
    config.sqlite_synchronous_full = options.sqlite_synchronous_full;
    return config;
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (starts_with(url, scheme)) {
      auto config = parse_postgresql(options, url.substr(scheme.size()));
      config.connect_timeout_ms = options.connect_timeout_ms;
      return config;
    }
  }
  // The URL may be a mistyped PostgreSQL one with a password in it: show only the scheme.
  auto colon = url.find(':');
  std::string message = "unsupported database URL scheme ";
  if (colon == std::string_view::npos) {
    message.append("(none)");
  } else {
    message.append("'").append(url.substr(0, colon)).append("'");
  }
  message.append(": use sqlite:///path.db, sqlite::memory: or postgresql://user@host/db");
  throw StoreError(message);
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

}  // namespace authly::store::sql

namespace authly::store {

std::string sqlite_file_path(const std::string& url) {
  if (!url.starts_with("sqlite:")) return {};
  return sql::parse_database_url(StoreOptions{url}).sqlite_path;
}

}  // namespace authly::store
