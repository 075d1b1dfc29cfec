// probe_devices() for builds without CUDA (HOLODET_CUDA=OFF or no nvcc at configure time).
#include "holodet/core/devices.h"

namespace holodet {

DeviceInventory probe_devices() {
  DeviceInventory inventory;
  inventory.unavailable_reason = "built without CUDA";
  return inventory;
}

}  // namespace holodet
