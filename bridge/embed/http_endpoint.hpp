// The base URL of an embedding service ("http://host:port/prefix"), split for
// the HTTP client. Only http:// for now: https:// is refused with a clear
// error rather than silently sent in clear text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ai_memory::embed {

struct HttpEndpoint {
  std::string host;       // name or address; IPv6 without brackets
  std::uint16_t port = 80;
  std::string base_path;  // "" or "/prefix", never ending in '/'

  // "http://host:port/prefix" (for messages).
  std::string ToString() const;
};

// Throws EmbedError for anything but http://host[:port][/path].
HttpEndpoint ParseHttpEndpoint(std::string_view url);

}  // namespace ai_memory::embed
