// repscope-mpi matrix FILE... --metric NAME [metric options] [--select GLOB] [--out OUT]
//                     [--checkpoint CK.h5] [--tile-size B] [--stop-after-tiles K] [--json]
#include "distributed_matrix.h"

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include "cli/arguments.h"
#include "cli/json_writer.h"
#include "cli/metric_runner.h"
#include "matrix_checkpoint.h"
#include "pair_tiles.h"
#include "repscope/collection.h"
#include "repscope/error.h"
#include "repscope/matrix_writer.h"
#include "repscope/metrics/prepared_layer.h"
#include "resident_memory.h"

namespace repscope::mpi {

const char* const kMatrixMpiUsage =
    "Usage: mpirun -n P repscope-mpi matrix FILE [FILE...] --metric NAME [metric options]\n"
    "                 [--select GLOB] [--out OUT.csv|OUT.h5|OUT.npy] [--json]\n"
    "                 [--checkpoint CK.h5] [--tile-size B] [--stop-after-tiles K]\n\n"
    "`repscope matrix` over MPI ranks: the pair matrix is cut into tiles of B x B representations,\n"
    "each rank reads only the representations of its tiles, and rank 0 writes the result.\n"
    "  --checkpoint CK.h5    record finished tiles there (rewritten atomically as they finish);\n"
    "                        a rerun with the same file computes only what is missing\n"
    "  --tile-size B         representations a tile side (default: ~4 tiles a rank, within the\n"
    "                        memory budget)\n"
    "  --memory-per-rank G   GiB a rank may hold in prepared layers (default: RepScope's memory\n"
    "                        budget, 3/4 of the node's memory: set it when ranks share a node)\n"
    "  --stop-after-tiles K  each rank stops after K tiles (tests: a simulated preemption;\n"
    "                        needs --checkpoint; exit status 75)\n"
    "  --json                as `repscope matrix`, plus \"ranks\": [{\"rank\", \"pairs\",\n"
    "                        \"seconds\", \"cpu_seconds\", ...}], \"computed_pairs\",\n"
    "                        \"resumed_pairs\"\n";

namespace {

constexpr int kTileTag = 17;
constexpr int kStoppedStatus = 75;

struct LayerEntry {
    CollectionEntry entry;
    std::string name;
    bool isRdm = false;
    std::size_t d = 0;
};

struct MatrixJob {
    cli::Arguments arguments;
    cli::MetricRequest request;
    Collection collection;
    std::vector<LayerEntry> layers;
    std::vector<std::string> labels;  // stimulus labels
    std::size_t n = 0;
};

// Bounded little reader/writer for the tile messages.
class ByteWriter {
public:
    template <class T>
    void put(const T& v) {
        const auto* p = reinterpret_cast<const char*>(&v);
        bytes.insert(bytes.end(), p, p + sizeof(T));
    }
    void putText(const std::string& s) {
        put<std::uint64_t>(s.size());
        bytes.insert(bytes.end(), s.begin(), s.end());
    }
    std::vector<char> bytes;
};

class ByteReader {
public:
    explicit ByteReader(const std::vector<char>& bytes) : bytes_(bytes) {}
    template <class T>
    T get() {
        if (bytes_.size() - at_ < sizeof(T)) throw FormatError("a tile message was cut short.");
        T v;
        std::memcpy(&v, bytes_.data() + at_, sizeof(T));
        at_ += sizeof(T);
        return v;
    }
    std::string getText() {
        const auto size = get<std::uint64_t>();
        if (bytes_.size() - at_ < size) throw FormatError("a tile message was cut short.");
        std::string s(bytes_.data() + at_, static_cast<std::size_t>(size));
        at_ += static_cast<std::size_t>(size);
        return s;
    }

private:
    const std::vector<char>& bytes_;
    std::size_t at_ = 0;
};

struct TileResult {
    std::size_t tile = 0;
    std::vector<std::pair<Pair, double>> values;
    std::vector<metrics::UndefinedEntry> undefined;
};

std::vector<char> encode(const TileResult& r) {
    ByteWriter w;
    w.put<std::uint64_t>(r.tile);
    w.put<std::uint64_t>(r.values.size());
    for (const auto& [p, v] : r.values) {
        w.put<std::uint64_t>(p.row);
        w.put<std::uint64_t>(p.column);
        w.put<double>(v);
    }
    w.put<std::uint64_t>(r.undefined.size());
    for (const auto& u : r.undefined) {
        w.put<std::uint64_t>(static_cast<std::uint64_t>(u.row));
        w.put<std::uint64_t>(static_cast<std::uint64_t>(u.column));
        w.putText(u.message);
    }
    return std::move(w.bytes);
}

TileResult decode(const std::vector<char>& bytes, std::size_t k) {
    ByteReader r(bytes);
    TileResult out;
    out.tile = static_cast<std::size_t>(r.get<std::uint64_t>());
    const auto count = r.get<std::uint64_t>();
    if (count > bytes.size() / 24) throw FormatError("a tile message was cut short.");
    for (std::uint64_t i = 0; i < count; ++i) {
        Pair p;
        p.row = static_cast<std::size_t>(r.get<std::uint64_t>());
        p.column = static_cast<std::size_t>(r.get<std::uint64_t>());
        const auto v = r.get<double>();
        if (p.row >= k || p.column >= k) throw FormatError("a tile message names no pair.");
        out.values.emplace_back(p, v);
    }
    const auto undefined = r.get<std::uint64_t>();
    if (undefined > count) throw FormatError("a tile message was cut short.");
    for (std::uint64_t i = 0; i < undefined; ++i) {
        metrics::UndefinedEntry u;
        u.row = static_cast<Eigen::Index>(r.get<std::uint64_t>());
        u.column = static_cast<Eigen::Index>(r.get<std::uint64_t>());
        u.message = r.getText();
        out.undefined.push_back(std::move(u));
    }
    return out;
}

MatrixJob openJob(const std::vector<std::string>& args) {
    MatrixJob job;
    std::set<std::string> options = cli::metricOptionNames();
    options.insert({"--metric", "--select", "--out", "--nan-policy", "--checkpoint", "--tile-size",
                    "--stop-after-tiles", "--memory-per-rank"});
    options.merge(cli::transformOptionNames());
    job.arguments = cli::parseArguments("matrix", args, {"--json"}, options);
    const cli::Arguments& a = job.arguments;
    if (a.positional.empty()) throw InputError("expects at least one FILE (see --help)");
    for (const char* unsupported : {"--relative", "--anchors"}) {
        if (a.options.count(unsupported) != 0) {
            throw InputError(std::string(unsupported) + " is not distributed yet; run `repscope "
                             "matrix` for relative representations.");
        }
    }
    if (a.option("--nan-policy", "error") != "error") {
        throw InputError("--nan-policy drop needs every representation at once; repscope-mpi "
                         "supports --nan-policy error (pairs with NaN/Inf are null, with the "
                         "reason).");
    }
    if (a.options.count("--stop-after-tiles") != 0 && a.options.count("--checkpoint") == 0) {
        throw InputError("--stop-after-tiles needs --checkpoint (the tiles done are kept there).");
    }
    if (a.option("--out", "").empty() && !a.has("--json")) {
        throw InputError("nothing to do: give --out FILE or --json");
    }
    job.request = cli::metricRequestFrom(a);
    const std::string select = a.option("--select", "*");
    for (const auto& f : a.positional) job.collection.add(DataFile::open(f));
    job.n = job.collection.stimulusCount();
    for (std::size_t i = 0; i < job.n; ++i) job.labels.push_back(job.collection.stimuli().label(i));
    for (const CollectionEntry& e : job.collection.representations()) {
        const RepresentationInfo& info = e.representation->info();
        if (fnmatch(select.c_str(), info.path.c_str(), 0) != 0 &&
            fnmatch(select.c_str(), info.qualifiedName().c_str(), 0) != 0) {
            continue;
        }
        const bool isRdm = info.kind == RepresentationKind::Rdm;
        if (isRdm && !job.request.metric->compareRdms) continue;  // rank 0 says so
        job.layers.push_back({e, info.qualifiedName(), isRdm, info.d});
    }
    if (job.layers.empty()) {
        throw InputError("no representation matches --select '" + select + "'");
    }
    return job;
}

// Everything a checkpoint must agree on: metric and its options, stimuli, and each
// representation's name and shape.
std::string fingerprintOf(const MatrixJob& job) {
    std::ostringstream f;
    f << "repscope-mpi matrix v1\nmetric " << job.request.metric->name << "\n";
    for (const auto& [name, value] : job.arguments.options) {
        if (name == "--out" || name == "--checkpoint" || name == "--stop-after-tiles" ||
            name == "--memory-per-rank" || name == "--tile-size") {
            continue;
        }
        f << "option " << name << " " << value << "\n";
    }
    f << "stimuli " << job.n << "\n";
    for (const std::string& l : job.labels) f << "label " << l << "\n";
    for (const LayerEntry& l : job.layers) f << "layer " << l.name << " " << l.d << "\n";
    return f.str();
}

// The prepared layers a rank holds, least recently used dropped first beyond `budget` bytes.
class PreparedCache {
public:
    PreparedCache(const MatrixJob& job, double budget) : job_(job), budget_(budget) {}

