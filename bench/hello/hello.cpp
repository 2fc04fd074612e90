// The machine's HTTP ceiling for Authly's stack: a bare Boost.Beast server with one C++20 coroutine
// per connection, keep-alive, answering every request with a fixed 200 "hello". It does no routing,
// no middleware and no work, so its req/s bounds what any Beast-based server can reach on this box.
// Usage: authly_bench_hello [port=8099] [threads=1]
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

asio::awaitable<void> serve(tcp::socket socket) {
  beast::flat_buffer buffer;
  try {
    for (;;) {
      http::request<http::string_body> request;
      co_await http::async_read(socket, buffer, request, asio::use_awaitable);
      http::response<http::string_body> response{http::status::ok, request.version()};
      response.set(http::field::content_type, "text/plain");
      response.keep_alive(request.keep_alive());
      response.body() = "hello";
      response.prepare_payload();
      co_await http::async_write(socket, response, asio::use_awaitable);
      if (!response.keep_alive()) break;
    }
  } catch (const std::exception&) {
    // the client closed the connection
  }
  beast::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 8099);
  const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  asio::io_context io{threads};
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), port}};
  asio::co_spawn(io, listen(std::move(acceptor)), asio::detached);
  std::cout << "hello on 127.0.0.1:" << port << " with " << threads << " thread(s)" << std::endl;
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
}
