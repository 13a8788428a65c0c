// Reads the HMC `migrlpar` command line (lpm-protocol.md §4.3) into a MigrlparSpec. Flags that
// lpmsim does not model are refused by name rather than ignored; the rules shared with the
// structured form (which -o needs -t, one partition for s/r, …) live in object_checks.cpp.
#include <array>
#include <charconv>

#include "app/scenario/object_checks.hpp"

namespace app::scenario::detail {

namespace {

constexpr std::array<std::string_view, 11> kFlags{"-o", "-m", "-t", "-p", "--id", "--all", "-n", "-i", "--redundantmsps", "--npivval", "--force"};
constexpr std::array<std::string_view, 19> kUnmodelledFlags{
    "--ip", "-u", "--redundantvios", "--mpio", "--vlanbridge", "--vsi", "--uuid", "--protectstorage", "--requirerr",
    "--redundantvnicbkdev", "--vniccfg", "--affinity", "--usecurrdata", "--migsriov", "-f", "-w", "-d", "--steps", "--nodetails"};
constexpr std::array<std::string_view, 7> kUnmodelledAttributes{
    "virtual_scsi_mappings", "virtual_fc_mappings", "vnic_mappings", "source_msps", "dest_msps", "redundant_msps", "shared_proc_pool_id"};

class CommandLine {
 public:
  CommandLine(Context& ctx, const std::string& ptr) : ctx_(ctx), ptr_(ptr) {}

  void error(const std::string& message, std::string suggestion = {}) {
    ctx_.error(ptr_, "migrlpar: " + message, std::move(suggestion));
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // Shell-like words: whitespace separates, '…' and "…" group, \" escapes inside "…".
  std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote_char = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (quote_char != 0) {
        if (c == quote_char) quote_char = 0;
        else if (c == '\\' && quote_char == '"' && i + 1 < text.size()) word.push_back(text[++i]);
        else word.push_back(c);
      } else if (c == '"' || c == '\'') {
        quote_char = c;
        in_word = true;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (in_word) words.push_back(std::move(word));
        word.clear();
        in_word = false;
      } else {
        word.push_back(c);
        in_word = true;
      }
    }
    if (quote_char != 0) error("unterminated " + std::string(1, quote_char) + " quote");
    if (in_word) words.push_back(std::move(word));
    return words;
  }

  std::optional<std::int64_t> integer(const std::string& text, std::string_view what, std::int64_t lo, std::int64_t hi) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size() && v >= lo && v <= hi) return v;
    error(std::string(what) + ": expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]; found " + quote(text));
    return std::nullopt;
  }

  std::vector<std::string> list(const std::string& text, std::string_view flag) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
      const auto comma = text.find(',', start);
      out.push_back(text.substr(start, comma - start));
      if (out.back().empty()) error(std::string(flag) + ": empty item in " + quote(text));
      if (comma == std::string::npos) return out;
      start = comma + 1;
    }
  }

  void name(const std::string& text, std::string_view what, std::string& into) {
    if (text.empty() || text.size() > 47 || text.find('/') != std::string::npos || text.find(',') != std::string::npos)
      error(std::string(what) + ": expected a name of 1 to 47 characters without commas or slashes; found " + quote(text));
    else into = text;
  }
  void name(const std::string& text, std::string_view what, std::optional<std::string>& into) {
    std::string v;
    name(text, what, v);
    if (!v.empty()) into = v;
  }

  void attributes(const std::string& text, MigrlparSpec& m) {
    for (const auto& item : list(text, "-i")) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) {
        if (!item.empty()) error("-i: expected attribute=value; found " + quote(item));
        continue;
      }
      attribute(item.substr(0, eq), item.substr(eq + 1), m);
    }
  }

  void attribute(const std::string& key, const std::string& value, MigrlparSpec& m) {
    const std::string what = "-i " + key;
    if (key == "dest_lpar_id") m.dest_lpar_id = integer(value, what, 1, 1000);
    else if (key == "source_msp_id") m.source_msp_id = integer(value, what, 1, 1000);
    else if (key == "dest_msp_id") m.dest_msp_id = integer(value, what, 1, 1000);
    else if (key == "source_msp_name") name(value, what, m.source_msp_name);
    else if (key == "dest_msp_name") name(value, what, m.dest_msp_name);
    else if (key == "shared_proc_pool_name") name(value, what, m.shared_proc_pool_name);
    else if (key == "source_msp_ipaddr") m.source_msp_ipaddr = value;
    else if (key == "dest_msp_ipaddr") m.dest_msp_ipaddr = value;
    else if (std::find(kUnmodelledAttributes.begin(), kUnmodelledAttributes.end(), key) != kUnmodelledAttributes.end())
      error("-i attribute " + quote(key) + " is not modelled by lpmsim");
    else {
      const std::vector<std::string> known{"dest_lpar_id", "source_msp_name", "source_msp_id", "dest_msp_name", "dest_msp_id",
                                           "source_msp_ipaddr", "dest_msp_ipaddr", "shared_proc_pool_name"};
      error("unknown -i attribute " + quote(key), closest_match(key, known));
    }
  }

 private:
  Context& ctx_;
  const std::string& ptr_;
  bool ok_ = true;
};

}  // namespace

