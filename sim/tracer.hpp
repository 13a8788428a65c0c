// Observation: models publish typed trace records through sim::Tracer; sinks are attached from
// outside (memory for tests, JSON Lines for files, fingerprint for golden tests). With no tracer
// attached the engine's tracer() is null and models skip building records — zero cost.
//   if (auto* t = engine.tracer()) t->record({engine.now(), "migration.phase", "db01", {{"to", "PreCopy"}}});
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/time.hpp"

namespace sim {

using TraceValue = std::variant<std::int64_t, double, bool, std::string>;

struct TraceField {
  std::string key;
  TraceValue value;
  TraceField(std::string k, std::int64_t v) : key(std::move(k)), value(v) {}
  TraceField(std::string k, int v) : key(std::move(k)), value(std::int64_t{v}) {}
  TraceField(std::string k, std::uint64_t v) : key(std::move(k)), value(static_cast<std::int64_t>(v)) {}
  TraceField(std::string k, double v) : key(std::move(k)), value(v) {}
  TraceField(std::string k, bool v) : key(std::move(k)), value(v) {}
  TraceField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  TraceField(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  TraceField(std::string k, Duration v) : key(std::move(k)), value(v.ns()) {}
};

struct TraceRecord {
  Time time;
  std::string kind;       // dotted: "migration.phase", "precopy.pass"
  std::string component;  // stable entity name: "db01", "sysA/vios1"
  std::vector<TraceField> fields;
};

class Tracer {
 public:
  virtual ~Tracer() = default;
  virtual void record(const TraceRecord& r) = 0;
};

// One JSON object, no trailing newline: {"t":1500000000,"kind":"…","component":"…",<fields>}.
// Doubles use the shortest round-trip form, so the same run gives the same bytes everywhere.
std::string to_json_line(const TraceRecord& r);
std::string json_escape(const std::string& s);
std::string json_number(double v);

class MemoryTraceSink final : public Tracer {
 public:
  void record(const TraceRecord& r) override { records_.push_back(r); }
  const std::vector<TraceRecord>& records() const { return records_; }

 private:
  std::vector<TraceRecord> records_;
};

class JsonLinesTraceSink final : public Tracer {
 public:
  explicit JsonLinesTraceSink(std::ostream& out) : out_(out) {}
  void record(const TraceRecord& r) override;

 private:
  std::ostream& out_;
};

// Running hash of every record's JSON line: a run fingerprint for golden tests.
class FingerprintTraceSink final : public Tracer {
 public:
  void record(const TraceRecord& r) override;
  std::uint64_t fingerprint() const { return hash_; }
  std::uint64_t count() const { return count_; }

 private:
  std::uint64_t hash_ = 0xCBF29CE484222325ULL;
  std::uint64_t count_ = 0;
};

// Forwards each record to several sinks, in order.
class TeeTracer final : public Tracer {
 public:
  void add(Tracer* t) { sinks_.push_back(t); }
  void record(const TraceRecord& r) override {
    for (Tracer* t : sinks_) t->record(r);
  }

 private:
  std::vector<Tracer*> sinks_;
};

}  // namespace sim
