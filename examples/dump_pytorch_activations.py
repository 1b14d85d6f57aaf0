#!/usr/bin/env python3
"""Dump a PyTorch model's activations into RepScope's native HDF5 layout.

    /stimuli/labels       N strings
    /stimuli/category     N strings (one categorical column; add more the same way)
    /<model>/<layer>      (N, ...) activations of one module, float32 or float16, gzip;
                          attribute `order` = the order in which the module's hook first ran

Use it from your own code:

    from dump_pytorch_activations import dump_activations
    dump_activations(model, images, "acts.h5", modules=["layer1", "layer4", "fc"],
                     labels=names, categories=classes, model_name="resnet18")

`inputs` is an (N, ...) tensor, or an iterable of batches (e.g. a DataLoader; from an
(x, y, ...) tuple the first element is used). Without `modules`, every leaf module of the
kinds in DEFAULT_TYPES is hooked. Then: `repscope acts.h5` (GUI) or `repscope info acts.h5`.

Run as a script, it demonstrates itself on a small random-weight CNN and 300 synthetic
images of 3 categories:  python3 dump_pytorch_activations.py demo.h5
"""
import argparse
import os
from collections import OrderedDict

import h5py
import numpy as np
import torch
from torch import nn

DEFAULT_TYPES = (nn.Conv2d, nn.Linear, nn.ReLU, nn.GELU, nn.MaxPool2d, nn.AvgPool2d,
                 nn.AdaptiveAvgPool2d)


def dump_activations(model, inputs, out_path, modules=None, labels=None, categories=None,
                     model_name="model", batch_size=64, dtype="float32"):
    """Run `inputs` through `model` and write every hooked module's output to `out_path`."""
    if modules is None:  # every leaf module of a default kind, by its qualified name
        modules = [name for name, m in model.named_modules()
                   if isinstance(m, DEFAULT_TYPES) and not list(m.children())]
    named = dict(model.named_modules())
    batches = inputs.split(batch_size) if torch.is_tensor(inputs) else inputs
    unknown = [name for name in modules if name not in named]
    if unknown:
        raise ValueError(f"no module named {unknown}; the model has {[n for n in named if n]}")
    tmp_path = out_path + ".part"  # written aside, renamed at the end: no half-written file
    try:
        written = _write(model, batches, tmp_path, [(n, named[n]) for n in modules], labels,
                         categories, model_name, dtype)
    except BaseException:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
        raise
    os.replace(tmp_path, out_path)
    return written  # layer names in hook call order


def _write(model, batches, path, modules, labels, categories, model_name, dtype):
    device = next(model.parameters()).device
    with h5py.File(path, "w") as f:
        group, datasets, calls, row = f.create_group(model_name), {}, {}, 0

        def hook_for(name):
            def hook(module, args, output):
                calls[name] = calls.get(name, 0) + 1  # a module can run twice (ResNet's relu)
                key = name if calls[name] == 1 else f"{name}_call{calls[name]}"
                output = output[0] if isinstance(output, (tuple, list)) else output  # e.g. LSTM
                out = output.detach().float().cpu().numpy().astype(dtype)
                if key not in datasets:  # first call: create the dataset, remember the order
                    rows = min(1024, max(1, 2**20 // max(1, out[0].nbytes)))  # <= 1 MiB chunks
                    datasets[key] = group.create_dataset(
                        key, shape=(0,) + out.shape[1:], dtype=dtype,
                        maxshape=(None,) + out.shape[1:], chunks=(rows,) + out.shape[1:],
                        compression="gzip", compression_opts=4)
                    datasets[key].attrs["order"] = len(datasets) - 1
                ds = datasets[key]
                ds.resize(row + out.shape[0], axis=0)
                ds[row:] = out
            return hook

        handles = [module.register_forward_hook(hook_for(name)) for name, module in modules]
        try:
            model.eval()
            with torch.no_grad():
                for batch in batches:
                    x = batch[0] if isinstance(batch, (tuple, list)) else batch
                    calls.clear()
                    model(x.to(device))
                    row += x.shape[0]
        finally:
            for h in handles:
                h.remove()

        strings = h5py.string_dtype("utf-8")
        labels = labels if labels is not None else [f"stimulus {i}" for i in range(row)]
        f.create_dataset("stimuli/labels", data=[str(s) for s in labels], dtype=strings)
        if categories is not None:
            f.create_dataset("stimuli/category", data=[str(c) for c in categories], dtype=strings)
        return list(datasets)


# ---- demonstration: random-weight CNN, synthetic striped images -----------------------------

CATEGORIES = ("horizontal", "vertical", "diagonal")


def demo_model():
    torch.manual_seed(0)
    return nn.Sequential(OrderedDict([
        ("conv1", nn.Conv2d(3, 8, 3, padding=1)), ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(8, 16, 3, padding=1)), ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)), ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(16 * 4 * 4, 64)), ("relu3", nn.ReLU()),
        ("fc2", nn.Linear(64, len(CATEGORIES))),
    ]))


def demo_inputs(n, size=16):
    """n images 3×size×size: stripes whose direction is the category, random phase and noise."""
    gen = torch.Generator().manual_seed(1)
    cats = torch.arange(n) % len(CATEGORIES)
    y, x = torch.meshgrid(torch.arange(size), torch.arange(size), indexing="ij")
    coord = torch.stack([y, x, y + x]).float()  # per category: the coordinate that varies
    phase = torch.rand(n, 1, 1, generator=gen) * 6.3
    stripes = torch.sin(coord[cats] * 1.2 + phase)
    images = stripes[:, None].repeat(1, 3, 1, 1) + 0.3 * torch.randn(n, 3, size, size,
                                                                    generator=gen)
    return images, [CATEGORIES[int(c)] for c in cats]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", help="output .h5 file")
    p.add_argument("--n", type=int, default=300, help="number of images (default 300)")
    p.add_argument("--modules", nargs="+", help="module names to hook (default: all leaf "
                   "Conv2d/Linear/ReLU/pooling modules)")
    p.add_argument("--dtype", choices=("float32", "float16"), default="float32")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--model-name", default="democnn")
    p.add_argument("--save-npy", nargs=2, metavar=("LAYER", "PATH"),
                   help="also save LAYER's output, recomputed without hooks by running the "
                   "model up to LAYER, as a float32 .npy (for tests)")
    args = p.parse_args()

    model, (images, cats) = demo_model(), demo_inputs(args.n)
    labels = [f"{c}_{i:03d}" for i, c in enumerate(cats)]
    try:
        layers = dump_activations(model, images, args.out, modules=args.modules, labels=labels,
                                  categories=cats, model_name=args.model_name,
                                  batch_size=args.batch_size, dtype=args.dtype)
    except ValueError as e:
        p.error(str(e))
    print(f"wrote {args.out}: {args.n} stimuli, layers {', '.join(layers)}")
    if args.save_npy:
        layer, path = args.save_npy
        names = list(model._modules)
        with torch.no_grad():
            ref = model[: names.index(layer) + 1](images)
        np.save(path, ref.numpy().astype(np.float32))


if __name__ == "__main__":
    main()
