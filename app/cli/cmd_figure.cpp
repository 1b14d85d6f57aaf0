// repscope figure FILE:PATH --view rdm|matrix|projection|units --out OUT.png|.svg|.pdf
//                 [--size WxH] [view options]
#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/figure_command.h"
#include "cli/json_writer.h"
#include "repscope/alignment/comparator.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/registry.h"

namespace repscope::cli {

const char* const kFigureUsage =
    "Usage: repscope figure FILE:PATH --view rdm|matrix|projection|units --out OUT.png|.svg|.pdf\n"
    "       repscope figure FILE... --view evaluation --target T --out OUT.png|.svg|.pdf\n"
    "                       [--size WxH] [--scale 1|2|4] [--title TEXT] [view options] [--json]\n\n"
    "Draws a picture of a view, as the GUI shows it, with title, colorbar and legend; no display\n"
    "is needed. SVG and PDF keep text, axes, colorbar and legend as vector shapes (heatmap cells\n"
    "are one embedded image). The file is written whole or not at all.\n"
    "  --view rdm         the RDM of FILE:PATH (--measure, --ordering, --colormap)\n"
    "  --view matrix      every representation of FILE against every other (--metric,\n"
    "                     --colormap); FILE:/group keeps the representations under /group\n"
    "  --view projection  a 2-D projection of FILE:PATH, coloured by category (--method, --seed;\n"
    "                     mds uses --measure, default euclidean)\n"
    "  --view units       unit × unit correlations of FILE:PATH and --with FILE:PATH, reordered by\n"
    "                     the unit matching (matched pairs on the diagonal, strongest first)\n"
    "  --out FILE         .png, .svg or .pdf\n"
    "  --size WxH         size in pixels at scale 1 (SVG: user units, PDF: points); default\n"
    "                     900x800, each side 200 to 8000\n"
    "  --scale 1|2|4      PNG only: pixels per unit (2 or 4 for print or high-DPI screens)\n"
    "  --title TEXT       replaces the title made from what is shown\n"
    "  --measure M        RDM measure: correlation (default), cosine, euclidean, sqeuclidean\n"
    "  --ordering O       rdm: original, category or clustered (default; average linkage with\n"
    "                     optimal leaf order up to 2000 stimuli, by category above)\n"
    "  --metric NAME      matrix: a metric of `repscope metrics` (default cka_linear)\n"
    "  --colormap C       viridis (default), magma, cividis, grey or rdbu (default for units)\n"
    "  --method M         projection: pca (default), mds, tsne or umap\n"
    "  --seed S           projection: seed of pca's randomised solver, tsne and umap (default 0)\n"
    "  --with FILE:PATH   units: the second representation (same stimuli)\n"
    "  --view evaluation  FILE... are the models, evaluated against --target FILE:PATH|RATINGS.csv\n"
    "                     (an RDM set, as `repscope evaluate`): one bar per model with error bars,\n"
    "                     the noise ceiling as a grey band and * where FDR q < 0.05 (--comparator,\n"
    "                     default spearman; --rdm-measure, default correlation; --layout bars or\n"
    "                     profile: each model's value against layer depth; --errors sem (default),\n"
    "                     bootstrap (--bootstrap B, default 1000) or none; --sort model or value)\n"
    "  --view prefix      Matryoshka prefixes of FILE:PATH (and --with FILE:PATH): --metric (default\n"
    "                     cka_linear) of X[:, :d] with X and top-1 retrieval against d (log2 axis)\n"
    "  --view spectrum    explained variance of FILE:PATH (and --with) on log axes, participation\n"
    "                     ratio, R² of each categorical column in the subtitle\n"
    "  --view compat      FILE:PATH is the old model, --with the new: top-k and mAP bars of\n"
    "                     old·old, new·new and new·old with the verdict (unequal dimensions: an\n"
    "                     orthogonal map learned on even stimuli, scored on odd ones)\n"
    "  --json             {\"view\", \"out\", \"format\", \"title\", \"width\", \"height\"} (pixels of\n"
    "                     the PNG; units of SVG and PDF)\n";

namespace {

// "900x800" → {900, 800}; throws InputError for anything else.
std::pair<int, int> parseSize(const std::string& text) {
    const auto x = text.find_first_of("xX");
    const auto digits = [](const std::string& s) {
        return !s.empty() && s.size() <= 6 && s.find_first_not_of("0123456789") == std::string::npos;
    };
    if (x == std::string::npos || !digits(text.substr(0, x)) || !digits(text.substr(x + 1))) {
        throw InputError("--size must be WIDTHxHEIGHT in pixels (e.g. 900x800), not '" + text + "'");
    }
    const int w = std::stoi(text.substr(0, x));
    const int h = std::stoi(text.substr(x + 1));
    if (w < 200 || h < 200 || w > 8000 || h > 8000) {
        throw InputError("--size must be between 200 and 8000 pixels on each side, not '" + text + "'");
    }
    return {w, h};
}

std::string extensionOf(const std::string& path) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

void requireOneOf(const std::string& option, const std::string& value,
                  const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string list;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
    }
    throw InputError(option + " must be " + list + ", not '" + value + "'");
}

// Options that only some views use: giving one to another view is a mistake worth a sentence.
void checkApplicable(const Arguments& a, const std::string& view) {
    const std::map<std::string, std::vector<std::string>> usedBy = {
        {"--measure", {"rdm", "projection"}}, {"--ordering", {"rdm"}},
        {"--metric", {"matrix", "prefix"}},             {"--method", {"projection"}},
        {"--seed", {"projection", "evaluation"}}, {"--with", {"units", "prefix", "spectrum", "compat"}},
        {"--colormap", {"rdm", "matrix", "units"}}, {"--target", {"evaluation"}},
        {"--comparator", {"evaluation"}},     {"--rdm-measure", {"evaluation"}},
        {"--layout", {"evaluation"}},         {"--errors", {"evaluation"}},
        {"--sort", {"evaluation"}},           {"--bootstrap", {"evaluation"}}};
    for (const auto& [option, views] : usedBy) {
        if (a.options.count(option) != 0 && std::find(views.begin(), views.end(), view) == views.end()) {
            throw InputError(option + " does not apply to --view " + view + " (see --help)");
        }
    }
}

}  // namespace

