"""Exports official YOLOv5 weights to the TorchScript yolo5 loads, traced at 640×640 but taking any input
whose sides are multiples of 32, so that `yolo5` can letterbox each photo to its own rectangle (its default on such a model).

usage: python export_torchscript.py WEIGHTS.pt OUT.torchscript

YOLOv5's own export (`yolov5.export.run`) traces the detection head with its grid of cell offsets
computed for the traced size, a constant in the graph: the model then takes that size only. Here the
grid is made from the head's feature map itself (cumulative sums of ones shaped like it), so the trace
follows the input. Everything else is the export's: the fused model, the head in export mode, the
`extra/config.txt` with the traced shape, stride and class names. The weights load through
`pip_yolov5.use_own_modules()`, so that their convolutions and batch norms are fused as YOLOv5's
repository fuses them (PyPI's yolov5 alone leaves them apart; the export is then 1.1× slower).

The script checks the trace: at 640×640, 480×640, 640×480 and 384×640 its output must be bitwise
that of YOLOv5's own (fused) model, which rebuilds its grid for each size.
Needs torch 2.13.0 and yolov5==7.0.14 (`make bench-venv`).
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")  # the v7.0 checkpoints pickle modules

import torch  # noqa: E402
from pip_yolov5 import use_own_modules  # noqa: E402
from yolov5.models.experimental import attempt_load  # noqa: E402
from yolov5.models.yolo import Detect  # noqa: E402

TRACED = (640, 640)
CHECKED = [(480, 640), (640, 480), (384, 640)]


def any_size_forward(self, x):
    """Detect.forward in export mode with the grid taken from each feature map, not cached per size."""
    z = []
    for i in range(self.nl):
        x[i] = self.m[i](x[i])
        bs, _, ny, nx = x[i].shape
        x[i] = x[i].view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
        ones = torch.ones_like(x[i][:1, :1, :, :, :1])  # [1, 1, ny, nx, 1]
        # Column and row of each cell, less 0.5: the values of Detect._make_grid (cumsum counts from 1).
        grid = torch.cat((ones.cumsum(3), ones.cumsum(2)), 4) - 1.5
        anchor_grid = (self.anchors[i] * self.stride[i]).view(1, self.na, 1, 1, 2)
        xy, wh, conf = x[i].sigmoid().split((2, 2, self.nc + 1), 4)
        xy = (xy * 2 + grid) * self.stride[i]
        wh = (wh * 2) ** 2 * anchor_grid
        z.append(torch.cat((xy, wh, conf), 4).view(bs, self.na * nx * ny, self.no))
    return (torch.cat(z, 1),)


def main() -> None:
    # An absolute path: yolov5 looks a bare file name such as yolov5n.pt up on Hugging Face.
    weights, out = str(Path(sys.argv[1]).resolve()), sys.argv[2]
    use_own_modules()
    model = attempt_load(weights, device="cpu", inplace=True, fuse=True).eval()
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules()), "every batch norm fused"
    head = model.model[-1]
    assert isinstance(head, Detect), f"a YOLOv5 detection model, not one ending in {type(head)}"
    head.inplace, head.export = True, True
    example = torch.zeros(1, 3, *TRACED)

    with torch.no_grad():
        inputs = {shape: torch.rand(1, 3, *shape) for shape in [TRACED, *CHECKED]}
        before = {shape: model(x)[0] for shape, x in inputs.items()}
        head.forward = any_size_forward.__get__(head)
        traced = torch.jit.trace(model, example, strict=False)
        for shape, expected in before.items():
            got = traced(inputs[shape])[0]
            assert torch.equal(got, expected), f"the export differs from YOLOv5's model at {shape}"
            print(f"{shape[0]}×{shape[1]}: {tuple(got.shape)}, bitwise YOLOv5's")

    config = {"shape": list(example.shape), "stride": int(max(model.stride)), "names": model.names}
    traced.save(out, _extra_files={"config.txt": json.dumps(config)})
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
