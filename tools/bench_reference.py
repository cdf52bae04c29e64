"""The Python side of `yolo5 bench`: the same figures for the Python YOLOv5 on the same images.

usage: python bench_reference.py MODEL.torchscript WEIGHTS.pt ITERATIONS IMAGE...
Prints `key value` lines (milliseconds per image), best of ITERATIONS:
  forward_b1_ms       the TorchScript forward pass on one letterboxed image
  pipeline_ms         golden.py's steps: imread, letterbox, forward, NMS, scale_boxes
then loads yolov5==7.0.14's AutoShape on WEIGHTS.pt, prints `ready`, and answers each line N read from stdin
with `autoshape_ms X`: the mean time of N photos, taken from IMAGE... in turn (its own rectangular letterbox),
a throughput like the worker path's. `yolo5 bench` sends a round between two of its own, so that both see
the machine in the same minutes. It exits when stdin closes.
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
from yolov5.utils.augmentations import letterbox  # noqa: E402
from yolov5.utils.general import non_max_suppression, scale_boxes  # noqa: E402


def best_of(iterations, f):
    f()
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    torch.set_num_threads(2)
    model_path, weights, iterations, images = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    model = torch.jit.load(model_path, map_location="cpu").eval()

    def prepare(path):
        im0 = cv2.imread(path)
        im = letterbox(im0, 640, stride=32, auto=False)[0].transpose((2, 0, 1))[::-1]
        return im0, torch.from_numpy(np.ascontiguousarray(im)).float().div(255.0)[None]

    _, batch = prepare(images[0])
    with torch.no_grad():
        forward = best_of(iterations, lambda: model(batch))
    print(f"forward_b1_ms {forward * 1e3:.2f}", flush=True)

    state = {"i": 0}

    def pipeline():
        path = images[state["i"] % len(images)]
        state["i"] += 1
        im0, im = prepare(path)
        with torch.no_grad():
            pred = model(im)
        det = non_max_suppression(pred, 0.25, 0.45, None, False, max_det=1000)[0]
        det[:, :4] = scale_boxes(im.shape[2:], det[:, :4], im0.shape).round()

    print(f"pipeline_ms {best_of(iterations, pipeline) * 1e3:.2f}", flush=True)

    autoshape = yolov5.load(weights, device="cpu")
    autoshape.conf, autoshape.iou = 0.25, 0.45
    autoshape(images[0])
    print("ready", flush=True)
    for line in sys.stdin:
        photos = int(line)
        started = time.perf_counter()
        for i in range(photos):
            autoshape(images[i % len(images)])
        print(f"autoshape_ms {(time.perf_counter() - started) / photos * 1e3:.2f}", flush=True)


if __name__ == "__main__":
    main()
