// SweepGrid: variant expansion, grid-file reading and --set parsing.
#include "app/studies/sweep_grid.hpp"

#include <fmt/core.h>

#include <cmath>
#include <sstream>

#include "app/scenario/input_file.hpp"
#include "app/scenario/loader.hpp"
#include "sim/printable.hpp"

namespace app::studies {

namespace {

// splitmix64: a stateless, platform-independent draw per (seed, sample, parameter), so a
// variant's random values do not depend on which thread or rank expands it.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit_draw(std::uint64_t seed, std::uint64_t sample, std::uint64_t parameter) {
  const std::uint64_t h = mix(mix(mix(seed) ^ sample) ^ (parameter + 0x51ed27ULL));
  return static_cast<double>(h >> 11) * 0x1.0p-53;  // [0, 1)
}

nlohmann::json random_value(const RandomParameter& p, double u) {
  double x = p.distribution == RandomParameter::Distribution::uniform
                 ? p.low + u * (p.high - p.low)
                 : std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)));
  if (p.integer) x = std::round(x);
  if (p.unit.empty())
    return p.integer ? nlohmann::json(static_cast<std::int64_t>(x)) : nlohmann::json(x);
  return fmt::format(
      "{}{}", p.integer ? fmt::format("{}", static_cast<std::int64_t>(x)) : fmt::format("{}", x),
      p.unit);
}

[[noreturn]] void fail(const std::string& file, const std::string& pointer,
                       const std::string& what) {
  throw SweepGridError(fmt::format("{}: {}: {}", file, pointer.empty() ? "/" : pointer, what));
}

void check_pointer(const std::string& file, const std::string& where, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer p(pointer);
    if (p.empty()) fail(file, where, "expected a JSON pointer to a scenario value, got \"\"");
  } catch (const nlohmann::json::exception&) {
    fail(file, where,
         fmt::format("expected a JSON pointer like \"/simulation/seed\", got \"{}\"", pointer));
  }
}

GridAxis read_axis(const nlohmann::json& a, const std::string& file, const std::string& where) {
  const bool one = a.is_object() && a.contains("pointer") && a["pointer"].is_string();
  const bool many = a.is_object() && a.contains("pointers") && a["pointers"].is_array() &&
                    !a["pointers"].empty();
  if (one == many)
    fail(file, where,
         "expected an object with \"pointer\" (or \"pointers\", a list moved together) and "
         "\"values\" or \"range\"");
  GridAxis axis;
  if (one) {
    axis.pointer = a["pointer"].get<std::string>();
    check_pointer(file, where + "/pointer", axis.pointer);
  } else {
    for (std::size_t i = 0; i < a["pointers"].size(); ++i) {
      const auto& p = a["pointers"][i];
      const std::string at = fmt::format("{}/pointers/{}", where, i);
      if (!p.is_string()) fail(file, at, "expected a JSON pointer string");
      check_pointer(file, at, p.get<std::string>());
      (i == 0 ? axis.pointer : axis.linked.emplace_back()) = p.get<std::string>();
    }
  }
  if (a.contains("values")) {
    if (!a["values"].is_array() || a["values"].empty())
      fail(file, where + "/values", "expected a non-empty array");
    for (const auto& v : a["values"]) axis.values.push_back(v);
  } else if (a.contains("range")) {
    const auto& r = a["range"];
    if (!r.is_array() || r.size() != 2 || !r[0].is_number_integer() || !r[1].is_number_integer() ||
        r[0] > r[1])
      fail(file, where + "/range", "expected [first, last], two integers with first <= last");
    const auto first = r[0].get<std::int64_t>(), last = r[1].get<std::int64_t>();
    const auto count = static_cast<std::uint64_t>(last) - static_cast<std::uint64_t>(first) + 1;
    if (count == 0 || count > kMaxSweepVariants)
      fail(file, where + "/range", fmt::format("{} values; a sweep has at most {} variants", count == 0 ? "2^64" : std::to_string(count), kMaxSweepVariants));
    for (std::uint64_t i = 0; i < count; ++i) axis.values.emplace_back(first + static_cast<std::int64_t>(i));
  } else {
    fail(file, where, "expected \"values\" or \"range\"");
  }
  return axis;
}

// Splits at commas outside brackets, braces and double-quoted strings.
std::vector<std::string> split_values(const std::string& list) {
  std::vector<std::string> items(1);
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    if (quoted) {
      if (c == '\\' && i + 1 < list.size()) items.back() += list[i++];
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.emplace_back();
      continue;
    }
    items.back() += c;
  }
  return items;
}

