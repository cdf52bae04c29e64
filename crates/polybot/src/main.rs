//! `polybot`: the Telegram bot service. `polybot --help` lists its settings.

use std::process::ExitCode;

use clap::Parser;
use polybot::cli::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match cli.command {
        Some(Command::Healthcheck { port }) => {
            let healthy = common::http::probe_health(port).await;
            return if healthy { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
        Some(Command::Serve(settings)) => *settings,
        None => cli.settings,
    };
    common::telemetry::init("polybot");
    let settings = match settings.settings() {
        Ok(settings) => settings,
        Err(problems) => {
            // Every problem, one line each, so one restart can fix them all.
            problems.iter().for_each(|problem| eprintln!("error: {problem}"));
            return ExitCode::from(2);
        }
    };
    let outcome = polybot::startup::run(settings).await;
    common::telemetry::flush_metrics();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(message = "The bot stopped.", error = format!("{error:#}"));
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