    const metrics::PreparedLayer& get(std::size_t i, const std::vector<std::size_t>& pinned) {
        ++clock_;
        auto it = entries_.find(i);
        if (it == entries_.end()) {
            const LayerEntry& l = job_.layers[i];
            MatrixF values = job_.collection.read(l.entry);
            readBytes += static_cast<double>(values.size()) * sizeof(float);
            auto prepared = metrics::prepareLayer(*job_.request.metric, std::move(values), l.isRdm,
                                                  &job_.labels, l.name, job_.request.params);
            ++preparedCount;
            held_ += static_cast<double>(prepared->bytes());
            it = entries_.emplace(i, Entry{std::move(prepared), clock_}).first;
            evict(pinned);
        }
        it->second.used = clock_;
        return *it->second.layer;
    }

    double readBytes = 0.0;
    std::size_t preparedCount = 0;

private:
    struct Entry {
        std::shared_ptr<const metrics::PreparedLayer> layer;
        std::uint64_t used = 0;
    };
    void evict(const std::vector<std::size_t>& pinned) {
        while (held_ > budget_) {
            auto victim = entries_.end();
            for (auto it = entries_.begin(); it != entries_.end(); ++it) {
                if (std::find(pinned.begin(), pinned.end(), it->first) != pinned.end()) continue;
                if (victim == entries_.end() || it->second.used < victim->second.used) victim = it;
            }
            if (victim == entries_.end()) return;  // only the current tile's layers are held
            held_ -= static_cast<double>(victim->second.layer->bytes());
            entries_.erase(victim);
        }
    }
    const MatrixJob& job_;
    double budget_;
    double held_ = 0.0;
    std::uint64_t clock_ = 0;
    std::map<std::size_t, Entry> entries_;
};

TileResult computeTile(const MatrixJob& job, const PairTilePlan& plan, const PairTile& tile,
                       PreparedCache& cache) {
    TileResult r;
    r.tile = tile.index;
    const std::vector<std::size_t> needed = plan.representations(tile);
    for (std::size_t i : needed) (void)cache.get(i, needed);
    for (const Pair& p : plan.pairs(tile)) {
        const metrics::PreparedLayer& a = cache.get(p.row, needed);
        const metrics::PreparedLayer& b = cache.get(p.column, needed);
        double v = std::numeric_limits<double>::quiet_NaN();
        try {
            v = metrics::comparePreparedLayers(*job.request.metric, a, b, job.request.params);
        } catch (const FormatError& e) {
            r.undefined.push_back({static_cast<Eigen::Index>(p.row),
                                   static_cast<Eigen::Index>(p.column), e.what()});
        }
        r.values.emplace_back(p, v);
    }
    return r;
}

// Rank 0's copy of the result and the checkpoint it keeps.
struct Assembly {
    MatrixCheckpoint state;
    bool symmetric = true;
    std::string checkpointPath;

