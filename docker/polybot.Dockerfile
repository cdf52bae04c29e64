# syntax=docker/dockerfile:1
# The bot: one static binary on distroless's static base, which holds the CA roots, tzdata, /etc/passwd
# and /tmp, and no libc, shell or package manager.
# cargo-chef builds the dependencies in a layer of their own, keyed on Cargo.toml/Cargo.lock
# only, so a change to our code rebuilds our crates and nothing else.
#   docker build -f docker/polybot.Dockerfile -t polybot .
# The bases are pinned by digest; Dependabot proposes new ones (.github/dependabot.yml). rust:1.95-bookworm's
# is what BuildKit resolved the tag to in public build logs of September 2026, as several public
# repositories pin it too; gcr.io/distroless/static-debian12:nonroot's is the one public repositories
# pinned as of August 2026.

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
# glibc linked in, as the runtime base has none. Static glibc 2.36 still resolves names (the AWS endpoints,
# compose's `moto`): its files and dns lookups are built in since 2.34, so nothing is dlopened.
# The explicit --target keeps the flag off build scripts and proc-macros, which must stay dynamic.
ENV RUSTFLAGS="-C target-feature=+crt-static"
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --profile image --locked -p polybot --target "$(uname -m)-unknown-linux-gnu" \
    --recipe-path recipe.json
COPY . .
RUN cargo build --profile image --locked -p polybot --bin polybot --target "$(uname -m)-unknown-linux-gnu" \
    && cp "target/$(uname -m)-unknown-linux-gnu/image/polybot" /usr/local/bin/polybot

FROM gcr.io/distroless/static-debian12:nonroot@sha256:afa5c872c891853ca7fcf1f12c3edb23f7eeef36189728842dd51042ff57f7ab
# The AWS SDK's rustls verifies AWS's certificates against the base's /etc/ssl/certs/ca-certificates.crt
# (Telegram's client, reqwest, carries Mozilla's roots in the binary).
COPY --from=builder /usr/local/bin/polybot /usr/local/bin/polybot
# distroless's nonroot.
USER 65532:65532
ENV PORT=8443 LOG_FORMAT=json
EXPOSE 8443
# Exec form: there is no shell to run anything else.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["polybot", "healthcheck"]
ENTRYPOINT ["polybot"]
