//! Writes `tests/fixtures/tiny.torchscript`: a 64 × 64 YOLOv5-shaped TorchScript model small enough to
//! commit, so the detector's wiring is tested without the real weights.
//!
//! It has two classes (`red`, `blue`) and two fixed candidate boxes in letterboxed pixels:
//! box A (cx 16, cy 32, w 16, h 32) scores class `red` with objectness = the input's mean red;
//! box B (cx 48, cy 32, w 16, h 16) scores class `blue` with objectness = the input's mean blue.
//! Like YOLOv5's export it returns a tuple whose first element is `[N, boxes, 5 + classes]`, and carries
//! `extra/config.txt` with the input shape and class names.
//!
//! Run: `cargo run -p yolo5 --example tiny-model`.

use std::{fs::OpenOptions, io::Write, path::PathBuf};

use tch::{CModule, Device, Kind, Tensor};
use zip::{ZipWriter, write::SimpleFileOptions};

fn main() -> anyhow::Result<()> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.torchscript");
    let input = Tensor::zeros([1, 3, 64, 64], (Kind::Float, Device::Cpu));
    let module = CModule::create_by_tracing("tiny", "forward", &[input], &mut |inputs| {
        let x = &inputs[0];
        let mean = |channel: i64| x.select(1, channel).mean_dim([1i64, 2].as_slice(), false, Kind::Float);
        let (red, blue) = (mean(0), mean(2));
        let ones = red.ones_like();
        let zeros = red.zeros_like();
        let constant = |v: f64| &ones * v;
        let a = Tensor::stack(
            &[
                constant(16.0),
                constant(32.0),
                constant(16.0),
                constant(32.0),
                red,
                ones.shallow_clone(),
                zeros.shallow_clone(),
            ],
            1,
        );
        let b = Tensor::stack(
            &[constant(48.0), constant(32.0), constant(16.0), constant(16.0), blue, zeros, ones],
            1,
        );
        vec![Tensor::stack(&[a, b], 1)]
    })?;
    module.save(&path)?;

    let file = OpenOptions::new().read(true).write(true).open(&path)?;
    let mut archive = ZipWriter::new_append(file)?;
    archive.start_file(
        "tiny/extra/config.txt",
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
    )?;
    archive.write_all(br#"{"shape": [1, 3, 64, 64], "stride": 32, "names": {"0": "red", "1": "blue"}}"#)?;
    archive.finish()?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
