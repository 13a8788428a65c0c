#include "app/scenario/ordered_json_builder.hpp"

#include <string>
#include <utility>
#include <vector>

namespace app::scenario {

namespace {

using Json = nlohmann::ordered_json;

// A SAX handler building what nlohmann's own DOM parser builds. An ordered_json object is a
// vector of pair<const key, value>; a const key cannot be moved, so when that vector grows it
// copies every member already in it, whole subtrees included: nlohmann's parser, which inserts
// members one by one, spent over half of a large scenario's parse copying. Here an object's
// members are gathered with movable keys and placed when it closes, into a vector of the right
// size. A repeated key keeps its first place and takes the last value, as with operator[].
class OrderedJsonBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool v) { return put(Json(v)); }
  bool number_integer(number_integer_t v) { return put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return put(Json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) { return put(Json(v)); }
  bool string(string_t& v) { return put(Json(std::move(v))); }
  bool binary(binary_t& v) { return put(Json::binary(std::move(v))); }  // not in JSON text

  bool start_object(std::size_t /*unknown*/) {
    open_.push_back(Open{true, Json(), {}, {}});
    return true;
  }
  bool key(string_t& k) {
    open_.back().key = std::move(k);
    return true;
  }
  bool end_object() {
    Open object = std::move(open_.back());
    open_.pop_back();
    Json out(Json::value_t::object);
    auto& members = out.get_ref<Json::object_t&>();
    members.reserve(object.members.size());
    for (auto& [k, v] : object.members) {
      if (auto it = members.find(k); it != members.end()) it->second = std::move(v);
      else members.emplace_back(std::move(k), std::move(v));  // std::vector's: no second search
    }
    return put(std::move(out));
  }
  bool start_array(std::size_t /*unknown*/) {
    open_.push_back(Open{false, Json(Json::value_t::array), {}, {}});
    return true;
  }
  bool end_array() {
    Json array = std::move(open_.back().array);
    open_.pop_back();
    return put(std::move(array));
  }

  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const Exception& e) {
    throw e;
  }

  Json take() { return std::move(root_); }

 private:
  struct Open {
    bool is_object;
    Json array;                                         // an array's elements so far
    std::vector<std::pair<std::string, Json>> members;  // an object's members so far, in order
    std::string key;                                    // an object's key awaiting its value
  };

  bool put(Json v) {
    if (open_.empty()) {
      root_ = std::move(v);
    } else if (Open& top = open_.back(); top.is_object) {
      top.members.emplace_back(std::move(top.key), std::move(v));
    } else {
      top.array.push_back(std::move(v));
    }
    return true;
  }

  Json root_;
  std::vector<Open> open_;  // the containers being read, outermost first
};

}  // namespace

Json parse_ordered_json(std::string_view text) {
  OrderedJsonBuilder builder;
  Json::sax_parse(text.begin(), text.end(), &builder);
  return builder.take();
}

}  // namespace app::scenario
