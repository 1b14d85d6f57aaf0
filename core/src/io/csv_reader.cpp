#include "io/csv_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::io {

CsvReader::CsvReader(std::string path) : path_(std::move(path)) {
    in_.open(path_, std::ios::binary);
    if (!in_) throw FileError(path_ + " cannot be opened (missing or unreadable)");
    if (in_.peek() == std::char_traits<char>::eof()) throw FormatError(path_ + " is empty");
}

std::string CsvReader::at(const std::string& what) const {
    return path_ + " line " + std::to_string(line_) + ": " + what;
}

bool CsvReader::readLine() {
    text_.clear();
    bool any = false;
    while (true) {
        if (position_ == filled_) {
            if (buffer_.empty()) buffer_.resize(std::size_t{1} << 20);
            in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            filled_ = static_cast<std::size_t>(in_.gcount());
            position_ = 0;
            if (filled_ == 0) return any;
        }
        any = true;
        const char* start = buffer_.data() + position_;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', filled_ - position_));
        const std::size_t take = newline != nullptr ? static_cast<std::size_t>(newline - start)
                                                    : filled_ - position_;
        // Lines longer than the bound are refused before they are stored.
        if (text_.size() + take > kMaxCsvLineBytes) {
            ++line_;
            throw FormatError(at("the line is longer than " + std::to_string(kMaxCsvLineBytes) +
                                 " bytes (not a CSV file of labels and numbers?)"));
        }
        text_.append(start, take);
        position_ += take;
        if (newline != nullptr) {
            ++position_;
            return true;
        }
    }
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    while (true) {
        if (!readLine()) return false;
        ++line_;
        if (!text_.empty() && text_.back() == '\r') text_.pop_back();
        if (line_ == 1 && text_.rfind("\xEF\xBB\xBF", 0) == 0) text_.erase(0, 3);
        if (text_.find('\0') != std::string::npos) {
            throw FormatError(at("the line holds a NUL byte (a binary file, not CSV text?)"));
        }
        if (trimmed(text_).empty()) continue;
        break;
    }
    std::string field;
    std::size_t i = 0;
    const std::size_t size = text_.size();
    while (true) {
        field.clear();
        if (i < size && text_[i] == '"') {
            ++i;
            bool closed = false;
            while (i < size) {
                if (text_[i] == '"') {
                    if (i + 1 < size && text_[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                field.push_back(text_[i++]);
            }
            if (!closed) {
                throw FormatError(at("a quoted field is not closed on its line (line breaks "
                                     "inside fields are not read)"));
            }
            if (i < size && text_[i] != ',') {
                throw FormatError(at("text follows the closing quote of field " +
                                     std::to_string(fields.size() + 1)));
            }
        } else {
            while (i < size && text_[i] != ',') {
                if (text_[i] == '"') {
                    throw FormatError(at("field " + std::to_string(fields.size() + 1) +
                                         " has a quote inside an unquoted value"));
                }
                field.push_back(text_[i++]);
            }
        }
        fields.push_back(field);
        if (i >= size) break;
        ++i;  // the comma
        if (i == size) {
            fields.emplace_back();  // a trailing comma ends with an empty field
            break;
        }
    }
    return true;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

bool parseFiniteNumber(const std::string& field, double& value) {
    const std::string t = trimmed(field);
    if (t.empty()) return false;
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (*begin == '+') ++begin;  // from_chars refuses a leading '+'
    if (begin == end || *begin == '+' || *begin == '-') {
        if (begin != t.data()) return false;  // "+" alone, "+-1", "++1"
    }
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

std::string excerpt(const std::string& value) {
    constexpr std::size_t kMax = 60;
    if (value.size() <= kMax) return value;
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    return value.substr(0, cut) + "…";
}

bool isCsvPath(const std::string& path) {
    if (path.size() < 4) return false;
    std::string ext = path.substr(path.size() - 4);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".csv";
}

}  // namespace repscope::io
