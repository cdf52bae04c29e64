//! `yolo5`: for now, `yolo5 check-model [PATH]` loads the model and runs one forward pass.
//! The detect CLI and the worker arrive with the yolo5 issue.

#![allow(clippy::print_stdout)] // A command-line tool.

use std::{path::PathBuf, time::Instant};

use anyhow::{Context, bail};
use tch::{Device, Kind, Tensor};
use yolo5::model::Model;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match args.as_slice() {
        [command] if command == "check-model" => std::env::var_os("YOLO5_MODEL").map(PathBuf::from),
        [command, path] if command == "check-model" => Some(PathBuf::from(path)),
        _ => bail!("usage: yolo5 check-model [MODEL] (or set YOLO5_MODEL)"),
    }
    .context("no model: pass its path or set YOLO5_MODEL")?;
    let model = Model::load(&path, Device::Cpu)?;
    let started = Instant::now();
    let boxes = model.forward(&Tensor::zeros([1, 3, 640, 640], (Kind::Float, Device::Cpu)))?;
    println!("{}: output {:?} in {:?}", path.display(), boxes.size(), started.elapsed());
    Ok(())
}
