#include "cli/json_writer.h"

#include <cmath>
#include <cstdio>

namespace repscope::cli {

std::string JsonWriter::escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

void JsonWriter::separate() {
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!first_.back()) out_ << ',';
    first_.back() = false;
}

JsonWriter& JsonWriter::beginObject() {
    separate();
    out_ << '{';
    first_.push_back(true);
    return *this;
}
JsonWriter& JsonWriter::endObject() {
    first_.pop_back();
    out_ << '}';
    return *this;
}
JsonWriter& JsonWriter::beginArray() {
    separate();
    out_ << '[';
    first_.push_back(true);
    return *this;
}
JsonWriter& JsonWriter::endArray() {
    first_.pop_back();
    out_ << ']';
    return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    out_ << escape(k) << ':';
    afterKey_ = true;
    return *this;
}
JsonWriter& JsonWriter::value(std::string_view v) {
    separate();
    out_ << escape(v);
    return *this;
}
JsonWriter& JsonWriter::value(double v) {
    separate();
    if (!std::isfinite(v)) {
        out_ << "null";
    } else {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.9g", v);
        out_ << buf;
    }
    return *this;
}
JsonWriter& JsonWriter::value(std::uint64_t v) {
    separate();
    out_ << v;
    return *this;
}
JsonWriter& JsonWriter::value(std::int64_t v) {
    separate();
    out_ << v;
    return *this;
}
JsonWriter& JsonWriter::value(bool v) {
    separate();
    out_ << (v ? "true" : "false");
    return *this;
}
JsonWriter& JsonWriter::null() {
    separate();
    out_ << "null";
    return *this;
}

}  // namespace repscope::cli
