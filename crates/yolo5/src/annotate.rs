//! The annotated image the user gets back: a box per detection in its class's colour, a "class 0.82"
//! label on it in an antialiased font, encoded as JPEG.

use std::sync::LazyLock;

use ab_glyph::{Font, FontRef, PxScale, PxScaleFont, ScaleFont, point};
use image::{Rgb, RgbImage};
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::postprocess::Detection;

/// Ultralytics' palette, so our pictures look like YOLOv5's own: class `i` gets `PALETTE[i % 20]`.
const PALETTE: [[u8; 3]; 20] = [
    [0xFF, 0x38, 0x38],
    [0xFF, 0x9D, 0x97],
    [0xFF, 0x70, 0x1F],
    [0xFF, 0xB2, 0x1D],
    [0xCF, 0xD2, 0x31],
    [0x48, 0xF9, 0x0A],
    [0x92, 0xCC, 0x17],
    [0x3D, 0xDB, 0x86],
    [0x1A, 0x93, 0x34],
    [0x00, 0xD4, 0xBB],
    [0x2C, 0x99, 0xA8],
    [0x00, 0xC2, 0xFF],
    [0x34, 0x45, 0x93],
    [0x64, 0x73, 0xFF],
    [0x00, 0x18, 0xEC],
    [0x84, 0x38, 0xFF],
    [0x52, 0x00, 0x85],
    [0xCB, 0x38, 0xFF],
    [0xFF, 0x95, 0xC8],
    [0xFF, 0x37, 0xC7],
];

/// The JPEG quality of annotated images: sharp labels at a fraction of the PNG size.
pub const JPEG_QUALITY: u8 = 90;

/// The colour of a class.
pub fn colour(class_id: u32) -> Rgb<u8> {
    Rgb(PALETTE[class_id as usize % PALETTE.len()])
}

/// The labels' font: DejaVu Sans cut to the Latin, Greek and Cyrillic alphabets (`fonts/README.md`).
static FONT: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../fonts/DejaVuSans-subset.ttf"))
        .expect("the bundled font parses")
});

/// A label's place: `[left, top, right, bottom)` in pixels.
type Place = [u32; 4];

/// Draws the detections onto the image. `names` gives the label of each class id.
///
/// Sizes follow YOLOv5's `Annotator`: lines 0.3 % of the mean side (at least 2 px), text 3.5 % (at least
/// 12 px), antialiased. A label sits above its box where there is room and no more confident label is
/// there already; else just inside the box's top edge.
pub fn annotate(image: &mut RgbImage, detections: &[Detection], names: &[String]) {
    let (width, height) = image.dimensions();
    let mean_side = (width + height) as f32 / 2.0;
    let line = ((mean_side * 0.003).round() as u32).max(2);
    let em = (mean_side * 0.035).round().max(12.0);
    let font =
        FONT.as_scaled(PxScale::from(em * FONT.height_unscaled() / FONT.units_per_em().unwrap_or(2048.0)));
    let pad = line / 2 + 1;

    let corners: Vec<[u32; 4]> = detections
        .iter()
        .map(|d| {
            let [x1, y1, x2, y2] = d.xyxy.map(|v| v.round().max(0.0) as u32);
            [
                x1.min(width.saturating_sub(1)),
                y1.min(height.saturating_sub(1)),
                x2.min(width.saturating_sub(1)),
                y2.min(height.saturating_sub(1)),
            ]
        })
        .collect();
    // Most confident last, so that it is drawn on top.
    for (detection, &[x1, y1, x2, y2]) in detections.iter().zip(&corners).rev() {
        let colour = colour(detection.class_id);
        fill(image, x1, y1, x2 + 1, (y1 + line).min(y2 + 1), colour);
        fill(image, x1, y2.saturating_sub(line - 1).max(y1), x2 + 1, y2 + 1, colour);
        fill(image, x1, y1, (x1 + line).min(x2 + 1), y2 + 1, colour);
        fill(image, x2.saturating_sub(line - 1).max(x1), y1, x2 + 1, y2 + 1, colour);
    }

    // Places are chosen most confident first, so that its label gets the best one.
    let mut places: Vec<Place> = Vec::with_capacity(detections.len());
    let mut labels = Vec::with_capacity(detections.len());
    for (detection, &[x1, y1, ..]) in detections.iter().zip(&corners) {
        let name = names.get(detection.class_id as usize).map_or("?", String::as_str);
        let text = format!("{name} {:.2}", detection.confidence);
        let text_w = text_width(&font, &text).ceil() as u32 + 2 * pad;
        let text_h = font.height().ceil() as u32 + 2 * pad;
        // Moved left and up to stay whole.
        let left = x1.min(width.saturating_sub(text_w));
        let inside = y1.min(height.saturating_sub(text_h));
        let candidates = [y1.checked_sub(text_h), Some(inside)];
        let place = |top: u32| [left, top, left + text_w, top + text_h];
        let free = |candidate: &Place| places.iter().all(|other| !overlap(candidate, other));
        let chosen = candidates.iter().flatten().map(|&top| place(top)).find(free).unwrap_or_else(|| {
            place(candidates.iter().flatten().copied().next().expect("inside is always a candidate"))
        });
        places.push(chosen);
        labels.push((detection.class_id, text, chosen));
    }
    for (class_id, text, [left, top, right, bottom]) in labels.iter().rev() {
        let colour = colour(*class_id);
        fill(image, *left, *top, *right, *bottom, colour);
        let ink = if luminance(colour) > 150.0 { Rgb([0, 0, 0]) } else { Rgb([255, 255, 255]) };
        draw_text(image, &font, left + pad, top + pad, text, ink);
    }
}