    void merge(const TileResult& r) {
        for (const auto& [p, v] : r.values) {
            const auto i = static_cast<Eigen::Index>(p.row);
            const auto j = static_cast<Eigen::Index>(p.column);
            state.values(i, j) = v;
            if (symmetric) state.values(j, i) = v;
        }
        for (const auto& u : r.undefined) state.undefined.push_back(u);
        if (r.tile < state.tilesDone.size()) state.tilesDone[r.tile] = true;
    }
    void save() const {
        if (!checkpointPath.empty()) writeCheckpoint(checkpointPath, state);
    }
};

void writeOutput(const MatrixJob& job, const Assembly& assembly,
                 const std::vector<double>& stats, std::size_t statFields, std::size_t computed,
                 std::size_t resumed, const PairTilePlan& plan) {
    std::vector<metrics::UndefinedEntry> undefined = assembly.state.undefined;
    std::sort(undefined.begin(), undefined.end(), [](const auto& a, const auto& b) {
        return std::pair(a.row, a.column) < std::pair(b.row, b.column);
    });
    for (const auto& u : undefined) {
        std::cerr << "undefined: " << job.layers[static_cast<std::size_t>(u.row)].name << " vs "
                  << job.layers[static_cast<std::size_t>(u.column)].name << ": " << u.message
                  << "\n";
    }
    std::vector<std::string> labels;
    for (const LayerEntry& l : job.layers) labels.push_back(l.name);
    const MatrixD values = assembly.state.values;
    const std::string out = job.arguments.option("--out", "");
    if (!out.empty()) {
        MatrixOutput meta;
        meta.datasetName = "matrix";
        meta.attributes = {{"metric", job.request.metric->name}};
        meta.rowLabels = meta.columnLabels = labels;
        writeMatrix(out, values, meta);
    }
    const auto k = static_cast<Eigen::Index>(labels.size());
    if (!job.arguments.has("--json")) {
        std::cout << "wrote the " << k << " × " << k << " " << job.request.metric->name
                  << " matrix to " << out << " (" << computed << " pairs computed, " << resumed
                  << " resumed)\n";
        return;
    }
    cli::JsonWriter w(std::cout);
    w.beginObject().key("metric").value(job.request.metric->name);
    w.key("labels").beginArray();
    for (const auto& l : labels) w.value(l);
    w.endArray().key("values").beginArray();
    for (Eigen::Index i = 0; i < k; ++i) {
        w.beginArray();
        for (Eigen::Index j = 0; j < k; ++j) w.value(values(i, j));
        w.endArray();
    }
    w.endArray().key("undefined").beginArray();
    for (const auto& u : undefined) {
        w.beginObject();
        w.key("row").value(static_cast<std::uint64_t>(u.row));
        w.key("column").value(static_cast<std::uint64_t>(u.column));
        w.key("reason").value(u.message);
        w.endObject();
    }
    w.endArray().key("ranks").beginArray();
    for (std::size_t r = 0; r * statFields < stats.size(); ++r) {
        const double* s = stats.data() + r * statFields;
        w.beginObject();
        w.key("rank").value(static_cast<std::uint64_t>(r));
        w.key("pairs").value(static_cast<std::uint64_t>(s[0]));
        w.key("seconds").value(s[1]);
        w.key("tiles").value(static_cast<std::uint64_t>(s[2]));
        w.key("prepared").value(static_cast<std::uint64_t>(s[3]));
        w.key("read_bytes").value(static_cast<std::uint64_t>(s[4]));
        w.key("sent_bytes").value(static_cast<std::uint64_t>(s[5]));
        w.key("peak_rss_bytes").value(static_cast<std::uint64_t>(s[6]));
        w.key("cpu_seconds").value(s[7]);
        w.endObject();
    }
    w.endArray();
    w.key("computed_pairs").value(static_cast<std::uint64_t>(computed));
    w.key("resumed_pairs").value(static_cast<std::uint64_t>(resumed));
    w.key("tiles").value(static_cast<std::uint64_t>(plan.tiles().size()));
    w.key("tile_size").value(static_cast<std::uint64_t>(plan.tileSize()));
    w.endObject();
    std::cout << "\n";
}

}  // namespace

int runDistributedMatrix(const MpiContext& context, const std::vector<std::string>& args) {
    MatrixJob job;
    collectively(context, [&] { job = openJob(args); });
    if (context.isRoot()) {
        for (const auto& line : job.collection.alignmentReport()) std::cerr << line << "\n";
    }
    const cli::Arguments& a = job.arguments;
    const metrics::MetricInfo& metric = *job.request.metric;
    const std::size_t k = job.layers.size();
    std::size_t maxD = 0;
    for (const LayerEntry& l : job.layers) maxD = std::max(maxD, l.d);
    double budget = static_cast<double>(memoryBudgetBytes());
    std::uint64_t stopAfter = 0;
    const std::string checkpointPath = a.option("--checkpoint", "");
    std::vector<char> tileBytes(sizeof(std::uint64_t), 0);
    collectively(context, [&] {
        if (a.options.count("--memory-per-rank") != 0) {
            const std::string text = a.option("--memory-per-rank", "");
            char* end = nullptr;
            const double gib = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !(gib > 0.0) || gib > 1e6) {
                throw InputError("--memory-per-rank takes a positive number of GiB, not '" + text +
                                 "'.");
            }
            budget = gib * 1024.0 * 1024.0 * 1024.0;
        }
        stopAfter = a.count("--stop-after-tiles", std::numeric_limits<std::uint64_t>::max());
        if (!context.isRoot()) return;
        // The tile size: the checkpoint's when resuming (whatever the number of ranks now),
        // else --tile-size, else ~4 tiles a rank within the memory budget.
        const std::optional<std::uint64_t> given =
            a.options.count("--tile-size") != 0 ? std::optional(a.count("--tile-size", 1))
                                                : std::nullopt;
        if (given && *given == 0) throw InputError("--tile-size must be at least 1.");
        const std::optional<std::uint64_t> recorded =
            checkpointPath.empty() ? std::nullopt : checkpointTileSize(checkpointPath);
        if (given && recorded && *given != *recorded) {
            throw InputError("the checkpoint " + checkpointPath + " was made with --tile-size " +
                             std::to_string(*recorded) + "; rerun with that size or without "
                             "--tile-size.");
        }
        const std::uint64_t size =
            recorded ? *recorded
                     : given ? *given
                             : defaultTileSize(k, context.size(), metric.symmetric,
                                               static_cast<double>(job.n) *
                                                   static_cast<double>(maxD) * sizeof(float),
                                               budget / 2.0);
        std::memcpy(tileBytes.data(), &size, sizeof size);
    });
    broadcastBytes(tileBytes, 0);
    std::uint64_t tileSize64 = 1;
    std::memcpy(&tileSize64, tileBytes.data(), sizeof tileSize64);
    const auto tileSize = static_cast<std::size_t>(tileSize64);
    const bool rsa = metric.family == metrics::MetricFamily::Rsa;
    std::vector<std::size_t> dims;
    for (const LayerEntry& l : job.layers) dims.push_back(l.d);
    const PairTilePlan plan(dims, job.n, tileSize, metric.symmetric, rsa);
    const std::size_t tileCount = plan.tiles().size();

