"""Reference detections of YOLOv5's AutoShape, whose rectangles `yolo5 --letterbox rect` (detect.py's) agrees with on the samples, for its parity test.

AutoShape (`yolov5.load(weights)`, PyPI yolov5 7.0.14, its layers fused as in YOLOv5's repository:
pip_yolov5.py) scales each photo's long side to 640 and pads it to the smallest rectangle whose sides are
multiples of 32, then runs the eager model, non_max_suppression and scale_boxes. One photo per call, so each
gets its own rectangle. Prints one JSON document in the format of ../shared/reference/golden.py:
  {"model": ..., "imgsz": 640, "conf": 0.25, "iou": 0.45, "images": {"<file name>": {"width", "height",
   "detections": [{"class_id", "class", "confidence", "xyxy"}, ...]}}}
usage: python autoshape_golden.py WEIGHTS.pt IMAGE... > crates/yolo5/tests/fixtures/autoshape-yolov5n.json
needs: `make bench-venv` (torch 2.13.0, yolov5 7.0.14)
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")  # the v7.0 checkpoints pickle modules

import torch  # noqa: E402
import yolov5  # noqa: E402
from pip_yolov5 import use_own_modules  # noqa: E402

IMGSZ, CONF, IOU, MAX_DET = 640, 0.25, 0.45, 1000


def main() -> None:
    torch.set_num_threads(2)
    weights, images = sys.argv[1], sys.argv[2:]
    use_own_modules()  # its layers fused, as YOLOv5's repository loads them
    model = yolov5.load(weights, device="cpu")
    model.conf, model.iou, model.max_det = CONF, IOU, MAX_DET
    out = {"model": Path(weights).name, "imgsz": IMGSZ, "conf": CONF, "iou": IOU, "images": {}}
    for path in images:
        results = model(path, size=IMGSZ)
        height, width = results.ims[0].shape[:2]
        dets = [
            {"class_id": int(c), "class": model.names[int(c)], "confidence": round(float(p), 5),
             "xyxy": [round(float(v), 2) for v in xyxy]}
            for *xyxy, p, c in results.xyxy[0].tolist()
        ]
        out["images"][Path(path).name] = {"width": width, "height": height, "detections": dets}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
