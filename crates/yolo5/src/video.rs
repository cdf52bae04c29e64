//! Videos: an MP4 with an H.264 track (what Telegram sends for videos, video notes and GIFs) read into a few frames a
//! second for the detector ([`read_frames`]).
//!
//! re_mp4 reads the MP4 (fragmented ones too); OpenH264, built from source, decodes the track. Every picture is
//! decoded (H.264 needs the ones before it), but only those on the sampling grid ([`VideoLimits::fps`]) are
//! converted to RGB and kept, reduced to [`VideoLimits::side`]. So memory is bounded by the frames kept and one
//! picture of the clip's size, both known from the header before decoding ([`VideoPlan`]), and time by a deadline.
//! A clip too long, too large or in a kind of H.264 OpenH264 does not decode (10-bit, 4:2:2, interlaced) is refused
//! with its reason, as an image is.

use std::time::{Duration, Instant};

use image::{RgbImage, imageops::FilterType};
use openh264::{
    OpenH264API,
    decoder::{DecodedYUV, Decoder, DecoderConfig, Flush},
    formats::YUVSource,
};

use crate::image::Decoded;

/// How much of a video the worker looks at.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoLimits {
    /// Frames looked at per second of video.
    pub fps: f32,
    /// The longest video looked at, in seconds.
    pub max_seconds: f32,
    /// The most pixels a frame may have: 1920 × 1088 (1080p as H.264 codes it) by default.
    pub max_pixels: u32,
    /// The long side frames are kept at: the detector's input, and the answer's picture.
    pub side: u32,
    /// The longest reading a video may take.
    pub timeout: Duration,
}

