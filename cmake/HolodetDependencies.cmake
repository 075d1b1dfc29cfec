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

# LibTorch: the one inside the PyPI torch wheel (2.11, the CUDA 13 build, which also runs on
# the CPU), which scripts/setup installs into .venv/ and passes as Torch_DIR; any LibTorch 2.x
# works (docs/BUILDING.md). Without Torch_DIR, the project's venv is looked at.
if(NOT Torch_DIR AND EXISTS ${PROJECT_SOURCE_DIR}/.venv/bin/python)
  execute_process(COMMAND ${PROJECT_SOURCE_DIR}/.venv/bin/python -c
    "import torch.utils; print(torch.utils.cmake_prefix_path)"
    OUTPUT_VARIABLE holodet_venv_torch_prefix OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(holodet_venv_torch_prefix)
    set(Torch_DIR ${holodet_venv_torch_prefix}/Torch CACHE PATH "LibTorch's CMake package" FORCE)
  endif()
endif()
# LibTorch's CMake would otherwise probe the installed GPUs with a test program (failing on
# machines with none, and under our C++20 CUDA dialect); our own CUDA targets set their
# architectures themselves (HolodetCuda.cmake).
if(NOT DEFINED TORCH_CUDA_ARCH_LIST AND NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST})
  set(TORCH_CUDA_ARCH_LIST "8.0;9.0")
endif()
# LibTorch's CMake also switches CMAKE_CUDA_ARCHITECTURES off for the scope that finds it; ours
# is put back so that our kernels keep their sm_80/sm_90 code.
set(holodet_cuda_architectures "${CMAKE_CUDA_ARCHITECTURES}")
find_package(Torch QUIET)
set(CMAKE_CUDA_ARCHITECTURES "${holodet_cuda_architectures}")
if(NOT Torch_FOUND)
  message(FATAL_ERROR "LibTorch not found: run scripts/setup (it installs the torch wheel into "
    ".venv/), or pass -DTorch_DIR=<dir holding TorchConfig.cmake> for a LibTorch of your own")
endif()
# The torch wheels' libtorch.so exports its own statically linked copy of parts of libstdc++
# (std::filesystem among them: pytorch issue 133437). Searched before libstdc++ at run time,
# that copy answers our std::filesystem::remove_all and crashes. With libstdc++ as the first
# library every holodet binary needs, the dynamic linker finds the system's first.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_link_options("LINKER:--push-state,--no-as-needed" "-lstdc++" "LINKER:--pop-state")
endif()
if(Torch_VERSION VERSION_LESS 2.0)
  message(FATAL_ERROR "LibTorch ${Torch_VERSION} at ${Torch_DIR}: holodet needs 2.0 or newer")
endif()
