#include <gtest/gtest.h>

#include "holodet/core/devices.h"
#include "holodet/core/error.h"
#include "support/gpu_test.h"

namespace holodet {
namespace {

DeviceInventory two_gpus() {
  DeviceInventory inventory;
  inventory.built_with_cuda = true;
  inventory.devices = {{0, "A", 1, 9, 0, 132}, {1, "B", 1, 9, 0, 132}};
  return inventory;
}

DeviceInventory no_gpu() {
  DeviceInventory inventory;
  inventory.built_with_cuda = true;
  inventory.unavailable_reason = "no usable CUDA device (cudaGetDeviceCount: no driver)";
  return inventory;
}

TEST(DeviceChoice, AutoUsesEveryUsableGpu) {
  const DeviceChoice choice = choose_devices("auto", two_gpus());
  EXPECT_EQ(choice.backend, Backend::kCuda);
  EXPECT_EQ(choice.cuda_indices, (std::vector<int>{0, 1}));
  EXPECT_TRUE(choice.fallback_note.empty());
}

TEST(DeviceChoice, AutoFallsBackToTheCpuAndSaysWhy) {
  const DeviceChoice choice = choose_devices("auto", no_gpu());
  EXPECT_EQ(choice.backend, Backend::kCpu);
  EXPECT_NE(choice.fallback_note.find("no driver"), std::string::npos);
}

TEST(DeviceChoice, CpuIsAlwaysAvailable) {
  EXPECT_EQ(choose_devices("cpu", two_gpus()).backend, Backend::kCpu);
  EXPECT_EQ(choose_devices("cpu", no_gpu()).backend, Backend::kCpu);
}

TEST(DeviceChoice, ExplicitDevicesAreHonouredSortedAndUnique) {
  EXPECT_EQ(choose_devices("cuda:1", two_gpus()).cuda_indices, (std::vector<int>{1}));
  EXPECT_EQ(choose_devices("1,0,1", two_gpus()).cuda_indices, (std::vector<int>{0, 1}));
  EXPECT_EQ(choose_devices("cuda", two_gpus()).cuda_indices, (std::vector<int>{0, 1}));
}

TEST(DeviceChoice, AnExplicitGpuRequestThatCannotBeMetIsBadInput) {
  try {
    choose_devices("cuda:0", no_gpu());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("--device cuda:0"), std::string::npos);
  }
  EXPECT_THROW(choose_devices("cuda:2", two_gpus()), Error);
}

TEST(DeviceChoice, MalformedRequestsAreRejected) {
  for (const char* request : {"gpu", "cuda:", "cuda:x", "0,,1", "-1", ""}) {
    EXPECT_THROW(check_device_request(request), Error) << request;
  }
  for (const char* request : {"auto", "cpu", "cuda", "cuda:3", "0,1"}) {
    EXPECT_NO_THROW(check_device_request(request)) << request;
  }
}

TEST(DeviceProbe, NeverThrowsAndExplainsAnEmptyInventory) {
  const DeviceInventory inventory = probe_devices();
  if (inventory.devices.empty()) {
    EXPECT_FALSE(inventory.unavailable_reason.empty());
  }
}

}  // namespace
}  // namespace holodet

namespace holodet {
namespace {

TEST(DeviceProbeGpu, EveryReportedDeviceRanTheProbeKernel) {
  const DeviceInventory inventory = probe_devices();
  HOLODET_SKIP_WITHOUT_GPU(inventory);
  for (const CudaDevice& device : inventory.devices) {
    EXPECT_FALSE(device.name.empty());
    EXPECT_GT(device.memory_bytes, 0u);
    EXPECT_GE(device.compute_major, 8) << "built for sm_80 and sm_90 only";
    EXPECT_GT(device.multiprocessors, 0);
    EXPECT_GT(device.free_memory_bytes, 0u);
    EXPECT_LE(device.free_memory_bytes, device.memory_bytes);
  }
  const DeviceChoice choice = choose_devices("auto", inventory);
  EXPECT_EQ(choice.backend, Backend::kCuda);
}

}  // namespace
}  // namespace holodet
