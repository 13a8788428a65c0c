// Memory in use per partition for touched_fraction (HMC_IMPORT.md §"Memory in use"): a CSV whose
// first line is exactly `lpar,memory_in_use_mb`.
#include <charconv>
#include <fstream>

#include "app/hmc_import/estate_import.hpp"

namespace app::hmc_import {

MemoryInUse read_memory_in_use(const std::filesystem::path& path, ImportProblems& problems) {
  MemoryInUse out;
  std::ifstream in(path);
  if (!in) {
    problems.error(path.string(), "", "cannot open the file");
    return out;
  }
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    const std::string where = path.string() + ":" + std::to_string(line_no);
    if (line_no == 1) {
      if (line != "lpar,memory_in_use_mb")
        problems.error(where, "memory in use",
                       "expected the header \"lpar,memory_in_use_mb\"; found " + in_quotes(line));
      continue;
    }
    if (line.empty())
      continue;
    const auto comma = line.find(',');
    const std::string name = line.substr(0, comma);
    double mb = 0;
    const char* first = comma == std::string::npos ? nullptr : line.data() + comma + 1;
    const char* last = line.data() + line.size();
    const auto [end, ec] = first ? std::from_chars(first, last, mb) : std::from_chars_result{};
    if (name.empty() || !first || ec != std::errc() || end != last || !(mb > 0)) {
      problems.error(where, "memory in use",
                     "expected lpar,megabytes with a positive number; found " + in_quotes(line));
      continue;
    }
    if (!out.emplace(name, mb).second)
      problems.error(where, "memory in use", "partition " + in_quotes(name) + " listed twice");
  }
  return out;
}

} // namespace app::hmc_import
