// Asio and Beast compiled once for the bench tools
// (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION).
#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
