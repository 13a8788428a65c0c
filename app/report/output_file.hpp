// Every file lpmsim writes (report, trace, Perfetto, HTML, CSV, sweep tables, calibrate --write,
// the verify graph) goes through OutputFile: the bytes go to an unnamed or hidden temporary in the
// target's own folder, are flushed, checked and fsync'd, and only then renamed over the target —
// so kill -9 at any moment leaves either the previous file or the complete new one, never a
// partial file. A write error (disk full, read-only folder) is an OutputError naming the file and
// the OS error (the CLI exits 2). OutputSet refuses, before any work, an output that is also an
// input or another output.
//   OutputFile out("report.json");  write_report_json(r, out.stream());  out.commit();
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace app::report {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputFile {
 public:
  // Opens the temporary. A target that exists and is not a regular file (a terminal, /dev/null,
  // a FIFO) is written in place, since it cannot be replaced; a directory is refused.
  explicit OutputFile(std::filesystem::path target);
  ~OutputFile();  // without commit(): the temporary is removed and the target left as it was
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes, checks every write, fsyncs and renames onto the target. Throws OutputError.
  void commit();
  const std::filesystem::path& target() const { return target_; }

 private:
  class Buffer;
  std::filesystem::path target_;  // symlinks resolved: the file that is replaced
  std::filesystem::path shown_;   // as the user named it, for messages
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  int fd_ = -1;
  bool named_temporary_ = false;  // false: an O_TMPFILE inode (or a special file written in place)
  bool in_place_ = false;
  std::filesystem::path temporary_;
};

// Writes `text` to `path` atomically (OutputFile). Throws OutputError.
void write_output_file(const std::filesystem::path& path, const std::string& text);

// The files one command reads and writes, checked before any work: an output may be neither an
// input nor another output (compared after resolving symlinks, and by inode when both exist).
class OutputSet {
 public:
  // `what` names the option in messages ("--report", "simulation.outputs.trace").
  void add_input(std::string what, const std::filesystem::path& path);
  void add_output(std::string what, const std::filesystem::path& path);
  // Throws OutputError: "--trace x.json is also --report" / "... is the scenario file itself".
  void check() const;

 private:
  struct Entry {
    std::string what;
    std::filesystem::path path;
    bool output;
  };
  std::vector<Entry> entries_;
};

}  // namespace app::report
