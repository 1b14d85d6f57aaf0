// writeDemoDataset / ensureDemoDataset: trains the demo MLPs on the embedded digits and writes
// every layer in the native layout, through a temporary file renamed into place.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <system_error>

#include "demo/digits_data.h"
#include "demo/h5_write.h"
#include "demo/mlp.h"
#include "repscope/demo.h"
#include "repscope/error.h"

namespace repscope::demo {
namespace {

namespace fs = std::filesystem;

const char* const kTitle = "RepScope demo: MLPs on UCI handwritten digits";
const char* const kSource =
    "UCI Machine Learning Repository, \"Optical Recognition of Handwritten Digits\" test set "
    "(E. Alpaydin, C. Kaynak, 1998; https://doi.org/10.24432/C50P49), licensed CC BY 4.0, as "
    "shipped with scikit-learn (BSD-3-Clause)";

// Progress split: loading, training (weighted by work), writing.
constexpr double kLoaded = 0.02;
constexpr double kTrained = 0.9;
constexpr double kWritten = 0.99;

struct ModelSpec {
    std::vector<int> widths;
    std::uint32_t seed;
};

std::vector<ModelSpec> demoModels() {
    return {{{64, 64, 32}, 1u}, {{64, 64, 32}, 2u}, {{128, 64, 32}, 1u}};
}

std::string modelName(const ModelSpec& s) {
    return "mlp_w" + std::to_string(s.widths.front()) + "_s" + std::to_string(s.seed);
}

std::string joinWidths(const std::vector<int>& widths) {
    std::string out;
    for (int w : widths) out += (out.empty() ? "" : "-") + std::to_string(w);
    return out;
}

std::string pad4(std::size_t v) {
    std::string s = std::to_string(v);
    return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

// Removes the temporary file unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(fs::path path) : path_(std::move(path)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!committed_) {
            std::error_code ec;
            fs::remove(path_, ec);
        }
    }
    [[nodiscard]] const fs::path& path() const { return path_; }
    void commitTo(const fs::path& target) {
        std::error_code ec;
        fs::rename(path_, target, ec);
        if (ec) {
            throw FileError("Could not move the demo dataset into place at " + target.string() +
                            ": " + ec.message() + ".");
        }
        committed_ = true;
    }

private:
    fs::path path_;
    bool committed_ = false;
};

fs::path temporarySibling(const fs::path& target) {
    std::random_device rd;
    char suffix[32];
    std::snprintf(suffix, sizeof(suffix), ".tmp-%08x%08x", rd(), rd());
    return target.parent_path() / (target.filename().string() + suffix);
}

struct TrainedActivations {
    TrainedModel summary;
    MlpConfig config;
    std::vector<MatrixF> layers;  // hidden1..hiddenK, logits
};

std::string modelDescription(const TrainedActivations& m, std::size_t trainCount) {
    char accuracy[32];
    std::snprintf(accuracy, sizeof(accuracy), "%.4f", m.summary.heldOutAccuracy);
    std::string lr = std::to_string(m.config.learningRate);
    lr.erase(lr.find_last_not_of('0') + 1);
    return "MLP " + joinWidths(m.summary.hiddenWidths) +
           " (ReLU hidden layers, softmax cross-entropy) trained with Adam (learning rate " + lr +
           ", batch " + std::to_string(m.config.batchSize) + ", " +
           std::to_string(m.config.epochs) + " epochs, seed " + std::to_string(m.summary.seed) +
           ") on the " + std::to_string(trainCount) +
           " stimuli with split == train, pixels scaled to [0, 1]; held-out accuracy " + accuracy +
           ".";
}

