#include "app/report/trace_event_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace app::report {
namespace {

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// JSON has no NaN or infinity; a counter without a value is better shown as 0 than breaking
// the file for every viewer.
std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : "0"; }

}  // namespace

std::string trace_timestamp(sim::Time t) {
  std::int64_t ns = t.ns();
  std::string sign = ns < 0 ? "-" : "";
  std::uint64_t abs = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  std::uint64_t frac = abs % 1000;
  std::string text = sign + std::to_string(abs / 1000);
  if (frac == 0) return text;
  std::string digits = fmt::format("{:03}", frac);
  while (digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

TraceEventWriter::TraceEventWriter(std::ostream& out, const nlohmann::ordered_json& other_data)
    : out_(out) {
  out_ << "{\"displayTimeUnit\":\"ms\",\"otherData\":" << dump(other_data) << ",\"traceEvents\":[";
}

void TraceEventWriter::begin_event() {
  out_ << (first_ ? "\n" : ",\n");
  first_ = false;
}

void TraceEventWriter::process(int pid, std::string_view name, int sort_index) {
  begin_event();
  out_ << fmt::format(R"({{"ph":"M","pid":{},"tid":0,"name":"process_name","args":{{"name":{}}}}})",
                      pid, json_string(name));
  begin_event();
  out_ << fmt::format(
      R"({{"ph":"M","pid":{},"tid":0,"name":"process_sort_index","args":{{"sort_index":{}}}}})",
      pid, sort_index);
}

void TraceEventWriter::thread(int pid, int tid, std::string_view name, int sort_index) {
  begin_event();
  out_ << fmt::format(R"({{"ph":"M","pid":{},"tid":{},"name":"thread_name","args":{{"name":{}}}}})",
                      pid, tid, json_string(name));
  begin_event();
  out_ << fmt::format(
      R"({{"ph":"M","pid":{},"tid":{},"name":"thread_sort_index","args":{{"sort_index":{}}}}})",
      pid, tid, sort_index);
}

void TraceEventWriter::complete(TrackId track, std::string_view name, std::string_view category,
                                sim::Time start, sim::Time end,
                                const nlohmann::ordered_json& args) {
  begin_event();
  out_ << fmt::format(
      R"({{"ph":"X","pid":{},"tid":{},"ts":{},"dur":{},"name":{},"cat":{},"args":{}}})", track.pid,
      track.tid, trace_timestamp(start), trace_timestamp(sim::Time::zero() + (end - start)),
      json_string(name), json_string(category), dump(args));
}

void TraceEventWriter::instant(TrackId track, std::string_view name, std::string_view category,
                               sim::Time at, char scope, const nlohmann::ordered_json& args) {
  begin_event();
  out_ << fmt::format(
      R"({{"ph":"i","pid":{},"tid":{},"ts":{},"s":"{}","name":{},"cat":{},"args":{}}})", track.pid,
      track.tid, trace_timestamp(at), scope, json_string(name), json_string(category), dump(args));
}

void TraceEventWriter::counter(int pid, std::string_view name, sim::Time at,
                               std::string_view series, double value) {
  begin_event();
  out_ << fmt::format(R"({{"ph":"C","pid":{},"tid":0,"ts":{},"name":{},"args":{{{}:{}}}}})", pid,
                      trace_timestamp(at), json_string(name), json_string(series), number(value));
}

void TraceEventWriter::finish() { out_ << "\n]}\n"; }

int NestingLanes::place(sim::Time start, sim::Time end) {
  for (std::size_t lane = 0; lane < open_.size(); ++lane) {
    auto& stack = open_[lane];
    while (!stack.empty() && stack.back() <= start) stack.pop_back();
    if (stack.empty() || (nest_ && stack.back() >= end)) {
      stack.push_back(end);
      return static_cast<int>(lane);
    }
  }
  open_.push_back({end});
  return static_cast<int>(open_.size()) - 1;
}

}  // namespace app::report
