//! YOLOv5's square letterbox (`utils/augmentations.py::letterbox` with `auto=False`): scale the image to fit
//! `size × size` keeping its aspect ratio, centre it, and pad with grey 114.
//!
//! The geometry follows Python exactly, banker's rounding included; the resize is OpenCV's `INTER_LINEAR`
//! (half-pixel centres, no antialiasing) with its 11-bit fixed-point weights, so the pixels match `cv2.resize`
//! on the same decoded image.

/// The grey YOLOv5 pads with.
pub const PAD: u8 = 114;

/// Where the scaled image sits inside the square.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Letterbox {
    /// The side of the square input.
    pub size: u32,
    /// The scaled image's width.
    pub width: u32,
    /// The scaled image's height.
    pub height: u32,
    /// Padding columns on the left.
    pub left: u32,
    /// Padding rows on top.
    pub top: u32,
}

impl Letterbox {
    /// The letterbox of a `width × height` image in a `size × size` square.
    ///
    /// # Panics
    /// On an empty image or square.
    pub fn new(width: u32, height: u32, size: u32) -> Self {
        assert!(width > 0 && height > 0 && size > 0, "empty image or square");
        let ratio = (f64::from(size) / f64::from(height)).min(f64::from(size) / f64::from(width));
        // Python's round() rounds half to even.
        let scaled = |side: u32| ((f64::from(side) * ratio).round_ties_even() as u32).clamp(1, size);
        let (new_width, new_height) = (scaled(width), scaled(height));
        let half_pad = |scaled: u32| f64::from(size - scaled) / 2.0;
        Self {
            size,
            width: new_width,
            height: new_height,
            left: (half_pad(new_width) - 0.1).round_ties_even() as u32,
            top: (half_pad(new_height) - 0.1).round_ties_even() as u32,
        }
    }
}

/// OpenCV's `INTER_RESIZE_COEF_BITS`.
const COEF_BITS: u32 = 11;
const COEF_SCALE: i32 = 1 << COEF_BITS;

/// For each output coordinate: the two source coordinates and their fixed-point weights,
/// computed as OpenCV does (`f32` positions, weights rounded half to even).
fn taps(source: u32, target: u32) -> Vec<(usize, usize, i32, i32)> {
    let scale = f64::from(source) / f64::from(target);
    let last = source as usize - 1;
    (0..target)
        .map(|t| {
            let position = ((f64::from(t) + 0.5) * scale - 0.5) as f32;
            let floor = position.floor();
            let (index, fraction) = match floor {
                f if f < 0.0 => (0, 0.0),
                f if f as usize >= last => (last, 0.0),
                f => (f as usize, position - f),
            };
            let w0 = ((1.0 - fraction) * COEF_SCALE as f32).round_ties_even() as i32;
            (index, (index + 1).min(last), w0, COEF_SCALE - w0)
        })
        .collect()
}

/// Letterboxes an RGB image (`rgb` is `width × height × 3`, row-major) into `out`, a planar
/// `3 × size × size` buffer of values in 0..1, as the model takes it.
///
/// # Panics
/// If `rgb` or `out` have the wrong length.
pub fn letterbox_into(rgb: &[u8], width: u32, height: u32, geometry: &Letterbox, out: &mut [f32]) {
    let (w, h) = (width as usize, height as usize);
    let size = geometry.size as usize;
    assert_eq!(rgb.len(), w * h * 3, "the image is width × height × 3 bytes");
    assert_eq!(out.len(), 3 * size * size, "the output is 3 × size × size");
    let plane = size * size;
    out.fill(f32::from(PAD) / 255.0);

    let columns = taps(width, geometry.width);
    let rows = taps(height, geometry.height);
    // One horizontally resized source row, in fixed point, per channel: cached for the row pair in use.
    let resize_row = |y: usize, into: &mut Vec<i32>| {
        into.clear();
        let row = &rgb[y * w * 3..(y + 1) * w * 3];
        for &(x0, x1, a0, a1) in &columns {
            for c in 0..3 {
                into.push(i32::from(row[x0 * 3 + c]) * a0 + i32::from(row[x1 * 3 + c]) * a1);
            }
        }
    };
    let (mut upper, mut lower) = (Vec::new(), Vec::new());
    let (mut upper_row, mut lower_row) = (usize::MAX, usize::MAX);
    let (left, top) = (geometry.left as usize, geometry.top as usize);
    for (ty, &(y0, y1, b0, b1)) in rows.iter().enumerate() {
        // Rows only move down, so each source row is resized once or twice.
        if upper_row != y0 {
            if lower_row == y0 {
                std::mem::swap(&mut upper, &mut lower);
                lower_row = usize::MAX;
            } else {
                resize_row(y0, &mut upper);
            }
            upper_row = y0;
        }
        if lower_row != y1 {
            resize_row(y1, &mut lower);
            lower_row = y1;
        }
        let offset = (top + ty) * size + left;
        for tx in 0..geometry.width as usize {
            for c in 0..3 {
                let value = vertical(upper[tx * 3 + c], lower[tx * 3 + c], b0, b1);
                out[c * plane + offset + tx] = f32::from(value) / 255.0;
            }
        }
    }
}

