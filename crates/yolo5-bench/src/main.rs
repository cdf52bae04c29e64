//! `yolo5-bench`: the YOLOv5 worker's speed figures (`make bench`).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match yolo5_bench::bench(&yolo5_bench::BenchArgs::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