int runFigure(const std::vector<std::string>& args) {
    requireFigureSupport();
    const Arguments a = parseArguments(
        "figure", args, {"--json"},
        {"--view", "--out", "--size", "--scale", "--title", "--measure", "--ordering", "--metric",
         "--colormap", "--method", "--seed", "--with", "--target", "--comparator", "--rdm-measure",
         "--layout", "--errors", "--sort", "--bootstrap"});
    FigureRequest r;
    r.view = a.option("--view", "");
    if (r.view.empty()) throw InputError("needs --view rdm|matrix|projection|units|evaluation");
    requireOneOf("--view", r.view, {"rdm", "matrix", "projection", "units", "evaluation", "prefix", "spectrum", "compat"});
    if (r.view == "evaluation") {
        if (a.positional.empty()) throw InputError("--view evaluation expects the model FILEs (see --help)");
    } else if (a.positional.size() != 1) {
        throw InputError("expects one FILE:/path (see --help)");
    }
    r.input = a.positional.front();
    r.inputs = a.positional;
    checkApplicable(a, r.view);
    r.out = a.option("--out", "");
    if (r.out.empty()) throw InputError("needs --out OUT.png|.svg|.pdf");
    const std::string ext = extensionOf(r.out);
    if (ext != "png" && ext != "svg" && ext != "pdf") {
        throw InputError("--out must end in .png, .svg or .pdf, not '" + r.out + "'");
    }
    std::tie(r.width, r.height) = parseSize(a.option("--size", "900x800"));
    const std::uint64_t scale = a.count("--scale", 1);
    if (scale != 1 && scale != 2 && scale != 4) {
        throw InputError("--scale must be 1, 2 or 4, not " + std::to_string(scale));
    }
    r.scale = static_cast<int>(scale);
    if (static_cast<std::int64_t>(std::max(r.width, r.height)) * r.scale > 16000) {
        throw InputError("--size × --scale must stay within 16000 pixels on a side");
    }
    r.title = a.option("--title", "");
    r.measureGiven = a.options.count("--measure") != 0;
    r.measure = a.option("--measure", r.view == "projection" ? "euclidean" : "correlation");
    (void)metrics::parseRdmMeasure(r.measure);  // throws with the valid names
    r.ordering = a.option("--ordering", "clustered");
    requireOneOf("--ordering", r.ordering, {"original", "category", "clustered"});
    r.metric = a.option("--metric", "cka_linear");
    (void)metrics::metric(r.metric);  // throws with the known names
    r.colormap = a.option("--colormap", "");
    if (!r.colormap.empty()) {
        requireOneOf("--colormap", r.colormap, {"viridis", "magma", "cividis", "grey", "rdbu"});
    }
    r.method = a.option("--method", "pca");
    requireOneOf("--method", r.method, {"pca", "mds", "tsne", "umap"});
    r.seed = a.count("--seed", 0);
    r.with = a.option("--with", "");
    if (r.view == "units" && r.with.empty()) {
        throw InputError("--view units needs a second representation: --with FILE:PATH");
    }
    if (r.view == "evaluation") {
        r.target = a.option("--target", "");
        if (r.target.empty()) throw InputError("--view evaluation needs --target FILE:PATH|RATINGS.csv");
        r.comparator = a.option("--comparator", "spearman");
        (void)alignment::parseComparator(r.comparator);  // throws with the valid names
        r.rdmMeasure = a.option("--rdm-measure", "correlation");
        (void)metrics::parseRdmMeasure(r.rdmMeasure);
        r.layout = a.option("--layout", "bars");
        requireOneOf("--layout", r.layout, {"bars", "profile"});
        r.errors = a.option("--errors", "sem");
        requireOneOf("--errors", r.errors, {"sem", "bootstrap", "none"});
        r.sort = a.option("--sort", "model");
        requireOneOf("--sort", r.sort, {"model", "value"});
        r.bootstrap = a.count("--bootstrap", r.errors == "bootstrap" ? 1000 : 0);
        if (r.errors == "bootstrap" && r.bootstrap < 2) {
            throw InputError("--errors bootstrap needs --bootstrap B with B of at least 2");
        }
    }

    const FigureSummary s = renderFigure(r);
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("view").value(r.view).key("out").value(r.out);
        w.key("format").value(s.format).key("title").value(s.title);
        w.key("width").value(s.pixelWidth).key("height").value(s.pixelHeight).endObject();
        std::cout << "\n";
    } else {
        std::cout << "wrote " << r.out << " (" << s.format << ", " << s.pixelWidth << "×"
                  << s.pixelHeight << "): " << s.title << "\n";
    }
    return 0;
}

}  // namespace repscope::cli
