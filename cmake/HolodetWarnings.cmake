# Warnings for holodet's own targets. Third-party headers come in through imported targets,
# which CMake marks SYSTEM, so -Werror never trips on LibTorch or OpenCV.
function(holodet_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
  if(HOLODET_WERROR)
    target_compile_options(${target} PRIVATE
      $<$<COMPILE_LANGUAGE:CXX>:-Werror>
      $<$<COMPILE_LANGUAGE:CUDA>:-Werror=all-warnings -Xcompiler=-Werror>)
  endif()
endfunction()

# The instruction set our own CPU loops are compiled for. x86-64-v3 (AVX2, FMA: every
# x86 server CPU since 2013-2015) lets the per-bin loops vectorise 8 wide; set
# HOLODET_CPU_ARCH=x86-64 for older machines, or "" to leave the compiler's default.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(HOLODET_CPU_ARCH "x86-64-v3" CACHE STRING "-march for holodet's own C++ code")
else()
  set(HOLODET_CPU_ARCH "" CACHE STRING "-march for holodet's own C++ code")
endif()

function(holodet_set_cpu_arch target)
  # sqrt and friends need not set errno (nothing of ours reads it): without this a branch per
  # call keeps the element-wise loops from vectorising.
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fno-math-errno>)
  if(HOLODET_CPU_ARCH)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-march=${HOLODET_CPU_ARCH}>)
  endif()
endfunction()

# A holodet stage library: sources, public headers under include/, warnings.
function(holodet_add_library target)
  cmake_parse_arguments(ARG "" "" "SOURCES;CUDA_SOURCES" ${ARGN})
  set(sources ${ARG_SOURCES})
  if(HOLODET_WITH_CUDA)
    list(APPEND sources ${ARG_CUDA_SOURCES})
  endif()
  add_library(${target} ${sources})
  add_library(holodet::${target} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(HOLODET_WITH_CUDA)
    target_compile_definitions(${target} PRIVATE HOLODET_WITH_CUDA=1)
    set_target_properties(${target} PROPERTIES CUDA_SEPARABLE_COMPILATION OFF)
  endif()
  holodet_set_warnings(${target})
  holodet_set_cpu_arch(${target})
endfunction()
