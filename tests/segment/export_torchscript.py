"""Exports a small segmentation model the way a scientist would from Python today, for the
LibTorch tests: torch.jit.script, with holodet's metadata as the extra file holodet.yaml.

    python export_torchscript.py OUT.pt METADATA.yaml

The model is a real convolutional network (a 3x3 convolution, ReLU, a 1x1 convolution) with
fixed weights chosen so that its logits are 20 * (-0.8 - x) wherever x is smooth: the same
"darkness" answer the C++ tests expect from a hand-made module, so they can check the numbers.
"""
import sys

import torch


class Darkness(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.smooth = torch.nn.Conv2d(1, 2, 3, padding=1, bias=True)
        self.head = torch.nn.Conv2d(2, 1, 1, bias=True)
        with torch.no_grad():
            # Channel 0: the centre pixel, shifted up by 10 so ReLU keeps it (x > -10).
            self.smooth.weight.zero_()
            self.smooth.weight[0, 0, 1, 1] = 1.0
            self.smooth.bias[:] = torch.tensor([10.0, 0.0])
            self.head.weight.zero_()
            self.head.weight[0, 0, 0, 0] = -20.0
            self.head.bias[:] = torch.tensor([(-0.8 + 10.0) * 20.0])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.smooth(x[:, 0:1])))


def main():
    out, metadata = sys.argv[1], sys.argv[2]
    with open(metadata) as f:
        yaml_text = f.read()
    model = torch.jit.script(Darkness().eval())
    torch.jit.save(model, out, _extra_files={"holodet.yaml": yaml_text})
    print("torch", torch.__version__, "saved", out)


if __name__ == "__main__":
    main()
