# syntax=docker/dockerfile:1
# The worker: yolo5 built against the libtorch of PyTorch's 2.13.0 wheel, a YOLOv5 TorchScript model from
# models/, and a runtime with only the binary, the libraries it loads and the model.
# CPU only: the CUDA libraries libtorch_cuda needs are not installed.
#   docker build -f docker/yolo5.Dockerfile --build-arg YOLO5_MODEL_NAME=yolov5n -t yolo5 .
# The model is models/<YOLO5_MODEL_NAME>.torchscript from the build context, checked against
# models/SHA256SUMS: yolov5n is in the repository; tools/export-model makes the others (models/README.md).
# Nothing is downloaded for it at build time.
#
# The bases are pinned by digest; Dependabot proposes new ones (.github/dependabot.yml). Both digests are
# what BuildKit resolved the tags to in public build logs of September 2026, as several public
# repositories pin them too: rust:1.95-bookworm and debian:bookworm-slim.

ARG YOLO5_MODEL_NAME=yolov5n

FROM rust:1.95-bookworm@sha256:6258907abe69656e41cd992e0b705cdcfabcbbe3db374f92ed2d47121282d4a1 AS chef
WORKDIR /src
RUN cargo install cargo-chef --version 0.1.78 --locked
COPY rust-toolchain.toml ./
RUN rustup toolchain install

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
# libtorch from the torch wheel without its Python dependencies, as `make venv` installs it
# (tools/requirements-libtorch.txt); its own layer, as it is large and rarely changes. nasm: the video
# decoder's (OpenH264's) assembly, which reads a video about 1.45 times faster than its C alone.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-venv nasm \
    && rm -rf /var/lib/apt/lists/*
COPY tools/requirements-libtorch.txt /tmp/
RUN python3 -m venv /opt/pip \
    && /opt/pip/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps \
        --target /opt/pytorch -r /tmp/requirements-libtorch.txt
ENV LIBTORCH=/opt/pytorch/torch
COPY --from=planner /src/recipe.json recipe.json
# The image profile: release, stripped and linked as one unit (Cargo.toml).
RUN cargo chef cook --profile image --locked -p yolo5 --recipe-path recipe.json
COPY . .
RUN cargo build --profile image --locked -p yolo5 --bin yolo5
# Only the libraries the binary loads from the wheel (libtorch_cpu, libc10, libgomp, cudart, cupti),
# flat in one folder: not libtorch_cuda and the rest of the wheel, which it never loads.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN mkdir -p /out/lib \
    && ldd target/image/yolo5 | awk '$3 ~ "^/opt/pytorch/" { print $3 }' | xargs cp -L -t /out/lib \
    && test -f /out/lib/libtorch_cpu.so

# The model, only if its bytes are the ones models/SHA256SUMS lists: a stale local export or a Git LFS
# pointer in the build context fails the build instead of reaching the instances.
FROM debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251 AS model
ARG YOLO5_MODEL_NAME
WORKDIR /models
COPY models/SHA256SUMS models/${YOLO5_MODEL_NAME}.torchscript ./
RUN grep -E "^[0-9a-f]{64}  ${YOLO5_MODEL_NAME}\.torchscript$" SHA256SUMS >expected \
    || { echo "models/SHA256SUMS lists no ${YOLO5_MODEL_NAME}.torchscript" >&2; exit 1; }; \
    sha256sum --check --strict expected

FROM debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251
ARG YOLO5_MODEL_NAME
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin yolo5
COPY --from=builder /out/lib/ /opt/libtorch/lib/
COPY --from=builder /src/target/image/yolo5 /usr/local/bin/yolo5
COPY --from=model /models/${YOLO5_MODEL_NAME}.torchscript /opt/yolo5/models/
# The instances set YOLO5_MODEL from Terraform's yolo5_model, the same name: an image built with another
# model fails to start there, and its roll-out rolls back.
ENV LD_LIBRARY_PATH=/opt/libtorch/lib \
    YOLO5_MODEL=/opt/yolo5/models/${YOLO5_MODEL_NAME}.torchscript \
    YOLO5_HEALTH_PORT=8081 \
    LOG_FORMAT=json
# Fails the build here, not at the first deploy, if a library is missing.
RUN yolo5 --version
USER 10001
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["yolo5", "healthcheck"]
ENTRYPOINT ["yolo5"]
CMD ["serve"]
