//! `yolo5-bench` as `make bench` runs it, on the committed model (`YOLO5_MODEL` where set) and two sample photos.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// The repository's root, two folders above this crate's.
fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/yolo5-bench lies two folders down")
}

fn model_path() -> PathBuf {
    std::env::var_os("YOLO5_MODEL")
        .map_or_else(|| repository().join("models/yolov5n.torchscript"), PathBuf::from)
}

fn sample(name: &str) -> PathBuf {
    repository().join("tests/samples").join(name)
}

/// `yolo5-bench` without the Python reference: each figure of ours against its reference, the whole
/// pipeline's against the forward pass on the same photos, in float32 and in bfloat16 (asked for, so that both
/// precisions' rows are printed on any CPU).
#[test]
fn real_model_bench_prints_each_figure_against_its_reference() {
    let output = Command::new(env!("CARGO_BIN_EXE_yolo5-bench"))
        .env_remove("YOLO5_LETTERBOX")
        .args(["--iterations", "1", "--rounds", "2", "--jobs", "2", "--python", "/nonexistent/python"])
        .args(["--precision", "bf16", "--model"])
        .arg(model_path())
        .arg(sample("bus.jpg"))
        .arg(sample("zidane.jpg"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    for figure in [
        "forward, batch 1, 480×640, fp32",
        "forward, batch 1, 480×640, bf16",
        "% of the bf16 peak",
        "forward, batch 1, bf16                ",
        "× channels-last (",
        "× batch 1 (",
        "× forward at batch 4 (bf16), every photo (",
        "pipeline (decode → JPEG out), fp32",
        "× fp32 forward, every photo (",
        "pipeline (decode → JPEG out), bf16",
        "× bf16 forward, every photo (",
        "worker path, 2 loops, fp32",
        "worker path, 2 loops, bf16",
        "python reference                      skipped: /nonexistent/python not found",
    ] {
        assert!(stdout.contains(figure), "{figure:?} is missing from:\n{stdout}");
    }
}
