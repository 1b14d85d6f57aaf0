#include "mpi_context.h"

#include <mpi.h>

#include <cstdio>
#include <iostream>
#include <limits>
#include <list>

#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::mpi {

MpiContext::MpiContext(int* argc, char*** argv) {
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiContext::~MpiContext() { MPI_Finalize(); }

void collectively(const MpiContext& context, const std::function<void()>& step) {
    std::string message;
    int usage = 0;
    int failedRank = std::numeric_limits<int>::max();
    try {
        step();
    } catch (const InputError& e) {
        message = e.what();
        usage = 1;
        failedRank = context.rank();
    } catch (const Error& e) {
        message = e.what();
        failedRank = context.rank();
    } catch (const std::bad_alloc&) {
        message = "out of memory";
        failedRank = context.rank();
    }
    int lowest = 0;
    MPI_Allreduce(&failedRank, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (lowest == std::numeric_limits<int>::max()) return;
    std::vector<char> bytes;
    if (context.rank() == lowest) {
        const std::string text = (lowest == 0 ? "" : "rank " + std::to_string(lowest) + ": ") +
                                 message;
        bytes.assign(text.begin(), text.end());
        bytes.push_back(usage != 0 ? '2' : '1');
    }
    broadcastBytes(bytes, lowest);
    const bool isUsage = !bytes.empty() && bytes.back() == '2';
    const std::string text(bytes.begin(), bytes.empty() ? bytes.end() : bytes.end() - 1);
    throw CollectiveFailure(text, isUsage);
}

void abortJob(const MpiContext& context, const std::string& cause) {
    std::cerr << "repscope-mpi: rank " << context.rank() << " failed: " << printable(cause)
              << "; the job stops (a --checkpoint keeps every tile finished so far)\n";
    std::cerr.flush();
    MPI_Abort(MPI_COMM_WORLD, 1);
    std::abort();
}

namespace {

struct PendingSend {
    std::vector<char> bytes;
    MPI_Request request = MPI_REQUEST_NULL;
};
std::list<PendingSend>& pendingSends() {
    static std::list<PendingSend> sends;
    return sends;
}

}  // namespace

void sendBytes(std::vector<char> bytes, int destination, int tag) {
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw ResourceError("a tile result of " + std::to_string(bytes.size()) +
                            " bytes is too large for one message; use a smaller --tile-size.");
    }
    // At most 8 messages in flight: a rank never holds more than that in results rank 0 has not
    // taken yet (RDM row blocks are large).
    while (pendingSends().size() >= 8) {
        MPI_Wait(&pendingSends().front().request, MPI_STATUS_IGNORE);
        pendingSends().pop_front();
    }
    PendingSend& send = pendingSends().emplace_back();
    send.bytes = std::move(bytes);
    MPI_Isend(send.bytes.data(), static_cast<int>(send.bytes.size()), MPI_BYTE, destination, tag,
              MPI_COMM_WORLD, &send.request);
}

void finishSends() {
    for (PendingSend& send : pendingSends()) MPI_Wait(&send.request, MPI_STATUS_IGNORE);
    pendingSends().clear();
}

bool receiveBytes(std::vector<char>& bytes, int tag, bool wait) {
    MPI_Status status;
    if (!wait) {
        int flag = 0;
        MPI_Iprobe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, &flag, &status);
        if (flag == 0) return false;
    } else {
        MPI_Probe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, &status);
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    bytes.resize(static_cast<std::size_t>(count));
    MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, tag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    return true;
}

void broadcastBytes(std::vector<char>& bytes, int root) {
    unsigned long long size = bytes.size();
    MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, root, MPI_COMM_WORLD);
    if (size > static_cast<unsigned long long>(std::numeric_limits<int>::max())) {
        throw ResourceError("a broadcast of " + std::to_string(size) + " bytes is too large.");
    }
    bytes.resize(static_cast<std::size_t>(size));
    MPI_Bcast(bytes.data(), static_cast<int>(size), MPI_BYTE, root, MPI_COMM_WORLD);
}

std::vector<double> gatherDoubles(const std::vector<double>& mine) {
    int rank = 0;
    int size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    std::vector<double> all(rank == 0 ? mine.size() * static_cast<std::size_t>(size) : 0);
    MPI_Gather(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(),
               static_cast<int>(mine.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    return all;
}

}  // namespace repscope::mpi
