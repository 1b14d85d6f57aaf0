#include "cli/arguments.h"

#include "repscope/error.h"

namespace repscope::cli {

std::string Arguments::option(const std::string& name, const std::string& fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

std::uint64_t Arguments::count(const std::string& name, std::uint64_t fallback) const {
    const auto it = options.find(name);
    if (it == options.end()) return fallback;
    const std::string& text = it->second;
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 18) {
        throw InputError(name + " must be a non-negative integer, not '" + text + "'");
    }
    return std::stoull(text);
}

Arguments parseArguments(const std::string& command, const std::vector<std::string>& args,
                         const std::set<std::string>& knownFlags,
                         const std::set<std::string>& knownOptions) {
    Arguments a;
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& arg = args[k];
        if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
            std::string name = arg;
            std::string value;
            const auto eq = arg.find('=');
            const bool inlineValue = eq != std::string::npos;
            if (inlineValue) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
            }
            if (knownFlags.count(name) && !inlineValue) {
                a.flags.insert(name);
            } else if (knownOptions.count(name)) {
                if (!inlineValue) {
                    if (k + 1 >= args.size()) {
                        throw InputError("repscope " + command + ": option " + name +
                                         " needs a value");
                    }
                    value = args[++k];
                }
                a.options[name] = value;
            } else {
                throw InputError("repscope " + command + ": unknown option " + name +
                                 " (see repscope " + command + " --help)");
            }
        } else {
            a.positional.push_back(arg);
        }
    }
    return a;
}

}  // namespace repscope::cli
