//! Our detections on the sample photos against the Python YOLOv5's: `tests/samples/golden-yolov5n.json`
//! (detect.py's square, for YOLOv5's own fixed-size export) and `golden-yolov5n-rect.json` (detect.py's
//! rectangles on the `.pt` weights, what the committed any-size model gets by default), copies of
//! `../shared/samples`' that `.ci/run` compares with them.

use std::path::{Path, PathBuf};

use serde_json::Value;
use yolo5::{
    detector::{Detector, DetectorSettings, LetterboxMode, YoloDetector},
    image::{DecodeLimits, decode},
    postprocess::{Detection, Thresholds, iou},
};

use crate::{fixed_size_model_path, model_path, sample};

/// A reference file in the golden format.
pub(crate) fn reference(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("JSON")
}

fn golden(name: &str) -> Value {
    reference(&sample(name))
}

#[test]
fn real_model_matches_detect_py_rectangles_by_default() {
    let golden = golden("golden-yolov5n-rect.json");
    let detector = load(model_path(), &golden, LetterboxMode::Auto);
    assert!(detector.rect());
    assert_detects_as(&golden, &detector);
}

#[test]
fn real_model_matches_detect_py_on_its_square() {
    let golden = golden("golden-yolov5n.json");
    assert_detects_as(&golden, &load(model_path(), &golden, LetterboxMode::Square));
}

#[test]
fn yolov5s_own_export_gets_the_square_by_default_and_matches_detect_py() {
    let golden = golden("golden-yolov5n.json");
    let detector = load(fixed_size_model_path(), &golden, LetterboxMode::Auto);
    assert!(!detector.rect());
    assert_detects_as(&golden, &detector);
}

#[test]
fn large_jpegs_decoded_reduced_still_match_detect_py_rectangles() {
    // zidane.jpg is 1280 × 720: twice the input, so it decodes straight to 640 × 360.
    let golden = golden("golden-yolov5n-rect.json");
    let detector = load(model_path(), &golden, LetterboxMode::Auto);
    let limits = DecodeLimits { reduce_to: Some(detector.input_size()), ..DecodeLimits::default() };
    let zidane = decode(&std::fs::read(sample("zidane.jpg")).expect("sample"), &limits).expect("decodes");
    assert_eq!(zidane.image.dimensions(), (640, 360));
    assert_detects_as_decoded(&golden, &detector, &limits);
}

/// The detector on `model` with the reference's thresholds.
pub(crate) fn load(model: PathBuf, reference: &Value, letterbox: LetterboxMode) -> YoloDetector {
    let thresholds = Thresholds {
        conf: reference["conf"].as_f64().expect("conf") as f32,
        iou: reference["iou"].as_f64().expect("iou"),
        ..Thresholds::default()
    };
    let settings = DetectorSettings { thresholds, letterbox, ..DetectorSettings::fp32_on_cpu(model) };
    YoloDetector::load(&settings).expect("loads")
}

/// On each sample photo the reference names: the same number of detections and classes, each box with
/// IoU ≥ 0.95 to its counterpart, and confidence within 0.02.
pub(crate) fn assert_detects_as(reference: &Value, detector: &YoloDetector) {
    assert_detects_as_decoded(reference, detector, &DecodeLimits::default());
}

/// As [`assert_detects_as`], the photos decoded within `limits` (reduced, perhaps).
pub(crate) fn assert_detects_as_decoded(reference: &Value, detector: &YoloDetector, limits: &DecodeLimits) {
    let images = reference["images"].as_object().expect("images");
    assert!(images.len() >= 2);
    for (name, expected) in images {
        let decoded = decode(&std::fs::read(sample(name)).expect("sample"), limits).expect("decodes");
        let (width, height) = decoded.original;
        assert_eq!(u64::from(width), expected["width"].as_u64().expect("width"), "{name}");
        assert_eq!(u64::from(height), expected["height"].as_u64().expect("height"), "{name}");
        let found: Vec<_> = detector.detect(&[&decoded.image]).expect("detects").remove(0);
        let found: Vec<_> =
            found.iter().map(|d| Detection { xyxy: decoded.to_original(d.xyxy), ..*d }).collect();
        let expected = expected["detections"].as_array().expect("detections");
        assert_eq!(found.len(), expected.len(), "{name}: {found:?}");

        let mut unmatched = found.clone();
        for e in expected {
            let class_id = e["class_id"].as_u64().expect("class_id") as u32;
            let confidence = e["confidence"].as_f64().expect("confidence") as f32;
            let xyxy: Vec<f32> = e["xyxy"]
                .as_array()
                .expect("xyxy")
                .iter()
                .map(|v| v.as_f64().expect("number") as f32)
                .collect();
            let xyxy = [xyxy[0], xyxy[1], xyxy[2], xyxy[3]];
            assert_eq!(detector.names()[class_id as usize], e["class"].as_str().expect("class"));
            let best = unmatched
                .iter()
                .enumerate()
                .filter(|(_, d)| d.class_id == class_id)
                .max_by(|a, b| iou(&a.1.xyxy, &xyxy).total_cmp(&iou(&b.1.xyxy, &xyxy)))
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("{name}: no {} left for {e}", e["class"]));
            let d = unmatched.remove(best);
            let overlap = iou(&d.xyxy, &xyxy);
            eprintln!("{name}: {} {:.5} vs {confidence:.5}, IoU {overlap:.4}", e["class"], d.confidence);
            assert!(overlap >= 0.95, "{name}: {e} matched {d:?} with IoU {overlap}");
            assert!((d.confidence - confidence).abs() <= 0.02, "{name}: {e} matched {d:?}");
        }
    }
}
