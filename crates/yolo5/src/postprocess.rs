//! YOLOv5's post-processing: `non_max_suppression` (obj × class confidence, best class per box,
//! class-aware greedy NMS as torchvision computes it) and `scale_boxes` back to the original image.
//!
//! The arithmetic is `f32` where PyTorch's is, so the boxes match Python's to the last bit on the same
//! model output.

use crate::letterbox::Letterbox;

/// One detected object, in pixels of the original image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// The class index in the model's output.
    pub class_id: u32,
    /// objectness × class score.
    pub confidence: f32,
    /// x1, y1, x2, y2.
    pub xyxy: [f32; 4],
}

/// The thresholds of [`non_max_suppression`]; the defaults are YOLOv5's `detect.py`.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Minimum confidence (objectness, and objectness × class score) of a kept box.
    pub conf: f32,
    /// Boxes of one class overlapping a more confident one by more than this IoU are dropped.
    pub iou: f64,
    /// At most this many detections per image.
    pub max_det: usize,
    /// Only these classes, when given.
    pub classes: Option<Vec<u32>>,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { conf: 0.25, iou: 0.45, max_det: 1000, classes: None }
    }
}

/// YOLOv5 offsets each class's boxes by this much so that one NMS pass never compares two classes.
const MAX_WH: f32 = 7680.0;
/// YOLOv5 keeps at most this many candidates for NMS.
const MAX_NMS: usize = 30_000;

/// The detections in one image's model output: `rows` is `[boxes × (5 + classes)]`, row-major, each row
/// `cx, cy, w, h, objectness, class scores…` in letterboxed pixels. Most confident first.
///
/// # Panics
/// If `rows` is not a whole number of rows of more than 5 values.
pub fn non_max_suppression(rows: &[f32], row_len: usize, thresholds: &Thresholds) -> Vec<Detection> {
    assert!(row_len > 5 && rows.len().is_multiple_of(row_len), "rows of 5 + classes values");
    let mut candidates: Vec<Detection> = rows
        .chunks_exact(row_len)
        .filter(|row| row[4] > thresholds.conf)
        .filter_map(|row| {
            let objectness = row[4];
            // The first of equal maxima, as torch.max does.
            let (class_id, confidence) = row[5..]
                .iter()
                .map(|score| score * objectness)
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |best, (i, c)| if c > best.1 { (i, c) } else { best });
            let class_id = class_id as u32;
            let wanted = thresholds.classes.as_ref().is_none_or(|classes| classes.contains(&class_id));
            let (cx, cy, w, h) = (row[0], row[1], row[2], row[3]);
            (confidence > thresholds.conf && wanted).then_some(Detection {
                class_id,
                confidence,
                xyxy: [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0],
            })
        })
        .collect();
    candidates.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    candidates.truncate(MAX_NMS);

    let offset = |d: &Detection| {
        let o = d.class_id as f32 * MAX_WH;
        [d.xyxy[0] + o, d.xyxy[1] + o, d.xyxy[2] + o, d.xyxy[3] + o]
    };
    let boxes: Vec<[f32; 4]> = candidates.iter().map(offset).collect();
    let mut suppressed = vec![false; candidates.len()];
    let mut kept = Vec::new();
    for i in 0..candidates.len() {
        if suppressed[i] {
            continue;
        }
        kept.push(candidates[i]);
        if kept.len() == thresholds.max_det {
            break;
        }
        for j in i + 1..candidates.len() {
            if !suppressed[j] && f64::from(iou(&boxes[i], &boxes[j])) > thresholds.iou {
                suppressed[j] = true;
            }
        }
    }
    kept
}

/// Intersection over union of two `xyxy` boxes, as torchvision's NMS computes it.
pub fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let area = |b: &[f32; 4]| (b[2] - b[0]) * (b[3] - b[1]);
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let intersection = w * h;
    intersection / (area(a) + area(b) - intersection)
}

