// The one translation unit that compiles Asio's and Beast's out-of-line code (see Beast's
// test/lib_beast.cpp); the library's other files see only declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
