//! Decoding what users send: JPEG, PNG, WebP, BMP and GIF (first frame), turned upright by its EXIF
//! orientation as OpenCV's `imread` does, and reduced to 8-bit RGB, within a memory bound known before
//! a byte is decoded.
//!
//! [`plan`] reads only the header and says what the decode will allocate at its peak; an image that
//! would need more than [`DecodeLimits::max_bytes`] is refused as too large, whatever its file size (a
//! 15000 × 15000 JPEG is a few MB on disk and 675 MB as RGB). Images larger than the detector needs
//! ([`DecodeLimits::max_side`]) are reduced while decoding: a JPEG by its DCT (1/2, 1/4 or 1/8, never
//! holding the full-size pixels), anything else by averaging blocks of pixels. Images within the limit
//! decode exactly as before, so the parity with YOLOv5 on Telegram's photos (at most 2560 px) holds.

use std::io::Cursor;

use image::{
    ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, metadata::Orientation,
};
use jpeg_decoder::{CodingProcess, PixelFormat};

/// What any decode allocates whatever the image's size: Huffman and quantisation tables, an inflater's
/// window, row buffers.
const DECODER_TABLES: u64 = 2 << 20;

/// How large an image may be, in memory while decoding and in pixels once decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeLimits {
    /// The most a decode may allocate at its peak; larger images are refused as too large.
    pub max_bytes: u64,
    /// The longest side kept: larger images are reduced to fit, keeping their aspect ratio.
    pub max_side: u32,
    /// The long side the image is needed at: a JPEG at least twice as long is decoded reduced in its DCT
    /// as far as it stays at least this long (a 2560 × 1920 photo decodes straight to 1280 × 960 for
    /// 1280). The worker needs the detector's input size and the answer's picture's
    /// ([`DecodeLimits::for_detector`]). `None` decodes at full size up to `max_side`.
    pub reduce_to: Option<u32>,
}

impl Default for DecodeLimits {
    /// 256 MiB per decode; sides up to 2560 px (Telegram's largest photo) kept as they are.
    fn default() -> Self {
        Self { max_bytes: 256 << 20, max_side: 2560, reduce_to: None }
    }
}

/// The long side of the picture a user gets back, at least: Telegram shows photos up to 1280 px (2560 on newer
/// apps), so a photo is never decoded smaller than this for the detector's sake.
pub const ANSWER_SIDE: u32 = 1280;

impl DecodeLimits {
    /// As the worker decodes for a detector whose input's long side is `detector_side`: a JPEG is reduced in its
    /// DCT only as far as both the detector's input and the answer's picture ([`ANSWER_SIDE`]) stay sharp.
    pub fn for_detector(detector_side: u32) -> Self {
        Self { reduce_to: Some(detector_side.max(ANSWER_SIDE)), ..Self::default() }
    }
}

/// Why bytes are not an image we can run.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not a format we read (JPEG, PNG, WebP, BMP, GIF).
    #[error("not an image in a format we read (JPEG, PNG, WebP, BMP, GIF)")]
    UnknownFormat,
    /// A known format, but the data is damaged or unsupported.
    #[error("the image could not be decoded: {0}")]
    Corrupt(String),
    /// A JPEG of more than [`MAX_JPEG_SCANS`] scans: decoding it would take too long.
    #[error("the JPEG has more than {MAX_JPEG_SCANS} scans: too slow to decode")]
    TooManyScans,
    /// The decode went on past its deadline ([`crate::worker::WorkerConfig::decode_timeout`]).
    #[error("the image took more than {0:?} to decode")]
    TooSlow(std::time::Duration),
    /// Decoding it would take more memory than allowed.
    #[error(
        "the image is too large: {width} × {height} pixels would need {needed} MiB to decode (at most {allowed} MiB)"
    )]
    TooLarge {
        /// Its width as stored.
        width: u32,
        /// Its height as stored.
        height: u32,
        /// MiB its decode would need.
        needed: u64,
        /// MiB allowed.
        allowed: u64,
    },
}

/// The most scans a JPEG may have, as zune-jpeg allows. Each scan of a progressive JPEG walks the whole frame
/// again, so a document of thousands of tiny scans over a large frame, small in bytes and within the memory
/// plan, would hold a worker for minutes or hours; encoders write one scan (baseline) to about a dozen.
pub const MAX_JPEG_SCANS: usize = 100;