impl Default for VideoLimits {
    /// Two frames a second of up to a minute (a video note's longest) of 1080p, kept at 640 px; 30 s to read it.
    fn default() -> Self {
        Self {
            fps: 2.0,
            max_seconds: 60.0,
            max_pixels: 1920 * 1088,
            side: 640,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Why a video cannot be looked at.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    /// Not an MP4 with an H.264 track, or a kind of H.264 the decoder does not read.
    #[error("not a video we read: {0}")]
    Format(String),
    /// Longer than [`VideoLimits::max_seconds`].
    #[error("the video is {seconds:.1} s long (at most {max} s)")]
    TooLong {
        /// Its length.
        seconds: f32,
        /// The limit.
        max: f32,
    },
    /// Frames larger than [`VideoLimits::max_pixels`].
    #[error("the video's frames are {width} × {height} pixels (at most {max} pixels)")]
    TooLarge {
        /// A frame's width.
        width: u32,
        /// A frame's height.
        height: u32,
        /// The limit.
        max: u32,
    },
    /// Data the decoder could not make a picture of.
    #[error("the video could not be decoded: {0}")]
    Corrupt(String),
    /// Reading it went on past [`VideoLimits::timeout`].
    #[error("the video took more than {0:?} to read")]
    TooSlow(Duration),
}

/// A video's frames looked at.
#[derive(Debug)]
pub struct Frames {
    /// The video's length in seconds.
    pub seconds: f32,
    /// The frames on the sampling grid, each with its time in seconds, reduced to [`VideoLimits::side`];
    /// [`Decoded::original`] is the video's frame size.
    pub frames: Vec<(f32, Decoded)>,
}

/// What reading a video will take, from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VideoPlan {
    /// A frame's width and height.
    pub size: (u32, u32),
    /// The most frames kept.
    pub frames: u32,
    /// The most bytes the read holds at once: the frames kept, one picture in RGB, the decoder's pictures, and
    /// the decoder's own state.
    pub peak_bytes: u64,
}

/// The H.264 profiles OpenH264 decodes: Constrained Baseline and Baseline (66), Main (77), Extended (88) and High
/// (100), in 8-bit 4:2:0. High 10, 4:2:2 and 4:4:4 (110, 122, 244…) it refuses.
const PROFILES: [u8; 4] = [66, 77, 88, 100];

/// The pictures an H.264 decoder may hold for reference and reordering, at most (the standard's DPB of 16, and one
/// being decoded).
const DECODER_PICTURES: u64 = 17;

/// What a read holds besides its pictures: the decoder's own state, the pages of its code, the MP4's sample table.
/// The shipped 640 × 480 clip's read peaked 0.4 MiB above its pictures (`tests/video`).
const READ_OVERHEAD: u64 = 4 << 20;

/// The H.264 track of an MP4, as the decoder needs it.
struct Track {
    size: (u32, u32),
    seconds: f32,
    /// Bytes of a NAL unit's length prefix (1, 2 or 4).
    length_size: usize,
    /// The sequence and picture parameter sets, sent before each sync sample.
    parameters: Vec<Vec<u8>>,
    /// Each sample's bytes, whether it is a sync sample, in decode order.
    samples: Vec<(std::ops::Range<usize>, bool)>,
    /// The pictures' times in seconds, in the order the decoder gives them out (presentation order).
    times: Vec<f32>,
}

fn track(bytes: &[u8]) -> Result<Track, VideoError> {
    let mp4 =
        re_mp4::Mp4::read_bytes(bytes).map_err(|error| VideoError::Format(format!("not an MP4: {error}")))?;
    let (track, avcc) = mp4
        .tracks()
        .values()
        .find_map(|track| match &track.trak(&mp4).mdia.minf.stbl.stsd.contents {
            re_mp4::StsdBoxContent::Avc1(avc1) => Some((track, &avc1.avcc.contents)),
            _ => None,
        })
        .ok_or_else(|| VideoError::Format("no H.264 video track".to_owned()))?;
    if !PROFILES.contains(&avcc.avc_profile_indication) {
        return Err(VideoError::Format(format!(
            "H.264 profile {} is not decoded",
            avcc.avc_profile_indication
        )));
    }
    let mut parameters: Vec<Vec<u8>> =
        avcc.sequence_parameter_sets.iter().map(|set| set.bytes.clone()).collect();
    parameters.extend(avcc.picture_parameter_sets.iter().map(|set| set.bytes.clone()));
    let mut samples = Vec::with_capacity(track.samples.len());
    let mut times = Vec::with_capacity(track.samples.len());
    let mut end_of_last = 0.0f64;
    for sample in &track.samples {
        let start = usize::try_from(sample.offset).ok();
        let end =
            start.zip(usize::try_from(sample.size).ok()).and_then(|(start, size)| start.checked_add(size));
        let range = start.zip(end).map(|(start, end)| start..end).filter(|range| range.end <= bytes.len());
        let range = range
            .ok_or_else(|| VideoError::Corrupt(format!("sample {} is past the file's end", sample.id)))?;
        samples.push((range, sample.is_sync));
        let timescale = sample.timescale.max(1) as f64;
        let at = sample.composition_timestamp as f64 / timescale;
        times.push(at as f32);
        end_of_last = end_of_last.max(at + sample.duration as f64 / timescale);
    }
    times.sort_by(f32::total_cmp);
    Ok(Track {
        size: (u32::from(track.width), u32::from(track.height)),
        seconds: end_of_last as f32,
        length_size: usize::from(avcc.length_size_minus_one & 3) + 1,
        parameters,
        samples,
        times,
    })
}

/// What reading `bytes` within `limits` will take, or why it will not be read: from the MP4's header only.
pub fn plan(bytes: &[u8], limits: &VideoLimits) -> Result<VideoPlan, VideoError> {
    plan_track(&track(bytes)?, limits)
}

fn plan_track(track: &Track, limits: &VideoLimits) -> Result<VideoPlan, VideoError> {
    let (width, height) = track.size;
    if u64::from(width) * u64::from(height) > u64::from(limits.max_pixels) || width == 0 || height == 0 {
        return Err(VideoError::TooLarge { width, height, max: limits.max_pixels });
    }
    if track.seconds > limits.max_seconds {
        return Err(VideoError::TooLong { seconds: track.seconds, max: limits.max_seconds });
    }
    let frames = ((track.seconds * limits.fps).ceil() as u32).max(1);
    let (kept_width, kept_height) = reduced((width, height), limits.side);
    let kept = u64::from(frames) * u64::from(kept_width) * u64::from(kept_height) * 3;
    let picture = u64::from(width) * u64::from(height);
    let peak_bytes = kept + picture * 3 + picture * 3 / 2 * DECODER_PICTURES + READ_OVERHEAD;
    Ok(VideoPlan { size: (width, height), frames, peak_bytes })
}

/// `size` with its long side at most `side`, keeping its aspect ratio.
fn reduced((width, height): (u32, u32), side: u32) -> (u32, u32) {
    let scale = (side as f32 / width.max(height) as f32).min(1.0);
    (((width as f32 * scale).round() as u32).max(1), ((height as f32 * scale).round() as u32).max(1))
}

/// Reads the frames of `bytes` that fall on the sampling grid, within `limits` (a [`plan`] first refuses what
/// they do not allow). Runs on the calling thread: the worker calls it on a blocking one.
pub fn read_frames(bytes: &[u8], limits: &VideoLimits) -> Result<Frames, VideoError> {
    let started = Instant::now();
    let track = track(bytes)?;
    let plan = plan_track(&track, limits)?;
    let api = OpenH264API::from_source();
    let config = DecoderConfig::new().flush_after_decode(Flush::NoFlush);
    let mut decoder =
        Decoder::with_api_config(api, config).map_err(|error| VideoError::Corrupt(error.to_string()))?;
    let mut reading = Reading {
        times: &track.times,
        step: 1.0 / limits.fps,
        next: 0.0,
        given: 0,
        side: limits.side,
        most: plan.frames as usize,
        rgb: Vec::new(),
        frames: Vec::new(),
    };
    let mut annex_b = Vec::new();
    let mut errors = 0usize;
    for (range, sync) in &track.samples {
        if started.elapsed() > limits.timeout {
            return Err(VideoError::TooSlow(limits.timeout));
        }
        let parameters = sync.then_some(track.parameters.as_slice());
        to_annex_b(&bytes[range.clone()], track.length_size, parameters, &mut annex_b)?;
        match decoder.decode(&annex_b) {
            Ok(Some(picture)) => reading.picture(&picture),
            Ok(None) => {}
            // A damaged picture: the next sync sample starts afresh.
            Err(_) => errors += 1,
        }
    }
    match decoder.flush_remaining() {
        Ok(pictures) => pictures.iter().for_each(|picture| reading.picture(picture)),
        Err(_) => errors += 1,
    }
    if reading.frames.is_empty() {
        return Err(VideoError::Corrupt(format!("no picture decoded ({errors} samples failed)")));
    }
    Ok(Frames { seconds: track.seconds, frames: reading.frames })
}

/// The pictures as the decoder gives them out, and the frames kept.
struct Reading<'a> {
    /// Each picture's time, in the order they come.
    times: &'a [f32],
    step: f32,
    /// The time of the next frame to keep.
    next: f32,
    /// Pictures given so far.
    given: usize,
    side: u32,
    /// The most frames to keep ([`VideoPlan::frames`]).
    most: usize,
    /// One picture in RGB, reused.
    rgb: Vec<u8>,
    frames: Vec<(f32, Decoded)>,
}

