# syntax=docker/dockerfile:1
# The bot. cargo-chef builds the dependencies in a layer of their own, keyed on Cargo.toml/Cargo.lock
# only, so a change to our code rebuilds our crates and nothing else.
#   docker build -f docker/polybot.Dockerfile -t polybot .
# The bases are pinned by digest; Dependabot proposes new ones (.github/dependabot.yml). Both digests are
# what BuildKit resolved the tags to in public build logs of September 2026, as several public
# repositories pin them too: rust:1.95-bookworm and debian:bookworm-slim.

FROM rust:1.95-bookworm@sha256:6258907abe69656e41cd992e0b705cdcfabcbbe3db374f92ed2d47121282d4a1 AS chef
WORKDIR /src
RUN cargo install cargo-chef --version 0.1.78 --locked
# The toolchain rust-toolchain.toml pins, installed once here rather than on every build.
COPY rust-toolchain.toml ./
RUN rustup toolchain install

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked -p polybot --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked -p polybot --bin polybot

FROM debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251
# rustls verifies Telegram's and AWS's certificates against the system roots.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin polybot
COPY --from=builder /src/target/release/polybot /usr/local/bin/polybot
USER 10001
ENV PORT=8443 LOG_FORMAT=json
EXPOSE 8443
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["polybot", "healthcheck"]
ENTRYPOINT ["polybot"]