/// An image decoded to upright RGB, reduced when it was larger than the limits keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The pixels.
    pub image: RgbImage,
    /// The original's upright width and height; equal to the image's unless it was reduced.
    pub original: (u32, u32),
}

impl Decoded {
    /// A box `[x1, y1, x2, y2]` in the pixels of [`Decoded::image`], in the original's pixels.
    pub fn to_original(&self, [x1, y1, x2, y2]: [f32; 4]) -> [f32; 4] {
        let sx = self.original.0 as f32 / self.image.width() as f32;
        let sy = self.original.1 as f32 / self.image.height() as f32;
        [x1 * sx, y1 * sy, x2 * sx, y2 * sy]
    }
}

/// How an image will be decoded, and what that costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    format: ImageFormat,
    /// Width and height as stored (before the EXIF orientation).
    width: u32,
    height: u32,
    /// The JPEG DCT scale: 1, 2, 4 or 8.
    dct: u32,
    /// Then averaged over blocks of this many pixels a side.
    block: u32,
    peak: u64,
}

impl Plan {
    /// The most the decode allocates at once, in bytes.
    pub fn peak_bytes(&self) -> u64 {
        self.peak
    }
}

/// Reads the header and plans the decode within `limits`; refuses what would not fit.
pub fn plan(bytes: &[u8], limits: &DecodeLimits) -> Result<Plan, DecodeError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| DecodeError::Corrupt(error.to_string()))?;
    let format = reader.format().ok_or(DecodeError::UnknownFormat)?;
    let (width, height, progressive, bytes_per_pixel, frame_buffer) = if format == ImageFormat::Jpeg {
        let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        decoder.read_info().map_err(jpeg_error)?;
        let info = decoder.info().ok_or_else(|| DecodeError::Corrupt("no JPEG frame".to_owned()))?;
        let components = match info.pixel_format {
            PixelFormat::L8 | PixelFormat::L16 => 1,
            PixelFormat::RGB24 => 3,
            PixelFormat::CMYK32 => 4,
        };
        let progressive = matches!(info.coding_process, CodingProcess::DctProgressive);
        if jpeg_scans(bytes) > MAX_JPEG_SCANS {
            return Err(DecodeError::TooManyScans);
        }
        (u32::from(info.width), u32::from(info.height), progressive.then_some(components), 0, 0)
    } else if format == ImageFormat::Gif {
        let (width, height, frame_buffer) = gif_header(bytes)?;
        (width, height, None, u64::from(ColorType::Rgba8.bytes_per_pixel()), frame_buffer)
    } else {
        let decoder = reader.into_decoder().map_err(classify)?;
        let (width, height) = decoder.dimensions();
        (width, height, None, u64::from(decoder.color_type().bytes_per_pixel()), 0)
    };
    let long = width.max(height).max(1);
    let max_side = limits.max_side.max(1);
    // A JPEG shrinks in its DCT by up to 8; what is still too large is averaged in blocks.
    let dct = if format == ImageFormat::Jpeg {
        // Small enough to keep, and as small as the detector allows.
        let fits = [1, 2, 4, 8].into_iter().find(|s| long.div_ceil(*s) <= max_side).unwrap_or(8);
        let needed = limits.reduce_to.map_or(1, |side| {
            [8, 4, 2, 1].into_iter().find(|s| long.div_ceil(*s) >= side.max(1)).unwrap_or(1)
        });
        fits.max(needed)
    } else {
        1
    };
    let (decoded_width, decoded_height) = (width.div_ceil(dct), height.div_ceil(dct));
    let block = decoded_width.max(decoded_height).div_ceil(max_side).max(1);
    let pixels = |w: u32, h: u32| u64::from(w) * u64::from(h);
    let decoded = pixels(decoded_width, decoded_height);
    let kept = pixels(decoded_width / block, decoded_height / block) * 3;
    let peak = DECODER_TABLES
        + if format == ImageFormat::Jpeg {
            // The decoder's planes and output (CMYK at worst) and our RGB copy; a row of blocks'
            // coefficients at full width (2 bytes a sample, 4 components, sampled up to 4 × 4,
            // two rows at once); and a progressive JPEG's coefficients, kept for the whole frame at full
            // size.
            let padded_width = u64::from(width.next_multiple_of(32));
            let padded = padded_width * u64::from(height.next_multiple_of(32));
            decoded * 12
                + padded_width * 512
                + progressive.map_or(0, |components| padded * 2 * components)
                + kept
        } else {
            // The decoder's output, its upright copy, and the RGB conversion.
            decoded * (2 * bytes_per_pixel + 3) + kept + frame_buffer
        };
    if peak > limits.max_bytes {
        return Err(DecodeError::TooLarge {
            width,
            height,
            needed: peak.div_ceil(1 << 20),
            allowed: limits.max_bytes >> 20,
        });
    }
    Ok(Plan { format, width, height, dct, block, peak })
}

