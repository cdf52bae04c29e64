//! bfloat16 against float32: on every photo the project has and variants made from them (mirrored, cropped,
//! scaled, rotated, recompressed), bfloat16 finds what float32 finds. Where the CPU has no AMX-BF16, libtorch
//! emulates bfloat16: slower, the same numbers.

use std::io::Cursor;

use image::{DynamicImage, RgbImage, imageops};
use yolo5::{
    detector::{Detector, DetectorSettings, Precision, YoloDetector},
    image::{DecodeLimits, decode},
    postprocess::{Detection, Thresholds, iou},
};

use crate::{model_path, sample};

fn detector(precision: Precision) -> YoloDetector {
    let settings = DetectorSettings { precision, ..DetectorSettings::fp32_on_cpu(model_path()) };
    YoloDetector::load(&settings).expect("loads")
}

/// The photo and what a user might send instead: mirrored, its centre, half its size, turned, recompressed.
fn variants(photo: &RgbImage) -> Vec<(&'static str, RgbImage)> {
    let (width, height) = photo.dimensions();
    let centre = imageops::crop_imm(photo, width / 6, height / 6, width * 2 / 3, height * 2 / 3).to_image();
    let half = imageops::resize(photo, width / 2, height / 2, imageops::FilterType::Triangle);
    let mut jpeg = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 40)
        .encode_image(&DynamicImage::ImageRgb8(photo.clone()))
        .expect("encodes");
    let recompressed = decode(jpeg.get_ref(), &DecodeLimits::default()).expect("decodes").image;
    vec![
        ("as sent", photo.clone()),
        ("mirrored", imageops::flip_horizontal(photo)),
        ("its centre", centre),
        ("half its size", half),
        ("turned a quarter", imageops::rotate90(photo)),
        ("JPEG quality 40", recompressed),
    ]
}

/// Whether `b` is `a` found again: the same class, IoU ≥ 0.9, confidence within 0.03.
fn same(a: &Detection, b: &Detection) -> bool {
    a.class_id == b.class_id && iou(&a.xyxy, &b.xyxy) >= 0.9 && (a.confidence - b.confidence).abs() <= 0.03
}

#[test]
#[allow(clippy::print_stdout)] // The agreement rate, which docs/capacity.md states.
fn bfloat16_finds_what_float32_finds_on_every_sample_and_its_variants() {
    let (fp32, bf16) = (detector(Precision::Fp32), detector(Precision::Bf16));
    assert_eq!((fp32.precision().0, bf16.precision().0), ("fp32", "bf16"));
    let threshold = Thresholds::default().conf;
    let (mut found, mut matched, mut differences, mut near) =
        (0, 0, Vec::<String>::new(), Vec::<String>::new());
    for name in ["bus.jpg", "zidane.jpg"] {
        let bytes = std::fs::read(sample(name)).expect("the sample");
        let photo = decode(&bytes, &DecodeLimits::default()).expect("decodes").image;
        for (variant, image) in variants(&photo) {
            let exact = fp32.detect(&[&image]).expect("fp32").remove(0);
            let brief = bf16.detect(&[&image]).expect("bf16").remove(0);
            found += exact.len();
            for (ours, theirs, missing_in) in [(&exact, &brief, "bf16"), (&brief, &exact, "fp32")] {
                for detection in ours.iter() {
                    if theirs.iter().any(|other| same(detection, other)) {
                        matched += usize::from(missing_in == "bf16");
                    } else {
                        let missing = format!("{name}, {variant}: {detection:?} not found in {missing_in}");
                        // One within 0.03 of the threshold may fall below it on the other side.
                        if detection.confidence < threshold + 0.03 {
                            near.push(missing);
                        } else {
                            differences.push(missing);
                        }
                    }
                }
            }
        }
    }
    println!(
        "bf16 against fp32: {matched} of {found} fp32 detections found again; differences: {differences:#?}; \
         missing on one side within 0.03 of the threshold: {near:#?}"
    );
    assert!(found >= 30, "enough detections to judge by: {found}");
    assert!(differences.is_empty(), "{differences:#?}");
}