/// OpenCV's vectorised vertical pass (`VResizeLinearVec_32s8u`): 4 + 16 + 2 bits of shift with rounding.
fn vertical(upper: i32, lower: i32, b0: i32, b1: i32) -> u8 {
    let hi = |h: i32, b: i32| ((h >> 4) * b) >> 16;
    ((hi(upper, b0) + hi(lower, b1) + 2) >> 2).clamp(0, 255) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_matches_yolov5_on_the_samples() {
        // bus.jpg: 810 × 1080 → 480 × 640, 80 px each side. zidane.jpg: 1280 × 720 → 640 × 360, 140 px.
        assert_eq!(
            Letterbox::new(810, 1080, 640),
            Letterbox { size: 640, width: 480, height: 640, left: 80, top: 0 }
        );
        assert_eq!(
            Letterbox::new(1280, 720, 640),
            Letterbox { size: 640, width: 640, height: 360, left: 0, top: 140 }
        );
    }

    #[test]
    fn odd_padding_puts_the_extra_pixel_after_as_python_does() {
        // 3 spare rows: dh = 1.5, top = round(1.4) = 1, bottom = round(1.6) = 2.
        let geometry = Letterbox::new(640, 637, 640);
        assert_eq!((geometry.height, geometry.top), (637, 1));
    }

    #[test]
    fn sizes_round_half_to_even() {
        // 1000 × 5 at ratio 0.64 → height 3.2 → 3; 1000 × 125 → 80 exactly; 2000 × 25 → 8.0.
        assert_eq!(Letterbox::new(1000, 5, 640).height, 3);
        assert_eq!(Letterbox::new(1000, 125, 640).height, 80);
        // 4 × 1 at 640 → 640 × 160; 3 × 1 → 640 × 213.33 → 213.
        assert_eq!(Letterbox::new(3, 1, 640).height, 213);
        // Python rounds 2.5 to 2: 256 × 1 into 640 is ratio 2.5 → height round(2.5) = 2.
        assert_eq!(Letterbox::new(256, 1, 640).height, 2);
    }

    #[test]
    fn a_uniform_image_stays_uniform_and_the_padding_is_grey() {
        let (w, h) = (300u32, 100u32);
        let rgb = [10u8, 200, 30].repeat((w * h) as usize);
        let geometry = Letterbox::new(w, h, 64);
        let mut out = vec![0.0; 3 * 64 * 64];
        letterbox_into(&rgb, w, h, &geometry, &mut out);
        let at = |c: usize, y: u32, x: u32| out[c * 64 * 64 + (y * 64 + x) as usize];
        assert_eq!((geometry.width, geometry.height, geometry.top), (64, 21, 21));
        assert_eq!(at(0, 0, 0), 114.0 / 255.0);
        assert_eq!(at(2, 63, 63), 114.0 / 255.0);
        for y in geometry.top..geometry.top + geometry.height {
            for x in 0..64 {
                assert_eq!(
                    (at(0, y, x), at(1, y, x), at(2, y, x)),
                    (10.0 / 255.0, 200.0 / 255.0, 30.0 / 255.0)
                );
            }
        }
        assert_eq!(at(1, geometry.top - 1, 5), 114.0 / 255.0);
        assert_eq!(at(1, geometry.top + geometry.height, 5), 114.0 / 255.0);
    }

    #[test]
    fn downscaling_by_two_averages_pixel_pairs() {
        // Half-pixel centres: output x samples source 2x + 0.5, the mean of columns 2x and 2x + 1.
        let rgb: Vec<u8> = (0..4u8).flat_map(|x| [x * 60; 3]).collect::<Vec<_>>().repeat(4);
        let geometry = Letterbox { size: 2, width: 2, height: 2, left: 0, top: 0 };
        let mut out = vec![0.0; 3 * 2 * 2];
        letterbox_into(&rgb, 4, 4, &geometry, &mut out);
        assert_eq!(out[0] * 255.0, 30.0);
        assert_eq!(out[1] * 255.0, 150.0);
    }

    #[test]
    fn same_size_is_a_copy() {
        let rgb: Vec<u8> = (0..(8 * 8 * 3)).map(|i| (i * 7 % 256) as u8).collect();
        let geometry = Letterbox::new(8, 8, 8);
        let mut out = vec![0.0; 3 * 8 * 8];
        letterbox_into(&rgb, 8, 8, &geometry, &mut out);
        for y in 0..8 {
            for x in 0..8 {
                for c in 0..3 {
                    assert_eq!(out[c * 64 + y * 8 + x] * 255.0, f32::from(rgb[(y * 8 + x) * 3 + c]));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_scaled_image_fits_and_is_centred(width in 1u32..5000, height in 1u32..5000, size in 32u32..1280) {
            let g = Letterbox::new(width, height, size);
            proptest::prop_assert!(g.left + g.width <= size && g.top + g.height <= size);
            proptest::prop_assert!(g.width == size || g.height == size, "one side fills the square");
            let (right, bottom) = (size - g.width - g.left, size - g.height - g.top);
            proptest::prop_assert!(right.abs_diff(g.left) <= 1 && bottom.abs_diff(g.top) <= 1);
        }
    }
}
