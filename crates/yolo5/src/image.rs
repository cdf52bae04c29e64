//! Decoding what users send: JPEG, PNG, WebP, BMP and GIF (first frame), turned upright by its EXIF
//! orientation as OpenCV's `imread` does, and reduced to 8-bit RGB.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage};

/// The largest side accepted; Telegram's own photos are at most 2560 px.
pub const MAX_SIDE: u32 = 16_384;
/// The most memory a decoder may take, against decompression bombs.
const MAX_ALLOC: u64 = 1 << 30;

/// Why bytes are not an image we can run.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not a format we read (JPEG, PNG, WebP, BMP, GIF).
    #[error("not an image in a format we read (JPEG, PNG, WebP, BMP, GIF)")]
    UnknownFormat,
    /// A known format, but the data is damaged or unsupported.
    #[error("the image could not be decoded: {0}")]
    Corrupt(String),
    /// Larger than [`MAX_SIDE`] or than the memory limit.
    #[error("the image is too large: at most {MAX_SIDE} × {MAX_SIDE} pixels")]
    TooLarge,
}

/// Decodes an image to upright RGB.
pub fn decode(bytes: &[u8]) -> Result<RgbImage, DecodeError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| DecodeError::Corrupt(error.to_string()))?;
    if reader.format().is_none() {
        return Err(DecodeError::UnknownFormat);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        // Alpha is dropped, not blended, as imread does; grey is repeated into three channels.
        other => other.to_rgb8(),
    })
}

fn classify(error: image::ImageError) -> DecodeError {
    match error {
        image::ImageError::Limits(_) => DecodeError::TooLarge,
        image::ImageError::Unsupported(_) => DecodeError::UnknownFormat,
        other => DecodeError::Corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use image::{GrayImage, ImageFormat, Rgba, RgbaImage};

    use super::*;

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).expect("encodes");
        bytes.into_inner()
    }

    #[test]
    fn every_accepted_format_decodes_to_rgb() {
        let rgb = RgbImage::from_fn(7, 5, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 200]));
        for format in [ImageFormat::Png, ImageFormat::Bmp, ImageFormat::WebP, ImageFormat::Gif] {
            let decoded = decode(&encode(&DynamicImage::ImageRgb8(rgb.clone()), format)).expect("decodes");
            assert_eq!(decoded.dimensions(), (7, 5), "{format:?}");
            if format != ImageFormat::Gif {
                assert_eq!(decoded, rgb, "{format:?} is lossless");
            }
        }
        let jpeg = decode(&encode(&DynamicImage::ImageRgb8(rgb), ImageFormat::Jpeg)).expect("decodes");
        assert_eq!(jpeg.dimensions(), (7, 5));
    }

    #[test]
    fn grey_and_alpha_become_rgb() {
        let grey = GrayImage::from_fn(3, 2, |x, _| image::Luma([x as u8 * 100]));
        let decoded = decode(&encode(&DynamicImage::ImageLuma8(grey), ImageFormat::Png)).expect("decodes");
        assert_eq!(decoded.get_pixel(2, 0).0, [200, 200, 200]);
        let rgba = RgbaImage::from_pixel(2, 2, Rgba([10, 20, 30, 0]));
        let decoded = decode(&encode(&DynamicImage::ImageRgba8(rgba), ImageFormat::Png)).expect("decodes");
        assert_eq!(decoded.get_pixel(1, 1).0, [10, 20, 30]);
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        assert!(matches!(decode(b"hello, this is text"), Err(DecodeError::UnknownFormat)));
        assert!(matches!(decode(b""), Err(DecodeError::UnknownFormat)));
        let png = encode(&DynamicImage::ImageRgb8(RgbImage::new(64, 64)), ImageFormat::Png);
        assert!(matches!(decode(&png[..png.len() / 2]), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn a_huge_declared_size_is_refused_before_allocating() {
        // A BMP header claiming 20000 × 20000 pixels, with no pixel data.
        let mut bmp = encode(&DynamicImage::ImageRgb8(RgbImage::new(1, 1)), ImageFormat::Bmp);
        bmp[18..22].copy_from_slice(&20_000i32.to_le_bytes());
        bmp[22..26].copy_from_slice(&20_000i32.to_le_bytes());
        let result = decode(&bmp);
        assert!(matches!(result, Err(DecodeError::TooLarge)), "{result:?}");
    }
}
