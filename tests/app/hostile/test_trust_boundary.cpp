// Issue 15 building blocks: the atomic, checked output writer; the input trust boundary (regular
// files under a size limit, referenced files inside the scenario's folder); printable
// diagnostics; dirty-page trace parsing without echo.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/report/output_file.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/scenario/dirty_trace.hpp"
#include "app/scenario/input_file.hpp"
#include "app/scenario/loader.hpp"

namespace fs = std::filesystem;
using app::report::OutputError;
using app::report::OutputFile;
using app::report::OutputSet;
using app::scenario::ScenarioError;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(LPMSIM_BINARY_DIR) / "test-output" / "trust_boundary" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_message(const std::function<void()>& body) {
  try {
    body();
  } catch (const ScenarioError& e) {
    return e.diagnostics().front().format();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("OutputFile: the target changes only on commit, and nothing is left beside it") {
  const auto dir = fresh_dir("atomic");
  const auto target = dir / "report.json";
  std::ofstream(target) << "previous";
  {
    OutputFile out(target);
    out.stream() << "new content";
    CHECK(slurp(target) == "previous");  // not yet
  }  // destroyed without commit: discarded
  CHECK(slurp(target) == "previous");
  OutputFile out(target);
  out.stream() << std::string(200'000, 'x');
  out.commit();
  CHECK(slurp(target) == std::string(200'000, 'x'));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += e.path().filename() == "report.json" ? 1 : 100;
  CHECK(entries == 1);
}

TEST_CASE("OutputFile: a large output (written by the background writer) keeps every byte in order") {
  const auto dir = fresh_dir("large");
  const auto target = dir / "big.json";
  // Many 1 MiB blocks, written in pieces of awkward sizes so blocks end mid-piece.
  std::string expected;
  {
    OutputFile out(target);
    for (std::size_t i = 0; expected.size() < 40'000'000; ++i) {
      std::string piece(1 + (i * 7919) % 100'003, static_cast<char>('a' + i % 26));
      piece.back() = '\n';
      out.stream() << piece;
      expected += piece;
    }
    CHECK_FALSE(fs::exists(target));  // still the temporary
    out.commit();
  }
  CHECK(slurp(target) == expected);
  SUBCASE("abandoned after many blocks: the target is never created, nothing is left") {
    const auto other = dir / "abandoned.json";
    {
      OutputFile out(other);
      out.stream() << expected;
    }
    CHECK_FALSE(fs::exists(other));
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir)) entries += e.path().filename() == "big.json" ? 1 : 100;
    CHECK(entries == 1);
  }
}

TEST_CASE("OutputFile: write errors name the file and the OS error") {
  SUBCASE("a full disk found by the background writer, many blocks in") {
    OutputFile out("/dev/full");
    out.stream() << std::string(20'000'000, 'x');
    CHECK_THROWS_WITH_AS(out.commit(), "cannot write /dev/full: No space left on device", OutputError);
  }
  SUBCASE("issue 15: /dev/full is a full disk, not success") {
    OutputFile out("/dev/full");
    out.stream() << std::string(100'000, 'x');
    CHECK_THROWS_WITH_AS(out.commit(), "cannot write /dev/full: No space left on device", OutputError);
  }
  SUBCASE("a folder that cannot hold files") {
    CHECK_THROWS_WITH_AS(OutputFile("/proc/lpmsim-test/report.json"),
                         doctest::Contains("cannot write /proc/lpmsim-test/report.json: "), OutputError);
  }
  SUBCASE("a directory") {
    const auto dir = fresh_dir("is_dir");
    CHECK_THROWS_WITH_AS(OutputFile(dir.string()), doctest::Contains("Is a directory"), OutputError);
  }
  SUBCASE("a special file is written in place (/dev/null)") {
    OutputFile out("/dev/null");
    out.stream() << "gone";
    CHECK_NOTHROW(out.commit());
  }
}

TEST_CASE("OutputFile: a symlinked target replaces the file it names, not the link") {
  const auto dir = fresh_dir("symlink");
  std::ofstream(dir / "real.json") << "old";
  fs::create_symlink("real.json", dir / "link.json");
  app::report::write_output_file(dir / "link.json", "new");
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(slurp(dir / "real.json") == "new");
}

TEST_CASE("OutputSet: an output may be neither an input nor another output") {
  const auto dir = fresh_dir("set");
  std::ofstream(dir / "scenario.json") << "{}";
  SUBCASE("issue 15: --report equal to the scenario") {
    OutputSet s;
    s.add_input("the scenario file", dir / "scenario.json");
    s.add_output("--report", dir / "sub" / ".." / "scenario.json");
    CHECK_THROWS_WITH_AS(s.check(), doctest::Contains("is also the scenario file (an input, which it would overwrite)"),
                         OutputError);
  }
  SUBCASE("issue 15: --report x --trace x") {
    OutputSet s;
    s.add_output("--report", dir / "x.json");
    s.add_output("--trace", dir / "x.json");
    CHECK_THROWS_WITH_AS(s.check(), doctest::Contains("--trace"), OutputError);
  }
  SUBCASE("through a symlink") {
    fs::create_symlink("scenario.json", dir / "alias.json");
    OutputSet s;
    s.add_input("the scenario file", dir / "scenario.json");
    s.add_output("--html", dir / "alias.json");
    CHECK_THROWS_AS(s.check(), OutputError);
  }
  SUBCASE("distinct files pass") {
    OutputSet s;
    s.add_input("the scenario file", dir / "scenario.json");
    s.add_output("--report", dir / "r.json");
    s.add_output("--trace", dir / "t.jsonl");
    s.add_output("--html", "");  // not written
    CHECK_NOTHROW(s.check());
  }
}

TEST_CASE("read_input_file: regular files under the limit only") {
  const auto dir = fresh_dir("inputs");
  std::ofstream(dir / "small.json") << "{}";
  CHECK(app::scenario::read_input_file(dir / "small.json", 10, "scenario file") == "{}");
  CHECK(first_message([&] { app::scenario::read_input_file(dir / "small.json", 1, "scenario file"); }) ==
        (dir / "small.json").string() + ":0: /: the scenario file is 2 bytes; the limit is 1 bytes (--max-input-size)");
  CHECK(first_message([] { app::scenario::read_input_file("/dev/zero", 1 << 20, "scenario file"); }) ==
        "/dev/zero:0: /: the scenario file is a character device, not a regular file");
  CHECK(first_message([&] { app::scenario::read_input_file(dir, 1 << 20, "scenario file"); }) ==
        dir.string() + ":0: /: the scenario file is a directory, not a regular file");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(first_message([&] { app::scenario::read_input_file(dir / "fifo", 1 << 20, "dirty-page trace"); }) ==
        (dir / "fifo").string() + ":0: /: the dirty-page trace is a FIFO, not a regular file");
  CHECK(first_message([&] { app::scenario::read_input_file(dir / "missing", 1 << 20, "scenario file"); }) ==
        (dir / "missing").string() + ":0: /: cannot open the scenario file: No such file or directory");
}

TEST_CASE("referenced files resolve inside the scenario's folder") {
  const auto dir = fresh_dir("referenced");
  fs::create_directories(dir / "traces");
  std::ofstream(dir / "traces" / "t.txt") << "0 1\n";
  fs::create_symlink("/etc/passwd", dir / "passwd.txt");
  fs::path resolved;
  CHECK(app::scenario::referenced_file_problem(dir, "traces/t.txt", resolved) == "");
  CHECK(app::scenario::referenced_file_problem(dir, "traces/../traces/t.txt", resolved) == "");
  for (const std::string bad : {"/etc/passwd", "../../../../etc/passwd", "passwd.txt", "/proc/self/environ"})
    CHECK(app::scenario::referenced_file_problem(dir, bad, resolved).find("inside the scenario's folder") !=
          std::string::npos);
  CHECK(app::scenario::scenario_output_problem(dir, "out/report.json") == "");
  CHECK(app::scenario::scenario_output_problem(dir, "/tmp/report.json") != "");
  CHECK(app::scenario::scenario_output_problem(dir, "../report.json") != "");
  CHECK(app::scenario::scenario_output_problem(dir, "a/../../report.json") != "");
}

TEST_CASE("printable: escaped, cut, always UTF-8") {
  using app::scenario::printable;
  CHECK(printable("\x1b[2Jboom") == "\\u001b[2Jboom");
  CHECK(printable(std::string("a\0b", 3)) == "a\\u0000b");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(printable("\xe2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // a cut euro sign
  CHECK(printable("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(printable(std::string(100, 'x'), 10) == std::string(10, 'x') + "\xE2\x80\xA6");
  app::scenario::Diagnostic d{"f\x1b.json", 3, 0, "/k\x07", "bad \x01", "s\x02"};
  CHECK(d.format() == "f\\u001b.json:3: /k\\u0007: bad \\u0001 (did you mean \"s\\u0002\"?)");
}

TEST_CASE("JSON syntax errors give line and column, never the text") {
  const auto message = first_message([] {
    (void)app::scenario::load_scenario_text("{\n  \"secret-\xe2\x82\" tru", "s.json");
  });
  CHECK(message.rfind("s.json:2:", 0) == 0);
  CHECK(message.find("secret") == std::string::npos);
  CHECK(message.find("last read") == std::string::npos);
}

TEST_CASE("dirty-page traces: finite, bounded, increasing; refusals name line and field only") {
  using app::scenario::parse_dirty_trace;
  const std::string ptr = "/managed_systems/0/lpars/0/workload/dirty/file";
  const auto samples = parse_dirty_trace("# t r\n0 10\n\n1.5\t20 # x\n", "t.txt", ptr);
  REQUIRE(samples.size() == 2);
  CHECK(samples[1].at == sim::Duration::from_ns(1'500'000'000));
  CHECK(samples[1].pages_per_second == 20);
  const auto refusal = [&](const std::string& text) { return first_message([&] { (void)parse_dirty_trace(text, "t.txt", ptr); }); };
  SUBCASE("issue 15: inf and nan") {
    CHECK(refusal("0 1\n1 inf\n") == "t.txt:2: " + ptr + ": field 2 (pages per second) is not a finite decimal number");
    CHECK(refusal("nan 1\n") == "t.txt:1: " + ptr + ": field 1 (seconds) is not a finite decimal number");
  }
  SUBCASE("extremes") {
    CHECK(refusal("0 1e30\n") == "t.txt:1: " + ptr + ": field 2 (pages per second) must be in [0, 1e10]");
    CHECK(refusal("1e300 1\n") == "t.txt:1: " + ptr + ": field 1 (seconds) must be in [0, 1e7]");
    CHECK(refusal("2 1\n1 1\n") == "t.txt:2: " + ptr + ": times must be strictly increasing (to the nanosecond)");
  }
  SUBCASE("issue 15: a line is never echoed") {
    const std::string secret = "root:x:0:0:root:/root:/bin/bash";
    CHECK(refusal(secret + "\n").find("root") == std::string::npos);
    CHECK(refusal("0 " + std::string(1'000'000, '9') + "x\n").size() < 200);
  }
  CHECK(refusal("# nothing\n") == "t.txt:0: " + ptr + ": the dirty-page trace file has no samples");
}