/// Maps boxes from the letterboxed square back to the `width × height` original and clips them to it
/// (YOLOv5's `scale_boxes` and `clip_boxes`).
pub fn scale_to_original(detections: &mut [Detection], letterbox: &Letterbox, width: u32, height: u32) {
    let (input_w, input_h) = (f64::from(letterbox.input_width), f64::from(letterbox.input_height));
    let (w, h) = (f64::from(width), f64::from(height));
    let gain = (input_h / h).min(input_w / w);
    // Unrounded, unlike the letterbox's own padding: YOLOv5 does the same.
    let pad_x = ((input_w - w * gain) / 2.0) as f32;
    let pad_y = ((input_h - h * gain) / 2.0) as f32;
    let gain = gain as f32;
    for d in detections {
        let [x1, y1, x2, y2] = d.xyxy;
        let x = |v: f32| ((v - pad_x) / gain).clamp(0.0, width as f32);
        let y = |v: f32| ((v - pad_y) / gain).clamp(0.0, height as f32);
        d.xyxy = [x(x1), y(y1), x(x2), y(y2)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One model output row with `classes` scores, all zero but `class`.
    fn row(cx: f32, cy: f32, w: f32, h: f32, objectness: f32, class: usize, score: f32) -> Vec<f32> {
        let mut row = vec![cx, cy, w, h, objectness, 0.0, 0.0, 0.0];
        row[5 + class] = score;
        row
    }

    fn nms(rows: &[Vec<f32>], thresholds: &Thresholds) -> Vec<Detection> {
        non_max_suppression(&rows.concat(), 8, thresholds)
    }

    #[test]
    fn confidence_is_objectness_times_class_score_and_boxes_become_corners() {
        let found = nms(&[row(100.0, 50.0, 20.0, 10.0, 0.9, 1, 0.5)], &Thresholds::default());
        assert_eq!(found, [Detection { class_id: 1, confidence: 0.45, xyxy: [90.0, 45.0, 110.0, 55.0] }]);
    }

    #[test]
    fn both_confidence_filters_apply() {
        let rows = [
            row(10.0, 10.0, 5.0, 5.0, 0.2, 0, 1.0), // objectness below 0.25
            row(50.0, 10.0, 5.0, 5.0, 0.5, 0, 0.4), // 0.5 × 0.4 = 0.2 below 0.25
            row(90.0, 10.0, 5.0, 5.0, 0.5, 0, 0.6), // 0.3 kept
        ];
        let found = nms(&rows, &Thresholds::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].xyxy[0], 87.5);
    }

    #[test]
    fn overlapping_boxes_of_one_class_keep_the_most_confident() {
        let rows = [
            row(100.0, 100.0, 100.0, 100.0, 0.6, 0, 1.0),
            row(105.0, 100.0, 100.0, 100.0, 0.9, 0, 1.0), // IoU with the first ≈ 0.90
            row(300.0, 300.0, 50.0, 50.0, 0.5, 0, 1.0),   // apart
        ];
        let found = nms(&rows, &Thresholds::default());
        assert_eq!(found.iter().map(|d| d.confidence).collect::<Vec<_>>(), [0.9, 0.5]);
    }

    #[test]
    fn overlapping_boxes_of_different_classes_are_both_kept() {
        let rows =
            [row(100.0, 100.0, 100.0, 100.0, 0.9, 0, 1.0), row(100.0, 100.0, 100.0, 100.0, 0.8, 2, 1.0)];
        let found = nms(&rows, &Thresholds::default());
        assert_eq!(found.iter().map(|d| d.class_id).collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn iou_at_the_threshold_is_kept_above_it_dropped() {
        // Two 100 × 100 boxes shifted by s along x: IoU = (100 - s) / (100 + s); 60 gives exactly 0.25.
        let shifted = |s: f32| {
            let rows = [
                row(100.0, 100.0, 100.0, 100.0, 0.9, 0, 1.0),
                row(100.0 + s, 100.0, 100.0, 100.0, 0.8, 0, 1.0),
            ];
            nms(&rows, &Thresholds { iou: 0.25, ..Thresholds::default() }).len()
        };
        assert_eq!(shifted(60.0), 2, "IoU exactly 0.25 is not above it");
        assert_eq!(shifted(59.0), 1, "IoU 0.258 is");
    }

    #[test]
    fn class_filter_and_max_det_apply() {
        let rows: Vec<_> =
            (0..10).map(|i| row(i as f32 * 100.0, 10.0, 10.0, 10.0, 0.9, i % 3, 1.0)).collect();
        let only_one = Thresholds { classes: Some(vec![1]), ..Thresholds::default() };
        assert!(nms(&rows, &only_one).iter().all(|d| d.class_id == 1));
        assert_eq!(nms(&rows, &only_one).len(), 3);
        assert_eq!(nms(&rows, &Thresholds { max_det: 4, ..Thresholds::default() }).len(), 4);
    }

    #[test]
    fn iou_of_identical_disjoint_and_touching_boxes() {
        let a = [0.0, 0.0, 10.0, 10.0];
        assert_eq!(iou(&a, &a), 1.0);
        assert_eq!(iou(&a, &[20.0, 20.0, 30.0, 30.0]), 0.0);
        assert_eq!(iou(&a, &[10.0, 0.0, 20.0, 10.0]), 0.0);
        assert_eq!(iou(&a, &[5.0, 0.0, 15.0, 10.0]), 50.0 / 150.0);
    }

    #[test]
    fn boxes_scale_back_through_the_letterbox_and_are_clipped() {
        // bus.jpg: 810 × 1080 in 640: gain 0.5926, 80 px of padding left and right.
        let letterbox = Letterbox::square(810, 1080, 640);
        let mut found = [
            Detection { class_id: 0, confidence: 0.9, xyxy: [80.0, 0.0, 560.0, 640.0] },
            Detection { class_id: 0, confidence: 0.9, xyxy: [0.0, -5.0, 600.0, 700.0] },
        ];
        scale_to_original(&mut found, &letterbox, 810, 1080);
        let close = |a: [f32; 4], b: [f32; 4]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-3);
        assert!(close(found[0].xyxy, [0.0, 0.0, 810.0, 1080.0]), "{:?}", found[0].xyxy);
        assert!(close(found[1].xyxy, [0.0, 0.0, 810.0, 1080.0]), "{:?}", found[1].xyxy);

        // zidane.jpg: 1280 × 720 in detect.py's 640 × 384: gain 0.5, 12 rows of padding above and below.
        let letterbox = Letterbox::auto(1280, 720, 640, 32);
        let mut found = [Detection { class_id: 0, confidence: 0.9, xyxy: [320.0, 12.0, 640.0, 192.0] }];
        scale_to_original(&mut found, &letterbox, 1280, 720);
        assert!(close(found[0].xyxy, [640.0, 0.0, 1280.0, 360.0]), "{:?}", found[0].xyxy);
    }

    proptest::proptest! {
        #[test]
        fn kept_boxes_are_confident_sorted_and_never_overlap_within_a_class(
            boxes in proptest::collection::vec((0f32..600.0, 0f32..600.0, 1f32..200.0, 1f32..200.0, 0f32..1.0, 0usize..3, 0f32..1.0), 0..60),
        ) {
            let rows: Vec<Vec<f32>> = boxes.iter().map(|&(x, y, w, h, o, c, s)| row(x, y, w, h, o, c, s)).collect();
            let thresholds = Thresholds::default();
            let kept = nms(&rows, &thresholds);
            proptest::prop_assert!(kept.windows(2).all(|w| w[0].confidence >= w[1].confidence));
            for (i, a) in kept.iter().enumerate() {
                proptest::prop_assert!(a.confidence > thresholds.conf);
                for b in &kept[i + 1..] {
                    if a.class_id == b.class_id {
                        proptest::prop_assert!(f64::from(iou(&a.xyxy, &b.xyxy)) <= thresholds.iou + 1e-4);
                    }
                }
            }
        }
    }
}
