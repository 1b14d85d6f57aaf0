#pragma once
// A small streaming JSON writer for the CLI's --json output (UTF-8 passes through; control
// characters, quotes and backslashes are escaped; NaN/Inf become null).
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace repscope::cli {

class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view v);
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(double v);
    JsonWriter& value(std::uint64_t v);
    JsonWriter& value(std::int64_t v);
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(bool v);
    JsonWriter& null();

    static std::string escape(std::string_view s);

private:
    void separate();
    std::ostream& out_;
    std::vector<bool> first_{true};
    bool afterKey_ = false;
};

}  // namespace repscope::cli