/// How many scans (SOS markers) a JPEG has, up to one more than [`MAX_JPEG_SCANS`]: its markers read in turn, each
/// scan's entropy-coded data skipped to the next marker (a 0xFF followed by neither a stuffed 0x00 nor a restart
/// marker), so that the bytes of a thumbnail in an APP segment or of the image data are never taken for markers.
fn jpeg_scans(bytes: &[u8]) -> usize {
    let (mut scans, mut at) = (0, 2);
    while at + 1 < bytes.len() && scans <= MAX_JPEG_SCANS {
        if bytes[at] != 0xFF || bytes[at + 1] == 0xFF {
            // Fill bytes before a marker.
            at += 1;
            continue;
        }
        let marker = bytes[at + 1];
        match marker {
            0xD9 => break,
            0x01 | 0xD0..=0xD8 => {
                at += 2;
                continue;
            }
            _ => {}
        }
        let Some(length) = bytes.get(at + 2..at + 4) else { break };
        at += 2 + usize::from(u16::from_be_bytes([length[0], length[1]]));
        if marker == 0xDA {
            scans += 1;
            // The scan's data ends at the first marker: a 0xFF not followed by a stuffed 0x00 or a restart.
            let in_data = |at: usize| bytes[at] != 0xFF || matches!(bytes[at + 1], 0x00 | 0xD0..=0xD7);
            while at + 1 < bytes.len() && in_data(at) {
                at += 1;
            }
        }
    }
    scans
}

/// A GIF's logical screen, the size the image crate decodes it to (as RGBA), and what decoding its first
/// frame adds, in bytes, when the frame does not fill the screen's width within its height: the image
/// crate decodes it into an RGBA buffer of its own, and the gif crate its indexed pixels into another, a
/// byte each. A frame may be larger than the screen (a 600 × 400 GIF whose frame is 22528 × 400): its
/// pixels count, though only the screen's are kept.
fn gif_header(bytes: &[u8]) -> Result<(u32, u32, u64), DecodeError> {
    let corrupt = |error: gif::DecodingError| DecodeError::Corrupt(error.to_string());
    let mut decoder = gif::DecodeOptions::new().read_info(Cursor::new(bytes)).map_err(corrupt)?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let Some(frame) = decoder.next_frame_info().map_err(corrupt)? else {
        return Err(DecodeError::Corrupt("a GIF without a frame".to_owned()));
    };
    let within_screen = frame.left == 0
        && u32::from(frame.width) == width
        && u32::from(frame.top) + u32::from(frame.height) <= height;
    let frame_buffer =
        if within_screen { 0 } else { u64::from(frame.width) * u64::from(frame.height) * (4 + 1) };
    Ok((width, height, frame_buffer))
}

/// Decodes an image to upright RGB within `limits`.
pub fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, DecodeError> {
    decode_planned(bytes, &plan(bytes, limits)?)
}

/// Decodes an image as [`plan`] planned it.
pub fn decode_planned(bytes: &[u8], plan: &Plan) -> Result<Decoded, DecodeError> {
    let (image, orientation) =
        if plan.dct > 1 { decode_jpeg_scaled(bytes, plan)? } else { decode_exact(bytes, plan)? };
    let mut image = DynamicImage::ImageRgb8(reduce(image, plan.block));
    let mut original = (plan.width, plan.height);
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
        if matches!(
            orientation,
            Orientation::Rotate90
                | Orientation::Rotate270
                | Orientation::Rotate90FlipH
                | Orientation::Rotate270FlipH
        ) {
            original = (original.1, original.0);
        }
    }
    Ok(Decoded { image: image.into_rgb8(), original })
}

