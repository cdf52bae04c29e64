//! `polybot`: the Telegram bot service. Settings come from the environment (see the README).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use polybot::settings::Settings;

/// The Polybot Telegram bot: photos in, objects named.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the bot (the default): webhook or polling, as MODE says.
    Serve,
    /// Exit 0 when the bot on this machine answers `GET /`, 1 otherwise (for container health checks).
    Healthcheck {
        /// The bot's port.
        #[arg(long, env = "PORT", default_value_t = 8443)]
        port: u16,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Healthcheck { port }) = cli.command {
        return if polybot::startup::healthcheck(port).await { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    common::telemetry::init("polybot");
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    match polybot::startup::run(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(message = "The bot stopped.", error = format!("{error:#}"));
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