void parse_migrlpar(Context& ctx, const std::string& text, const std::string& ptr, MigrlparSpec& m) {
  CommandLine cl(ctx, ptr);
  auto words = cl.split(text);
  if (!cl.ok()) return;
  std::size_t i = (!words.empty() && words[0] == "migrlpar") ? 1 : 0;
  std::vector<std::string_view> seen;
  bool has_operation = false;
  bool has_system = false;
  for (; i < words.size(); ++i) {
    const std::string& flag = words[i];
    if (std::find(kUnmodelledFlags.begin(), kUnmodelledFlags.end(), flag) != kUnmodelledFlags.end()) {
      cl.error("flag " + flag + " is not modelled by lpmsim");
      if (i + 1 < words.size() && !words[i + 1].starts_with("-")) ++i;  // its value
      continue;
    }
    const auto known = std::find(kFlags.begin(), kFlags.end(), flag);
    if (known == kFlags.end()) {
      const std::vector<std::string> all(kFlags.begin(), kFlags.end());
      if (!flag.starts_with("-")) {
        cl.error("unexpected argument " + quote(flag));
        continue;
      }
      cl.error("unknown flag " + quote(flag), closest_match(flag, all));
      if (i + 1 < words.size() && !words[i + 1].starts_with("-")) ++i;  // its value
      continue;
    }
    if (std::find(seen.begin(), seen.end(), *known) != seen.end()) {
      cl.error("flag " + flag + " given twice");
      continue;
    }
    seen.push_back(*known);
    if (flag == "--all") { m.all = true; continue; }
    if (flag == "--force") { m.force = true; continue; }
    if (i + 1 >= words.size()) {
      cl.error("flag " + flag + " needs a value");
      break;
    }
    const std::string& value = words[++i];
    if (flag == "-o") {
      using Op = models::migration::MigrlparOperation;
      const auto& names = enum_words<Op>;
      const auto it = std::find(names.begin(), names.end(), value);
      if (it == names.end()) cl.error("-o: expected one of m, v, s, r; found " + quote(value));
      else m.operation = enum_value<Op>(static_cast<std::size_t>(it - names.begin()));
      has_operation = true;
    } else if (flag == "-m") {
      cl.name(value, "-m", m.managed_system);
      has_system = true;
    } else if (flag == "-t") {
      cl.name(value, "-t", m.target_managed_system);
    } else if (flag == "-p") {
      for (const auto& n : cl.list(value, "-p")) if (!n.empty()) cl.name(n, "-p", m.lpar_names.emplace_back());
    } else if (flag == "--id") {
      for (const auto& n : cl.list(value, "--id")) if (auto id = cl.integer(n, "--id", 1, 1000)) m.lpar_ids.push_back(*id);
    } else if (flag == "-n") {
      m.profile_name = value;
    } else if (flag == "-i") {
      cl.attributes(value, m);
    } else if (flag == "--redundantmsps") {
      if (auto v = cl.integer(value, "--redundantmsps", 0, 2)) m.redundant_msps = *v;
    } else if (flag == "--npivval") {
      if (value == "port") m.npiv_validation = NpivValidation::port;
      else if (value == "portdisk") m.npiv_validation = NpivValidation::portdisk;
      else cl.error("--npivval: expected port or portdisk; found " + quote(value));
    }
  }
  if (!has_operation) cl.error("missing -o (m, v, s or r)");
  if (!has_system) cl.error("missing -m (the source managed system)");
}

}  // namespace app::scenario::detail
