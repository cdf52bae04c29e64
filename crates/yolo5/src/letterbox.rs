//! YOLOv5's letterbox (`utils/augmentations.py::letterbox`): scale the image to fit the model's input
//! keeping its aspect ratio, centre it, and pad with grey 114. The input is `detect.py`'s square
//! (`auto=False`, [`Letterbox::square`]) or its smallest stride-multiple rectangle around the scaled
//! image (`auto=True`, [`Letterbox::auto`]: what `detect.py` does with `.pt` weights, and AutoShape).
//!
//! The geometry follows Python exactly, banker's rounding included; the resize is OpenCV's `INTER_LINEAR`
//! (half-pixel centres, no antialiasing) with its 11-bit fixed-point weights, so the pixels match `cv2.resize`
//! on the same decoded image.

/// The grey YOLOv5 pads with.
pub const PAD: u8 = 114;

/// Where the scaled image sits inside the model's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letterbox {
    /// The input's width.
    pub input_width: u32,
    /// The input's height.
    pub input_height: u32,
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
    /// The letterbox of a `width × height` image in an `input_width × input_height` input.
    ///
    /// # Panics
    /// On an empty image or input.
    pub fn new(width: u32, height: u32, input_width: u32, input_height: u32) -> Self {
        assert!(width > 0 && height > 0 && input_width > 0 && input_height > 0, "empty image or input");
        let ratio =
            (f64::from(input_height) / f64::from(height)).min(f64::from(input_width) / f64::from(width));
        let (new_width, new_height) =
            (scaled(width, ratio, input_width), scaled(height, ratio, input_height));
        Self::centred(new_width, new_height, input_width, input_height)
    }

    /// The scaled image centred in the input: Python's `round(d - 0.1)` before, the rest after.
    fn centred(width: u32, height: u32, input_width: u32, input_height: u32) -> Self {
        let before =
            |input: u32, scaled: u32| (f64::from(input - scaled) / 2.0 - 0.1).round_ties_even() as u32;
        Self {
            input_width,
            input_height,
            width,
            height,
            left: before(input_width, width),
            top: before(input_height, height),
        }
    }

    /// `detect.py`'s letterbox: a `size × size` square.
    pub fn square(width: u32, height: u32, size: u32) -> Self {
        Self::new(width, height, size, size)
    }

    /// `detect.py`'s letterbox with `auto=True`: the image scaled to fit `size × size`, padded only up
    /// to the next multiple of `stride` on each side, e.g. 480 × 640 for a 3:4 photo at 640. Fewer
    /// pixels than the square, so a faster forward pass, on a model that takes any size; what
    /// `detect.py` does with `.pt` weights (and AutoShape, whose shapes agree).
    ///
    /// # Panics
    /// On an empty image, size or stride.
    pub fn auto(width: u32, height: u32, size: u32, stride: u32) -> Self {
        assert!(width > 0 && height > 0 && size > 0 && stride > 0, "empty image, size or stride");
        let ratio = (f64::from(size) / f64::from(height)).min(f64::from(size) / f64::from(width));
        let (new_width, new_height) = (scaled(width, ratio, size), scaled(height, ratio, size));
        // np.mod(size - new, stride) of padding: the input is the next stride multiple.
        let input = |scaled: u32| scaled + (size - scaled) % stride;
        Self::centred(new_width, new_height, input(new_width), input(new_height))
    }
}

/// A side scaled by `ratio` as Python's `int(round(side * ratio))` (half to even), at least 1 and at
/// most the input's side.
fn scaled(side: u32, ratio: f64, input: u32) -> u32 {
    ((f64::from(side) * ratio).round_ties_even() as u32).clamp(1, input)
}

/// OpenCV's `INTER_RESIZE_COEF_BITS`.
const COEF_BITS: u32 = 11;
const COEF_SCALE: i32 = 1 << COEF_BITS;

/// One output coordinate's two source coordinates and their fixed-point weights.
#[derive(Clone, Copy, Debug)]
struct Tap {
    first: usize,
    second: usize,
    w_first: i32,
    w_second: i32,
}

