"""Packages a small segmentation model with AOTInductor, the way current PyTorch deploys models
to C++, for the LibTorch tests:

    python export_aoti.py OUT.pt2 METADATA.yaml

The model is export_torchscript.Darkness (logits 20 * (-0.8 - x)), exported with torch.export
for any batch and tile size (holodet runs 128² windows and 512² tiles), compiled for the CPU,
with holodet's metadata in the package. Compiling takes about half a minute of CPU.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torchscript import Darkness  # noqa: E402


def main():
    out, metadata = sys.argv[1], sys.argv[2]
    with open(metadata) as f:
        yaml_text = f.read()
    model = Darkness().eval()
    example = torch.zeros(2, 1, 64, 64)
    batch = torch.export.Dim("batch", min=1, max=4096)
    size_x = torch.export.Dim("size_x", min=2, max=8192)
    size_y = torch.export.Dim("size_y", min=2, max=8192)
    program = torch.export.export(
        model, (example,), dynamic_shapes={"x": {0: batch, 2: size_x, 3: size_y}}
    )
    torch._inductor.aoti_compile_and_package(
        program,
        package_path=out,
        inductor_configs={"aot_inductor.metadata": {"holodet.yaml": yaml_text}},
    )
    print("torch", torch.__version__, "packaged", out)


if __name__ == "__main__":
    main()
