# `cpack -G DEB` in a build directory produces repscope_<version>_<arch>.deb; shared-library
# dependencies are computed with dpkg-shlibdeps, plus the HDF5 plugins users' files need.
set(CPACK_PACKAGE_NAME "repscope")
set(CPACK_PACKAGE_VENDOR "RepScope")
set(CPACK_PACKAGE_CONTACT "RepScope developers <dev@repscope.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Explore representational similarity across layers and models")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The X11/Wayland platform plugins and OpenBLAS (core/linalg/blas.h) are loaded at run time,
# so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libopenblas0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hdf5-filter-plugin, hdf5-filter-plugin-blosc-serial")
set(CPACK_STRIP_FILES ON)
include(CPack)
