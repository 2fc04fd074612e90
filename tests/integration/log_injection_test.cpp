// Log forging through the request path (docs/security.md): a path that decodes to CR/LF must not
// start a new log line, with log_format text or json, and a JSON line must stay valid JSON.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <sstream>

#include "support/process.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

class LogInjection : public ::testing::TestWithParam<std::string> {};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_P(LogInjection, EncodedNewlineInPathIsOneLogLine) {
  TempDir dir;
  AuthlyServer server(base_env({{"AUTHLY_DATA_DIR", dir.path()}, {"AUTHLY_LOG_FORMAT", GetParam()}}));
  // Decodes to "/nope\r\n<timestamp> info http.request forged=1 \xff"
  const std::string target = "/nope%0d%0a2030-01-01T00:00:00.000Z%20info%20http.request%20forged=1%20%ff";
  EXPECT_EQ(get(server.port(), target).status, 404);
  server.process().send_signal(SIGTERM);
  ASSERT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);

  std::vector<std::string> request_lines;
  for (const auto& line : lines_of(server.process().err()))
    if (line.find("http.request") != std::string::npos && line.find("/health/live") == std::string::npos)
      request_lines.push_back(line);  // AuthlyServer polls /health/live until the server is up
  ASSERT_EQ(request_lines.size(), 1u) << server.process().err();
  const std::string& line = request_lines.front();
  EXPECT_THAT(line, ::testing::HasSubstr("forged=1"));  // the path is in the line, escaped
  EXPECT_EQ(line.find('\r'), std::string::npos);
  if (GetParam() == "json") {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    ASSERT_FALSE(ec) << ec.message() << ": " << line;
    EXPECT_EQ(v.at("status").as_int64(), 404);
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, LogInjection, ::testing::Values("text", "json"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace authly::test
