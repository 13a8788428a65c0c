#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "app/report/html_report.hpp"
#include "synthetic_report.hpp"

using namespace app::report;

namespace {

std::string html(const RunReport& r) {
  std::ostringstream out;
  write_html(r, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Checks XML-style balance: every element is closed in order or self-closed; the script body
// (a CDATA section) is skipped. Returns "" when balanced, else what went wrong.
std::string balance_error(const std::string& doc) {
  std::vector<std::string> open;
  for (std::size_t i = doc.find('<'); i != std::string::npos; i = doc.find('<', i + 1)) {
    if (doc.compare(i, 2, "<!") == 0) continue;  // doctype
    std::size_t end = doc.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = doc.substr(i + 1, end - i - 1);
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (tag.back() != '/') {
      std::string name = tag.substr(0, tag.find_first_of(" \n"));
      open.push_back(name);
      if (name == "script") i = doc.find("</script>", i) - 1;
      if (name == "style") i = doc.find("</style>", i) - 1;
    }
    i = std::max(i, end - 1);
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace

TEST_CASE("HTML report: self-contained and well-formed") {
  std::string page = html(test_report::synthetic_report());
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find("src=") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(balance_error(page) == "");
  CHECK(count(page, "<script>") == 1);
}

TEST_CASE("HTML report: every section and chart is there") {
  std::string page = html(test_report::synthetic_report());
  for (const char* id : {"id=\"timeline\"", "id=\"summary\"", "id=\"convergence\"",
                         "id=\"network\"", "id=\"concurrency\"", "id=\"validation\"",
                         "id=\"faults\"", "id=\"post\"", "id=\"parameters\""})
    CHECK_MESSAGE(page.find(id) != std::string::npos, id);
  CHECK(count(page, "<svg class=\"chart gantt\"") == 1);
  CHECK(count(page, "<svg class=\"chart conv\"") == 2);   // db01 and web02 ran passes
  CHECK(count(page, "<svg class=\"chart step\"") == 4);   // 2 links, HMC queue, 1 MSP
  CHECK(count(page, "<rect class=\"ph\"") == 8 + 5 + 1);  // one bar per phase
  CHECK(count(page, "<line class=\"pass\"") == 3);        // boundaries between db01's 4 passes
  CHECK(count(page, "<g class=\"fault\"") == 1);
  CHECK(page.find("<code>HSCLA319</code>") != std::string::npos);
  CHECK(page.find("The migrating partition&#39;s virtual SCSI adapter 4") != std::string::npos);
  CHECK(page.find("<span class=\"badge b-rolled_back\">Rolled back</span>") != std::string::npos);
  CHECK(page.find("link lnk-a-c down during pass 2, &quot;stream aborted&quot;") !=
        std::string::npos);
  CHECK(page.find("<div class=\"v\">650 ms</div><div class=\"k\">longest blackout</div>") !=
        std::string::npos);
}

TEST_CASE("HTML report escapes every name from the scenario") {
  auto r = test_report::synthetic_report();
  r.migrations[0].lpar = "<script>alert('x')</script>";
  r.faults[0].detail = "a & b < c";
  r.scenario["note"] = "</pre><b>";
  r.scenario["description"] = "Evacuate <sysA> & keep blackouts short";
  std::string page = html(r);
  CHECK(page.find(R"(<div class="desc">Evacuate &lt;sysA&gt; &amp; keep blackouts short</div>)") != std::string::npos);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("a &amp; b &lt; c") != std::string::npos);
  CHECK(page.find("&lt;/pre&gt;&lt;b&gt;") != std::string::npos);
  CHECK(balance_error(page) == "");
}

TEST_CASE("HTML report scales to 40 migrations and stays deterministic") {
  std::string page = html(test_report::fleet_report(40));
  CHECK(count(page, "<text class=\"lpar\"") == 40);
  CHECK(page.find("<details><summary>") != std::string::npos);  // convergence charts past 12 fold
  CHECK(balance_error(page) == "");
  CHECK(page == html(test_report::fleet_report(40)));
  std::string empty = html(RunReport{});
  CHECK(empty.find("No migrations were requested.") != std::string::npos);
  CHECK(balance_error(empty) == "");
}
