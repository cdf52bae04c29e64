//! Writes `tests/fixtures/tiny.torchscript`: a 64 × 64 YOLOv5-shaped TorchScript model small enough to
//! commit, so the detector's wiring is tested without the real weights.
//!
//! It has two classes (`red`, `blue`) and two fixed candidate boxes in letterboxed pixels:
//! box A (cx 16, cy 32, w 16, h 32) scores class `red` with objectness = the input's mean red;
//! box B (cx 48, cy 32, w 16, h 16) scores class `blue` with objectness = the input's mean blue.
//! Like YOLOv5's export it returns a tuple whose first element is `[N, boxes, 5 + classes]`, and carries
//! `extra/config.txt` with the input shape and class names.
//!
//! It also writes `tests/fixtures/tiny-poison.torchscript`: the same model, except that its forward
//! pass fails (an index out of range) on any batch holding an all-white image, as a model may fail on
//! one photo; the end-to-end fault tests run the real worker on it.
//!
//! Run: `cargo run -p yolo5 --example tiny-model`.

use std::{
    fs::OpenOptions,
    io::Write,
    path::{Path, PathBuf},
};

use tch::{CModule, Device, Kind, Tensor};
use zip::{ZipWriter, write::SimpleFileOptions};

fn main() -> anyhow::Result<()> {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    write(&fixtures.join("tiny.torchscript"), false)?;
    write(&fixtures.join("tiny-poison.torchscript"), true)
}

fn write(path: &Path, poison: bool) -> anyhow::Result<()> {
    let input = Tensor::zeros([1, 3, 64, 64], (Kind::Float, Device::Cpu));
    let module = CModule::create_by_tracing("tiny", "forward", &[input], &mut |inputs| {
        let x = &inputs[0];
        // Traced, so no branch: an index computed from the pixels, 0 normally and 9 (out of range of
        // a 2-element tensor) for an image whose mean is white; its sum times 0 joins the output.
        let poisoned = || {
            let white = x.mean_dim([1i64, 2, 3].as_slice(), false, Kind::Float).gt(0.99).to_kind(Kind::Int64);
            Tensor::ones([2], (Kind::Float, Device::Cpu)).index_select(0, &(white * 9)).sum(Kind::Float) * 0.0
        };
        let x = &if poison { x + poisoned() } else { x.shallow_clone() };
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
    module.save(path)?;

    let file = OpenOptions::new().read(true).write(true).open(path)?;
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
