#pragma once
// A strict reader of comma-separated text files from users (RFC 4180 without line breaks inside
// fields): fields split at commas, a field in double quotes may hold commas and "" for a quote;
// CRLF or LF line ends; a UTF-8 byte-order mark is skipped; blank lines are skipped. Anything
// else — a stray quote, an unclosed quoted field, a NUL byte, an over-long line — is a
// FormatError naming the file and line. Lines and files are bounded.
#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

namespace repscope::io {

inline constexpr std::size_t kMaxCsvLineBytes = std::size_t{1} << 16;

class CsvReader {
public:
    // Throws FileError when the file cannot be opened, FormatError when it is empty.
    explicit CsvReader(std::string path);

    // The next non-blank line's fields; false at the end of the file. Throws FormatError.
    bool next(std::vector<std::string>& fields);
    // 1-based number of the line last returned.
    [[nodiscard]] std::size_t line() const { return line_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    // "FILE line K: " + what, as one sentence.
    [[nodiscard]] std::string at(const std::string& what) const;

private:
    // The next line (without '\n') into text_; false at the end of the file.
    bool readLine();

    std::string path_;
    std::ifstream in_;
    std::size_t line_ = 0;
    std::string text_;
    std::vector<char> buffer_;  // block reads: a line is found with memchr, not char by char
    std::size_t position_ = 0;
    std::size_t filled_ = 0;
};

// Leading and trailing spaces and tabs removed.
[[nodiscard]] std::string trimmed(const std::string& s);
// A whole field as a finite number (spaces around allowed); false for anything else
// (empty, trailing text, NaN, Inf, out of range).
[[nodiscard]] bool parseFiniteNumber(const std::string& field, double& value);
// A value from the file for a message: at most 60 bytes, then "…".
[[nodiscard]] std::string excerpt(const std::string& value);
// True when `path` ends in .csv (any case).
[[nodiscard]] bool isCsvPath(const std::string& path);

}  // namespace repscope::io