fn overlap(a: &Place, b: &Place) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The advance of `text` in pixels, kerning included.
fn text_width(font: &PxScaleFont<&FontRef<'static>>, text: &str) -> f32 {
    let mut previous = None;
    text.chars()
        .map(|c| {
            let id = font.glyph_id(c);
            let kern = previous.map_or(0.0, |p| font.kern(p, id));
            previous = Some(id);
            kern + font.h_advance(id)
        })
        .sum()
}

/// The image with the detections drawn on it, as JPEG: what the user gets back.
pub fn annotated_jpeg(mut image: RgbImage, detections: &[Detection], names: &[String]) -> Vec<u8> {
    annotate(&mut image, detections, names);
    encode_jpeg(&image)
}

/// Encodes the image as JPEG at [`JPEG_QUALITY`] with 4:2:0 chroma subsampling.
///
/// `jpeg-encoder` with its SIMD paths: much faster than `image`'s own encoder, which cost a large share
/// of a forward pass on a large photo (docs/capacity.md). It keeps full-resolution chroma (4:4:4) from
/// quality 90 up; 4:2:0, what libjpeg, OpenCV and Pillow write by default, encodes faster into fewer
/// bytes, and the labels' text is in the luma, which keeps every pixel.
pub fn encode_jpeg(image: &RgbImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Both sides fit: decoding refuses images over image::MAX_SIDE (16384) pixels.
    let (width, height) = (image.width() as u16, image.height() as u16);
    let mut encoder = Encoder::new(&mut bytes, JPEG_QUALITY);
    encoder.set_sampling_factor(SamplingFactor::R_4_2_0);
    encoder
        .encode(image.as_raw(), width, height, ColorType::Rgb)
        .expect("encoding an RGB image into memory cannot fail");
    bytes
}

fn luminance(Rgb([r, g, b]): Rgb<u8>) -> f32 {
    0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b)
}

/// Fills `[x0, x1) × [y0, y1)`, clipped to the image.
fn fill(image: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, colour: Rgb<u8>) {
    let (width, height) = image.dimensions();
    for y in y0.min(height)..y1.min(height) {
        for x in x0.min(width)..x1.min(width) {
            image.put_pixel(x, y, colour);
        }
    }
}

