// SweepJournal: POSIX file I/O for a journal that survives kill -9 at any instruction.
#include "app/studies/sweep_journal.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/report/output_file.hpp"
#include "app/studies/sweep_results.hpp"

namespace app::studies {

namespace {

[[noreturn]] void io_error(const std::string& path, const char* what) {
  throw SweepGridError(fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno)));
}

void write_all(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error(path, "write");
    done += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd, const std::string& path) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error(path, "read");
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  try {
    report::write_output_file(path, text);
  } catch (const report::OutputError& e) {
    throw SweepGridError(e.what());
  }
}

SweepJournal::SweepJournal(std::string path, std::string header, std::size_t parameters,
                           std::size_t variants, bool per_migration)
    : path_(std::move(path)),
      header_(std::move(header)),
      parameters_(parameters),
      per_migration_(per_migration),
      rows_(variants) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) io_error(path_, "open");
  read_back();
}

SweepJournal::~SweepJournal() {
  if (fd_ >= 0) ::close(fd_);
}

// Keeps the longest prefix of complete, valid lines; everything after it (a line torn by a
// kill, or garbage) is cut, so appends continue from a clean line boundary.
void SweepJournal::read_back() {
  const std::string text = read_all(fd_, path_);
  std::size_t keep = 0;
  bool header_seen = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // torn last line
    const std::string line = text.substr(pos, nl - pos);
    if (!header_seen) {
      if (line != header_)
        throw SweepGridError(fmt::format(
            "{}: written by a different sweep (first line {}); expected {} — remove the "
            "file to start over",
            path_, line.substr(0, 200), header_));
      header_seen = true;
    } else {
      auto row = from_jsonl_row(line, parameters_, per_migration_);
      if (!row || row->index >= rows_.size()) break;
      if (!rows_[row->index]) {
        rows_[row->index] = std::move(*row);
        ++resumed_;
      }
    }
    keep = nl + 1;
    pos = nl + 1;
  }
  if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0) io_error(path_, "truncate");
  if (::lseek(fd_, static_cast<off_t>(keep), SEEK_SET) < 0) io_error(path_, "seek");
  if (!header_seen) {
    write_all(fd_, header_ + "\n", path_);
    if (::fsync(fd_) != 0) io_error(path_, "fsync");
  }
}

void SweepJournal::append(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) (text += l) += '\n';
  write_all(fd_, text, path_);
  if (::fsync(fd_) != 0) io_error(path_, "fsync");
}

void SweepJournal::replace(const std::string& text) {
  write_file_atomically(path_, text);
  ::close(fd_);
  fd_ = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) io_error(path_, "open");
}

}  // namespace app::studies
