# Every local task of the project: `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV ?= .venv
PYTHON ?= python3
# The model the tests, the demo and the benchmarks load: the official YOLOv5n committed in models/, exported by
# tools/export-model to take any input size (models/README.md). `make demo YOLO5_MODEL=/path/x.torchscript` runs another.
YOLO5_MODEL ?= $(abspath models/yolov5n.torchscript)
export YOLO5_MODEL

# Photos the demo sends (default: tests/samples/*.jpg).
DEMO_IMAGES ?=
SAMPLES := $(wildcard tests/samples/*.jpg)

# One build serves the demo, the tests and `make up`: what `cargo test --workspace --all-targets` builds (every binary
# among it), so that none of them compiles again. `cargo build --all-targets` would leave out the examples' test
# harnesses, and `--bins` alone builds shared dependencies with other features (no dev-dependencies).
CARGO_BUILD := cargo test --workspace --all-targets --no-run

.PHONY: help venv bench-venv build test lint lint-deploy smoke-images fmt moto bench bench-square bench-bot demo up load clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

venv: $(VENV)/.libtorch $(VENV)/.moto ## Create .venv with libtorch and moto (its size: docs/capacity.md).

# Two parts, so that the build, which needs only libtorch, can start while moto, which only the tests need, installs.
$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.libtorch: tools/requirements-libtorch.txt | $(VENV)/.created
	@echo "==> Installing libtorch into $(VENV) (the torch wheel without its Python dependencies; a large download)"
	@# --no-compile: nothing imports torch's Python modules here, and compiling them took a large share of the install.
	$(VENV)/bin/pip install --disable-pip-version-check --no-cache-dir --progress-bar on --no-compile --no-deps -r $<
	@# A fixed path for LIBTORCH (.cargo/config.toml), whatever the Python version.
	ln -sfn "$$($(VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/torch" $(VENV)/libtorch
	test -f $(VENV)/libtorch/lib/libtorch_cpu.so
	touch $@

$(VENV)/.moto: tools/requirements-moto.txt | $(VENV)/.created
	@echo "==> Installing moto into $(VENV) (the AWS emulator the tests and the demo run)"
	$(VENV)/bin/pip install --disable-pip-version-check --no-cache-dir --progress-bar on -r $<
	touch $@

bench-venv: ## Create .venv-ref: the full torch and yolov5 for the benchmark's Python figures (several GB).
	$(PYTHON) -m venv .venv-ref
	.venv-ref/bin/pip install --disable-pip-version-check --no-cache-dir --progress-bar on torch==2.13.0 yolov5==7.0.14 "setuptools<81" opencv-python-headless

build: $(VENV)/.libtorch ## Build every crate, its tests and examples (debug): what demo, test and up run.
	$(CARGO_BUILD)

# cargo-nextest (on the machine, or `cargo install cargo-nextest`) runs every test binary at once, so the slow
# fault scenarios overlap the rest (.config/nextest.toml): much quicker than cargo test, which runs them in turn.
# One test more than the machine has cores, since most of them wait on sockets, timeouts and child processes
# (docs/capacity.md has both timings).
TEST_THREADS := $(shell echo $$(( $$(nproc) + 1 )))
TEST_RUNNER := $(if $(shell cargo nextest --version 2>/dev/null),nextest run --no-fail-fast --test-threads $(TEST_THREADS),test)

# The tests named *own_export* load YOLOv5's own 640 × 640 export (export.py's), which is not in the repository
# but in ../shared, as CI has it: where it is missing, they are left out, and make test says so.
OWN_EXPORT := $(abspath ../shared/models/yolov5n.torchscript)
TEST_FILTER := $(if $(wildcard $(OWN_EXPORT)),,$(if $(findstring nextest,$(TEST_RUNNER)),-E 'not test(/own_export/)',-- --skip own_export))

test: venv ## Run every test, the moto-backed and the model-backed ones included.
	@test -f "$(YOLO5_MODEL)" || { echo "error: YOLO5_MODEL=$(YOLO5_MODEL) does not exist" >&2; exit 1; }
	@$(if $(TEST_FILTER),echo "==> $(OWN_EXPORT) is missing: the tests against YOLOv5's own export (*own_export*) are left out")
	cargo $(TEST_RUNNER) --workspace --all-targets $(TEST_FILTER)

lint: venv ## rustfmt and clippy, as CI runs them.
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

lint-deploy: ## Lint the Dockerfiles, workflows, shell scripts and Terraform; test roll-out.sh on moto.
	tools/lint-deploy

smoke-images: ## Build both images with buildah, no registry needed (root, slow); run --help in each.
	tools/smoke-images

fmt: ## Format the code.
	cargo fmt --all

moto: venv ## Start moto on a free port with the bucket, queues, table and secret; prints the settings.
	cargo run --quiet -p common --features testing --example local-aws

# The weights the benchmark's Python side (AutoShape, with .venv-ref) loads: beside the model, else ../shared's.
BENCH_WEIGHTS ?= $(firstword $(wildcard $(YOLO5_MODEL:.torchscript=.pt) $(abspath ../shared/models/$(notdir $(YOLO5_MODEL:.torchscript=.pt)))) $(YOLO5_MODEL:.torchscript=.pt))

# yolo5-bench races the `yolo5` beside it against `yolov5 detect`: one build makes both.
BENCH := cargo build --release -p yolo5 -p yolo5-bench && target/release/yolo5-bench

bench: venv $(YOLO5_MODEL) ## yolo5's speed figures on the sample photos (release build).
	$(BENCH) --model "$(YOLO5_MODEL)" --python-weights "$(BENCH_WEIGHTS)" $(SAMPLES)

bench-square: venv $(YOLO5_MODEL) ## The same with detect.py's 640 × 640 square instead of its rectangles.
	$(BENCH) --letterbox square --model "$(YOLO5_MODEL)" --python-weights "$(BENCH_WEIGHTS)" $(SAMPLES)

bench-bot: ## polybot's webhook throughput, latency and memory with in-memory fakes (release build).
	cargo run --release -p polybot --example bench-webhook

demo: venv $(YOLO5_MODEL) ## The whole system locally: a simulated user sends photos, the bot answers.
	@echo "==> Building the workspace and its tests, which make test reuses (debug; the first build takes several minutes)"
	$(CARGO_BUILD)
	target/debug/demo $(DEMO_IMAGES)

up: venv $(YOLO5_MODEL) ## Both services against the real Telegram by long polling: TELEGRAM_TOKEN=... make up.
	@test -n "$${TELEGRAM_TOKEN:-}" || { echo "error: set TELEGRAM_TOKEN to your bot's token from @BotFather" >&2; exit 2; }
	$(CARGO_BUILD)
	target/debug/up

load: venv $(YOLO5_MODEL) ## The whole system under photo load (release build): make load RATE=10 SECONDS=20.
	cargo build --release --workspace --bins
	target/release/load $(or $(RATE),10) $(or $(SECONDS),20) $(DEMO_IMAGES)

# Another model in models/ that YOLO5_MODEL names (yolov5s, say) and that does not exist yet: export models/<name>.pt,
# else the official release's weights (tools/export-model downloads them; it needs .venv-ref).
$(abspath models)/%.torchscript:
	tools/export-model models/$*.torchscript

clean: ## Remove build outputs and the venvs.
	cargo clean
	rm -rf $(VENV) .venv-lint
