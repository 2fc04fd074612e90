#pragma once
// Text that pages show to people. Mustache escapes HTML, but not the characters that change how
// text is displayed: a client_name with U+202E RIGHT-TO-LEFT OVERRIDE can make "Evil<U+202E>elgooG" read
// as a trusted name on the consent page (Unicode TR 9 §2; CVE-2021-42574 shows the same trick in
// source code). Values that are not shown (hidden form fields) keep their bytes.
#include <string>
#include <string_view>

namespace authly::web {

// `text` with each C0/C1 control character and DEL, bidi formatting character (U+061C, U+200E,
// U+200F, U+202A-U+202E, U+2066-U+2069), line/paragraph separator (U+2028, U+2029) and invalid
// UTF-8 byte replaced by U+FFFD REPLACEMENT CHARACTER. Everything else, right-to-left scripts
// included, is kept.
std::string display_text(std::string_view text);

}  // namespace authly::web