RandomParameter read_random_parameter(const nlohmann::json& p, const std::string& file,
                                      const std::string& where) {
  if (!p.is_object() || !p.contains("pointer") || !p["pointer"].is_string())
    fail(file, where, "expected an object with \"pointer\" and \"uniform\" or \"log_uniform\"");
  RandomParameter r;
  r.pointer = p["pointer"].get<std::string>();
  check_pointer(file, where + "/pointer", r.pointer);
  const char* key = p.contains("log_uniform") ? "log_uniform" : "uniform";
  if (std::string(key) == "log_uniform")
    r.distribution = RandomParameter::Distribution::log_uniform;
  const auto& range = p.value(key, nlohmann::json());
  if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
      range[0].get<double>() > range[1].get<double>() ||
      (r.distribution == RandomParameter::Distribution::log_uniform && range[0].get<double>() <= 0))
    fail(file, where + "/" + key,
         "expected [low, high], two numbers with low <= high (low > 0 for log_uniform)");
  r.low = range[0].get<double>();
  r.high = range[1].get<double>();
  r.unit = p.value("unit", std::string());
  r.integer = p.value("integer", false);
  return r;
}

}  // namespace

namespace {
// The variant count of `axes` and `samples` without overflow; kMaxSweepVariants + 1 past it.
std::uint64_t bounded_size(const std::vector<GridAxis>& axes, std::int64_t samples) {
  std::uint64_t n = samples > 0 ? static_cast<std::uint64_t>(samples) : 1;
  for (const auto& a : axes) {
    if (n > kMaxSweepVariants) break;
    n *= std::max<std::uint64_t>(1, a.values.size());
  }
  return std::min<std::uint64_t>(n, kMaxSweepVariants + 1);
}

void check_size(const std::vector<GridAxis>& axes, std::int64_t samples) {
  if (samples > static_cast<std::int64_t>(kMaxSweepVariants) || bounded_size(axes, samples) > kMaxSweepVariants) {
    std::string sizes;
    for (const auto& a : axes) sizes += (sizes.empty() ? "" : " × ") + std::to_string(a.values.size());
    if (samples > 0) sizes = std::to_string(samples) + " samples" + (sizes.empty() ? "" : " × " + sizes);
    throw SweepGridError(fmt::format("the grid has more than {} variants ({}); split the sweep", kMaxSweepVariants, sizes));
  }
}
}  // namespace

void SweepGrid::add_axis(GridAxis axis) {
  axes_.push_back(std::move(axis));
  check_size(axes_, random_.samples);
}
void SweepGrid::set_random(RandomSection random) {
  check_size(axes_, random.samples);
  random_ = std::move(random);
}

std::size_t SweepGrid::size() const {
  std::size_t n = random_.samples > 0 ? static_cast<std::size_t>(random_.samples) : 1;
  for (const auto& a : axes_) n *= a.values.size();
  return n;
}

std::vector<std::string> GridAxis::pointers() const {
  std::vector<std::string> all{pointer};
  all.insert(all.end(), linked.begin(), linked.end());
  return all;
}

std::vector<std::string> SweepGrid::parameter_names() const {
  std::vector<std::string> names;
  for (const auto& pointers : parameter_pointers()) {
    std::string name;
    for (const auto& p : pointers) name += (name.empty() ? "" : ",") + p;
    names.push_back(name);
  }
  return names;
}

std::vector<std::vector<std::string>> SweepGrid::parameter_pointers() const {
  std::vector<std::vector<std::string>> pointers;
  if (random_.samples > 0)
    for (const auto& p : random_.parameters) pointers.push_back({p.pointer});
  for (const auto& a : axes_) pointers.push_back(a.pointers());
  return pointers;
}

std::vector<nlohmann::json> SweepGrid::variant(std::size_t index) const {
  std::vector<nlohmann::json> axis_values(axes_.size());
  for (std::size_t k = axes_.size(); k-- > 0;) {
    axis_values[k] = axes_[k].values[index % axes_[k].values.size()];
    index /= axes_[k].values.size();
  }
  std::vector<nlohmann::json> values;
  if (random_.samples > 0) {
    for (std::size_t j = 0; j < random_.parameters.size(); ++j)
      values.push_back(random_value(random_.parameters[j], unit_draw(random_.seed, index, j)));
  }
  for (auto& v : axis_values) values.push_back(std::move(v));
  return values;
}

int SweepGrid::seed_parameter() const {
  const auto names = parameter_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == "/simulation/seed") return static_cast<int>(i);
  return -1;
}

std::string SweepGrid::fingerprint() const {
  nlohmann::json def = nlohmann::json::array();
  for (const auto& a : axes_)
    def.push_back(a.linked.empty() ? nlohmann::json{a.pointer, a.values}
                                   : nlohmann::json{a.pointers(), a.values});
  def.push_back({random_.seed, random_.samples});
  for (const auto& p : random_.parameters)
    def.push_back({p.pointer, static_cast<int>(p.distribution), p.low, p.high, p.unit, p.integer});
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : def.dump()) h = (h ^ c) * 0x100000001b3ULL;
  return fmt::format("{:016x}", h);
}