impl Reading<'_> {
    fn picture(&mut self, picture: &DecodedYUV<'_>) {
        let at = self.times.get(self.given).copied().unwrap_or(self.next);
        self.given += 1;
        if at + 1e-3 < self.next || self.frames.len() >= self.most {
            return;
        }
        self.next += self.step * ((at + 1e-3 - self.next) / self.step).floor().max(0.0) + self.step;
        let (width, height) = picture.dimensions();
        self.rgb.resize(width * height * 3, 0);
        picture.write_rgb8(&mut self.rgb);
        let (width, height) = (width as u32, height as u32);
        let Some(full) = RgbImage::from_raw(width, height, std::mem::take(&mut self.rgb)) else { return };
        let (kept_width, kept_height) = reduced((width, height), self.side);
        let image = if (kept_width, kept_height) == (width, height) {
            full.clone()
        } else {
            image::imageops::resize(&full, kept_width, kept_height, FilterType::Triangle)
        };
        self.rgb = full.into_raw();
        self.frames.push((at, Decoded { image, original: (width, height) }));
    }
}

/// An MP4 sample (NAL units each after its length) as the decoder reads it (each after a start code), with the
/// parameter sets first when given. Checked: a length past the sample's end, or of zero, is an error.
fn to_annex_b(
    sample: &[u8],
    length_size: usize,
    parameters: Option<&[Vec<u8>]>,
    out: &mut Vec<u8>,
) -> Result<(), VideoError> {
    const START: [u8; 4] = [0, 0, 0, 1];
    out.clear();
    for set in parameters.unwrap_or_default() {
        out.extend_from_slice(&START);
        out.extend_from_slice(set);
    }
    let mut rest = sample;
    while !rest.is_empty() {
        let (prefix, after) = rest
            .split_at_checked(length_size)
            .ok_or_else(|| VideoError::Corrupt("a NAL unit's length is cut short".to_owned()))?;
        let length = prefix.iter().fold(0usize, |length, &byte| (length << 8) | usize::from(byte));
        let nal = after
            .get(..length)
            .filter(|nal| !nal.is_empty())
            .ok_or_else(|| VideoError::Corrupt(format!("a NAL unit of {length} bytes in a sample")))?;
        out.extend_from_slice(&START);
        out.extend_from_slice(nal);
        rest = &after[length..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_become_annex_b_and_hostile_lengths_are_errors() {
        let mut out = Vec::new();
        to_annex_b(&[0, 0, 0, 2, 0x65, 0x88], 4, Some(&[vec![0x67], vec![0x68]]), &mut out).expect("read");
        assert_eq!(out, [0, 0, 0, 1, 0x67, 0, 0, 0, 1, 0x68, 0, 0, 0, 1, 0x65, 0x88]);
        to_annex_b(&[0, 1, 0x41, 0, 1, 0x41], 2, None, &mut out).expect("two-byte lengths");
        assert_eq!(out, [0, 0, 0, 1, 0x41, 0, 0, 0, 1, 0x41]);
        for hostile in [&[0, 0, 0, 9, 1, 2][..], &[0, 0, 0, 0], &[0, 0]] {
            assert!(to_annex_b(hostile, 4, None, &mut out).is_err(), "{hostile:?}");
        }
    }

    #[test]
    fn what_is_not_an_mp4_with_h264_is_refused_as_a_format() {
        for bytes in [&b"not a video at all"[..], &[0; 64], &[]] {
            assert!(matches!(plan(bytes, &VideoLimits::default()), Err(VideoError::Format(_))), "{bytes:?}");
        }
    }

    #[test]
    fn frames_are_reduced_to_the_side_keeping_their_shape() {
        assert_eq!(reduced((1920, 1080), 640), (640, 360));
        assert_eq!(reduced((480, 640), 640), (480, 640));
        assert_eq!(reduced((320, 240), 640), (320, 240), "never enlarged");
    }
}
