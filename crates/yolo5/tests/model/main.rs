//! Tests that load the real YOLOv5n TorchScript model: `YOLO5_MODEL`, else the committed
//! `models/yolov5n.torchscript`, on the sample photos in `tests/samples`, beside which lie the Python
//! YOLOv5's detections on them. The tests named `*own_export*` also load YOLOv5's own 640 × 640 export
//! from `../shared`; `make test` leaves them out, saying so, where `../shared` is not there.

mod cli;
mod digest;
mod parity;
mod precision;
mod rect;
mod tiny;

use std::path::{Path, PathBuf};

use tch::{Device, Kind, Tensor};
use yolo5::{
    detector::{DetectorSettings, LetterboxMode, YoloDetector},
    model::Model,
};

/// The repository's root, two folders above this crate's.
fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("crates/yolo5 lies two folders down")
}

/// The model under test: `YOLO5_MODEL`, else the committed one.
fn model_path() -> PathBuf {
    let path = std::env::var_os("YOLO5_MODEL")
        .map_or_else(|| repository().join("models/yolov5n.torchscript"), PathBuf::from);
    assert!(path.exists(), "the model {} is missing: set YOLO5_MODEL", path.display());
    path
}

/// YOLOv5's own export of the same weights, which takes 640 × 640 only: the reference in `../shared`. Only
/// tests named `*own_export*` load it.
fn fixed_size_model_path() -> PathBuf {
    let path = shared().join("models/yolov5n.torchscript");
    assert!(path.exists(), "the reference model {} is missing: these tests need ../shared", path.display());
    path
}

/// A sample photo, or a golden file, in `tests/samples`.
fn sample(name: &str) -> PathBuf {
    repository().join("tests/samples").join(name)
}

/// `../shared` beside the repository.
fn shared() -> PathBuf {
    repository().join("../shared")
}

#[test]
fn real_model_forward_gives_yolov5_boxes() {
    let model = Model::load(&model_path(), Device::Cpu).expect("loads");
    assert_eq!(model.input_size(), 640);
    assert_eq!(model.names().len(), 80);
    assert_eq!((model.names()[0].as_str(), model.names()[5].as_str()), ("person", "bus"));
    let input = Tensor::zeros([1, 3, 640, 640], (Kind::Float, Device::Cpu));
    let boxes = model.forward(&input).expect("runs");
    assert_eq!(boxes.size(), [1, 25_200, 85]);
    // Scores are sigmoid outputs inside the model.
    let max_score = boxes.narrow(2, 4, 81).max().double_value(&[]);
    assert!((0.0..=1.0).contains(&max_score), "scores lie in 0..1, got {max_score}");
}

#[test]
fn real_model_takes_any_size_and_yolov5s_own_export_only_its_own() {
    // tools/export-model's export (the committed one) takes any multiple of the stride.
    let input = Tensor::zeros([1, 3, 320, 320], (Kind::Float, Device::Cpu));
    let model = Model::load(&model_path(), Device::Cpu).expect("loads");
    assert!(model.takes_any_size());
    assert_eq!(model.forward(&input).expect("any size").size(), [1, 6300, 85]);

    // YOLOv5's export (../shared's) takes only 640 × 640, so rectangles are refused with the way out.
    let fixed = Model::load(&fixed_size_model_path(), Device::Cpu).expect("loads");
    assert!(!fixed.takes_any_size());
    assert!(fixed.forward(&input).is_err());
    let settings = DetectorSettings {
        letterbox: LetterboxMode::Rect,
        ..DetectorSettings::fp32_on_cpu(fixed_size_model_path())
    };
    let error = YoloDetector::load(&settings).expect_err("rectangles need a model that takes any size");
    assert!(error.to_string().contains("tools/export-model"), "{error}");
}

/// YOLOv5 fuses each convolution with its batch norm when it loads weights for inference; the export
/// must too (PyPI's yolov5 alone does not: tools/pip_yolov5.py), or every forward pass runs 57 batch norms.
#[test]
fn real_model_has_its_batch_norms_fused_into_its_convolutions() {
    let module = tch::CModule::load(model_path()).expect("loads");
    let names: Vec<String> =
        module.named_parameters().expect("parameters").into_iter().map(|(n, _)| n).collect();
    assert!(
        names.iter().any(|name| name.ends_with("conv.bias")),
        "fused convolutions have biases: {names:?}"
    );
    let batch_norms: Vec<&String> = names.iter().filter(|name| name.contains(".bn.")).collect();
    assert!(
        batch_norms.is_empty(),
        "{} batch norm parameters, e.g. {:?}",
        batch_norms.len(),
        batch_norms.first()
    );
}

#[test]
fn a_missing_model_file_is_a_load_error_naming_it() {
    let error = Model::load(std::path::Path::new("/nonexistent/model.torchscript"), Device::Cpu)
        .expect_err("missing");
    assert!(error.to_string().contains("/nonexistent/model.torchscript"), "{error}");
}
