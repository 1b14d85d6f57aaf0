#pragma once
// Several files over one aligned stimulus set. Equal N aligns by index; when both sides carry
// labels, files align by label (intersection, with a report of what was dropped).
#include <memory>
#include <string>
#include <vector>

#include "repscope/data_file.h"

namespace repscope {

struct CollectionEntry {
    RepresentationPtr representation;
    std::size_t fileIndex = 0;
};

class Collection {
public:
    // Adds a file. Throws AlignmentError (one sentence naming both files) when it cannot be
    // aligned; the collection is left unchanged then.
    void add(DataFilePtr file);
    // Removes the file at index i; the stimulus set is recomputed from the remaining files.
    void remove(std::size_t fileIndex);

    [[nodiscard]] const std::vector<DataFilePtr>& files() const { return files_; }
    [[nodiscard]] const Stimuli& stimuli() const { return stimuli_; }
    [[nodiscard]] std::size_t stimulusCount() const { return stimuli_.count; }
    [[nodiscard]] std::vector<CollectionEntry> representations() const;
    // What alignment dropped, one sentence per event (empty when nothing was dropped).
    [[nodiscard]] const std::vector<std::string>& alignmentReport() const { return report_; }

    // Row of file `fileIndex` for collection stimulus i.
    [[nodiscard]] const std::vector<std::size_t>& rowsOf(std::size_t fileIndex) const {
        return rows_.at(fileIndex);
    }
    // The representation's rows in collection order (N × D, float32).
    [[nodiscard]] MatrixF read(const CollectionEntry& entry,
                               Progress& progress = silentProgress()) const;

private:
    void rebuild(const std::vector<DataFilePtr>& files);

    std::vector<DataFilePtr> files_;
    std::vector<std::vector<std::size_t>> rows_;
    Stimuli stimuli_;
    std::vector<std::string> report_;
};

}  // namespace repscope
