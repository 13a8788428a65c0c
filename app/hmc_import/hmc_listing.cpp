// Reading HMC listings: the header convention, the two output forms and HMC quoting
// (app/hmc_import/HMC_IMPORT.md §"Capturing the listings").
#include "app/hmc_import/hmc_listing.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/input_file.hpp"

namespace app::hmc_import {

namespace {

struct CommandName {
  HmcCommand command;
  std::string_view text;
};
constexpr std::array<CommandName, 14> kCommands{{
    {HmcCommand::lssyscfg_sys, "lssyscfg -r sys"},
    {HmcCommand::lssyscfg_lpar, "lssyscfg -r lpar"},
    {HmcCommand::lshwres_mem_sys, "lshwres -r mem --level sys"},
    {HmcCommand::lshwres_mem_lpar, "lshwres -r mem --level lpar"},
    {HmcCommand::lshwres_proc_sys, "lshwres -r proc --level sys"},
    {HmcCommand::lshwres_proc_lpar, "lshwres -r proc --level lpar"},
    {HmcCommand::lshwres_scsi, "lshwres -r virtualio --rsubtype scsi --level lpar"},
    {HmcCommand::lshwres_fc, "lshwres -r virtualio --rsubtype fc --level lpar"},
    {HmcCommand::lshwres_eth, "lshwres -r virtualio --rsubtype eth --level lpar"},
    {HmcCommand::lshwres_slot, "lshwres -r virtualio --rsubtype slot --level lpar"},
    {HmcCommand::lshwres_io_slot, "lshwres -r io --rsubtype slot"},
    {HmcCommand::lslparmigr_sys, "lslparmigr -r sys"},
    {HmcCommand::lslparmigr_msp, "lslparmigr -r msp"},
    {HmcCommand::lslparmigr_lpar, "lslparmigr -r lpar"},
}};

std::vector<std::string> shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (const char c : text) {
    if (quote != 0) {
      if (c == quote)
        quote = 0;
      else
        word.push_back(c);
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word)
        words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word)
    words.push_back(word);
  return words;
}

struct Header {
  HmcListing listing;
  std::vector<std::string> format; // -F attribute names; empty = default form
  bool f_form = false;
  bool header_row = false; // --header: the first data line names the attributes
};

// The command named on a `# …` line into `h`; false when the line is a plain comment. An
// unknown command leaves h.listing.file empty (its lines are then skipped).
bool parse_header(std::string_view comment, const std::string& file, int line,
                  ImportProblems& problems, Header& h) {
  const auto words = shell_words(comment);
  if (words.empty() ||
      (words[0] != "lssyscfg" && words[0] != "lshwres" && words[0] != "lslparmigr"))
    return false;
  const std::string where = file + ":" + std::to_string(line);
  h = Header{};
  std::string resource, rsubtype, level;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    const bool has_value = i + 1 < words.size() && !words[i + 1].starts_with("-");
    if (w == "--header")
      h.header_row = true;
    else if (w == "-F") {
      h.f_form = true;
      if (has_value) {
        std::string names = words[++i];
        for (std::size_t start = 0;;) {
          const auto comma = names.find(',', start);
          h.format.push_back(names.substr(start, comma - start));
          if (comma == std::string::npos)
            break;
          start = comma + 1;
        }
      }
    } else if (w == "-r" || w == "--rsubtype" || w == "--level" || w == "-m" || w == "-t" ||
               w == "--filter" || w == "-p" || w == "--id") {
      if (!has_value) {
        problems.error(where, words[0], "flag " + w + " needs a value");
        continue;
      }
      const std::string& v = words[++i];
      if (w == "-r")
        resource = v;
      else if (w == "--rsubtype")
        rsubtype = v;
      else if (w == "--level")
        level = v;
      else if (w == "-m")
        h.listing.system = v;
      else if (w == "-t")
        h.listing.target_system = v;
      // --filter, -p, --id narrow what was listed; the records say which partitions they are.
    } else {
      problems.warning(where, words[0],
                       "flag " + in_quotes(w) +
                           " ignored (it does not change the attribute names)");
    }
  }
  std::string key = words[0] + " -r " + resource;
  if (words[0] == "lshwres" && !rsubtype.empty())
    key += " --rsubtype " + rsubtype;
  if (words[0] == "lshwres" && !level.empty())
    key += " --level " + level;
  const auto it = std::find_if(kCommands.begin(), kCommands.end(),
                               [&](const CommandName& c) { return c.text == key; });
  if (it == kCommands.end()) {
    std::string all;
    for (const auto& c : kCommands)
      join_to(all, "; ", std::string(c.text));
    problems.error(where, key, "not a listing lpmsim imports; expected one of: " + all);
    return true;
  }
  h.listing.command = it->command;
  h.listing.file = file;
  h.listing.header_line = line;
  if (it->command != HmcCommand::lssyscfg_sys && h.listing.system.empty())
    problems.error(where, it->text, "the command line needs -m SYSTEM (which system it lists)");
  if (it->command == HmcCommand::lslparmigr_msp && h.listing.target_system.empty())
    problems.error(where, it->text, "the command line needs -t TARGET (the destination system)");
  if (h.f_form && h.format.empty() && !h.header_row)
    problems.error(
        where, it->text,
        "-F without attribute names needs --header (otherwise the values cannot be named)");
  return true;
}

