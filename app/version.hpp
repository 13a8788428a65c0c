// lpmsim's version, echoed by `lpmsim --version` and in every report so a run documents itself.
#pragma once

#include <string_view>

namespace app {
std::string_view version();
}
