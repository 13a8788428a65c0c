#include "models/power/resource_account.hpp"

#include <string>

#include "sim/check.hpp"

namespace models::power {

ResourceAccount::ResourceAccount(std::string component, std::int64_t capacity)
    : component_(std::move(component)), capacity_(capacity), free_(capacity) {
  SIM_CHECK(capacity >= 0, component_, "negative capacity");
}

bool ResourceAccount::try_reserve(std::int64_t n) {
  SIM_CHECK(n >= 0, component_, "reserve of a negative amount");
  if (n > free_) return false;
  free_ -= n;
  reserved_ += n;
  check_balance("reserve");
  return true;
}

void ResourceAccount::commit(std::int64_t n) {
  SIM_CHECK(n >= 0 && n <= reserved_, component_, "commit of more than is reserved");
  reserved_ -= n;
  used_ += n;
  check_balance("commit");
}

void ResourceAccount::release(std::int64_t n) {
  SIM_CHECK(n >= 0 && n <= reserved_, component_, "release of more than is reserved");
  reserved_ -= n;
  free_ += n;
  check_balance("release");
}

bool ResourceAccount::try_allocate(std::int64_t n) {
  SIM_CHECK(n >= 0, component_, "allocation of a negative amount");
  if (n > free_) return false;
  free_ -= n;
  used_ += n;
  check_balance("allocate");
  return true;
}

void ResourceAccount::deallocate(std::int64_t n) {
  SIM_CHECK(n >= 0 && n <= used_, component_, "free of more than is used");
  used_ -= n;
  free_ += n;
  check_balance("free");
}

// Belt and braces: every operation above keeps the sum; this catches a future edit that does not.
void ResourceAccount::check_balance(const char* op) const {
  SIM_CHECK(free_ >= 0 && reserved_ >= 0 && used_ >= 0 && free_ + reserved_ + used_ == capacity_,
            component_, std::string("accounting unbalanced after ") + op);
}

}  // namespace models::power
