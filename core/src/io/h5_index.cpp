#include "io/h5_index.h"

#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

#include "io/probe_trace.h"

namespace repscope::io {

namespace fs = std::filesystem;

LinkPolicy linkPolicyFor(const std::string& fileName, bool allowOutside) {
    LinkPolicy p;
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(fileName), ec).parent_path();
    const fs::path canon = fs::weakly_canonical(dir, ec);
    p.folder = (ec ? dir : canon).string();
    p.allowOutside = allowOutside;
    return p;
}

ObjectType FileIndex::type(const std::string& path) const {
    if (path.empty() || path == "/") return ObjectType::Group;
    const auto it = byPath_.find(path);
    return it == byPath_.end() ? ObjectType::Missing : entries_[it->second].type;
}

namespace {
bool isUnder(const std::string& path, const std::string& group) {
    if (group == "/") return path.size() > 1;
    return path.size() > group.size() && path.compare(0, group.size(), group) == 0 &&
           path[group.size()] == '/';
}
}  // namespace

std::vector<std::string> FileIndex::datasetsUnder(const std::string& group,
                                                  const std::vector<std::string>& exclude) const {
    std::vector<std::string> out;
    for (const Entry& e : entries_) {
        if (e.type != ObjectType::Dataset || !isUnder(e.path, group)) continue;
        bool excluded = false;
        for (const auto& x : exclude) excluded = excluded || e.path == x || isUnder(e.path, x);
        if (!excluded) out.push_back(e.path);
    }
    return out;
}

std::vector<std::string> FileIndex::childNames(const std::string& group) const {
    std::vector<std::string> out;
    for (const Entry& e : entries_) {
        if (parentPath(e.path) == group) out.push_back(e.path.substr(e.path.rfind('/') + 1));
    }
    return out;
}

namespace {

struct NameList {
    std::vector<std::string> names;
    std::size_t maxCount = 0;
    std::size_t maxNameBytes = 0;
    std::size_t tooLong = 0;
    bool truncated = false;
};

herr_t collectBounded(hid_t, const char* name, const H5L_info_t*, void* data) {
    auto* list = static_cast<NameList*>(data);
    if (list->names.size() >= list->maxCount) {
        list->truncated = true;
        return 1;  // stop iterating
    }
    const std::size_t len = strnlen(name, list->maxNameBytes + 1);
    if (len > list->maxNameBytes) {
        ++list->tooLong;
        return 0;
    }
    list->names.emplace_back(name, len);
    return 0;
}

std::string objectFileName(hid_t obj) {
    const ssize_t len = H5Fget_name(obj, nullptr, 0);
    if (len <= 0 || len > 65536) return {};
    std::string name(static_cast<std::size_t>(len), '\0');
    H5Fget_name(obj, name.data(), name.size() + 1);
    return name;
}

fs::path canonicalOrSelf(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? p : c;
}

bool insideFolder(const fs::path& file, const std::string& folder) {
    const std::string f = canonicalOrSelf(file).string();
    return f.size() > folder.size() && f.compare(0, folder.size(), folder) == 0 &&
           (folder.back() == '/' || f[folder.size()] == '/');
}

}  // namespace

class IndexBuilder {
public:
    IndexBuilder(hid_t file, const std::string& fileName, const LinkPolicy& policy,
                 const WalkLimits& limits)
        : file_(file), fileName_(fileName), policy_(policy), limits_(limits) {
    }

    FileIndex run() {
        struct Frame {
            H5Id group;
            std::string path;
            int depth;
            std::vector<std::string> names;
            std::size_t next = 0;
        };
        std::vector<Frame> stack;
        traceTouch("/");
        H5Id root(H5Gopen2(file_, "/", H5P_DEFAULT));
        if (!root) return std::move(index_);
        H5O_info_t rootInfo{};
        if (H5Oget_info2(root.get(), &rootInfo, H5O_INFO_BASIC) >= 0) {
            seen_.emplace(std::make_pair(rootInfo.fileno, rootInfo.addr), "/");
        }
        std::vector<std::string> rootNames = listChildren(root.get(), "/");
        stack.push_back(Frame{std::move(root), "/", 0, std::move(rootNames)});
        while (!stack.empty() && !stopped_) {
            Frame& top = stack.back();
            if (top.next >= top.names.size()) {
                stack.pop_back();
                continue;
            }
            const std::string name = top.names[top.next++];
            const std::string path = (top.path == "/" ? "/" : top.path + "/") + name;
            H5Id child;
            if (visit(top.group.get(), name, path, top.depth + 1, child)) {
                std::vector<std::string> names = listChildren(child.get(), path);
                const int depth = top.depth + 1;
                stack.push_back(Frame{std::move(child), path, depth, std::move(names)});
            }
        }
        return std::move(index_);
    }

private:
    void warn(const std::string& sentence) { index_.warnings_.push_back(sentence); }
    std::string where(const std::string& path) const { return fileName_ + ":" + path; }

