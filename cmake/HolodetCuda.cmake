# Decides whether the CUDA code is built (HOLODET_WITH_CUDA) from HOLODET_CUDA=AUTO|ON|OFF.
# AUTO builds it whenever a CUDA compiler is found: every development and CI machine has nvcc
# (but no GPU), so every .cu file is compiled in CI even though none runs there.
include(CheckLanguage)

set(HOLODET_WITH_CUDA OFF)
if(NOT HOLODET_CUDA STREQUAL "OFF")
  if(NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # sm_80 (A100) and sm_90 (H100/H200) machine code, plus compute_90 PTX for newer cards.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES "80-real;90")
    endif()
    enable_language(CUDA)
    # CMake 3.25 knows nvcc's dialect flags only up to C++17; nvcc 12+ accepts C++20.
    if(NOT DEFINED CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(CMAKE_CUDA_STANDARD 20)
    find_package(CUDAToolkit REQUIRED)
    set(HOLODET_WITH_CUDA ON)
  elseif(HOLODET_CUDA STREQUAL "ON")
    message(FATAL_ERROR "HOLODET_CUDA=ON but no CUDA compiler was found (set CMAKE_CUDA_COMPILER)")
  endif()
endif()
