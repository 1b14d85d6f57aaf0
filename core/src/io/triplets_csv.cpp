// Odd-one-out triplet CSV files (alignment.md): header `subject,a,b,c,odd_one_out` (subject
// optional), read strictly with the CSV reader of the ratings files.
#include <algorithm>
#include <unordered_map>

#include "io/csv_reader.h"
#include "repscope/alignment/triplets.h"
#include "repscope/error.h"

namespace repscope::alignment {

namespace {
constexpr std::size_t kMaxTripletRows = 50'000'000;
}  // namespace

TripletJudgements readTripletsCsv(const std::string& path, const std::vector<std::string>& labels) {
    io::CsvReader csv(path);
    std::vector<std::string> fields;
    if (!csv.next(fields)) throw FormatError(path + " holds no line of text");
    std::vector<std::string> header;
    for (const auto& f : fields) {
        std::string h = io::trimmed(f);
        std::transform(h.begin(), h.end(), h.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        header.push_back(h);
    }
    const std::vector<std::string> withSubject = {"subject", "a", "b", "c", "odd_one_out"};
    const std::vector<std::string> without = {"a", "b", "c", "odd_one_out"};
    if (header != withSubject && header != without) {
        throw FormatError(csv.at("a triplet file starts with the header subject,a,b,c,odd_one_out "
                                 "(subject optional)"));
    }
    const std::size_t first = header.size() == 5 ? 1 : 0;
    std::unordered_map<std::string, std::uint32_t> index;
    for (std::size_t i = 0; i < labels.size(); ++i) index.emplace(labels[i], static_cast<std::uint32_t>(i));
    TripletJudgements out;
    while (csv.next(fields)) {
        if (fields.size() != header.size()) {
            throw FormatError(csv.at("expected " + std::to_string(header.size()) +
                                     " fields (" + (first ? "subject, " : std::string()) +
                                     "a, b, c, odd_one_out) but found " +
                                     std::to_string(fields.size())));
        }
        if (out.items.size() + out.dropped >= kMaxTripletRows) {
            throw FormatError(csv.at("more than " + std::to_string(kMaxTripletRows) +
                                     " triplets, more than RepScope reads from one file"));
        }
        std::array<std::string, 3> items = {io::trimmed(fields[first]), io::trimmed(fields[first + 1]),
                                            io::trimmed(fields[first + 2])};
        const std::string odd = io::trimmed(fields[first + 3]);
        for (const auto& item : items) {
            if (item.empty()) throw FormatError(csv.at("a stimulus label is empty"));
        }
        if (items[0] == items[1] || items[0] == items[2] || items[1] == items[2]) {
            throw FormatError(csv.at("the triplet names a stimulus twice"));
        }
        const auto chosen = std::find(items.begin(), items.end(), odd);
        if (chosen == items.end()) {
            throw FormatError(csv.at("the odd one out '" + io::excerpt(odd) +
                                     "' is not one of its three (" + io::excerpt(items[0]) + ", " +
                                     io::excerpt(items[1]) + ", " + io::excerpt(items[2]) + ")"));
        }
        std::array<std::uint32_t, 3> ids{};
        bool known = true;
        for (std::size_t k = 0; k < 3; ++k) {
            const auto it = index.find(items[k]);
            if (it == index.end()) {
                if (out.firstUnknownLabel.empty()) out.firstUnknownLabel = io::excerpt(items[k]);
                known = false;
                break;
            }
            ids[k] = it->second;
        }
        if (!known) {
            ++out.dropped;
            continue;
        }
        out.items.push_back(ids);
        out.odd.push_back(static_cast<std::uint8_t>(chosen - items.begin()));
    }
    return out;
}

}  // namespace repscope::alignment