    std::vector<std::string> listChildren(hid_t group, const std::string& path) {
        traceTouch(path);
        NameList list;
        list.maxCount = limits_.maxObjects;
        list.maxNameBytes = limits_.maxNameBytes;
        hsize_t idx = 0;
        if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collectBounded, &list) < 0) {
            list = NameList{};
            list.maxCount = limits_.maxObjects;
            list.maxNameBytes = limits_.maxNameBytes;
            idx = 0;
            if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collectBounded, &list) < 0 &&
                list.names.empty()) {
                warn(where(path) + " is a group whose member list cannot be read (" +
                     lastH5Message() + "); its contents are skipped");
            }
        }
        if (list.tooLong > 0) {
            warn(where(path) + " has " + std::to_string(list.tooLong) + " member name(s) longer than " +
                 std::to_string(limits_.maxNameBytes) + " bytes; skipped");
        }
        if (list.truncated) {
            warn(where(path) + " has more than " + std::to_string(limits_.maxObjects) +
                 " members; only the first are listed");
        }
        return std::move(list.names);
    }

    // Resolves an external file name as HDF5 does for a link in `containingFile`: absolute as
    // is, relative to the containing file's directory.
    static fs::path resolveTarget(const std::string& target, const std::string& containingFile) {
        fs::path t(target);
        if (t.is_absolute()) return t;
        std::error_code ec;
        return fs::absolute(fs::path(containingFile), ec).parent_path() / t;
    }

    // Checks an other-file target against the policy; returns an empty string when allowed,
    // else why not (one clause).
    std::string refuseTarget(const fs::path& resolved) const {
        std::error_code ec;
        if (!fs::exists(resolved, ec)) return "which does not exist";
        if (!fs::is_regular_file(resolved, ec)) return "which is not a regular file";
        if (!policy_.allowOutside && !insideFolder(resolved, policy_.folder)) {
            return "outside the file's folder; not followed (allow with --allow-links-outside)";
        }
        return {};
    }

    void noteLinkedFile(const fs::path& file) {
        const std::string c = canonicalOrSelf(file).string();
        if (c == canonicalOrSelf(fileName_).string()) return;
        for (const auto& f : index_.linkedFiles_) {
            if (f == c) return;
        }
        index_.linkedFiles_.push_back(c);
    }

    // Visits one link; returns true (with `group` open) when it is a group to descend into.
    bool visit(hid_t parent, const std::string& name, const std::string& path, int depth,
               H5Id& group) {
        if (index_.entries_.size() >= limits_.maxObjects) {
            warn(fileName_ + " has more than " + std::to_string(limits_.maxObjects) +
                 " groups and datasets; only the first are listed");
            stopped_ = true;
            return false;
        }
        traceTouch(path);
        H5L_info_t link{};
        if (H5Lget_info(parent, name.c_str(), &link, H5P_DEFAULT) < 0) {
            warn(where(path) + " is a link that cannot be read (" + lastH5Message() + "); skipped");
            return false;
        }
        std::string externalFile;
        if (link.type == H5L_TYPE_SOFT) {
            const std::string target = linkValue(parent, name, link);
            if (H5Oexists_by_name(parent, name.c_str(), H5P_DEFAULT) <= 0) {
                H5Eclear2(H5E_DEFAULT);
                warn(where(path) + " is a soft link to " + target +
                     ", which does not exist; skipped");
                return false;
            }
        } else if (link.type == H5L_TYPE_EXTERNAL) {
            if (!checkExternal(parent, name, path, link, externalFile)) return false;
        } else if (link.type != H5L_TYPE_HARD) {
            warn(where(path) + " is a user-defined link, which RepScope does not follow; skipped");
            return false;
        }
        H5O_info_t info{};
        if (H5Oget_info_by_name2(parent, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
            warn(where(path) + " cannot be read (" + lastH5Message() + "); skipped");
            return false;
        }
        if (!externalFile.empty()) {
            // HDF5 searches several places for a relative name: make sure it opened the file the
            // policy approved.
            H5Id obj(H5Oopen(parent, name.c_str(), H5P_DEFAULT));
            const std::string opened = obj ? objectFileName(obj.get()) : std::string();
            if (opened.empty() ||
                canonicalOrSelf(opened).string() != canonicalOrSelf(externalFile).string()) {
                warn(where(path) + " is an external link that resolved to " +
                     (opened.empty() ? std::string("an unknown file") : opened) + ", not " +
                     externalFile + "; not followed");
                return false;
            }
            noteLinkedFile(externalFile);
        }
        // Groups are walked once (a hard link to an ancestor would loop); a dataset with two
        // names is listed under both, as the file says.
        const auto key = std::make_pair(info.fileno, info.addr);
        const auto seen = info.type == H5O_TYPE_GROUP ? seen_.find(key) : seen_.end();
        if (seen != seen_.end()) {
            if (info.type == H5O_TYPE_GROUP) {
                const bool cycle = isUnder(path, seen->second) || seen->second == "/";
                warn(where(path) + (cycle ? " links back to " : " is another link to ") +
                     seen->second + "; walked once");
            }
            index_.refused_.emplace_back(path, "is another name for " + seen->second);
            return false;
        }
        if (info.type == H5O_TYPE_GROUP) {
            seen_.emplace(key, path);
            if (depth > limits_.maxDepth) {
                warn(where(path) + " is nested deeper than " + std::to_string(limits_.maxDepth) +
                     " groups; not walked further");
                return false;
            }
            group = H5Id(H5Gopen2(parent, name.c_str(), H5P_DEFAULT));
            if (!group) {
                warn(where(path) + " is a group that cannot be opened (" + lastH5Message() +
                     "); skipped");
                return false;
            }
            add(path, ObjectType::Group);
            return true;
        }
        if (info.type == H5O_TYPE_DATASET) {
            if (checkDatasetSources(parent, name, path)) add(path, ObjectType::Dataset);
            return false;
        }
        add(path, ObjectType::Other);
        return false;
    }

    std::string linkValue(hid_t parent, const std::string& name, const H5L_info_t& link) {
        const std::size_t size = link.u.val_size;
        if (size == 0 || size > 65536) return "(unreadable target)";
        std::string buf(size, '\0');
        if (H5Lget_val(parent, name.c_str(), buf.data(), size, H5P_DEFAULT) < 0) {
            return "(unreadable target)";
        }
        buf.resize(strnlen(buf.data(), size));
        return buf;
    }

    bool checkExternal(hid_t parent, const std::string& name, const std::string& path,
                       const H5L_info_t& link, std::string& resolvedFile) {
        const std::size_t size = link.u.val_size;
        std::string buf(size > 0 && size <= 65536 ? size : 0, '\0');
        const char* targetFile = nullptr;
        const char* targetObj = nullptr;
        unsigned flags = 0;
        if (buf.empty() || H5Lget_val(parent, name.c_str(), buf.data(), size, H5P_DEFAULT) < 0 ||
            H5Lunpack_elink_val(buf.data(), size, &flags, &targetFile, &targetObj) < 0 ||
            targetFile == nullptr || targetObj == nullptr) {
            warn(where(path) + " is an external link that cannot be read; skipped");
            return false;
        }
        const std::string containing = objectFileName(parent);
        const fs::path resolved = resolveTarget(targetFile, containing.empty() ? fileName_ : containing);
        const std::string target = std::string(targetFile) + ":" + targetObj;
        const std::string why = refuseTarget(resolved);
        if (!why.empty()) {
            warn(where(path) + " is an external link to " + target + ", " + why +
                 (why.rfind("outside", 0) == 0 ? "" : "; skipped"));
            index_.refused_.emplace_back(path, "is an external link to " + target + ", " + why);
            return false;
        }
        if (H5Oexists_by_name(parent, name.c_str(), H5P_DEFAULT) <= 0) {
            H5Eclear2(H5E_DEFAULT);
            warn(where(path) + " is an external link to " + target +
                 ", whose object does not exist; skipped");
            return false;
        }
        resolvedFile = resolved.string();
        return true;
    }

    // Virtual datasets and datasets with external raw storage read other files: the same policy
    // applies to those; a virtual dataset that reads itself (or another virtual dataset of the
    // same file) is refused, since HDF5 would recurse without bound.
    bool checkDatasetSources(hid_t parent, const std::string& name, const std::string& path) {
        H5Id ds(H5Dopen2(parent, name.c_str(), datasetAccess()));
        if (!ds) return true;  // the readers report what they cannot open
        H5Id dcpl(H5Dget_create_plist(ds.get()));
        if (!dcpl) return true;
        const std::string containing = objectFileName(ds.get());
        const std::string base = containing.empty() ? fileName_ : containing;
        const int externalCount = H5Pget_external_count(dcpl.get());
        for (int k = 0; k < externalCount; ++k) {
            char raw[1024] = {0};
            off_t offset = 0;
            hsize_t size = 0;
            if (H5Pget_external(dcpl.get(), static_cast<unsigned>(k), sizeof raw - 1, raw, &offset,
                                &size) < 0) {
                return refuse(path, "stores its values in external raw files that cannot be listed");
            }
            const fs::path resolved = resolveTarget(raw, base);
            const std::string why = refuseTarget(resolved);
            if (!why.empty()) {
                return refuse(path, "stores its values in the external raw file " +
                                        std::string(raw) + ", " + why);
            }
            noteLinkedFile(resolved);
        }
        if (H5Pget_layout(dcpl.get()) != H5D_VIRTUAL) return true;
        std::size_t count = 0;
        if (H5Pget_virtual_count(dcpl.get(), &count) < 0 || count > 100000) {
            return refuse(path, "is a virtual dataset whose source list cannot be read");
        }
        for (std::size_t k = 0; k < count; ++k) {
            const std::string file = virtualString(dcpl.get(), k, true);
            const std::string dset = virtualString(dcpl.get(), k, false);
            if (file.empty() || dset.empty()) {
                return refuse(path, "is a virtual dataset whose source list cannot be read");
            }
            if (file.find('%') != std::string::npos || dset.find('%') != std::string::npos) {
                return refuse(path, "is a virtual dataset with printf-style source names (" + file +
                                        ":" + dset + "), which RepScope does not follow");
            }
            const fs::path resolved = resolveTarget(file, base);
            const bool sameFile =
                file == "." || canonicalOrSelf(resolved).string() == canonicalOrSelf(base).string();
            if (sameFile) {
                const std::string src = dset.front() == '/' ? dset : "/" + dset;
                if (src == path) return refuse(path, "is a virtual dataset that reads itself");
                if (H5Lexists(file_, src.c_str(), H5P_DEFAULT) <= 0) {
                    H5Eclear2(H5E_DEFAULT);
                    return refuse(path, "is a virtual dataset whose source " + src +
                                            " does not exist (it would read fill values)");
                }
                H5Id srcDs(H5Dopen2(file_, src.c_str(), datasetAccess()));
                H5Id srcPlist(srcDs ? H5Dget_create_plist(srcDs.get()) : H5I_INVALID_HID);
                if (!srcPlist || H5Pget_layout(srcPlist.get()) == H5D_VIRTUAL) {
                    return refuse(path, "is a virtual dataset whose source " + src +
                                            " is itself virtual (or unreadable); not followed");
                }
                continue;
            }
            const std::string why = refuseTarget(resolved);
            if (!why.empty()) {
                if (why.rfind("which does not exist", 0) == 0) {
                    return refuse(path, "is a virtual dataset whose source file " + file +
                                            " does not exist (it would read fill values)");
                }
                return refuse(path, "is a virtual dataset reading " + file + ":" + dset + ", " + why);
            }
            noteLinkedFile(resolved);
        }
        return true;
    }

    static std::string virtualString(hid_t dcpl, std::size_t k, bool fileName) {
        const ssize_t len = fileName ? H5Pget_virtual_filename(dcpl, k, nullptr, 0)
                                     : H5Pget_virtual_dsetname(dcpl, k, nullptr, 0);
        if (len <= 0 || len > 65536) return {};
        std::string s(static_cast<std::size_t>(len), '\0');
        const ssize_t rc = fileName ? H5Pget_virtual_filename(dcpl, k, s.data(), s.size() + 1)
                                    : H5Pget_virtual_dsetname(dcpl, k, s.data(), s.size() + 1);
        return rc < 0 ? std::string() : s;
    }

    bool refuse(const std::string& path, const std::string& why) {
        warn(where(path) + " " + why + "; skipped");
        index_.refused_.emplace_back(path, why);
        return false;
    }

    void add(const std::string& path, ObjectType type) {
        index_.byPath_.emplace(path, index_.entries_.size());
        index_.entries_.push_back(FileIndex::Entry{path, type});
    }

    hid_t file_;
    std::string fileName_;
    LinkPolicy policy_;
    WalkLimits limits_;
    FileIndex index_;
    std::map<std::pair<unsigned long, haddr_t>, std::string> seen_;
    bool stopped_ = false;
};

FileIndex buildIndex(hid_t file, const std::string& fileName, const LinkPolicy& policy,
                     const WalkLimits& limits) {
    return IndexBuilder(file, fileName, policy, limits).run();
}

}  // namespace repscope::io
