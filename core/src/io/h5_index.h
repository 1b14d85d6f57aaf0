#pragma once
// The bounded walk of an HDF5 file's link graph, done once when a file is opened: every group and
// dataset reachable through links the link policy allows, each object once (hard-link cycles and
// second names are cut), to a bounded depth, object count and name length, with a warning for
// everything it did not follow. The layout readers ask this index instead of the file, so a
// path check is a lookup, not a walk of the path's prefixes.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/h5_handle.h"

namespace repscope::io {

// Which links and virtual-dataset sources are followed: those whose target file lies in `folder`
// (the opened file's directory, canonical) or below it; anything else only when allowOutside.
struct LinkPolicy {
    std::string folder;
    bool allowOutside = false;
};

struct WalkLimits {
    int maxDepth = 64;                 // nested groups below the root
    std::size_t maxObjects = 200000;   // groups and datasets listed
    std::size_t maxNameBytes = 1024;   // one link name
};

class FileIndex {
public:
    [[nodiscard]] ObjectType type(const std::string& path) const;
    // Dataset paths under `group` (walk order = file order), skipping the `exclude` subtrees.
    [[nodiscard]] std::vector<std::string> datasetsUnder(
        const std::string& group, const std::vector<std::string>& exclude = {}) const;
    // Names of the direct children (groups and datasets) of `group`, in file order.
    [[nodiscard]] std::vector<std::string> childNames(const std::string& group) const;

    // One sentence each: links not followed, cycles cut, limits reached, broken links.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    // Paths that exist but are not used (path, reason), e.g. a refused virtual dataset.
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& refused() const {
        return refused_;
    }
    // Other files actually read through external links or virtual-dataset sources (absolute).
    [[nodiscard]] const std::vector<std::string>& linkedFiles() const { return linkedFiles_; }

private:
    friend class IndexBuilder;
    struct Entry {
        std::string path;
        ObjectType type;
    };
    std::vector<Entry> entries_;
    std::unordered_map<std::string, std::size_t> byPath_;
    std::vector<std::string> warnings_;
    std::vector<std::pair<std::string, std::string>> refused_;
    std::vector<std::string> linkedFiles_;
};

// Walks `file` (opened from `fileName`). Call under h5Lock().
[[nodiscard]] FileIndex buildIndex(hid_t file, const std::string& fileName,
                                   const LinkPolicy& policy, const WalkLimits& limits = {});

// The link policy for a file opened from `fileName`.
[[nodiscard]] LinkPolicy linkPolicyFor(const std::string& fileName, bool allowOutside);

}  // namespace repscope::io
