//! The detector on the tiny fixture model (`examples/tiny-model.rs` says what it computes): the wiring of
//! letterbox → forward → NMS → boxes in image pixels, with results known by hand.

use std::path::PathBuf;

use image::{Rgb, RgbImage};
use yolo5::{
    detector::{Detector, DetectorSettings, LetterboxMode, YoloDetector},
    postprocess::Detection,
};

fn tiny() -> YoloDetector {
    load_tiny(false)
}

/// The fixture takes any input size (it averages the image), so it also runs rectangles.
fn load_tiny(rect: bool) -> YoloDetector {
    let model = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.torchscript");
    let letterbox = if rect { LetterboxMode::Rect } else { LetterboxMode::Square };
    let settings = DetectorSettings { letterbox, ..DetectorSettings::fp32_on_cpu(model) };
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
    assert!(tiny().detect(&[]).expect("no images, no batch").is_empty());
}

#[test]
fn tiny_model_in_rectangles_gets_no_square_padding() {
    // 128 × 64 red: AutoShape's rectangle at 64 is 64 × 32, filled by the image at scale 0.5, so the mean
    // red is 1 (in the square it is diluted by grey: see above).
    let red = RgbImage::from_pixel(128, 64, Rgb([255, 0, 0]));
    let detector = load_tiny(true);
    let letterbox = detector.letterbox(&red);
    assert_eq!((letterbox.input_width, letterbox.input_height, letterbox.top), (64, 32, 0));
    let found = detector.detect(&[&red]).expect("detects").remove(0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].class_id, found[0].confidence), (0, 1.0));
    // Box A, x 8..24 and y 16..48 in the input, is x 16..48 and y 32..96 in the image, clipped to 64 rows.
    assert_eq!(found[0].xyxy, [16.0, 32.0, 48.0, 64.0]);
}

#[test]
fn tiny_model_runs_rectangles_of_different_shapes_in_one_call() {
    // Landscape 64 × 32 and portrait 32 × 64 blue, then landscape red: two input sizes, so two batches,
    // and the results come back in the order of the images.
    let wide_blue = RgbImage::from_pixel(64, 32, Rgb([0, 0, 255]));
    let tall_blue = RgbImage::from_pixel(32, 64, Rgb([0, 0, 255]));
    let wide_red = RgbImage::from_pixel(128, 64, Rgb([255, 0, 0]));
    let found = load_tiny(true).detect(&[&wide_blue, &tall_blue, &wide_red]).expect("detects");
    let summary: Vec<Vec<(u32, f32)>> =
        found.iter().map(|d| d.iter().map(|d| (d.class_id, d.confidence)).collect()).collect();
    assert_eq!(summary, [vec![(1, 1.0)], vec![(1, 1.0)], vec![(0, 1.0)]]);
    // Square mode pads the same photos with grey.
    let square = tiny().detect(&[&wide_blue, &tall_blue]).expect("detects");
    assert!(square.iter().all(|d| d[0].confidence < 0.75), "{square:?}");
}