/// For each output coordinate: the two source coordinates and their fixed-point weights,
/// computed as OpenCV does (`f32` positions, weights rounded half to even).
fn taps(source: u32, target: u32) -> Vec<Tap> {
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
            let w_first = ((1.0 - fraction) * COEF_SCALE as f32).round_ties_even() as i32;
            Tap { first: index, second: (index + 1).min(last), w_first, w_second: COEF_SCALE - w_first }
        })
        .collect()
}

/// Letterboxes an RGB image (`rgb` is `width × height × 3`, row-major) into `out`, an
/// `input_width × input_height × 3` buffer of values in 0..1, interleaved like the image: the model
/// takes it as a channels-last tensor, which libtorch's CPU convolutions run faster than planar input.
///
/// Each source row is resized horizontally once into fixed point, then each output row is two such rows
/// blended: contiguous loops the compiler vectorises, and only the padding is filled with grey.
///
/// # Panics
/// If `rgb` or `out` have the wrong length.
pub fn letterbox_into(rgb: &[u8], width: u32, height: u32, geometry: &Letterbox, out: &mut [f32]) {
    let (w, h) = (width as usize, height as usize);
    let (input_w, input_h) = (geometry.input_width as usize, geometry.input_height as usize);
    assert_eq!(rgb.len(), w * h * 3, "the image is width × height × 3 bytes");
    assert_eq!(out.len(), input_w * input_h * 3, "the output is the input's width × height × 3");
    let (left, top) = (geometry.left as usize, geometry.top as usize);
    let (scaled_w, scaled_h) = (geometry.width as usize, geometry.height as usize);

    let pad = f32::from(PAD) / 255.0;
    let (above, rest) = out.split_at_mut(top * input_w * 3);
    let (image_rows, below) = rest.split_at_mut(scaled_h * input_w * 3);
    above.fill(pad);
    below.fill(pad);
    for row in image_rows.chunks_exact_mut(input_w * 3) {
        row[..left * 3].fill(pad);
        row[(left + scaled_w) * 3..].fill(pad);
    }

    let columns = taps(width, geometry.width);
    let rows = taps(height, geometry.height);
    // One source row resized horizontally, in fixed point: `scaled_w × 3`.
    let resize_row = |y: usize, into: &mut [i32]| {
        let row = &rgb[y * w * 3..(y + 1) * w * 3];
        for (pixel, tap) in into.chunks_exact_mut(3).zip(&columns) {
            let (a, b) = (&row[tap.first * 3..tap.first * 3 + 3], &row[tap.second * 3..tap.second * 3 + 3]);
            for c in 0..3 {
                pixel[c] = i32::from(a[c]) * tap.w_first + i32::from(b[c]) * tap.w_second;
            }
        }
    };
    let (mut upper, mut lower) = (vec![0; 3 * scaled_w], vec![0; 3 * scaled_w]);
    let (mut upper_row, mut lower_row) = (usize::MAX, usize::MAX);
    for (ty, tap) in rows.iter().enumerate() {
        // Rows only move down, so each source row is resized once, or twice when the scale is above 1.
        if upper_row != tap.first {
            if lower_row == tap.first {
                std::mem::swap(&mut upper, &mut lower);
                lower_row = usize::MAX;
            } else {
                resize_row(tap.first, &mut upper);
            }
            upper_row = tap.first;
        }
        if lower_row != tap.second {
            resize_row(tap.second, &mut lower);
            lower_row = tap.second;
        }
        let start = ((top + ty) * input_w + left) * 3;
        for ((value, &up), &down) in out[start..start + scaled_w * 3].iter_mut().zip(&upper).zip(&lower) {
            *value = f32::from(vertical(up, down, tap.w_first, tap.w_second)) / 255.0;
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
            Letterbox::square(810, 1080, 640),
            Letterbox { input_width: 640, input_height: 640, width: 480, height: 640, left: 80, top: 0 }
        );
        assert_eq!(
            Letterbox::square(1280, 720, 640),
            Letterbox { input_width: 640, input_height: 640, width: 640, height: 360, left: 0, top: 140 }
        );
    }

    #[test]
    fn rectangles_match_detect_py_on_the_samples() {
        // detect.py's (and AutoShape's) shapes for bus.jpg and zidane.jpg at 640: (h, w) = (640, 480) and
        // (384, 640).
        assert_eq!(
            Letterbox::auto(810, 1080, 640, 32),
            Letterbox { input_width: 480, input_height: 640, width: 480, height: 640, left: 0, top: 0 }
        );
        assert_eq!(
            Letterbox::auto(1280, 720, 640, 32),
            Letterbox { input_width: 640, input_height: 384, width: 640, height: 360, left: 0, top: 12 }
        );
        // 3:2 → 640 × 426.67: round() gives 427, padded by (640 - 427) % 32 = 21 to 448.
        let g = Letterbox::auto(1200, 800, 640, 32);
        assert_eq!((g.input_width, g.input_height, g.height, g.top), (640, 448, 427, 10));
        // 384.32 rows round to 384, a multiple of 32 already: no padding, and the image keeps its 640
        // columns (a letterbox fitted to 640 × 384 would shrink it to 639).
        let g = Letterbox::auto(2000, 1201, 640, 32);
        assert_eq!((g.input_width, g.input_height, g.width, g.height), (640, 384, 640, 384));
        assert_eq!(Letterbox::new(2000, 1201, 640, 384).width, 639);
        // A sliver still gets one stride.
        assert_eq!(Letterbox::auto(5000, 1, 640, 32).input_height, 32);
    }

    #[test]
    fn odd_padding_puts_the_extra_pixel_after_as_python_does() {
        // 3 spare rows: dh = 1.5, top = round(1.4) = 1, bottom = round(1.6) = 2.
        let geometry = Letterbox::square(640, 637, 640);
        assert_eq!((geometry.height, geometry.top), (637, 1));
    }

    #[test]
    fn sizes_round_half_to_even() {
        // 1000 × 5 at ratio 0.64 → height 3.2 → 3; 1000 × 125 → 80 exactly; 2000 × 25 → 8.0.
        assert_eq!(Letterbox::square(1000, 5, 640).height, 3);
        assert_eq!(Letterbox::square(1000, 125, 640).height, 80);
        // 4 × 1 at 640 → 640 × 160; 3 × 1 → 640 × 213.33 → 213.
        assert_eq!(Letterbox::square(3, 1, 640).height, 213);
        // Python rounds 2.5 to 2: 256 × 1 into 640 is ratio 2.5 → height round(2.5) = 2.
        assert_eq!(Letterbox::square(256, 1, 640).height, 2);
    }

    #[test]
    fn a_uniform_image_stays_uniform_and_the_padding_is_grey() {
        let (w, h) = (300u32, 100u32);
        let rgb = [10u8, 200, 30].repeat((w * h) as usize);
        let geometry = Letterbox::square(w, h, 64);
        let mut out = vec![0.0; 3 * 64 * 64];
        letterbox_into(&rgb, w, h, &geometry, &mut out);
        let at = |c: usize, y: u32, x: u32| out[(y * 64 + x) as usize * 3 + c];
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
        let geometry = Letterbox::square(4, 4, 2);
        let mut out = vec![0.0; 3 * 2 * 2];
        letterbox_into(&rgb, 4, 4, &geometry, &mut out);
        assert_eq!(out[0] * 255.0, 30.0);
        assert_eq!(out[3] * 255.0, 150.0, "the second pixel's red");
    }

    #[test]
    fn same_size_is_a_copy() {
        let rgb: Vec<u8> = (0..(8 * 8 * 3)).map(|i| (i * 7 % 256) as u8).collect();
        let geometry = Letterbox::square(8, 8, 8);
        let mut out = vec![0.0; 3 * 8 * 8];
        letterbox_into(&rgb, 8, 8, &geometry, &mut out);
        for y in 0..8 {
            for x in 0..8 {
                for c in 0..3 {
                    assert_eq!(out[(y * 8 + x) * 3 + c] * 255.0, f32::from(rgb[(y * 8 + x) * 3 + c]));
                }
            }
        }
    }

    /// The resize written out pixel by pixel from OpenCV's definition: the oracle for the fast path.
    fn letterbox_pixel_by_pixel(rgb: &[u8], width: u32, height: u32, geometry: &Letterbox) -> Vec<f32> {
        let input_w = geometry.input_width as usize;
        let mut out = vec![f32::from(PAD) / 255.0; 3 * input_w * geometry.input_height as usize];
        let (columns, rows) = (taps(width, geometry.width), taps(height, geometry.height));
        for (ty, row) in rows.iter().enumerate() {
            for (tx, column) in columns.iter().enumerate() {
                for c in 0..3 {
                    let pixel = |y: usize, x: usize| i32::from(rgb[(y * width as usize + x) * 3 + c]);
                    let horizontal = |y: usize| {
                        pixel(y, column.first) * column.w_first + pixel(y, column.second) * column.w_second
                    };
                    let value =
                        vertical(horizontal(row.first), horizontal(row.second), row.w_first, row.w_second);
                    let at = (geometry.top as usize + ty) * input_w + geometry.left as usize + tx;
                    out[at * 3 + c] = f32::from(value) / 255.0;
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_equals_the_pixel_by_pixel_definition(
            width in 1u32..160,
            height in 1u32..160,
            input_width in 1u32..96,
            input_height in 1u32..96,
            seed in proptest::prelude::any::<u64>(),
        ) {
            // A cheap deterministic noise image: every pixel and channel differs.
            let rgb: Vec<u8> = (0..u64::from(width * height * 3))
                .map(|i| ((i ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
                .collect();
            let geometry = Letterbox::new(width, height, input_width, input_height);
            let mut out = vec![f32::NAN; 3 * (input_width * input_height) as usize];
            letterbox_into(&rgb, width, height, &geometry, &mut out);
            proptest::prop_assert_eq!(out, letterbox_pixel_by_pixel(&rgb, width, height, &geometry));
        }

        #[test]
        fn the_scaled_image_fits_and_is_centred(width in 1u32..5000, height in 1u32..5000, size in 32u32..1280) {
            let g = Letterbox::square(width, height, size);
            proptest::prop_assert!(g.left + g.width <= size && g.top + g.height <= size);
            proptest::prop_assert!(g.width == size || g.height == size, "one side fills the square");
            let (right, bottom) = (size - g.width - g.left, size - g.height - g.top);
            proptest::prop_assert!(right.abs_diff(g.left) <= 1 && bottom.abs_diff(g.top) <= 1);
        }

        #[test]
        fn rectangles_are_stride_multiples_no_larger_than_the_square(
            width in 1u32..5000,
            height in 1u32..5000,
            strides in 1u32..40,
            stride in proptest::sample::select(vec![8u32, 16, 32, 64]),
        ) {
            // A model's side is a multiple of its stride (parse_metadata checks).
            let size = strides * stride;
            let g = Letterbox::auto(width, height, size, stride);
            let (input_w, input_h) = (g.input_width, g.input_height);
            proptest::prop_assert!(input_w.is_multiple_of(stride) && input_h.is_multiple_of(stride));
            proptest::prop_assert_eq!(input_w.max(input_h), size, "the long side is the square's");
            proptest::prop_assert!(g.left + g.width <= input_w && g.top + g.height <= input_h);
            proptest::prop_assert!(g.width == input_w || g.height == input_h, "one side fills it");
            let (right, bottom) = (input_w - g.width - g.left, input_h - g.height - g.top);
            proptest::prop_assert!(right.abs_diff(g.left) <= 1 && bottom.abs_diff(g.top) <= 1);
        }
    }
}
