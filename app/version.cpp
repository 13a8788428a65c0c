#include "app/version.hpp"

namespace app {
std::string_view version() { return LPMSIM_VERSION; }
}  // namespace app
