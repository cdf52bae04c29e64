//! Tests that load the real YOLOv5n TorchScript model: `YOLO5_MODEL`, else `../shared/models/yolov5n.torchscript`.

mod cli;
mod parity;
mod rect;
mod tiny;

use std::path::PathBuf;

use tch::{Device, Kind, Tensor};
use yolo5::{
    detector::{DetectorSettings, DeviceChoice, YoloDetector},
    model::Model,
    postprocess::Thresholds,
};

fn model_path() -> PathBuf {
    let path = std::env::var_os("YOLO5_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared().join("models/yolov5n.torchscript"));
    assert!(path.exists(), "the model {} is missing: set YOLO5_MODEL", path.display());
    path
}

/// `../shared` beside the repository.
fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
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
fn real_model_takes_other_sizes_only_when_exported_to() {
    // YOLOv5's export (../shared's) takes only 640 × 640; tools/export-model's takes any stride multiple.
    let model = Model::load(&model_path(), Device::Cpu).expect("loads");
    let input = Tensor::zeros([1, 3, 320, 320], (Kind::Float, Device::Cpu));
    if model.takes_any_size() {
        assert_eq!(model.forward(&input).expect("any size").size(), [1, 6300, 85]);
    } else {
        assert!(model.forward(&input).is_err());
        let settings = DetectorSettings {
            model: model_path(),
            device: DeviceChoice::Cpu,
            thresholds: Thresholds::default(),
            imgsz: None,
            rect: true,
        };
        let error = YoloDetector::load(&settings).expect_err("rectangles need a model that takes any size");
        assert!(error.to_string().contains("tools/export-model"), "{error}");
    }
}

#[test]
fn a_missing_model_file_is_a_load_error_naming_it() {
    let error = Model::load(std::path::Path::new("/nonexistent/model.torchscript"), Device::Cpu)
        .expect_err("missing");
    assert!(error.to_string().contains("/nonexistent/model.torchscript"), "{error}");
}
