"""Writes the small model zoo the repscope-mpi tests run on (seeded, so every run is the same).

zoo_a.h5 and zoo_b.h5: native layout, the same 40 labelled stimuli; 7 layers of 4 to 16 features
in all, one of them constant (so linear CKA and CCA leave its pairs undefined, with a reason).
other_n.h5: a generic file of 30 unlabelled stimuli (it cannot be aligned with the zoo).
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(17)
n = 40
labels = np.array([f"s{i:02d}" for i in range(n)], dtype=object)
base = rng.standard_normal((n, 6))


def layer(d, noise):
    mix = rng.standard_normal((6, d))
    return (base @ mix + noise * rng.standard_normal((n, d))).astype(np.float32)


with h5py.File(f"{out}/zoo_a.h5", "w") as f:
    f.create_dataset("stimuli/labels", data=labels, dtype=h5py.string_dtype())
    f["net/layer1"] = layer(8, 0.1)
    f["net/layer2"] = layer(12, 0.5)
    f["net/layer3"] = layer(16, 1.0)
    f["net/layer4"] = layer(4, 2.0)
with h5py.File(f"{out}/zoo_b.h5", "w") as f:
    f.create_dataset("stimuli/labels", data=labels, dtype=h5py.string_dtype())
    f["other/conv"] = layer(10, 0.3).reshape(n, 2, 5)
    f["other/constant"] = np.ones((n, 5), dtype=np.float32)
    f["other/fc"] = layer(6, 0.8)
with h5py.File(f"{out}/other_n.h5", "w") as f:
    f["x"] = rng.standard_normal((30, 5)).astype(np.float32)
