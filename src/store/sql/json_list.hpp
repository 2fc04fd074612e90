#pragma once
// Lists of strings (redirect URIs, grant types) are stored as JSON arrays in TEXT columns: readable
// in psql/sqlite3 and the same on both backends. Internal to store/sql.
#include <string>
#include <string_view>
#include <vector>

namespace authly::store::sql {

// ["a","b"]; strings are UTF-8 and pass through unescaped except for '"', '\' and controls.
std::string encode_json_list(const std::vector<std::string>& items);

// Parses a JSON array of strings (any valid JSON whitespace and escapes, \uXXXX with surrogate
// pairs). Throws StoreError on anything else: the column is ours, so bad JSON means corruption.
std::vector<std::string> decode_json_list(std::string_view json);

}  // namespace authly::store::sql
