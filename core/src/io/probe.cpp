// The isolated probe (see repscope/probe.h): the parent spawns the same executable with
// --probe-file, reads the objects it touches from a pipe, and turns a signal or a time-out into
// one sentence. POSIX only (posix_spawn, poll, waitpid).
#include "repscope/probe.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <tuple>
#include <vector>

#include "io/probe_trace.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/text.h"

extern char** environ;  // NOLINT: POSIX

namespace repscope {
namespace {

struct ProbeState {
    std::mutex mutex;
    std::optional<ProbeSettings> settings;
    // (canonical path, size, mtime ns, allow outside) → empty when fine, else the sentence.
    std::map<std::tuple<std::string, std::uint64_t, std::int64_t, bool>, std::string> cache;
    ProbeCounters counters;
};

ProbeState& state() {
    static ProbeState s;
    return s;
}

constexpr const char* kDoneLine = "!done";
constexpr const char* kMemoryLine = "!memory";

std::string signalName(int sig) {
    switch (sig) {
        case SIGSEGV: return "segmentation fault";
        case SIGBUS: return "bus error";
        case SIGFPE: return "arithmetic exception";
        case SIGILL: return "illegal instruction";
        case SIGABRT: return "abort";
        case SIGKILL: return "killed";
        case SIGXCPU: return "CPU time limit";
        default: return "signal " + std::to_string(sig);
    }
}

struct ChildOutcome {
    bool timedOut = false;
    bool exited = false;
    int exitCode = 0;
    int signal = 0;
    std::string lastObject;
    bool done = false;
    bool outOfMemory = false;
};

ChildOutcome spawnAndWait(const ProbeSettings& settings, const std::string& path,
                          bool allowOutside, const std::function<bool()>& cancelled) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw FileError(path + " could not be checked: no pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string memory = std::to_string(settings.memoryLimitBytes);
    const std::string seconds = std::to_string(settings.timeoutSeconds);
    std::vector<std::string> args = {settings.executable, "--probe-file", path,
                                     "--probe-memory", memory, "--probe-seconds", seconds};
    if (allowOutside) args.emplace_back("--allow-links-outside");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // One thread each for BLAS and OpenMP in the child: it reads a few rows only.
    std::vector<std::string> env = {"OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1",
                                    "QT_QPA_PLATFORM=offscreen"};
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, settings.executable.c_str(), &actions, nullptr, argv.data(),
                               envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        throw FileError(path + " could not be checked: starting " + settings.executable +
                        " failed (" + std::strerror(rc) + ")");
    }
    ChildOutcome out;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(settings.timeoutSeconds);
    std::string pending;
    char buf[4096];
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            out.timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        if (cancelled && cancelled()) {
            kill(pid, SIGKILL);
            close(fds[0]);
            int ignored = 0;
            while (waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
            }
            throw Cancelled();
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left, 100)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t got = read(fds[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;  // EOF: the child exited (or closed stdout)
        pending.append(buf, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (std::size_t nl = pending.find('\n'); nl != std::string::npos;
             nl = pending.find('\n', start)) {
            std::string line = pending.substr(start, nl - start);
            start = nl + 1;
            if (line == kDoneLine) {
                out.done = true;
            } else if (line == kMemoryLine) {
                out.outOfMemory = true;
            } else if (!line.empty()) {
                out.lastObject = std::move(line);
            }
        }
        pending.erase(0, start);
        if (pending.size() > 65536) pending.clear();
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!out.timedOut) {
        if (WIFEXITED(status)) {
            out.exited = true;
            out.exitCode = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            out.signal = WTERMSIG(status);
        }
    }
    return out;
}

std::string near(const ChildOutcome& o) {
    return o.lastObject.empty() ? std::string() : " near " + printable(o.lastObject);
}

std::string verdict(const ChildOutcome& o, const std::string& path, const ProbeSettings& s) {
    const std::string file = printable(path);
    if (o.timedOut) {
        return file + " is damaged: reading its structure did not finish within " +
               std::to_string(s.timeoutSeconds) + " s (stuck" + near(o) +
               "); RepScope did not open it";
    }
    if (o.outOfMemory) {
        return file + " is damaged or too large: reading its structure needed more than " +
               std::to_string(s.memoryLimitBytes >> 20) + " MB of memory" + near(o) +
               "; RepScope did not open it";
    }
    if (o.signal != 0) {
        return file + " is damaged: reading its structure made the HDF5 library fail (" +
               signalName(o.signal) + near(o) + "); RepScope did not open it";
    }
    if (!o.done) {
        // Exited without finishing its walk: a sanitizer's report, an abort handler, an exit
        // from inside a library. Not a clean error the loader could report itself.
        return file + " is damaged: reading its structure made the HDF5 library fail (exit code " +
               std::to_string(o.exitCode) + near(o) + "); RepScope did not open it";
    }
    return {};  // finished: a clean error (if any) is reported by the in-process open
}

}  // namespace

void enableProbe(ProbeSettings settings) {
    const char* env = std::getenv("REPSCOPE_PROBE");
    if (env != nullptr && std::string(env) == "0") return;
    std::lock_guard lock(state().mutex);
    state().settings = std::move(settings);
}

void disableProbe() {
    std::lock_guard lock(state().mutex);
    state().settings.reset();
}

bool probeEnabled() {
    std::lock_guard lock(state().mutex);
    return state().settings.has_value();
}

ProbeCounters probeCounters() {
    std::lock_guard lock(state().mutex);
    return state().counters;
}

void probeFile(const std::string& path, bool allowLinksOutside,
               const std::function<bool()>& cancelled) {
    ProbeSettings settings;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;  // open() says why
    std::error_code ec;
    const std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
    const auto key = std::make_tuple(ec ? path : canonical, static_cast<std::uint64_t>(st.st_size),
                                     static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                                         st.st_mtim.tv_nsec,
                                     allowLinksOutside);
    {
        std::lock_guard lock(state().mutex);
        if (!state().settings) return;
        settings = *state().settings;
        const auto it = state().cache.find(key);
        if (it != state().cache.end()) {
            ++state().counters.cached;
            if (!it->second.empty()) throw FileError(it->second);
            return;
        }
        ++state().counters.spawned;
    }
    const ChildOutcome outcome = spawnAndWait(settings, path, allowLinksOutside, cancelled);
    const std::string sentence = verdict(outcome, path, settings);
    {
        std::lock_guard lock(state().mutex);
        state().cache[key] = sentence;
    }
    if (!sentence.empty()) throw FileError(sentence);
}

// ---------------------------------------------------------------------------------------------
// The child.

namespace {

void writeLine(const char* line) {
    const std::size_t len = std::strlen(line);
    std::string s(line, len);
    s.push_back('\n');
    ssize_t rc = 0;
    do {
        rc = ::write(STDOUT_FILENO, s.data(), s.size());
    } while (rc < 0 && errno == EINTR);
}

void applyLimits(std::uint64_t memoryBytes, unsigned seconds) {
    rlimit core{0, 0};
    setrlimit(RLIMIT_CORE, &core);
    rlimit cpu{static_cast<rlim_t>(seconds) + 5, static_cast<rlim_t>(seconds) + 10};
    setrlimit(RLIMIT_CPU, &cpu);
    // AddressSanitizer reserves terabytes of address space: no limit in sanitizer builds (GCC
    // and clang both define __SANITIZE_ADDRESS__ under -fsanitize=address).
#ifndef __SANITIZE_ADDRESS__
    rlimit as{static_cast<rlim_t>(memoryBytes), static_cast<rlim_t>(memoryBytes)};
    setrlimit(RLIMIT_AS, &as);
#else
    (void)memoryBytes;
#endif
}

}  // namespace

int runProbeChild(int argc, char** argv) {
    std::string path;
    std::uint64_t memory = std::uint64_t{4} << 30;
    unsigned seconds = 30;
    OpenOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--probe-file" && i + 1 < argc) {
            path = argv[++i];
        } else if (a == "--probe-memory" && i + 1 < argc) {
            memory = std::strtoull(argv[++i], nullptr, 10);
        } else if (a == "--probe-seconds" && i + 1 < argc) {
            seconds = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        } else if (a == "--allow-links-outside") {
            options.allowLinksOutside = true;
        }
    }
    if (path.empty()) return 2;
    applyLimits(memory, seconds);
    disableProbe();
    io::setTraceDescriptor(STDOUT_FILENO);
    try {
        const auto file = DataFile::open(path, options);
        for (const auto& r : file->representations()) {
            const std::size_t n = r->info().n;
            const std::size_t d = r->info().d;
            // Rows as large as a legitimate file can have stay unread here (their headers and
            // chunk indexes were read at open); condensed RDMs are read whole.
            const bool condensed = r->info().path.rfind("/dissimilarities", 0) == 0;
            if (d > (std::size_t{1} << 24) || (condensed && n > (std::size_t{1} << 14))) continue;
            io::traceTouch(r->info().path);
            (void)r->readRows(0, std::min<std::size_t>(n, 2));
            if (n > 2) (void)r->readRows(n - 1, 1);
        }
    } catch (const std::bad_alloc&) {
        writeLine(kMemoryLine);
        return 4;
    } catch (const std::exception&) {
        writeLine(kDoneLine);
        return 1;  // a clean error: the in-process open reports it
    }
    writeLine(kDoneLine);
    return 0;
}

}  // namespace repscope
