// Reading HMC listings (issue 19): both output forms, HMC quoting, the header convention and every
// malformed-input message, pinned with file, line, command and attribute.
#include <doctest/doctest.h>

#include "app/hmc_import/hmc_listing.hpp"

using namespace app::hmc_import;

namespace {
std::vector<HmcListing> parse(std::string_view text, ImportProblems& p) {
  return parse_hmc_text(text, "f.txt", p);
}
} // namespace

TEST_CASE("split_hmc_line: commas inside double quotes, doubled quotes, open quotes") {
  CHECK(*split_hmc_line("a,b,c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(*split_hmc_line(R"(name=x,"modes=default,POWER9",y=1)") ==
        std::vector<std::string>{"name=x", "modes=default,POWER9", "y=1"});
  CHECK(*split_hmc_line(R"(a,"c050,c051",)") == std::vector<std::string>{"a", "c050,c051", ""});
  CHECK(*split_hmc_line(R"("x=""q"",r")") == std::vector<std::string>{R"(x="q",r)"});
  CHECK_FALSE(split_hmc_line(R"(a,"b,c)").has_value());
}

TEST_CASE("both output forms give the same records") {
  ImportProblems p;
  const auto d = parse("# lssyscfg -r sys\n"
                       "name=sysA,type_model=9105-42A,\"lpar_proc_compat_modes=default,Power10\"\n",
                       p);
  const auto f = parse("# lssyscfg -r sys -F name,type_model,lpar_proc_compat_modes\n"
                       "sysA,9105-42A,\"default,Power10\"\n",
                       p);
  REQUIRE(p.errors().empty());
  REQUIRE(d.size() == 1);
  REQUIRE(f.size() == 1);
  CHECK(d[0].command == HmcCommand::lssyscfg_sys);
  CHECK(d[0].records[0].attributes == f[0].records[0].attributes);
  CHECK(*d[0].records[0].find("lpar_proc_compat_modes") == "default,Power10");
  CHECK(d[0].records[0].line == 2);
}

TEST_CASE("sections: several commands in one file, -m/-t, --header, comments, no results") {
  ImportProblems p;
  const auto l = parse("# capture of 2026-11-30\n"
                       "# lshwres -r mem -m sysA --level lpar -F --header\n"
                       "lpar_name,lpar_id,curr_mem\n"
                       "db01,10,65536\n"
                       "\n"
                       "# lslparmigr -r msp -m sysA -t sysB\n"
                       "No results were found.\n"
                       "# lshwres -r virtualio --rsubtype fc --level lpar -m 'sysB'\n"
                       "lpar_name=web01,lpar_id=10,slot_num=4\r\n",
                       p);
  REQUIRE(p.errors().empty());
  REQUIRE(l.size() == 3);
  CHECK(l[0].command == HmcCommand::lshwres_mem_lpar);
  CHECK(l[0].system == "sysA");
  REQUIRE(l[0].records.size() == 1);
  CHECK(*l[0].records[0].find("curr_mem") == "65536");
  CHECK(l[1].command == HmcCommand::lslparmigr_msp);
  CHECK(l[1].target_system == "sysB");
  CHECK(l[1].records.empty());
  CHECK(l[2].system == "sysB");
  CHECK(*l[2].records[0].find("slot_num") == "4");
}

TEST_CASE("malformed listings: file, line, command and what was expected") {
  ImportProblems p;
  SUBCASE("no header line") {
    parse("name=sysA\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "f.txt:1: expected a first line naming the command that printed this output, e.g. \"# "
          "lssyscfg -r lpar -m sysA\" (see app/hmc_import/HMC_IMPORT.md)");
  }
  SUBCASE("a command lpmsim does not import") {
    parse("# lshwres -r io --rsubtype unit -m sysA\nx=1\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0].starts_with(
        "f.txt:1: lshwres -r io --rsubtype unit: not a listing lpmsim imports; expected "
        "one of: lssyscfg -r sys; lssyscfg -r lpar;"));
  }
  SUBCASE("-m missing") {
    parse("# lssyscfg -r lpar\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "f.txt:1: lssyscfg -r lpar: the command line needs -m SYSTEM (which system it lists)");
  }
  SUBCASE("truncated -F line: too few values") {
    parse("# lshwres -r mem -m sysA --level lpar -F lpar_name,lpar_id,curr_mem\ndb01,10\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "f.txt:2: lshwres -r mem --level lpar: expected 3 comma-separated values (-F 3 "
          "attributes), found 2 (truncated line or an unquoted comma?)");
  }
  SUBCASE("quoted comma cut short: the quote is never closed") {
    parse("# lssyscfg -r sys\nname=sysA,\"lpar_proc_compat_modes=default,POW\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "f.txt:2: lssyscfg -r sys: a double quote is not closed: expected the line to end after "
          "the closing quote (truncated line?)");
  }
  SUBCASE("unquoted comma in the default form") {
    parse("# lssyscfg -r sys\nname=sysA,lpar_proc_compat_modes=default,POWER9\n", p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "f.txt:2: lssyscfg -r sys: expected attribute=value, found \"POWER9\" (truncated line, "
          "or a value with a comma that is not quoted?)");
  }
  SUBCASE("-F without names or --header") {
    parse("# lssyscfg -r sys -F\nsysA\n", p);
    REQUIRE_FALSE(p.errors().empty());
    CHECK(p.errors()[0] == "f.txt:1: lssyscfg -r sys: -F without attribute names needs --header "
                           "(otherwise the values cannot be named)");
  }
  SUBCASE("the HMC printed an error instead of a listing") {
    parse("# lshwres -r proc -m sysA --level lpar\nHSCL8012 The managed system was not found.\n",
          p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] == "f.txt:2: lshwres -r proc --level lpar: the HMC refused the command "
                           "(HSCL8012 The managed system was not found.); expected its listing");
  }
}