void writeFile(const fs::path& file, const DigitsData& data, const std::vector<bool>& heldOut,
               const std::vector<TrainedActivations>& models, std::size_t trainCount,
               Progress& progress) {
    const std::size_t n = data.count();
    H5Writer w(file.string());
    w.setStringAttribute(w.file(), "title", kTitle);
    w.setStringAttribute(w.file(), "source", kSource);
    w.setIntAttribute(w.file(), "repscope_demo_version", kDemoVersion);

    std::vector<std::string> labels(n), digits(n), split(n);
    std::vector<std::uint8_t> thumbnails(n * kDigitPixels);
    for (std::size_t i = 0; i < n; ++i) {
        digits[i] = std::to_string(data.digits[i]);
        labels[i] = "digit " + digits[i] + " #" + pad4(data.rows[i]);
        split[i] = heldOut[i] ? "test" : "train";
        for (int p = 0; p < kDigitPixels; ++p) {
            const float v = data.pixels(static_cast<Eigen::Index>(i), p);
            thumbnails[i * kDigitPixels + static_cast<std::size_t>(p)] = static_cast<std::uint8_t>(
                std::lround(static_cast<double>(v) * 255.0 / kDigitMaxValue));
        }
    }
    {
        H5Handle stimuli = w.createGroup("/stimuli");
        w.writeStrings("/stimuli/labels", labels);
        w.writeStrings("/stimuli/digit", digits);
        w.writeStrings("/stimuli/split", split);
        w.writeUint8("/stimuli/thumbnails", thumbnails,
                     {static_cast<hsize_t>(n), kDigitSide, kDigitSide});
    }
    {
        H5Handle input = w.createGroup("/input");
        w.setStringAttribute(input.get(), "description",
                             "The 8x8 input images, raw pixel values 0..16 (row-major).");
        w.writeFloat32("/input/pixels", data.pixels);
    }
    std::size_t layersTotal = 0;
    for (const auto& m : models) layersTotal += m.layers.size();
    std::size_t layersDone = 0;
    for (const auto& m : models) {
        progress.report(kTrained + (kWritten - kTrained) * static_cast<double>(layersDone) /
                                       static_cast<double>(layersTotal));
        const std::string group = "/" + m.summary.name;
        H5Handle g = w.createGroup(group);
        w.setDoubleAttribute(g.get(), "held_out_accuracy", m.summary.heldOutAccuracy);
        w.setIntAttribute(g.get(), "seed", static_cast<int>(m.summary.seed));
        w.setIntArrayAttribute(g.get(), "hidden_widths", m.summary.hiddenWidths);
        w.setStringAttribute(g.get(), "description", modelDescription(m, trainCount));
        for (std::size_t l = 0; l < m.layers.size(); ++l) {
            const bool logits = l + 1 == m.layers.size();
            w.writeFloat32(
                group + (logits ? "/logits" : "/hidden" + std::to_string(l + 1)), m.layers[l],
                logits ? "Output logits (pre-softmax)." : "Hidden layer activations (post-ReLU).");
            ++layersDone;
        }
    }
    progress.report(kWritten);
    w.close();
}

}  // namespace

DemoSummary writeDemoDataset(const std::string& path, Progress& progress) {
    const fs::path target(path);
    if (target.empty() || target.filename().empty()) {
        throw InputError("The demo dataset path \"" + path + "\" does not name a file.");
    }
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw FileError("Could not write the demo dataset " + path + ": the directory " +
                        dir.string() + " does not exist.");
    }

    const DigitsData data = loadEmbeddedDigits();
    const std::vector<bool> heldOut = stratifiedHeldOut(data.digits);
    std::vector<std::size_t> trainRows;
    for (std::size_t i = 0; i < data.count(); ++i) {
        if (!heldOut[i]) trainRows.push_back(i);
    }
    progress.report(kLoaded);

    const MatrixF x = data.pixels / static_cast<float>(kDigitMaxValue);
    std::vector<TrainedActivations> models;
    std::vector<Mlp> mlps;
    double totalWork = 0.0;
    for (const ModelSpec& spec : demoModels()) {
        MlpConfig config;
        config.hiddenWidths = spec.widths;
        config.seed = spec.seed;
        mlps.emplace_back(kDigitPixels, kDigitClasses, config);
        totalWork += mlps.back().flopsPerEpoch(trainRows.size());
    }
    double doneWork = 0.0;
    const auto specs = demoModels();
    for (std::size_t k = 0; k < mlps.size(); ++k) {
        Mlp& mlp = mlps[k];
        const double work = mlp.flopsPerEpoch(trainRows.size());
        const double from = kLoaded + (kTrained - kLoaded) * doneWork / totalWork;
        const double to = kLoaded + (kTrained - kLoaded) * (doneWork + work) / totalWork;
        mlp.train(x, data.digits, trainRows, progress, from, to);
        doneWork += work;

        TrainedActivations m;
        m.config = mlp.config();
        m.layers = mlp.forward(x);
        const std::vector<int> predicted = argmaxRows(m.layers.back());
        std::size_t correct = 0;
        std::size_t tested = 0;
        for (std::size_t i = 0; i < data.count(); ++i) {
            if (!heldOut[i]) continue;
            ++tested;
            if (predicted[i] == data.digits[i]) ++correct;
        }
        m.summary.name = modelName(specs[k]);
        m.summary.hiddenWidths = specs[k].widths;
        m.summary.seed = specs[k].seed;
        m.summary.heldOutAccuracy =
            tested == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(tested);
        models.push_back(std::move(m));
    }

    TempFile temp(temporarySibling(target));
    writeFile(temp.path(), data, heldOut, models, trainRows.size(), progress);
    temp.commitTo(target);

    DemoSummary summary;
    summary.stimuli = data.count();
    for (const auto& m : models) summary.models.push_back(m.summary);
    return summary;
}

std::string ensureDemoDataset(const std::string& cacheDir, Progress& progress) {
    const fs::path dir(cacheDir.empty() ? "." : cacheDir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        throw FileError("Could not create the demo cache directory " + dir.string() + ": " +
                        (ec ? ec.message() : "not a directory") + ".");
    }
    const fs::path file = dir / ("demo-v" + std::to_string(kDemoVersion) + ".h5");
    if (fs::is_regular_file(file, ec) && fs::file_size(file, ec) > 0 && !ec) return file.string();
    writeDemoDataset(file.string(), progress);
    return file.string();
}

}  // namespace repscope::demo
