// Writes the HTML report of the synthetic run and of a 40-migration fleet into a directory, for
// the headless-Chromium check (check_html_in_chromium.py). Usage: write_html_fixtures DIR
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/report/html_report.hpp"
#include "synthetic_report.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_html_fixtures DIR\n";
    return 2;
  }
  std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  std::ofstream one(dir / "synthetic.html", std::ios::binary);
  app::report::write_html(test_report::synthetic_report(), one);
  std::ofstream fleet(dir / "fleet40.html", std::ios::binary);
  app::report::write_html(test_report::fleet_report(40), fleet);
  return one && fleet ? 0 : 1;
}