/// The image crate's decoders (zune-jpeg for JPEG), at full size: the path parity was measured on.
fn decode_exact(bytes: &[u8], plan: &Plan) -> Result<(RgbImage, Option<Orientation>), DecodeError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), plan.format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(plan.peak);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let orientation = decoder.orientation().ok();
    let image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    // Alpha is dropped, not blended, as imread does; grey is repeated into three channels.
    Ok((image.into_rgb8(), orientation))
}

/// A large JPEG decoded by jpeg-decoder at 1/2, 1/4 or 1/8 of its size: each 8 × 8 block's
/// inverse DCT is done at the smaller size, so the full-size pixels never exist.
fn decode_jpeg_scaled(bytes: &[u8], plan: &Plan) -> Result<(RgbImage, Option<Orientation>), DecodeError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    let request = |side: u32| u16::try_from(side.div_ceil(plan.dct)).unwrap_or(u16::MAX);
    let (width, height) = decoder.scale(request(plan.width), request(plan.height)).map_err(jpeg_error)?;
    decoder.set_max_decoding_buffer_size(usize::try_from(plan.peak).unwrap_or(usize::MAX));
    let pixels = decoder.decode().map_err(jpeg_error)?;
    let info = decoder.info().ok_or_else(|| DecodeError::Corrupt("no JPEG frame".to_owned()))?;
    let orientation = decoder.exif_data().and_then(Orientation::from_exif_chunk);
    let rgb: Vec<u8> = match info.pixel_format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        PixelFormat::L16 => pixels.chunks_exact(2).flat_map(|l| [l[0], l[0], l[0]]).collect(),
        // jpeg-decoder gives ink amounts; white is no ink.
        PixelFormat::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let paper = |ink: u8| u16::from(255 - ink);
                [0, 1, 2].map(|i| (paper(p[i]) * paper(p[3]) / 255) as u8)
            })
            .collect(),
    };
    let image = RgbImage::from_raw(u32::from(width), u32::from(height), rgb)
        .ok_or_else(|| DecodeError::Corrupt("the decoder's output does not fill the image".to_owned()))?;
    Ok((image, orientation))
}

/// The image with each `block` × `block` square averaged into one pixel (the area filter); the
/// leftover edge pixels are dropped. `block` 1 returns the image as it is.
fn reduce(image: RgbImage, block: u32) -> RgbImage {
    if block <= 1 {
        return image;
    }
    let (width, height) = (image.width() / block, image.height() / block);
    let area = block * block;
    RgbImage::from_fn(width.max(1), height.max(1), |x, y| {
        let mut sum = [0u32; 3];
        for dy in 0..block {
            for dx in 0..block {
                let pixel = image.get_pixel(
                    (x * block + dx).min(image.width() - 1),
                    (y * block + dy).min(image.height() - 1),
                );
                for (s, v) in sum.iter_mut().zip(pixel.0) {
                    *s += u32::from(v);
                }
            }
        }
        image::Rgb(sum.map(|s| ((s + area / 2) / area) as u8))
    })
}

fn jpeg_error(error: jpeg_decoder::Error) -> DecodeError {
    match error {
        jpeg_decoder::Error::Unsupported(feature) => {
            DecodeError::Corrupt(format!("unsupported JPEG: {feature:?}"))
        }
        other => DecodeError::Corrupt(other.to_string()),
    }
}