void add_record(Header& h, std::string_view text, int line, ImportProblems& problems) {
  HmcRecord r{h.listing.file, line, {}};
  const std::string context(command_text(h.listing.command));
  const auto fields = split_hmc_line(text);
  if (!fields) {
    problems.error(r.where(), context,
                   "a double quote is not closed: expected the line to end after the closing "
                   "quote (truncated line?)");
    return;
  }
  if (h.f_form) {
    if (h.format.empty()) { // --header: this line names the attributes
      h.format = *fields;
      return;
    }
    if (fields->size() != h.format.size()) {
      problems.error(r.where(), context,
                     "expected " + std::to_string(h.format.size()) +
                         " comma-separated values (-F " + std::to_string(h.format.size()) +
                         " attributes), found " + std::to_string(fields->size()) +
                         " (truncated line or an unquoted comma?)");
      return;
    }
    for (std::size_t i = 0; i < fields->size(); ++i)
      r.attributes.emplace_back(h.format[i], (*fields)[i]);
  } else {
    for (const auto& item : *fields) {
      const auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        problems.error(r.where(), context,
                       "expected attribute=value, found " + in_quotes(item) +
                           " (truncated line, or a value with a comma that is not quoted?)");
        return;
      }
      r.attributes.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
  }
  h.listing.records.push_back(std::move(r));
}

} // namespace

std::string_view command_text(HmcCommand command) {
  for (const auto& c : kCommands)
    if (c.command == command)
      return c.text;
  return "?";
}

const std::string* HmcRecord::find(std::string_view attribute) const {
  for (const auto& [name, value] : attributes)
    if (name == attribute)
      return &value;
  return nullptr;
}

std::optional<std::vector<std::string>> split_hmc_line(std::string_view line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted_now = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted_now && i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else {
        quoted_now = !quoted_now;
      }
    } else if (c == ',' && !quoted_now) {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  if (quoted_now)
    return std::nullopt;
  fields.push_back(std::move(field));
  return fields;
}

std::vector<HmcListing> parse_hmc_text(std::string_view text, const std::string& file,
                                       ImportProblems& problems) {
  std::vector<HmcListing> out;
  Header current;
  bool active = false;
  const auto flush = [&] {
    if (active && !current.listing.file.empty())
      out.push_back(std::move(current.listing));
    active = false;
  };
  int line_no = 0;
  bool complained = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos)
      continue;
    line.remove_prefix(first);
    if (line.front() == '#') {
      line.remove_prefix(1);
      Header h;
      if (parse_header(line, file, line_no, problems, h)) {
        flush();
        current = std::move(h);
        active = true;
      }
      continue;
    }
    if (line == "No results were found.")
      continue;
    if (!active) {
      if (!complained)
        problems.error(file + ":" + std::to_string(line_no), "",
                       "expected a first line naming the command that printed this output, e.g. "
                       "\"# lssyscfg -r lpar -m sysA\" (see app/hmc_import/HMC_IMPORT.md)");
      complained = true;
      continue;
    }
    if (current.listing.file.empty())
      continue; // under an unknown command: already reported
    if (line.starts_with("HSCL")) {
      problems.error(file + ":" + std::to_string(line_no), command_text(current.listing.command),
                     "the HMC refused the command (" + std::string(line) +
                         "); expected its listing");
      continue;
    }
    add_record(current, line, line_no, problems);
  }
  flush();
  return out;
}

std::vector<HmcListing> read_hmc_listings(const std::filesystem::path& path,
                                          ImportProblems& problems) {
  // Untrusted input: a regular file under the size limit (app/scenario/input_file.hpp).
  std::string text;
  try {
    text = scenario::read_input_file(path, scenario::input_policy().data_bytes, "HMC listing");
  } catch (const scenario::ScenarioError& e) {
    problems.error(path.string(), "", e.diagnostics().front().message);
    return {};
  }
  const auto errors_before = problems.errors().size();
  auto listings = parse_hmc_text(text, path.string(), problems);
  if (listings.empty() && problems.errors().size() == errors_before)
    problems.error(path.string() + ":1", "",
                   "no HMC listing found: expected a line \"# <command>\" before the output");
  return listings;
}

} // namespace app::hmc_import
