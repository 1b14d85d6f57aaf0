#pragma once
// The few MPI operations repscope-mpi needs, over MPI_COMM_WORLD. Errors that every rank meets
// in the same setup step (a missing file, a bad option) are agreed on collectively, so the job
// ends with one sentence from rank 0 and exit status 1 instead of P copies or an abort; an error
// on one rank alone while it computes aborts the job with one sentence naming the rank.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace repscope::mpi {

class MpiContext {
public:
    MpiContext(int* argc, char*** argv);  // MPI_Init
    ~MpiContext();                        // MPI_Finalize
    MpiContext(const MpiContext&) = delete;
    MpiContext& operator=(const MpiContext&) = delete;

    [[nodiscard]] int rank() const { return rank_; }
    [[nodiscard]] int size() const { return size_; }
    [[nodiscard]] bool isRoot() const { return rank_ == 0; }

private:
    int rank_ = 0;
    int size_ = 1;
};

// Thrown on every rank when a collective step failed; what() is the sentence rank 0 prints
// (the lowest failing rank's message; "rank r: ..." when that is not rank 0). `usage` is true for
// an InputError (exit status 2).
class CollectiveFailure : public std::runtime_error {
public:
    CollectiveFailure(const std::string& message, bool usage)
        : std::runtime_error(message), usage_(usage) {}
    [[nodiscard]] bool usage() const { return usage_; }

private:
    bool usage_;
};

// Runs step on every rank; when it throws a repscope::Error on any rank, throws
// CollectiveFailure on all of them.
void collectively(const MpiContext& context, const std::function<void()>& step);

// Prints "repscope-mpi: rank R failed: CAUSE" and aborts the whole job (never returns).
[[noreturn]] void abortJob(const MpiContext& context, const std::string& cause);

// Point-to-point bytes (tile results to rank 0). sendBytes does not wait for the receiver (rank 0
// computes tiles too and takes results between its own): the bytes are kept until they are
// delivered, at most 8 messages at a time (a 9th waits for the oldest); finishSends() waits for
// every send of this rank.
void sendBytes(std::vector<char> bytes, int destination, int tag);
void finishSends();
// Receives the next message with `tag` from any rank when one is waiting (wait = false) or the
// next one at all (wait = true). Returns false when none is waiting.
bool receiveBytes(std::vector<char>& bytes, int tag, bool wait);

void broadcastBytes(std::vector<char>& bytes, int root);
// Gathers each rank's fixed-size record of doubles at rank 0 (result empty elsewhere).
[[nodiscard]] std::vector<double> gatherDoubles(const std::vector<double>& mine);

}  // namespace repscope::mpi
