"""PyPI's yolov5 7.0.14 as YOLOv5's own repository runs it: the official checkpoints' layers fused.

The v7.0 checkpoints pickle their layers as YOLOv5's repository names them, `models.yolo.DetectionModel`,
`models.common.Conv`. The package puts its folder on sys.path, so unpickling imports a second copy of its
modules under those names, while its code checks `isinstance(m, yolov5.models.common.Conv)`: `fuse()` then
fuses nothing, and every convolution keeps its batch norm (270 layers, 4.6 GFLOPs, where YOLOv5's
repository loads yolov5n as 213 layers, 4.5 GFLOPs). Every Python figure and export of this project loads
the weights after `use_own_modules()`, which makes those names the package's own modules, as they are in
the repository.

usage: import pip_yolov5; pip_yolov5.use_own_modules()   (before loading any weights)
       python pip_yolov5.py detect ARGS...               (the `yolov5` command, weights fused)
"""
import sys

import yolov5.models
import yolov5.models.common
import yolov5.models.experimental
import yolov5.models.yolo


def use_own_modules() -> None:
    """Unpickles `models.*` as the package's `yolov5.models.*`."""
    for module in (yolov5.models, yolov5.models.common, yolov5.models.experimental, yolov5.models.yolo):
        sys.modules[module.__name__.removeprefix("yolov5.")] = module


if __name__ == "__main__":
    use_own_modules()
    from yolov5.cli import app

    sys.argv[0] = "yolov5"
    sys.exit(app())
