//! `yolo5`: YOLOv5 object detection on files (`detect`) and as the Polybot queue worker.

use std::process::ExitCode;

use clap::Parser;
use yolo5::cli::{Cli, run};

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
