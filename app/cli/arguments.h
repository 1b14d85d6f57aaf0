#pragma once
// Option parsing shared by the sub-commands: positional arguments plus --name value / --flag.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace repscope::cli {

struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // "--out" → "x.h5"
    std::set<std::string> flags;                 // "--json"

    [[nodiscard]] bool has(const std::string& flag) const { return flags.count(flag) != 0; }
    [[nodiscard]] std::string option(const std::string& name, const std::string& fallback) const;
    // A non-negative integer option; throws InputError naming the option for anything else.
    [[nodiscard]] std::uint64_t count(const std::string& name, std::uint64_t fallback) const;
};

// Parses args against the command's known flags and value options. Throws InputError naming the
// command and the unknown option or the option that lacks its value.
Arguments parseArguments(const std::string& command, const std::vector<std::string>& args,
                         const std::set<std::string>& knownFlags,
                         const std::set<std::string>& knownOptions);

}  // namespace repscope::cli
