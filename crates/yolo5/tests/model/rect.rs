//! Rectangles (`--letterbox rect`, the default on it) on the committed model, which tools/export-model
//! exported to take any size; AutoShape's detections agree with detect.py's on the samples.

use std::path::PathBuf;

use serde_json::Value;
use tch::{Device, Kind, Tensor};
use yolo5::{detector::LetterboxMode, model::Model};

use crate::{
    cli::yolo5,
    fixed_size_model_path, model_path,
    parity::{assert_detects_as, load, reference},
    sample,
};

/// tools/autoshape_golden.py: YOLOv5's AutoShape on the official weights.
fn autoshape_reference() -> Value {
    reference(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/autoshape-yolov5n.json"))
}

/// On its square the committed model computes what YOLOv5's own export does, up to the rounding of its
/// fused batch norms (that export, made with PyPI's yolov5, keeps them apart); the bounds below leave
/// room above the measured differences, which docs/capacity.md and models/README.md give.
#[test]
fn rect_model_takes_any_size_and_agrees_with_yolov5s_own_export_on_its_square() {
    let any = Model::load(&model_path(), Device::Cpu).expect("loads");
    let fixed = Model::load(&fixed_size_model_path(), Device::Cpu).expect("loads");
    assert!(any.takes_any_size());
    let square = Tensor::rand([2, 3, 640, 640], (Kind::Float, Device::Cpu));
    let (a, b) = (any.forward(&square).expect("runs"), fixed.forward(&square).expect("runs"));
    assert_eq!(a.size(), b.size());
    let largest = |t: Tensor| t.abs().max().double_value(&[]);
    let (boxes, scores) =
        (largest(a.narrow(2, 0, 4) - b.narrow(2, 0, 4)), largest(a.narrow(2, 4, 81) - b.narrow(2, 4, 81)));
    assert!(boxes < 0.01 && scores < 1e-4, "boxes differ by up to {boxes} px, scores by up to {scores}");
    // 3 anchors × (80 × 60 + 40 × 30 + 20 × 15) cells.
    let rectangle = Tensor::rand([1, 3, 480, 640], (Kind::Float, Device::Cpu));
    assert_eq!(any.forward(&rectangle).expect("runs").size(), [1, 18_900, 85]);
}

#[test]
fn rect_mode_matches_autoshape_on_the_samples() {
    let reference = autoshape_reference();
    assert_detects_as(&reference, &load(model_path(), &reference, LetterboxMode::Rect));
}

#[test]
fn rect_cli_json_says_rect_and_finds_what_autoshape_finds() {
    let output =
        yolo5().env("YOLO5_LETTERBOX", "rect").arg("--json").arg(sample("bus.jpg")).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(document["letterbox"], "rect");
    let reference = autoshape_reference();
    let classes = |document: &Value| -> Vec<String> {
        let detections = document["images"]["bus.jpg"]["detections"].as_array().expect("detections");
        detections.iter().map(|d| d["class"].as_str().expect("class").to_owned()).collect()
    };
    assert_eq!(classes(&document), classes(&reference));
}
