#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/report/csv_tables.hpp"
#include "synthetic_report.hpp"

static const char* const MIGRATIONS_PINNED =
    "migration,lpar,lpar_id,source,destination,source_msp,dest_msp,operation,outcome,outcome_"
    "detail,recoverable,requested_ns,started_ns,ended_ns,total_ns,blackout_ns,postcopy_window_ns,"
    "memory_bytes,bytes_sent,passes,remote_faults,fault_stall_ns,validation_errors,validation_"
    "warnings,verdict,verdict_reason,limited_by,limited_by_share,source_msp_cpu_seconds,dest_msp_"
    "cpu_seconds,link_bytes,memory_held_twice_bytes,held_twice_ns,source_energy_joules,dest_energy_"
    "joules,throttled_cpu_seconds,postcopy_stall_ns,app_impact_cpu_seconds\r\n"
    "1,db01,3,sysA,sysB,vios1,vios2,m,completed,,false,0,0,31000000000,31000000000,650000000,"
    "1500000000,68719476736,52714274816,4,42,21000000,0,1,Converged,,,,0,0,,0,0,0,0,0,0,0\r\n"
    "2,web02,5,sysA,sysC,vios1,vios1,m,rolled_back,\"link lnk-a-c down during pass 2, \"\"stream "
    "aborted\"\"\",false,0,3000000000,22000000000,22000000000,,,17179869184,17384000000.5,1,0,0,0,"
    "0,Rolled back,\"link lnk-a-c down during pass 2, \"\"stream aborted\"\"\",,,0,0,,0,0,0,0,0,0,0\r\n"
    "3,app03,7,sysB,sysA,,,m,rejected,validation "
    "failed,false,1000000000,1000000000,1500000000,500000000,,,8589934592,0,0,0,0,2,1,Rejected,"
    "HSCLA319 The migrating partition's virtual SCSI adapter 4 cannot be hosted by the existing "
    "Virtual I/O Server (VIOS) partitions on the destination managed system.,,,0,0,,0,0,0,0,0,0,0\r\n";
static const char* const PASSES_PINNED =
    "migration,lpar,pass,start_ns,end_ns,duration_ns,pages_sent,wire_bytes,pages_dirtied,page_"
    "writes,remaining_pages,effective_bandwidth_bytes_per_s,dirty_rate_pages_per_s,throttle,stop,"
    "rule,remaining_bytes,threshold_bytes,policy_bandwidth_bytes_per_s,expected_downtime_ns,"
    "convergence_policy,convergence_action,convergence_rule,convergence_then,convergence_allowed_"
    "downtime_ns\r\n"
    "1,db01,1,5000000000,25000000000,20000000000,12000000,49152000000,800000,2400000,800000,"
    "2457600000,40000,0,false,continue,3276800000,0,0,0,,,,,\r\n"
    "1,db01,2,25000000000,26500000000,1500000000,800000,3276800000,60000,180000,60000,2184533333."
    "3333335,40000,0,false,continue,245760000,0,0,0,,,,,\r\n"
    "1,db01,3,26500000000,26625000000,125000000,60000,245760000,5000,15000,5000,1966080000,40000,0,"
    "false,continue,20480000,0,0,0,,,,,\r\n"
    "1,db01,4,26625000000,26640123456,15123456,5000,20480000,600,1800,600,1354187825.8514457,39673."
    "47146049157,0,true,remaining-below-threshold,2457600,4194304,2500000000,983040,,,,,\r\n"
    "2,web02,1,6000000000,15000000000,9000000000,4000000,16384000000,300000,900000,300000,"
    "1820444444.4444444,33333.333333333336,0,false,continue,1228800000,0,0,0,,,,,\r\n";

using namespace app::report;

TEST_CASE("csv_field quotes per RFC 4180") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("migrations.csv is pinned") {
  std::ostringstream out;
  write_migrations_csv(test_report::synthetic_report(), out);
  CHECK(out.str() == MIGRATIONS_PINNED);
}

TEST_CASE("passes.csv is pinned") {
  std::ostringstream out;
  write_passes_csv(test_report::synthetic_report(), out);
  CHECK(out.str() == PASSES_PINNED);
}

TEST_CASE("phases.csv has one row per phase") {
  std::ostringstream out;
  write_phases_csv(test_report::synthetic_report(), out);
  std::string text = out.str();
  CHECK(text.rfind("migration,lpar,phase,start_ns,end_ns,duration_ns,detail\r\n", 0) == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1 + 8 + 5 + 1);
  CHECK(text.find("1,db01,precopy,5000000000,26640123456,21640123456,4 passes\r\n") !=
        std::string::npos);
}

TEST_CASE("write_csv creates the directory and the three files") {
  auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "report_csv";
  std::filesystem::remove_all(dir);
  auto files = write_csv(test_report::synthetic_report(), dir / "nested");
  REQUIRE(files.size() == 3);
  CHECK(files[0].filename() == "migrations.csv");
  CHECK(files[1].filename() == "passes.csv");
  CHECK(files[2].filename() == "phases.csv");
  std::ifstream in(files[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::ostringstream expected;
  write_passes_csv(test_report::synthetic_report(), expected);
  CHECK(text.str() == expected.str());
  CHECK_THROWS_WITH_AS(write_csv(test_report::synthetic_report(), files[0] / "sub"),
                       doctest::Contains("cannot create directory"), std::runtime_error);
}
