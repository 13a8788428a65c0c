#include "app/report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <streambuf>

namespace app::report {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const char* what, int error) {
  throw OutputError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(error)));
}

fs::path folder_of(const fs::path& target) {
  const auto parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// Symlinks are followed: writing through a link replaces the file it names, not the link.
fs::path resolved(const fs::path& target) {
  std::error_code ec;
  const auto real = fs::weakly_canonical(target, ec);
  return ec ? target : real;
}

}  // namespace

// A streambuf over a file descriptor that keeps the first write error (errno) instead of
// silently setting badbit, so commit() can name it.
class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd) { setp(data_.data(), data_.data() + data_.size()); }
  int error() const { return error_; }
  bool drain() {
    const char* p = pbase();
    while (error_ == 0 && p < pptr()) {
      const auto n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      else p += n;
    }
    setp(data_.data(), data_.data() + data_.size());
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> data_{};
};

OutputFile::OutputFile(fs::path target) : target_(target), shown_(std::move(target)) {
  if (target_.empty()) throw OutputError("an output file name is empty");
  const fs::path real = resolved(target_);
  struct stat st {};
  if (::stat(real.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) fail(shown_, "write", EISDIR);
    fd_ = ::open(real.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) fail(shown_, "write", errno);
    in_place_ = true;
  } else {
    const fs::path folder = folder_of(real);
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
      // No O_TMPFILE on this file system: a hidden named temporary beside the target.
      std::string name = folder.string();
      name.append("/.").append(real.filename().native()).append(".XXXXXX");
      fd_ = ::mkstemp(name.data());
      if (fd_ >= 0) {
        ::fchmod(fd_, 0644);
        named_temporary_ = true;
        temporary_ = name;
      }
    }
    if (fd_ < 0) fail(shown_, "write", errno);
  }
  target_ = real;
  buffer_ = std::make_unique<Buffer>(fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (named_temporary_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

std::ostream& OutputFile::stream() { return *stream_; }

void OutputFile::commit() {
  if (fd_ < 0) throw OutputError("output " + shown_.string() + " was already committed");
  stream_->flush();
  if (!buffer_->drain() || buffer_->error() != 0) fail(shown_, "write", buffer_->error());
  if (in_place_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(shown_, "write", errno);
    return;
  }
  if (::fsync(fd_) != 0) fail(shown_, "write", errno);
  if (!named_temporary_) {
    // Give the unnamed inode a hidden name beside the target, then rename it over the target.
    temporary_ = (folder_of(target_) / fmt::format(".{}.{}.tmp", target_.filename().string(), ::getpid()));
    ::unlink(temporary_.c_str());
    const std::string self = fmt::format("/proc/self/fd/{}", fd_);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary_.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      const int error = errno;
      temporary_.clear();
      fail(shown_, "write", error);
    }
    named_temporary_ = true;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(shown_, "write", errno);
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail(shown_, "replace", errno);
  temporary_.clear();
  // Make the rename itself durable.
  const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_output_file(const fs::path& path, const std::string& text) {
  OutputFile out(path);
  out.stream() << text;
  out.commit();
}

void OutputSet::add_input(std::string what, const fs::path& path) {
  if (!path.empty()) entries_.push_back({std::move(what), path, false});
}

void OutputSet::add_output(std::string what, const fs::path& path) {
  if (!path.empty()) entries_.push_back({std::move(what), path, true});
}

namespace {

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  // Not both existing yet: compare the paths they would resolve to.
  return resolved(fs::absolute(a, ec)) == resolved(fs::absolute(b, ec));
}

}  // namespace

void OutputSet::check() const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].output) continue;
    for (std::size_t j = 0; j < entries_.size(); ++j) {
      if (j == i || (entries_[j].output && j > i)) continue;
      if (!same_file(entries_[i].path, entries_[j].path)) continue;
      const auto& other = entries_[j];
      throw OutputError(fmt::format("{} {} is also {} ({}): refused before any work", entries_[i].what,
                                    entries_[i].path.string(), other.what,
                                    other.output ? "another output" : "an input, which it would overwrite"));
    }
  }
}

}  // namespace app::report
