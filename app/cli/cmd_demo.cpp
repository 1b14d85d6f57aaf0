// repscope demo --out FILE [--json]
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/json_writer.h"
#include "repscope/demo.h"
#include "repscope/error.h"

namespace repscope::cli {

const char* const kDemoUsage =
    "Usage: repscope demo --out FILE.h5 [--json]\n\n"
    "Trains the built-in demo models (MLPs on the UCI handwritten digits, deterministic) and\n"
    "writes their layers in RepScope's native layout. The GUI does this on first start.\n";

int runDemo(const std::vector<std::string>& args) {
    const Arguments a = parseArguments("demo", args, {"--json"}, {"--out"});
    const std::string out = a.option("--out", "");
    if (out.empty() || !a.positional.empty()) throw InputError("expects --out FILE.h5 (see --help)");
    const demo::DemoSummary s = demo::writeDemoDataset(out);
    if (a.has("--json")) {
        JsonWriter w(std::cout);
        w.beginObject().key("file").value(out);
        w.key("stimuli").value(static_cast<std::uint64_t>(s.stimuli));
        w.key("models").beginArray();
        for (const auto& m : s.models) {
            w.beginObject().key("name").value(m.name);
            w.key("held_out_accuracy").value(m.heldOutAccuracy).endObject();
        }
        w.endArray().endObject();
        std::cout << "\n";
    } else {
        std::cout << "wrote " << out << " (" << s.stimuli << " stimuli)\n";
        for (const auto& m : s.models) {
            std::cout << "  " << m.name << ": held-out accuracy " << m.heldOutAccuracy << "\n";
        }
    }
    return 0;
}

}  // namespace repscope::cli