fn classify(error: image::ImageError) -> DecodeError {
    match error {
        image::ImageError::Limits(limit) => {
            DecodeError::Corrupt(format!("the decoder went over its plan: {limit}"))
        }
        image::ImageError::Unsupported(_) => DecodeError::UnknownFormat,
        other => DecodeError::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use image::{GrayImage, Rgba, RgbaImage};

    use super::*;

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).expect("encodes");
        bytes.into_inner()
    }

    fn limits() -> DecodeLimits {
        DecodeLimits::default()
    }

    #[test]
    fn every_accepted_format_decodes_to_rgb() {
        let rgb = RgbImage::from_fn(7, 5, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 200]));
        for format in [ImageFormat::Png, ImageFormat::Bmp, ImageFormat::WebP, ImageFormat::Gif] {
            let decoded =
                decode(&encode(&DynamicImage::ImageRgb8(rgb.clone()), format), &limits()).expect("decodes");
            assert_eq!(decoded.image.dimensions(), (7, 5), "{format:?}");
            assert_eq!(decoded.original, (7, 5), "{format:?}");
            if format != ImageFormat::Gif {
                assert_eq!(decoded.image, rgb, "{format:?} is lossless");
            }
        }
        let jpeg =
            decode(&encode(&DynamicImage::ImageRgb8(rgb), ImageFormat::Jpeg), &limits()).expect("decodes");
        assert_eq!(jpeg.image.dimensions(), (7, 5));
    }

    #[test]
    fn grey_and_alpha_become_rgb() {
        let grey = GrayImage::from_fn(3, 2, |x, _| image::Luma([x as u8 * 100]));
        let decoded =
            decode(&encode(&DynamicImage::ImageLuma8(grey), ImageFormat::Png), &limits()).expect("decodes");
        assert_eq!(decoded.image.get_pixel(2, 0).0, [200, 200, 200]);
        let rgba = RgbaImage::from_pixel(2, 2, Rgba([10, 20, 30, 0]));
        let decoded =
            decode(&encode(&DynamicImage::ImageRgba8(rgba), ImageFormat::Png), &limits()).expect("decodes");
        assert_eq!(decoded.image.get_pixel(1, 1).0, [10, 20, 30]);
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        assert!(matches!(decode(b"hello, this is text", &limits()), Err(DecodeError::UnknownFormat)));
        assert!(matches!(decode(b"", &limits()), Err(DecodeError::UnknownFormat)));
        let png = encode(&DynamicImage::ImageRgb8(RgbImage::new(64, 64)), ImageFormat::Png);
        assert!(matches!(decode(&png[..png.len() / 2], &limits()), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn a_huge_declared_size_is_refused_before_allocating() {
        // A BMP header claiming 20000 × 20000 pixels, with no pixel data.
        let mut bmp = encode(&DynamicImage::ImageRgb8(RgbImage::new(1, 1)), ImageFormat::Bmp);
        bmp[18..22].copy_from_slice(&20_000i32.to_le_bytes());
        bmp[22..26].copy_from_slice(&20_000i32.to_le_bytes());
        let result = decode(&bmp, &limits());
        assert!(
            matches!(result, Err(DecodeError::TooLarge { width: 20_000, height: 20_000, .. })),
            "{result:?}"
        );
    }

    /// A smooth picture: compresses well, so large JPEGs stay small files.
    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
        })
    }

    #[test]
    fn a_large_jpeg_is_reduced_in_its_dct_and_a_large_png_in_blocks() {
        let small = DecodeLimits { max_bytes: 64 << 20, max_side: 300, reduce_to: None };
        let picture = gradient(1200, 900);
        let jpeg = encode(&DynamicImage::ImageRgb8(picture.clone()), ImageFormat::Jpeg);
        let plan = plan(&jpeg, &small).expect("plans");
        assert_eq!((plan.dct, plan.block), (4, 1));
        let decoded = decode_planned(&jpeg, &plan).expect("decodes");
        assert_eq!((decoded.image.dimensions(), decoded.original), ((300, 225), (1200, 900)));
        assert_eq!(decoded.to_original([1.0, 2.0, 3.0, 4.0]), [4.0, 8.0, 12.0, 16.0]);
        // The colours survive the reduction: the gradient's corner and middle.
        let [r, g, _] = decoded.image.get_pixel(150, 112).0;
        assert!(r.abs_diff(127) < 8 && g.abs_diff(127) < 8, "{r} {g}");

        let png = encode(&DynamicImage::ImageRgb8(picture), ImageFormat::Png);
        let decoded = decode(&png, &small).expect("decodes");
        assert_eq!((decoded.image.dimensions(), decoded.original), ((300, 225), (1200, 900)));
        let [r, g, _] = decoded.image.get_pixel(150, 112).0;
        assert!(r.abs_diff(127) < 4 && g.abs_diff(127) < 4, "{r} {g}");
    }

    #[test]
    fn for_a_detector_a_jpeg_stays_as_sharp_as_the_answer_shows_it() {
        // A photo Telegram shows at full size (zidane.jpg's), twice and four times that.
        for (width, height, kept) in
            [(1280, 720, (1280, 720)), (2560, 1440, (1280, 720)), (5120, 2880, (1280, 720))]
        {
            let jpeg = encode(&DynamicImage::ImageRgb8(gradient(width, height)), ImageFormat::Jpeg);
            let limits = DecodeLimits { max_side: 8192, ..DecodeLimits::for_detector(640) };
            let decoded = decode(&jpeg, &limits).expect("decodes");
            assert_eq!((decoded.image.dimensions(), decoded.original), (kept, (width, height)));
        }
        // A detector with a larger input keeps what it needs.
        let jpeg = encode(&DynamicImage::ImageRgb8(gradient(5120, 2880)), ImageFormat::Jpeg);
        let limits = DecodeLimits { max_side: 8192, ..DecodeLimits::for_detector(1920) };
        assert_eq!(decode(&jpeg, &limits).expect("decodes").image.dimensions(), (2560, 1440));
    }

    #[test]
    fn scans_are_counted_from_the_markers_and_a_jpeg_of_too_many_is_refused_before_its_decode() {
        let picture = DynamicImage::ImageRgb8(gradient(64, 48));
        let baseline = encode(&picture, ImageFormat::Jpeg);
        assert_eq!(jpeg_scans(&baseline), 1);
        // Progressive: a first scan, then many more of the same frame, each a minimal scan header and one byte of
        // data, as the crafted documents are made; the end marker after them.
        let sos = baseline.windows(2).position(|w| w == [0xFF, 0xDA]).expect("a scan");
        let scan_header: &[u8] = &[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00];
        let crafted = |scans: usize| {
            let mut bytes = baseline[..sos].to_vec();
            for _ in 0..scans {
                bytes.extend_from_slice(scan_header);
                bytes.extend_from_slice(&[0x00, 0xFF, 0x00]);
            }
            bytes.extend_from_slice(&[0xFF, 0xD9]);
            bytes
        };
        assert_eq!(jpeg_scans(&crafted(MAX_JPEG_SCANS)), MAX_JPEG_SCANS);
        assert_eq!(jpeg_scans(&crafted(100_000)), MAX_JPEG_SCANS + 1, "counting stops past the cap");
        assert!(matches!(plan(&crafted(MAX_JPEG_SCANS + 1), &limits()), Err(DecodeError::TooManyScans)));
        // A thumbnail's scan inside an APP1 segment is not the image's.
        let mut with_thumbnail = baseline[..2].to_vec();
        let thumbnail = &baseline;
        let length = u16::try_from(thumbnail.len() + 2).expect("small");
        with_thumbnail.extend_from_slice(&[0xFF, 0xE1]);
        with_thumbnail.extend_from_slice(&length.to_be_bytes());
        with_thumbnail.extend_from_slice(thumbnail);
        with_thumbnail.extend_from_slice(&baseline[2..]);
        assert_eq!(jpeg_scans(&with_thumbnail), 1);
        assert_eq!(decode(&with_thumbnail, &limits()).expect("still an image").image.dimensions(), (64, 48));
    }

    #[test]
    fn a_jpeg_within_the_limit_decodes_exactly_as_the_image_crate_does() {
        let jpeg = encode(&DynamicImage::ImageRgb8(gradient(640, 480)), ImageFormat::Jpeg);
        let ours = decode(&jpeg, &limits()).expect("decodes");
        let theirs = image::load_from_memory(&jpeg).expect("decodes").into_rgb8();
        assert_eq!(ours.image, theirs);
    }

    #[test]
    fn memory_beyond_the_limit_is_refused_with_the_figures() {
        let png = encode(&DynamicImage::ImageRgb8(gradient(2000, 1000)), ImageFormat::Png);
        let tight = DecodeLimits { max_bytes: 8 << 20, max_side: 4000, reduce_to: None };
        let error = decode(&png, &tight).expect_err("too large");
        assert!(
            matches!(error, DecodeError::TooLarge { width: 2000, height: 1000, allowed: 8, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("2000 × 1000"), "{error}");
    }
}
