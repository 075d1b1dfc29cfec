# Finds the third-party libraries as imported targets named holodet::dep_<name>.
#
# HDF5, OpenCV and yaml-cpp are found with plain find_path/find_library rather than their
# packaged CMake configs: Debian's configs hardcode /usr and OpenCV's lists every module
# (imgcodecs drags in GDAL), which breaks the staged copy used on GPU machines
# (scripts/stage-gpu-deps puts them under .deps/root/usr, passed in CMAKE_PREFIX_PATH).

function(holodet_find_dependency name)
  cmake_parse_arguments(ARG "" "HEADER" "HEADER_SUFFIXES;LIBRARIES" ${ARGN})
  find_path(HOLODET_${name}_INCLUDE_DIR ${ARG_HEADER} PATH_SUFFIXES ${ARG_HEADER_SUFFIXES})
  if(NOT HOLODET_${name}_INCLUDE_DIR)
    message(FATAL_ERROR "${name}: header ${ARG_HEADER} not found; run scripts/setup")
  endif()
  set(libraries)
  foreach(lib IN LISTS ARG_LIBRARIES)
    # Each entry is a list of alternative names separated by '|'.
    string(REPLACE "|" ";" alternatives "${lib}")
    list(GET alternatives 0 first)
    find_library(HOLODET_${name}_${first}_LIBRARY NAMES ${alternatives})
    if(NOT HOLODET_${name}_${first}_LIBRARY)
      message(FATAL_ERROR "${name}: library ${lib} not found; run scripts/setup")
    endif()
    list(APPEND libraries ${HOLODET_${name}_${first}_LIBRARY})
  endforeach()
  add_library(holodet::dep_${name} INTERFACE IMPORTED GLOBAL)
  target_include_directories(holodet::dep_${name} SYSTEM INTERFACE ${HOLODET_${name}_INCLUDE_DIR})
  target_link_libraries(holodet::dep_${name} INTERFACE ${libraries})
  message(STATUS "${name}: ${HOLODET_${name}_INCLUDE_DIR}; ${libraries}")
endfunction()

holodet_find_dependency(hdf5 HEADER hdf5.h HEADER_SUFFIXES hdf5/serial
  LIBRARIES "hdf5_serial_hl|hdf5_hl" "hdf5_serial|hdf5")
holodet_find_dependency(opencv HEADER opencv2/core.hpp HEADER_SUFFIXES opencv4
  LIBRARIES opencv_imgproc opencv_core)
holodet_find_dependency(yaml HEADER yaml-cpp/yaml.h LIBRARIES yaml-cpp)
holodet_find_dependency(cli11 HEADER CLI/CLI.hpp)
holodet_find_dependency(fftw HEADER fftw3.h LIBRARIES fftw3f_threads fftw3f)
find_package(PNG REQUIRED)
find_package(TIFF REQUIRED)
find_package(Threads REQUIRED)

# LibTorch: Debian's libtorch-dev (1.13, CPU) by default; the `torch-cuda` and `gpu` presets
# point Torch_DIR at a CUDA build (pip's torch 2.x ships one).
find_package(Torch REQUIRED)
