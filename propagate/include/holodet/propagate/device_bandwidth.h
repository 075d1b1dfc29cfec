#pragma once
// The memory floor the CUDA propagation is measured against: device memory bandwidth (bytes
// read plus bytes written per second) of a 1 GiB device-to-device copy, the best of five.
// An H100 SXM's HBM3 is specified at 3.35 TB/s; a copy reaches about 90 % of that.

namespace holodet::propagate {

// Throws bad_input in builds without CUDA, runtime_failure when the device fails.
double measure_cuda_bandwidth(int device);

}  // namespace holodet::propagate
