// Leave-one-out cosine retrieval + mAP (embedding-checks.md), whole task: open the file, read the
// representation, rank every stimulus's gallery, top-1/top-5/mAP. The scikit-learn peer is
// tests/bench/retrieval_bench.py (same file); tests/bench/run_retrieval_bench.sh runs both.
//   bench_retrieval FILE.h5 [PATH]      (PATH default /emb/x; relevance = the first category column)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "repscope/data_file.h"
#include "repscope/embedding_checks/retrieval.h"
#include "repscope/error.h"
#include "repscope/linalg/blas.h"

using namespace repscope;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_retrieval FILE.h5 [PATH]\n");
        return 2;
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const DataFilePtr file = DataFile::open(argv[1]);
        const MatrixF x = file->find(argc > 2 ? argv[2] : "/emb/x")->readAll();
        const auto& codes = file->stimuli().columns.at(0).codes;
        const auto t1 = std::chrono::steady_clock::now();
        embedding_checks::RetrievalOptions o;
        o.ks = {1, 5};
        const auto s = embedding_checks::cosineRetrieval(x, x, codes, o);
        const auto t2 = std::chrono::steady_clock::now();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        std::printf("repscope N=%lld D=%lld: %.1f s (read %.1f s, retrieval %.1f s)  top1 %.6f "
                    "top5 %.6f mAP %.6f  peak RSS %.2f GiB  %s (%s)\n",
                    static_cast<long long>(x.rows()), static_cast<long long>(x.cols()), secs(t0, t2),
                    secs(t0, t1), secs(t1, t2), s.topK[0], s.topK[1], s.meanAveragePrecision,
                    static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0),
                    linalg::blasInfo().backend.c_str(), linalg::blasInfo().detail.c_str());
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_retrieval: %s\n", e.what());
        return 1;
    }
    return 0;
}
