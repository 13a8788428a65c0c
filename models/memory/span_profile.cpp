#include "models/memory/span_profile.hpp"

#include <algorithm>
#include <cmath>

namespace models::memory {

SpanProfile::SpanProfile(double span) : span_(std::max(span, 0.0)), begin_{0.0}, value_{0.0} {}

double SpanProfile::mass() const { return mass_linear(0, span_); }

double SpanProfile::mass(double from, double length) const {
  if (span_ <= 0 || length <= 0) return 0;
  if (length >= span_) return mass();
  from = std::fmod(from, span_);
  if (from < 0) from += span_;
  const double to = from + length;
  if (to <= span_) return mass_linear(from, to);
  return mass_linear(from, span_) + mass_linear(0, to - span_);
}

void SpanProfile::paint(double from, double length, double value) {
  if (span_ <= 0 || length <= 0) return;
  if (length >= span_) {
    begin_.assign(1, 0.0);
    value_.assign(1, value);
    return;
  }
  from = std::fmod(from, span_);
  if (from < 0) from += span_;
  const double to = from + length;
  if (to <= span_) {
    paint_linear(from, to, value);
  } else {
    paint_linear(from, span_, value);
    paint_linear(0, to - span_, value);
  }
}

double SpanProfile::overlap(const SpanProfile& other) const {
  // Walk both boundary lists together: on each piece both densities are constant.
  double sum = 0;
  std::size_t i = 0, j = 0;
  double at = 0;
  while (i < begin_.size() && j < other.begin_.size()) {
    const double end = std::min(end_of(i), other.end_of(j));
    if (end > at) sum += value_[i] * other.value_[j] * (end - at);
    at = end;
    if (end_of(i) <= at) ++i;
    if (other.end_of(j) <= at) ++j;
  }
  return sum;
}

void SpanProfile::scale(double factor) {
  for (double& v : value_) v *= factor;
  coalesce();
}

void SpanProfile::merge_indicator(const SpanProfile& dirty) {
  for (std::size_t j = 0; j < dirty.begin_.size(); ++j)
    if (dirty.value_[j] > 0) paint_linear(dirty.begin_[j], dirty.end_of(j), 1.0);
}

void SpanProfile::paint_linear(double lo, double hi, double value) {
  lo = std::clamp(lo, 0.0, span_);
  hi = std::clamp(hi, 0.0, span_);
  if (hi <= lo) return;
  std::vector<double> begin, val;
  begin.reserve(begin_.size() + 2);
  val.reserve(begin_.size() + 2);
  bool placed = false;
  for (std::size_t i = 0; i < begin_.size(); ++i) {
    const double b = begin_[i], e = end_of(i);
    if (b < lo) {  // the part before the arc keeps its density
      begin.push_back(b);
      val.push_back(value_[i]);
    }
    if (!placed && e > lo) {
      begin.push_back(lo);
      val.push_back(value);
      placed = true;
    }
    if (e > hi) {  // the part after the arc keeps its density
      begin.push_back(std::max(b, hi));
      val.push_back(value_[i]);
    }
  }
  begin_ = std::move(begin);
  value_ = std::move(val);
  coalesce();
}

double SpanProfile::mass_linear(double lo, double hi) const {
  double sum = 0;
  for (std::size_t i = 0; i < begin_.size(); ++i) {
    const double b = std::max(begin_[i], lo), e = std::min(end_of(i), hi);
    if (e > b) sum += value_[i] * (e - b);
  }
  return sum;
}

void SpanProfile::coalesce() {
  // Drop empty segments and join neighbours of equal density, so repainting one arc sync after
  // sync does not grow the lists.
  std::size_t out = 0;
  for (std::size_t i = 0; i < begin_.size(); ++i) {
    if (i + 1 < begin_.size() && begin_[i + 1] <= begin_[i]) continue;  // empty (never the last)
    if (out > 0 && value_[out - 1] == value_[i]) continue;
    begin_[out] = out == 0 ? 0.0 : begin_[i];
    value_[out] = value_[i];
    ++out;
  }
  begin_.resize(out);
  value_.resize(out);
}

}  // namespace models::memory
