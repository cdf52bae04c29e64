# syntax=docker/dockerfile:1
# The worker: yolo5 built against the libtorch of PyTorch's 2.13.0 wheel, the official YOLOv5 weights
# exported to TorchScript, and a runtime with only the binary, the libraries it loads and the model.
# CPU only: the CUDA libraries libtorch_cuda needs are not installed.
#   docker build -f docker/yolo5.Dockerfile --build-arg YOLO5_WEIGHTS=yolov5s -t yolo5 .
# YOLO5_WEIGHTS_URL and TORCH_INDEX_URL let a build without GitHub or PyTorch's index use a .pt in the
# build context and PyPI's torch (tools/smoke-images does).

ARG YOLO5_WEIGHTS=yolov5s

FROM rust:1.95-bookworm AS chef
WORKDIR /src
RUN cargo install cargo-chef --version 0.1.78 --locked
COPY rust-toolchain.toml ./
RUN rustup toolchain install

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
# libtorch from the torch wheel without its Python dependencies, as `make venv` installs it
# (tools/requirements-libtorch.txt); its own layer, as it is large and rarely changes.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-venv \
    && rm -rf /var/lib/apt/lists/*
COPY tools/requirements-libtorch.txt /tmp/
RUN python3 -m venv /opt/pip \
    && /opt/pip/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps \
        --target /opt/pytorch -r /tmp/requirements-libtorch.txt
ENV LIBTORCH=/opt/pytorch/torch
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked -p yolo5 --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked -p yolo5 --bin yolo5
# Only the libraries the binary loads from the wheel (libtorch_cpu, libc10, libgomp, cudart, cupti),
# flat in one folder: not libtorch_cuda and the rest of the wheel's 2 GB.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN mkdir -p /out/lib \
    && ldd target/release/yolo5 | awk '$3 ~ "^/opt/pytorch/" { print $3 }' | xargs cp -L -t /out/lib \
    && test -f /out/lib/libtorch_cpu.so

FROM python:3.11-slim-bookworm AS exporter
ARG YOLO5_WEIGHTS
ARG YOLO5_WEIGHTS_URL=https://github.com/ultralytics/yolov5/releases/download/v7.0/${YOLO5_WEIGHTS}.pt
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
# OpenCV, which YOLOv5 imports, needs libGL and GLib.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*
# The CPU build of torch 2.13.0 (the same TorchScript as the CUDA build, a tenth of the download).
RUN pip install --no-cache-dir --disable-pip-version-check \
        --extra-index-url "${TORCH_INDEX_URL}" \
        torch==2.13.0 torchvision==0.28.0 yolov5==7.0.14 "setuptools<81"
WORKDIR /export
# ADD, not COPY: the default is the release's URL (a file in the context when the build argument says so).
# hadolint ignore=DL3020
ADD ${YOLO5_WEIGHTS_URL} ./${YOLO5_WEIGHTS}.pt
# YOLOv5's export, traced at 640×640, with the detection grid taken from the feature maps so that the
# model takes any size (YOLO5_RECT=true); the script checks the trace against YOLOv5's own model.
COPY tools/export_torchscript.py ./
RUN python export_torchscript.py "${YOLO5_WEIGHTS}.pt" "${YOLO5_WEIGHTS}.torchscript"

FROM debian:bookworm-slim
ARG YOLO5_WEIGHTS
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin yolo5
COPY --from=builder /out/lib/ /opt/libtorch/lib/
COPY --from=builder /src/target/release/yolo5 /usr/local/bin/yolo5
COPY --from=exporter /export/${YOLO5_WEIGHTS}.torchscript /opt/yolo5/models/
ENV LD_LIBRARY_PATH=/opt/libtorch/lib \
    YOLO5_MODEL=/opt/yolo5/models/${YOLO5_WEIGHTS}.torchscript \
    YOLO5_HEALTH_PORT=8081 \
    LOG_FORMAT=json
# Fails the build here, not at the first deploy, if a library is missing.
RUN yolo5 --version
USER 10001
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["yolo5", "healthcheck"]
ENTRYPOINT ["yolo5"]
CMD ["serve"]