    // Rank 0 reads the checkpoint and tells every rank which tiles are done.
    Assembly assembly;
    assembly.symmetric = metric.symmetric;
    assembly.checkpointPath = checkpointPath;
    const std::string fingerprint = fingerprintOf(job);
    std::vector<char> doneBytes;
    collectively(context, [&] {
        if (!context.isRoot()) return;
        std::optional<MatrixCheckpoint> previous;
        if (!assembly.checkpointPath.empty()) {
            previous = readCheckpoint(assembly.checkpointPath, fingerprint, k, tileCount);
        }
        if (previous) {
            assembly.state = std::move(*previous);
        } else {
            assembly.state.fingerprint = fingerprint;
            assembly.state.tileSize = tileSize;
            assembly.state.tilesDone.assign(tileCount, false);
            assembly.state.values = Eigen::MatrixXd::Constant(
                static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k),
                std::numeric_limits<double>::quiet_NaN());
        }
        doneBytes.assign(tileCount, 0);
        for (std::size_t t = 0; t < tileCount; ++t) doneBytes[t] = assembly.state.tilesDone[t] ? 1 : 0;
    });
    broadcastBytes(doneBytes, 0);
    std::vector<bool> done(tileCount, false);
    std::size_t resumedPairs = 0;
    std::size_t resumedTiles = 0;
    for (std::size_t t = 0; t < tileCount && t < doneBytes.size(); ++t) {
        done[t] = doneBytes[t] != 0;
        if (done[t]) {
            resumedPairs += plan.pairs(plan.tiles()[t]).size();
            ++resumedTiles;
        }
    }
    const auto assignment = plan.assign(context.size(), done);
    if (context.isRoot()) {
        std::cerr << "repscope-mpi matrix: " << k << " representations, " << plan.pairCount()
                  << " pairs in " << tileCount << " tiles of " << tileSize << " on "
                  << context.size() << " ranks";
        if (resumedTiles > 0) {
            std::cerr << "; resumed " << resumedTiles << " tiles (" << resumedPairs
                      << " pairs) from " << assembly.checkpointPath << ", computing the other "
                      << (tileCount - resumedTiles);
        }
        std::cerr << "\n";
    }

    // Compute this rank's tiles; rank 0 also takes the others' results as they come.
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    PreparedCache cache(job, budget);
    const std::vector<std::size_t>& mine = assignment[static_cast<std::size_t>(context.rank())];
    const std::size_t myCount = std::min<std::size_t>(mine.size(), stopAfter);
    std::size_t myPairs = 0;
    double sentBytes = 0.0;
    std::size_t expected = 0;
    for (std::size_t r = 1; r < assignment.size(); ++r) {
        expected += std::min<std::size_t>(assignment[r].size(), stopAfter);
    }
    std::size_t received = 0;
    std::vector<char> message;
    const auto drain = [&](bool wait) {
        bool any = false;
        while (received < expected && receiveBytes(message, kTileTag, wait)) {
            assembly.merge(decode(message, k));
            ++received;
            any = true;
            if (wait) break;
        }
        return any;
    };
