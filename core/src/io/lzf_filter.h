#pragma once
namespace repscope::io {
// Registers the LZF compression filter (id 32000, as written by h5py) with HDF5. Debian's
// hdf5-plugin-lzf cannot be dlopen'ed (it is under-linked), so RepScope provides the filter
// itself on top of liblzf. Call once under h5Lock().
void registerLzfFilter();
}  // namespace repscope::io
