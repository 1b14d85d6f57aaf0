#pragma once
// One error style for RepScope: every failure the user can cause is a repscope::Error whose
// what() is one sentence naming the file/path and the problem. main() and every UI slot
// boundary catch Error and show what() as it is.
#include <stdexcept>
#include <string>

namespace repscope {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The file cannot be used at all: missing, unreadable, empty, not HDF5, truncated.
class FileError : public Error {
public:
    using Error::Error;
};

// The file opens but its content is not what is needed: strings where numbers belong, rank-1 or
// zero-size datasets, unknown paths, unavailable compression filters, NaN/Inf.
class FormatError : public Error {
public:
    using Error::Error;
};

// Several inputs cannot be put together: stimulus counts differ and no labels align them.
class AlignmentError : public Error {
public:
    using Error::Error;
};

// A parameter given by the user is invalid (unknown option, value out of range).
class InputError : public Error {
public:
    using Error::Error;
};

// A result would not fit in the configured memory budget.
class ResourceError : public Error {
public:
    using Error::Error;
};

// A computation was cancelled through its Progress object.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace repscope
