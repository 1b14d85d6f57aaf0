#include "cli/safe_output.h"

#include <iostream>
#include <streambuf>
#include <string>

#include "repscope/text.h"

namespace repscope::cli {
namespace {

// Collects text up to a line break or tab, then forwards it escaped.
class EscapingBuf final : public std::streambuf {
public:
    explicit EscapingBuf(std::streambuf* target) : target_(target) {}
    ~EscapingBuf() override { flushPending(true); }

protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        put(traits_type::to_char_type(ch));
        return ch;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        for (std::streamsize k = 0; k < n; ++k) put(s[k]);
        return n;
    }
    int sync() override {
        flushPending();
        return target_->pubsync();
    }

private:
    void put(char c) {
        if (c == '\n' || c == '\t') {
            flushPending();
            target_->sputc(c);
            return;
        }
        pending_.push_back(c);
        if (pending_.size() >= 4096) flushPending();
    }
    void flushPending(bool all = false) {
        if (pending_.empty()) return;
        // Keep an incomplete UTF-8 sequence at the end for the next write.
        std::size_t keep = 0;
        for (std::size_t k = 1; k <= 3 && k <= pending_.size(); ++k) {
            const auto c = static_cast<unsigned char>(pending_[pending_.size() - k]);
            if ((c & 0xC0u) == 0xC0u) {
                const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (need > k) keep = k;
                break;
            }
            if ((c & 0xC0u) != 0x80u) break;
        }
        if (all || pending_.size() >= 4096) keep = 0;
        const std::string out = printable(std::string_view(pending_).substr(0, pending_.size() - keep));
        target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
        pending_.erase(0, pending_.size() - keep);
    }

    std::streambuf* target_;
    std::string pending_;
};

}  // namespace

struct SafeOutput::State {
    std::streambuf* oldOut;
    std::streambuf* oldErr;
    EscapingBuf out;
    EscapingBuf err;
    State()
        : oldOut(std::cout.rdbuf()),
          oldErr(std::cerr.rdbuf()),
          out(oldOut),
          err(oldErr) {}
};

SafeOutput::SafeOutput() : state_(new State) {
    std::cout.flush();
    std::cerr.flush();
    std::cout.rdbuf(&state_->out);
    std::cerr.rdbuf(&state_->err);
}

SafeOutput::~SafeOutput() {
    std::cout.flush();
    std::cerr.flush();
    std::cout.rdbuf(state_->oldOut);
    std::cerr.rdbuf(state_->oldErr);
    delete state_;
}

}  // namespace repscope::cli
