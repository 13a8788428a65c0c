// The HTML report's inline style sheet and script, kept apart from the page logic. The script
// turns SVG <title> tooltips into instant ones and makes tables with class "sortable" sortable;
// the page is complete without it. Both avoid '<' and '&' so the page stays well-formed XML.
#pragma once

#include <string_view>

namespace app::report {

std::string_view html_style();
std::string_view html_script();

}  // namespace app::report