#ifdef REPSCOPE_MPI_FAULT_INJECTION
    // Only in the test build (app/mpi/CMakeLists.txt): REPSCOPE_MPI_TEST_FAIL_RANK=R makes rank R
    // fail after its first tile, as a rank that loses its node would (tests/mpi: the job stops
    // with one sentence, the checkpoint stays whole).
    const char* failRank = std::getenv("REPSCOPE_MPI_TEST_FAIL_RANK");
    const bool failHere = failRank != nullptr && std::to_string(context.rank()) == failRank;
#else
    constexpr bool failHere = false;
#endif
    try {
        for (std::size_t n = 0; n < myCount; ++n) {
            if (failHere && n == 1) {
                throw Error("simulated failure (REPSCOPE_MPI_TEST_FAIL_RANK) after its first tile");
            }
            const TileResult r = computeTile(job, plan, plan.tiles()[mine[n]], cache);
            myPairs += r.values.size();
            if (context.isRoot()) {
                assembly.merge(r);
                drain(false);
                assembly.save();
            } else {
                std::vector<char> bytes = encode(r);
                sentBytes += static_cast<double>(bytes.size());
                sendBytes(std::move(bytes), 0, kTileTag);
            }
        }
        if (context.isRoot()) {
            while (received < expected) {
                drain(true);
                drain(false);
                assembly.save();
            }
        }
        finishSends();
    } catch (const Error& e) {
        abortJob(context, e.what());
    } catch (const std::bad_alloc&) {
        abortJob(context, "out of memory");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::vector<double> mineStats = {static_cast<double>(myPairs), seconds,
                                           static_cast<double>(myCount),
                                           static_cast<double>(cache.preparedCount),
                                           cache.readBytes, sentBytes, peakResidentBytes(),
                                           processCpuSeconds() - cpuStart};
    const std::vector<double> stats = gatherDoubles(mineStats);
    if (!context.isRoot()) return 0;

    std::size_t computed = 0;
    for (std::size_t r = 0; r * mineStats.size() < stats.size(); ++r) {
        computed += static_cast<std::size_t>(stats[r * mineStats.size()]);
    }
    const auto finished = static_cast<std::size_t>(
        std::count(assembly.state.tilesDone.begin(), assembly.state.tilesDone.end(), true));
    if (finished < tileCount) {
        std::cerr << "repscope-mpi matrix: stopped after --stop-after-tiles " << stopAfter
                  << " tiles a rank; the checkpoint " << assembly.checkpointPath << " holds "
                  << finished << " of " << tileCount
                  << " tiles; rerun the same command to finish\n";
        return kStoppedStatus;
    }
    writeOutput(job, assembly, stats, mineStats.size(), computed, resumedPairs, plan);
    return 0;
}

}  // namespace repscope::mpi
