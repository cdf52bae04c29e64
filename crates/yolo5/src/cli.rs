//! The `yolo5` command and its subcommands: `detect` ([`crate::detect`]), `serve`
//! ([`crate::worker::serve`]) and `healthcheck`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// YOLOv5 object detection: on files, or as the Polybot queue worker.
#[derive(Debug, Parser)]
#[command(name = "yolo5", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Detect objects in image files, folders and glob patterns, as YOLOv5's detect.py does.
    Detect(crate::detect::DetectArgs),
    /// Run the queue worker until SIGTERM.
    Serve(crate::worker::serve::ServeArgs),
    /// Exit 0 when the worker on this machine answers `GET /health`, 1 otherwise (for container checks).
    Healthcheck {
        /// The worker's health port.
        #[arg(long, env = "YOLO5_HEALTH_PORT", default_value_t = 8081)]
        port: u16,
    },
}

/// Runs the command; the exit code is non-zero when any image failed.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Detect(args) => crate::detect::detect(&args),
        Command::Serve(args) => {
            common::telemetry::init("yolo5");
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(crate::worker::serve::serve(args))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Healthcheck { port } => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let healthy = runtime.block_on(common::http::probe_health(port));
            Ok(if healthy { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    #[test]
    fn every_subcommand_s_flags_and_aliases_are_unique() {
        // clap's own checks (duplicate names and aliases among them), which otherwise run only when that
        // subcommand is parsed: a subcommand once refused its own --weights, which ModelArgs' alias took.
        Cli::command().debug_assert();
    }

    #[test]
    fn the_worker_s_command_holds_what_runs_in_production_only() {
        let names: Vec<_> =
            Cli::command().get_subcommands().map(|command| command.get_name().to_owned()).collect();
        assert_eq!(names, ["detect", "serve", "healthcheck"], "the speed figures are yolo5-bench's");
    }

    #[test]
    fn libtorch_s_threads_are_a_positive_count_or_libtorch_s_choice() {
        let parse = |threads: &[&str]| {
            let args = [&["yolo5", "detect"][..], threads, &["photo.jpg"]].concat();
            Cli::try_parse_from(args).map(|_| ())
        };
        assert!(parse(&[]).is_ok() && parse(&["--threads", "1"]).is_ok());
        for refused in ["0", "-1", "many"] {
            assert!(parse(&["--threads", refused]).is_err(), "--threads {refused}");
        }
    }
}
