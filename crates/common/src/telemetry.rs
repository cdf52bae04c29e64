//! Logging for both services: one call at start.
//!
//! `RUST_LOG` sets the level (default `info`). `LOG_FORMAT=json` writes one JSON object a line, as
//! CloudWatch and other collectors expect; `LOG_FORMAT=text` writes readable lines. Unset, it is text
//! on a terminal and JSON otherwise, so production (no terminal) logs JSON without being told.

use std::io::IsTerminal;

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object a line.
    Json,
    /// Readable lines, for people.
    Text,
}

impl LogFormat {
    /// `LOG_FORMAT` from the environment, else text on a terminal and JSON otherwise.
    pub fn from_env() -> Self {
        match std::env::var("LOG_FORMAT").as_deref() {
            Ok("json") => Self::Json,
            Ok("text") => Self::Text,
            _ if std::io::stderr().is_terminal() => Self::Text,
            _ => Self::Json,
        }
    }
}

/// Installs the global subscriber, writing to stderr. Call once, first thing in `main`.
pub fn init(service: &'static str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    match LogFormat::from_env() {
        LogFormat::Json => registry
            .with(
                fmt::layer().json().flatten_event(true).with_current_span(true).with_writer(std::io::stderr),
            )
            .init(),
        LogFormat::Text => registry.with(fmt::layer().with_writer(std::io::stderr)).init(),
    }
    tracing::debug!(message = "Telemetry started.", service);
}
