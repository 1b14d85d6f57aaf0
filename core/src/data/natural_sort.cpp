#include "repscope/natural_sort.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace repscope {
namespace {
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

bool naturalLess(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            std::size_t ie = i;
            std::size_t je = j;
            while (ie < a.size() && isDigit(a[ie])) ++ie;
            while (je < b.size() && isDigit(b[je])) ++je;
            // Compare numerically without overflow: strip leading zeros, then length, then text.
            std::size_t is = i;
            std::size_t js = j;
            while (is + 1 < ie && a[is] == '0') ++is;
            while (js + 1 < je && b[js] == '0') ++js;
            const std::string_view na = a.substr(is, ie - is);
            const std::string_view nb = b.substr(js, je - js);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            if ((ie - i) != (je - j)) return (ie - i) < (je - j);
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return (a.size() - i) < (b.size() - j);
}

std::vector<std::size_t> layerDisplayOrder(const std::vector<std::string>& names) {
    std::vector<std::size_t> numbered;
    std::vector<std::size_t> plain;
    for (std::size_t k = 0; k < names.size(); ++k) {
        (std::any_of(names[k].begin(), names[k].end(), isDigit) ? numbered : plain).push_back(k);
    }
    std::stable_sort(numbered.begin(), numbered.end(),
                     [&](std::size_t x, std::size_t y) { return naturalLess(names[x], names[y]); });
    numbered.insert(numbered.end(), plain.begin(), plain.end());
    return numbered;
}

}  // namespace repscope
