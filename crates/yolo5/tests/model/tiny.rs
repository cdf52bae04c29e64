//! The detector on the tiny fixture model (`examples/tiny-model.rs` says what it computes): the wiring of
//! letterbox → forward → NMS → boxes in image pixels, with results known by hand.

use std::path::PathBuf;

use image::{Rgb, RgbImage};
use yolo5::{
    detector::{Detector, DetectorSettings, DeviceChoice, YoloDetector},
    postprocess::{Detection, Thresholds},
};

fn tiny() -> YoloDetector {
    let model = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.torchscript");
    let settings =
        DetectorSettings { model, device: DeviceChoice::Cpu, thresholds: Thresholds::default(), imgsz: None };
    YoloDetector::load(&settings).expect("the fixture loads")
}

#[test]
fn tiny_model_metadata_is_read_from_the_export() {
    let detector = tiny();
    assert_eq!(detector.input_size(), 64);
    assert_eq!(detector.names(), ["red", "blue"]);
    assert_eq!(detector.model_name(), "tiny.torchscript");
}

#[test]
fn tiny_model_boxes_come_back_in_image_pixels() {
    // 128 × 64 red: letterboxed at scale 0.5 into rows 16..48; mean red = (0.5 × 1 + 0.5 × 114/255).
    let red = RgbImage::from_pixel(128, 64, Rgb([255, 0, 0]));
    let found = tiny().detect(&[&red]).expect("detects").remove(0);
    let expected_confidence = 0.5 + 0.5 * 114.0 / 255.0;
    assert_eq!(found.len(), 1, "{found:?}");
    let Detection { class_id, confidence, xyxy } = found[0];
    assert_eq!(class_id, 0);
    assert!((confidence - expected_confidence).abs() < 1e-3, "{confidence}");
    // Box A is x 8..24, y 16..48 in the square: (x - 0) / 0.5 and (y - 16) / 0.5.
    assert_eq!(xyxy, [16.0, 0.0, 48.0, 64.0]);
}

#[test]
fn tiny_model_runs_a_batch_with_one_result_per_image() {
    let red = RgbImage::from_pixel(64, 64, Rgb([255, 0, 0]));
    let blue = RgbImage::from_pixel(32, 64, Rgb([0, 0, 255]));
    let grey = RgbImage::from_pixel(10, 10, Rgb([40, 40, 40]));
    let found = tiny().detect(&[&red, &blue, &grey]).expect("detects");
    assert_eq!(found.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 0]);
    assert_eq!((found[0][0].class_id, found[1][0].class_id), (0, 1));
    // blue is 32 × 64: scale 1, columns 16..48, so box B (x 40..56, y 24..40) maps to x 24..40,
    // clipped to the image's 32 columns.
    assert_eq!(found[1][0].xyxy, [24.0, 24.0, 32.0, 40.0]);
}
