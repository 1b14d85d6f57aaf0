// repscope-mpi rdm FILE:PATH [--measure M] --out OUT.h5 [--block-rows R] [--json]
#include "distributed_rdm.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli/arguments.h"
#include "cli/inputs.h"
#include "cli/json_writer.h"
#include "rdm_stream_writer.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm_rows.h"
#include "resident_memory.h"

namespace repscope::mpi {

const char* const kRdmMpiUsage =
    "Usage: mpirun -n P repscope-mpi rdm FILE:PATH [--measure correlation|cosine|euclidean|\n"
    "                 sqeuclidean] --out OUT.h5 [--block-rows R] [--json]\n\n"
    "`repscope rdm --out OUT.h5` over MPI ranks: blocks of R rows (default: 64 MiB of float64 a\n"
    "block) go round-robin to the ranks, each computed against all N rows and streamed to\n"
    "rank 0, which writes /rdm (N x N float32, attributes measure and source) and\n"
    "/stimuli/labels through a temporary file. Every rank reads the representation (N x D).\n"
    "  --json  {\"measure\", \"n\", \"out\", \"ranks\": [{\"rank\", \"rows\", \"seconds\",\n"
    "          \"sent_bytes\", \"peak_rss_bytes\"}]}\n";

namespace {

constexpr int kRowsTag = 18;

struct RdmJob {
    cli::Arguments arguments;
    cli::LoadedRepresentation input;
    metrics::RdmMeasure measure = metrics::RdmMeasure::Correlation;
    std::unique_ptr<metrics::RdmRows> rows;
    std::string out;
};

RdmJob openJob(const std::vector<std::string>& args) {
    RdmJob job;
    job.arguments = cli::parseArguments("rdm", args, {"--json"},
                                        {"--measure", "--out", "--block-rows", "--nan-policy"});
    const cli::Arguments& a = job.arguments;
    if (a.positional.size() != 1) throw InputError("expects one FILE:/path (see --help)");
    job.out = a.option("--out", "");
    if (job.out.size() < 3 || job.out.substr(job.out.size() - 3) != ".h5") {
        throw InputError("repscope-mpi rdm writes --out FILE.h5 (for .csv, .npy, --json values or "
                         "--format rsatoolbox run `repscope rdm`).");
    }
    if (a.option("--nan-policy", "error") != "error") {
        throw InputError("repscope-mpi rdm supports --nan-policy error only.");
    }
    const std::string measure = a.option("--measure", "correlation");
    if (measure == "crossnobis") {
        throw InputError("crossnobis is not distributed; run `repscope rdm --measure crossnobis`.");
    }
    job.measure = metrics::parseRdmMeasure(measure);
    job.input = cli::loadRepresentation(a.positional.front());
    if (job.input.representation->info().kind == RepresentationKind::Rdm) {
        throw InputError(job.input.name + " is a precomputed RDM; there is nothing to compute.");
    }
    job.rows = std::make_unique<metrics::RdmRows>(job.input.values, job.measure, &job.input.labels);
    return job;
}

}  // namespace

int runDistributedRdm(const MpiContext& context, const std::vector<std::string>& args) {
    RdmJob job;
    collectively(context, [&] { job = openJob(args); });
    const auto n = static_cast<std::uint64_t>(job.rows->size());
    std::uint64_t blockRows = 1;
    collectively(context, [&] {
        const std::uint64_t fallback =
            std::max<std::uint64_t>(1, (std::uint64_t{64} << 20) / (8 * std::max<std::uint64_t>(n, 1)));
        blockRows = job.arguments.count("--block-rows", fallback);
        if (blockRows == 0) throw InputError("--block-rows must be at least 1.");
        blockRows = std::min(blockRows, std::max<std::uint64_t>(n, 1));
    });
    const std::uint64_t blocks = (n + blockRows - 1) / blockRows;
    const auto ranks = static_cast<std::uint64_t>(context.size());
    const auto me = static_cast<std::uint64_t>(context.rank());

    std::unique_ptr<RdmStreamWriter> writer;
    collectively(context, [&] {
        if (context.isRoot()) writer = std::make_unique<RdmStreamWriter>(job.out, n);
    });
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t myRows = 0;
    double sentBytes = 0.0;
    std::uint64_t expected = 0;  // blocks rank 0 receives
    for (std::uint64_t b = 0; b < blocks; ++b) {
        if (b % ranks != 0) ++expected;
    }
    std::uint64_t received = 0;
    std::vector<char> message;
    const auto take = [&](bool wait) {
        while (received < expected && receiveBytes(message, kRowsTag, wait)) {
            std::uint64_t header[2] = {0, 0};
            if (message.size() < sizeof header) throw FormatError("a row block was cut short.");
            std::memcpy(header, message.data(), sizeof header);
            if (header[0] > n || header[1] > n - header[0] ||
                message.size() != sizeof header + header[1] * n * sizeof(float)) {
                throw FormatError("a row block was cut short.");
            }
            std::vector<float> values(static_cast<std::size_t>(header[1] * n));
            std::memcpy(values.data(), message.data() + sizeof header, values.size() * sizeof(float));
            writer->writeRows(header[0], header[1], values.data());
            ++received;
            if (wait) break;
        }
    };
    try {
        for (std::uint64_t b = me; b < blocks; b += ranks) {
            const std::uint64_t first = b * blockRows;
            const std::uint64_t count = std::min(blockRows, n - first);
            const auto block = job.rows->compute(static_cast<Eigen::Index>(first),
                                                 static_cast<Eigen::Index>(count));
            const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> f =
                block.cast<float>();
            myRows += count;
            if (context.isRoot()) {
                writer->writeRows(first, count, f.data());
                take(false);
            } else {
                std::vector<char> bytes(2 * sizeof(std::uint64_t) +
                                        static_cast<std::size_t>(f.size()) * sizeof(float));
                const std::uint64_t header[2] = {first, count};
                std::memcpy(bytes.data(), header, sizeof header);
                std::memcpy(bytes.data() + sizeof header, f.data(),
                            static_cast<std::size_t>(f.size()) * sizeof(float));
                sentBytes += static_cast<double>(bytes.size());
                sendBytes(std::move(bytes), 0, kRowsTag);
            }
        }
        if (context.isRoot()) {
            while (received < expected) take(true);
            writer->commit(std::string(metrics::rdmMeasureName(job.measure)), job.input.name,
                           job.input.labels);
        }
        finishSends();
    } catch (const Error& e) {
        writer.reset();  // removes the temporary
        abortJob(context, e.what());
    } catch (const std::bad_alloc&) {
        writer.reset();
        abortJob(context, "out of memory");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::vector<double> mine = {static_cast<double>(myRows), seconds, sentBytes,
                                      peakResidentBytes()};
    const std::vector<double> stats = gatherDoubles(mine);
    if (!context.isRoot()) return 0;
    if (!job.arguments.has("--json")) {
        std::cout << "wrote the " << n << " × " << n << " " << metrics::rdmMeasureName(job.measure)
                  << " RDM of " << job.input.name << " to " << job.out << " (" << context.size()
                  << " ranks)\n";
        return 0;
    }
    cli::JsonWriter w(std::cout);
    w.beginObject().key("measure").value(metrics::rdmMeasureName(job.measure));
    w.key("n").value(n).key("out").value(job.out).key("block_rows").value(blockRows);
    w.key("ranks").beginArray();
    for (std::size_t r = 0; r * mine.size() < stats.size(); ++r) {
        const double* s = stats.data() + r * mine.size();
        w.beginObject();
        w.key("rank").value(static_cast<std::uint64_t>(r));
        w.key("rows").value(static_cast<std::uint64_t>(s[0]));
        w.key("seconds").value(s[1]);
        w.key("sent_bytes").value(static_cast<std::uint64_t>(s[2]));
        w.key("peak_rss_bytes").value(static_cast<std::uint64_t>(s[3]));
        w.endObject();
    }
    w.endArray().endObject();
    std::cout << "\n";
    return 0;
}

}  // namespace repscope::mpi
