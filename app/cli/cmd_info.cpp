// repscope info FILE [--json]
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/json_writer.h"
#include "repscope/data_file.h"
#include "repscope/error.h"
#include "repscope/text.h"

namespace repscope::cli {

const char* const kInfoUsage =
    "Usage: repscope info FILE [--json]\n\n"
    "Lists the layout, stimuli (labels, categorical columns) and every representation of an\n"
    "HDF5 file (native, rsatoolbox, AnnData .h5ad, thingsvision or generic layout) or of a\n"
    "pairwise ratings CSV, and its RDM sets (the targets of repscope evaluate).\n\n"
    "  --json   print one JSON document: file, stimuli, layout, labels, categories,\n"
    "           representations [{path, model, layer, shape, dtype, n, d, kind, rdm_set}],\n"
    "           rdm_sets [{path, subjects: [names]}], warnings\n";

namespace {

void printJson(const DataFile& f) {
    JsonWriter w(std::cout);
    w.beginObject();
    w.key("file").value(f.path());
    w.key("stimuli").value(static_cast<std::uint64_t>(f.stimulusCount()));
    w.key("layout").value(layoutName(f.layout()));
    w.key("labels").value(f.stimuli().hasLabels());
    w.key("categories").beginArray();
    for (const auto& c : f.stimuli().columns) w.value(c.name);
    w.endArray();
    w.key("thumbnails").value(!f.stimuli().thumbnails.empty());
    w.key("representations").beginArray();
    for (const auto& r : f.representations()) {
        const RepresentationInfo& in = r->info();
        w.beginObject();
        w.key("path").value(in.path);
        w.key("model").value(in.model);
        w.key("layer").value(in.layer);
        w.key("shape").beginArray();
        for (const auto s : in.shape) w.value(static_cast<std::uint64_t>(s));
        w.endArray();
        w.key("dtype").value(in.dtype);
        w.key("n").value(static_cast<std::uint64_t>(in.n));
        w.key("d").value(static_cast<std::uint64_t>(in.d));
        w.key("kind").value(in.kind == RepresentationKind::Rdm ? "rdm" : "features");
        if (!in.rdmSet.empty()) w.key("rdm_set").value(in.rdmSet);
        w.endObject();
    }
    w.endArray();
    w.key("rdm_sets").beginArray();
    for (const RdmSet& set : f.rdmSets()) {
        w.beginObject().key("path").value(set.path).key("subjects").beginArray();
        for (const auto& s : set.subjects) w.value(s);
        w.endArray().endObject();
    }
    w.endArray();
    w.key("linked_files").beginArray();
    for (const auto& s : f.linkedFiles()) w.value(s);
    w.endArray();
    w.key("warnings").beginArray();
    for (const auto& s : f.warnings()) w.value(s);
    w.endArray();
    w.endObject();
    std::cout << "\n";
}

std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string s;
    for (std::size_t k = 0; k < shape.size(); ++k) s += (k ? " × " : "") + std::to_string(shape[k]);
    return s;
}

void printText(const DataFile& f) {
    const Stimuli& st = f.stimuli();
    std::cout << printable(f.path()) << " (" << layoutName(f.layout()) << " layout)\n"
              << "  stimuli: " << st.count << (st.hasLabels() ? ", labelled" : ", no labels")
              << (st.thumbnails.empty() ? "" : ", with thumbnails") << "\n";
    for (const auto& c : st.columns) {
        std::cout << "  category " << printable(c.name) << ": " << c.categories.size() << " values\n";
    }
    std::string model;
    for (const auto& r : f.representations()) {
        const RepresentationInfo& in = r->info();
        if (in.model != model) {
            model = in.model;
            std::cout << "  " << printable(model) << "\n";
        }
        std::cout << "    " << printable(in.layer) << "  " << in.n << " × " << in.d << "  " << in.dtype
                  << "  [" << shapeText(in.shape) << "]"
                  << (in.kind == RepresentationKind::Rdm ? "  precomputed RDM" : "") << "  "
                  << printable(in.path) << "\n";
    }
    for (const RdmSet& set : f.rdmSets()) {
        std::cout << "  RDM set " << printable(set.path) << ": " << set.subjects.size()
                  << " subjects (a target for repscope evaluate)\n";
    }
    for (const auto& w : f.warnings()) std::cerr << "warning: " << printable(w) << "\n";
}

}  // namespace

int runInfo(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("info", args, {"--json"}, {});
    if (a.positional.size() != 1) throw InputError("expects exactly one FILE (see --help)");
    const auto file = DataFile::open(a.positional.front());
    if (a.has("--json")) {
        printJson(*file);
    } else {
        printText(*file);
    }
    return 0;
}

}  // namespace repscope::cli
