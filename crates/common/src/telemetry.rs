//! Logging and metrics for both services: one call each at start.
//!
//! `RUST_LOG` sets the level (default `info`). `LOG_FORMAT=json` writes one JSON object a line, as
//! CloudWatch and other collectors expect; `LOG_FORMAT=text` writes readable lines. Unset, it is text
//! on a terminal and JSON otherwise, so production (no terminal) logs JSON without being told.

pub mod emf;

use std::{
    io::{IsTerminal, Write},
    sync::OnceLock,
    time::{Duration, Instant},
};

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use metrics_util::layers::FanoutBuilder;
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use self::emf::EmfRecorder;

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

/// The environment variable naming the CloudWatch namespace of the metrics' [`emf`] lines; unset, none are written.
pub const METRICS_NAMESPACE: &str = "METRICS_NAMESPACE";

/// A metrics recorder was installed in this process already.
#[derive(Debug, thiserror::Error)]
#[error("a metrics recorder is installed already")]
pub struct RecorderInstalled;

/// Installs the process's metrics recorder: `prometheus`'s, whose handle renders `GET /metrics`, and, where
/// [`METRICS_NAMESPACE`] is set (Terraform sets it on AWS), an [`EmfRecorder`] beside it fed by the same macros.
/// A thread runs the Prometheus recorder's upkeep and writes the EMF lines to stdout every [`emf::FLUSH_INTERVAL`].
pub fn install_metrics(
    service: &'static str,
    prometheus: PrometheusBuilder,
) -> Result<PrometheusHandle, RecorderInstalled> {
    let prometheus = prometheus.build_recorder();
    let handle = prometheus.handle();
    let namespace = std::env::var(METRICS_NAMESPACE).ok().filter(|n| !n.trim().is_empty());
    match namespace {
        Some(namespace) => {
            let emf = EmfRecorder::new(namespace, service);
            let fanout = FanoutBuilder::default().add_recorder(prometheus).add_recorder(emf.clone()).build();
            metrics::set_global_recorder(fanout).map_err(|_| RecorderInstalled)?;
            // Only the process's one installed recorder gets here.
            let _ = EMF.set(emf);
        }
        None => metrics::set_global_recorder(prometheus).map_err(|_| RecorderInstalled)?,
    }
    let upkeep = handle.clone();
    std::thread::Builder::new()
        .name("metrics".to_owned())
        .spawn(move || {
            let mut flushed = Instant::now();
            loop {
                std::thread::sleep(Duration::from_secs(5));
                upkeep.run_upkeep();
                if flushed.elapsed() >= emf::FLUSH_INTERVAL {
                    flushed = Instant::now();
                    flush_metrics();
                }
            }
        })
        .expect("a thread can be started at start-up");
    Ok(handle)
}

/// The installed recorder's CloudWatch side, where `METRICS_NAMESPACE` is set.
static EMF: OnceLock<EmfRecorder> = OnceLock::new();

/// Writes the CloudWatch lines of what was recorded since the last ones, now; the services call it as they exit, so
/// that their last minute is not lost. Without `METRICS_NAMESPACE`, nothing.
pub fn flush_metrics() {
    let Some(emf) = EMF.get() else { return };
    let mut stdout = std::io::stdout().lock();
    for line in emf.lines(emf::now_ms()) {
        // A closed stdout loses the metrics, not the service.
        let _ = writeln!(stdout, "{line}");
    }
}
