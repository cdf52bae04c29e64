"""The Python side of `yolo5-bench`: the Python YOLOv5's figures on the same model and images, on request.

usage: python bench_reference.py MODEL.torchscript WEIGHTS.pt rect|square IMAGE...
Loads MODEL (the TorchScript yolo5 runs) and yolov5==7.0.14's AutoShape on WEIGHTS.pt (its layers fused, as
in YOLOv5's repository: pip_yolov5.py), warms both up, prints `ready`, then answers each line read from
stdin with one `key value` line, in milliseconds per image:
  forward K     forward_ms: MODEL's forward pass on the first image letterboxed as detect.py does, with
                `auto=True` (rect: its rectangles) or `auto=False` (square: 640 × 640); the best of K
  pipeline K    pipeline_ms: golden.py's steps (imread, letterbox, forward, NMS, scale_boxes) on each
                image, the best of K, averaged over the images
  autoshape N   autoshape_ms: AutoShape on N photos taken from the images in turn (its own rectangular
                letterbox), the mean: a throughput like the worker path's
`yolo5-bench` asks between measurements of its own, so that each ratio compares the same minute of the
machine. It exits when stdin closes.
needs: `make bench-venv` (torch 2.13.0 with its CUDA wheels, yolov5 7.0.14, opencv-python-headless)
"""
import os
import sys
import time

os.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import yolov5  # noqa: E402
from pip_yolov5 import use_own_modules  # noqa: E402
from yolov5.utils.augmentations import letterbox  # noqa: E402
from yolov5.utils.general import non_max_suppression, scale_boxes  # noqa: E402


def best_of(iterations, f):
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    torch.set_num_threads(2)
    model_path, weights, mode, images = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    assert mode in ("rect", "square"), f"rect or square, not {mode}"
    model = torch.jit.load(model_path, map_location="cpu").eval()

    def prepare(path):
        im0 = cv2.imread(path)
        im = letterbox(im0, 640, stride=32, auto=mode == "rect")[0].transpose((2, 0, 1))[::-1]
        return im0, torch.from_numpy(np.ascontiguousarray(im)).float().div(255.0)[None]

    def pipeline(path):
        im0, im = prepare(path)
        pred = model(im)
        det = non_max_suppression(pred, 0.25, 0.45, None, False, max_det=1000)[0]
        det[:, :4] = scale_boxes(im.shape[2:], det[:, :4], im0.shape).round()

    _, first = prepare(images[0])
    use_own_modules()  # its layers fused, as YOLOv5's repository loads them
    autoshape = yolov5.load(weights, device="cpu")
    autoshape.conf, autoshape.iou = 0.25, 0.45

    def autoshape_photos(photos):
        for i in range(photos):
            autoshape(images[i % len(images)])

    with torch.no_grad():
        for path in images:  # TorchScript optimises its graph on the first calls
            pipeline(path)
            pipeline(path)
        autoshape_photos(len(images))
        print("ready", flush=True)
        for line in sys.stdin:
            command, count = line.split()
            count = int(count)
            if command == "forward":
                took = best_of(count, lambda: model(first))
            elif command == "pipeline":
                each = [best_of(count, lambda path=path: pipeline(path)) for path in images]
                took = sum(each) / len(each)
            elif command == "autoshape":
                started = time.perf_counter()
                autoshape_photos(count)
                took = (time.perf_counter() - started) / count
            else:
                raise SystemExit(f"unknown command {command!r}")
            print(f"{command}_ms {took * 1e3:.3f}", flush=True)


if __name__ == "__main__":
    main()