SweepGrid parse_sweep_grid(const nlohmann::json& grid, const std::string& file) {
  if (!grid.is_object()) fail(file, "", "expected an object with \"axes\" and/or \"random\"");
  for (const auto& [key, value] : grid.items()) {
    if (key != "axes" && key != "random" && key != "description")
      fail(file, "/" + key, "unknown key (expected \"axes\", \"random\" or \"description\")");
  }
  SweepGrid g;
  if (grid.contains("axes")) {
    if (!grid["axes"].is_array()) fail(file, "/axes", "expected an array of axes");
    for (std::size_t i = 0; i < grid["axes"].size(); ++i)
      g.add_axis(read_axis(grid["axes"][i], file, fmt::format("/axes/{}", i)));
  }
  if (grid.contains("random")) {
    const auto& r = grid["random"];
    if (!r.is_object() || !r.contains("samples") || !r["samples"].is_number_integer() ||
        r["samples"] < 1)
      fail(file, "/random/samples", "expected a positive integer");
    RandomSection section;
    section.samples = r["samples"].get<std::int64_t>();
    if (r.contains("seed")) {
      if (!r["seed"].is_number_integer() || r["seed"].get<std::int64_t>() < 0)
        fail(file, "/random/seed", "expected a non-negative integer");
      section.seed = r["seed"].get<std::uint64_t>();
    }
    if (!r.contains("parameters") || !r["parameters"].is_array() || r["parameters"].empty())
      fail(file, "/random/parameters", "expected a non-empty array");
    for (std::size_t i = 0; i < r["parameters"].size(); ++i)
      section.parameters.push_back(
          read_random_parameter(r["parameters"][i], file, fmt::format("/random/parameters/{}", i)));
    g.set_random(std::move(section));
  }
  return g;
}

SweepGrid load_sweep_grid(const std::filesystem::path& path) {
  const auto text = scenario::read_input_file(path, scenario::input_policy().scenario_bytes, "grid file");
  return parse_sweep_grid(scenario::parse_json_text(text, path.string()), path.string());
}

namespace {
// Whether `text` is UTF-8 as nlohmann::json writes strings (it throws type_error 316 otherwise).
bool valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}
}  // namespace

GridAxis parse_set_axis(const std::string& text) {
  // A command-line argument: its bytes become JSON strings (the variants, the grid fingerprint),
  // which must be UTF-8 (a fuzzer found an argument that made nlohmann's dump throw).
  if (!valid_utf8(text))
    throw SweepGridError(fmt::format("--set {}: not valid UTF-8", sim::quote(text)));
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw SweepGridError(
        fmt::format("--set {}: expected /json/pointer=v1,v2,... or /json/pointer=A..B", sim::quote(text)));
  GridAxis axis;
  std::stringstream pointers(text.substr(0, eq));
  for (std::string p; std::getline(pointers, p, ',');) {
    check_pointer("--set", p, p);
    (axis.pointer.empty() ? axis.pointer : axis.linked.emplace_back()) = p;
  }
  const std::string list = text.substr(eq + 1);
  const auto dots = list.find("..");
  if (dots != std::string::npos && list.find(',') == std::string::npos) {
    try {
      std::size_t used1 = 0, used2 = 0;
      const auto a = std::stoll(list.substr(0, dots), &used1);
      const auto b = std::stoll(list.substr(dots + 2), &used2);
      if (used1 == dots && used2 == list.size() - dots - 2 && a <= b) {
        const auto count = static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a) + 1;
        if (count == 0 || count > kMaxSweepVariants)
          throw SweepGridError(fmt::format("--set {}: {} values; a sweep has at most {} variants",
                                           axis.pointer, count == 0 ? "2^64" : std::to_string(count), kMaxSweepVariants));
        for (std::uint64_t i = 0; i < count; ++i) axis.values.emplace_back(a + static_cast<std::int64_t>(i));
        return axis;
      }
    } catch (const std::invalid_argument&) {
    } catch (const std::out_of_range&) {
    }
  }
  if (list.empty()) throw SweepGridError(fmt::format("--set {}: no values", sim::quote(text)));
  for (const auto& item : split_values(list)) {
    if (item.empty()) throw SweepGridError(fmt::format("--set {}: an empty value", sim::quote(text)));
    auto parsed = nlohmann::json::parse(item, nullptr, false);
    axis.values.push_back(parsed.is_discarded() ? nlohmann::json(item) : parsed);
  }
  return axis;
}

}  // namespace app::studies
