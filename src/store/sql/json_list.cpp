#include "store/sql/json_list.hpp"

#include <cstdint>

#include "store/errors.hpp"

namespace authly::store::sql {

namespace {

[[noreturn]] void malformed() { throw StoreError("stored list is not a JSON array of strings"); }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  std::vector<std::string> list() {
    std::vector<std::string> items;
    skip_ws();
    expect('[');
    skip_ws();
    if (peek() == ']') {
      ++i_;
    } else {
      for (;;) {
        skip_ws();
        items.push_back(string());
        skip_ws();
        char c = take();
        if (c == ']') break;
        if (c != ',') malformed();
      }
    }
    skip_ws();
    if (i_ != s_.size()) malformed();
    return items;
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  char take() {
    if (i_ >= s_.size()) malformed();
    return s_[i_++];
  }
  void expect(char c) {
    if (take() != c) malformed();
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  std::uint32_t hex4() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = take();
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        malformed();
    }
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      char c = take();
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) malformed();
      if (c != '\\') {
        out += c;
        continue;
      }
      switch (take()) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {  // high surrogate: a low one must follow
            expect('\\');
            expect('u');
            std::uint32_t low = hex4();
            if (low < 0xDC00 || low >= 0xE000) malformed();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            malformed();
          }
          append_utf8(out, cp);
          break;
        }
        default:
          malformed();
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::string encode_json_list(const std::vector<std::string>& items) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (std::size_t n = 0; n < items.size(); ++n) {
    if (n > 0) out += ',';
    out += '"';
    for (unsigned char c : items[n]) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

std::vector<std::string> decode_json_list(std::string_view json) { return Parser(json).list(); }

}  // namespace authly::store::sql