/// Draws `text` with its top-left corner at `(x, y)`, each pixel blended with `ink` by its coverage.
fn draw_text(
    image: &mut RgbImage,
    font: &PxScaleFont<&FontRef<'static>>,
    x: u32,
    y: u32,
    text: &str,
    ink: Rgb<u8>,
) {
    let (width, height) = image.dimensions();
    let baseline = y as f32 + font.ascent();
    let mut caret = x as f32;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        caret += previous.map_or(0.0, |p| font.kern(p, id));
        previous = Some(id);
        let glyph = id.with_scale_and_position(font.scale(), point(caret, baseline));
        caret += font.h_advance(id);
        let Some(outline) = FONT.outline_glyph(glyph) else { continue };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
            if (0..i64::from(width)).contains(&px) && (0..i64::from(height)).contains(&py) {
                let pixel = image.get_pixel_mut(px as u32, py as u32);
                let coverage = coverage.clamp(0.0, 1.0);
                for (channel, ink) in pixel.0.iter_mut().zip(ink.0) {
                    *channel =
                        (f32::from(ink) * coverage + f32::from(*channel) * (1.0 - coverage)).round() as u8;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detection(class_id: u32, xyxy: [f32; 4]) -> Detection {
        Detection { class_id, confidence: 0.87, xyxy }
    }

    #[test]
    fn boxes_are_drawn_in_their_class_colour_and_the_inside_is_left_alone() {
        let grey = Rgb([128, 128, 128]);
        let mut image = RgbImage::from_pixel(400, 300, grey);
        let names = vec!["person".to_owned(), "bicycle".to_owned()];
        annotate(&mut image, &[detection(1, [100.0, 150.0, 300.0, 280.0])], &names);
        assert_eq!(*image.get_pixel(100, 200), colour(1), "left edge");
        assert_eq!(*image.get_pixel(300, 200), colour(1), "right edge");
        assert_eq!(*image.get_pixel(200, 280), colour(1), "bottom edge");
        assert_eq!(*image.get_pixel(200, 220), grey, "inside");
        assert_eq!(*image.get_pixel(50, 50), grey, "outside");
        // The label sits above the box, on the class colour, with ink in it.
        let label: Vec<_> = (100..300).flat_map(|x| (120..150).map(move |y| (x, y))).collect();
        let ink = label.iter().filter(|&&(x, y)| *image.get_pixel(x, y) != colour(1)).count();
        assert!(ink > 50, "the label has text ({ink} ink pixels)");
    }

    #[test]
    fn classes_get_different_colours_and_boxes_at_the_border_are_clipped() {
        assert_ne!(colour(0), colour(5));
        let mut image = RgbImage::new(50, 40);
        annotate(&mut image, &[detection(0, [0.0, 0.0, 50.0, 40.0])], &["person".to_owned()]);
        assert_eq!(*image.get_pixel(49, 39), colour(0));
    }

    /// The class colours' pixels in a row between `x0` and `x1`.
    fn coloured(image: &RgbImage, class_id: u32, y: u32, x0: u32, x1: u32) -> usize {
        (x0..x1).filter(|&x| *image.get_pixel(x, y) == colour(class_id)).count()
    }

    #[test]
    fn a_label_at_the_right_edge_moves_left_to_stay_whole() {
        let mut image = RgbImage::from_pixel(200, 100, Rgb([0, 0, 0]));
        annotate(&mut image, &[detection(0, [190.0, 60.0, 199.0, 99.0])], &["person".to_owned()]);
        // Just above the box: the label's background, which ends at the image's edge and begins well left
        // of the box.
        let row = 58;
        assert_eq!(*image.get_pixel(199, row), colour(0), "the label reaches the edge");
        let start = (0..200).find(|&x| *image.get_pixel(x, row) == colour(0)).expect("a label");
        assert!(start < 150, "\"person 0.87\" is wider than 50 px: it starts at {start}");
    }

    #[test]
    fn a_label_that_would_cover_a_more_confident_one_goes_inside_its_box() {
        let grey = Rgb([128, 128, 128]);
        let mut image = RgbImage::from_pixel(640, 480, grey);
        let names: Vec<String> = ["person", "bicycle", "car"].map(str::to_owned).into();
        let detections = [
            Detection { class_id: 1, confidence: 0.9, xyxy: [100.0, 200.0, 400.0, 400.0] },
            Detection { class_id: 2, confidence: 0.5, xyxy: [120.0, 205.0, 420.0, 400.0] },
        ];
        annotate(&mut image, &detections, &names);
        // The more confident label keeps its place above its box, whole; the other is inside its own.
        assert!(coloured(&image, 1, 195, 100, 200) > 50, "bicycle's label above its box");
        assert_eq!(coloured(&image, 2, 195, 100, 200), 0, "car's label does not cover it");
        assert!(coloured(&image, 2, 212, 125, 200) > 40, "car's label inside its box, below the top edge");
    }

    #[test]
    fn labels_are_antialiased_and_draw_other_alphabets() {
        for c in ['é', 'ß', 'λ', 'Ж', 'ё'] {
            assert_ne!(FONT.glyph_id(c).0, 0, "{c} is in the font");
        }
        let mut image = RgbImage::from_pixel(640, 480, Rgb([128, 128, 128]));
        annotate(&mut image, &[detection(0, [100.0, 200.0, 500.0, 400.0])], &["ёжик".to_owned()]);
        let background = colour(0);
        let mut shades = std::collections::HashSet::new();
        for y in 178..200 {
            for x in 100..250 {
                shades.insert(image.get_pixel(x, y).0);
            }
        }
        assert!(shades.contains(&background.0), "the label's background");
        assert!(shades.len() > 8, "ink blended into it at the glyphs' edges: {} shades", shades.len());
    }

    #[test]
    fn chroma_is_subsampled_4_2_0() {
        let jpeg = encode_jpeg(&RgbImage::from_pixel(64, 48, Rgb([200, 30, 90])));
        // The frame header (SOF0..SOF2): marker, length, precision, height, width, component count, then
        // per component its id, its sampling factors (horizontal << 4 | vertical) and its table.
        let sof = jpeg
            .windows(2)
            .position(|marker| marker[0] == 0xFF && (0xC0..=0xC2).contains(&marker[1]))
            .expect("a frame header");
        let components = &jpeg[sof + 10..sof + 19];
        assert_eq!([components[1], components[4], components[7]], [0x22, 0x11, 0x11], "Y 2×2, Cb and Cr 1×1");
    }

    #[test]
    fn the_jpeg_decodes_to_the_same_size() {
        let image = RgbImage::from_pixel(33, 17, Rgb([1, 2, 3]));
        let decoded = crate::image::decode(&encode_jpeg(&image), &crate::image::DecodeLimits::default())
            .expect("a JPEG")
            .image;
        assert_eq!(decoded.dimensions(), (33, 17));
    }
}
