// HmcListing: the text an HMC command printed, read back as records of attribute=value pairs, in
// either of the HMC's two output forms (app/hmc_import/HMC_IMPORT.md):
//   default:  name=sysA,type_model=9105-42A,"lpar_proc_compat_modes=default,POWER9,Power10"
//   -F a,b,c: sysA,9105-42A,"default,POWER9,Power10"
// A value holding commas is wrapped in double quotes (the whole attribute=value item in the
// default form), and a doubled quote inside a quoted value is one quote. Each file (or each
// section of a file) opens with the command that printed it as a comment line, e.g.
// `# lshwres -r mem -m sysA --level lpar`, which is how the importer knows what it holds.
//   auto listings = read_hmc_listings("sysA-mem-lpar.txt", problems);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/hmc_import/import_problems.hpp"

namespace app::hmc_import {

// The commands the importer reads (the read-only listings of issue 19).
enum class HmcCommand {
  lssyscfg_sys,      // lssyscfg -r sys
  lssyscfg_lpar,     // lssyscfg -r lpar -m SYS
  lshwres_mem_sys,   // lshwres -r mem -m SYS --level sys
  lshwres_mem_lpar,  // lshwres -r mem -m SYS --level lpar
  lshwres_proc_sys,  // lshwres -r proc -m SYS --level sys
  lshwres_proc_lpar, // lshwres -r proc -m SYS --level lpar
  lshwres_scsi,      // lshwres -r virtualio --rsubtype scsi --level lpar -m SYS
  lshwres_fc,        // lshwres -r virtualio --rsubtype fc --level lpar -m SYS
  lshwres_eth,       // lshwres -r virtualio --rsubtype eth --level lpar -m SYS
  lshwres_slot,      // lshwres -r virtualio --rsubtype slot --level lpar -m SYS
  lshwres_io_slot,   // lshwres -r io --rsubtype slot -m SYS (physical I/O slots)
  lslparmigr_sys,    // lslparmigr -r sys -m SYS
  lslparmigr_msp,    // lslparmigr -r msp -m SRC -t DST
  lslparmigr_lpar,   // lslparmigr -r lpar -m SYS (progress samples, for lpmsim calibrate)
};

// The canonical command line ("lshwres -r mem --level lpar"), as written in messages and docs.
std::string_view command_text(HmcCommand command);

// One printed line: its attributes in printed order, with where it came from.
struct HmcRecord {
  std::string file;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> attributes;

  const std::string* find(std::string_view attribute) const;
  std::string where() const { return file + ":" + std::to_string(line); }
};

// Everything one command printed.
struct HmcListing {
  HmcCommand command = HmcCommand::lssyscfg_sys;
  std::string file;
  int header_line = 0;
  std::string system;        // -m (empty for lssyscfg -r sys)
  std::string target_system; // -t (lslparmigr -r msp)
  std::vector<HmcRecord> records;
};

// Splits one line on the commas outside double quotes; "" inside quotes is a quote. nullopt when a
// quote is left open (a truncated line).
std::optional<std::vector<std::string>> split_hmc_line(std::string_view line);

// Reads the listings in `text` (one file's contents); problems are added to `problems` with file,
// line and what was expected. A line "No results were found." is an empty listing (HMC's words).
std::vector<HmcListing> parse_hmc_text(std::string_view text, const std::string& file,
                                       ImportProblems& problems);

std::vector<HmcListing> read_hmc_listings(const std::filesystem::path& path,
                                          ImportProblems& problems);

} // namespace app::hmc_import
