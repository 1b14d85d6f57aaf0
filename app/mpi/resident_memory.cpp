#include "resident_memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace repscope::mpi {

double peakResidentBytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            double kib = 0.0;
            fields >> kib;
            return kib * 1024.0;
        }
    }
    return 0.0;
}

}  // namespace repscope::mpi
