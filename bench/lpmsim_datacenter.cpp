// lpmsim_datacenter: writes issue 18's generated data-centre evacuation (bench/datacenter.hpp)
// as a scenario file, so that `lpmsim run` can be timed on it:
//   lpmsim_datacenter 10000 evacuation-10000.json
//   /usr/bin/time -v lpmsim run evacuation-10000.json --quiet
//   lpmsim_datacenter 1000 one-server.json 1000      # one server of 1 000 LPARs (plan-evacuation)
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string_view>

#include "app/scenario/loader.hpp"
#include "datacenter.hpp"

int main(int argc, char** argv) {
  const auto number = [](const char* text) {
    int value = 0;
    const std::string_view n(text);
    const auto parsed = std::from_chars(n.data(), n.data() + n.size(), value);
    return parsed.ec == std::errc() && parsed.ptr == n.data() + n.size() && value >= 1 ? value : 0;
  };
  const int lpars = argc == 3 || argc == 4 ? number(argv[1]) : 0;
  const int per_server = argc == 4 ? number(argv[3]) : 20;
  if (lpars == 0 || per_server == 0) {
    std::fprintf(stderr, "usage: lpmsim_datacenter LPARS FILE [LPARS_PER_SERVER]   (whole numbers ≥ 1; default 20)\n");
    return 2;
  }
  std::ofstream out(argv[2]);
  out << app::scenario::to_json(bench::evacuation(lpars, per_server)).dump(1) << '\n';
  if (!out) {
    std::fprintf(stderr, "lpmsim_datacenter: cannot write %s\n", argv[2]);
    return 2;
  }
  return 0;
}
