#pragma once
// The names each choice key of the configuration accepts, one table per key, in the order the
// docs list them. The Config keeps the chosen name as text; whoever maps a name to its own enum
// (detect's field and pad modes, the FFT planning, the loss) must throw on any other name,
// never fall back to a default: a name the table gains and the mapping lacks is a bug, said.

#include <array>
#include <string_view>

namespace holodet::config {

// reconstruction.field: what is propagated.
inline constexpr std::array<std::string_view, 4> kFieldNames = {"counts", "normalised", "sqrt",
                                                                "sqrt_normalised"};
// reconstruction.pad: padding up to the FFT size.
inline constexpr std::array<std::string_view, 2> kPadNames = {"reflect", "edge_mean"};
// reconstruction.fft_planning: how CPU FFT plans are chosen.
inline constexpr std::array<std::string_view, 2> kFftPlanningNames = {"measure", "deterministic"};
// unet.work_items: what the network runs on.
inline constexpr std::array<std::string_view, 3> kWorkItemNames = {"auto", "candidates", "dense"};
// train.loss: the training loss.
inline constexpr std::array<std::string_view, 2> kLossNames = {"dice", "focal_tversky"};

}  // namespace holodet::config
