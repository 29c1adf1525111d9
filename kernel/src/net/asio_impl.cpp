// Compiles Asio, Asio SSL and Beast once for the whole kernel
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION):
// header-only Asio in every translation unit would dominate build time.
#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
