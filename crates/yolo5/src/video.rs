//! Videos: an MP4 with an H.264 track (what Telegram sends for videos, video notes and GIFs) read into a few frames a
//! second for the detector ([`read_frames`]).
//!
//! re_mp4 reads the MP4 (fragmented ones too); OpenH264, built from source, decodes the track. Every picture is
//! decoded (H.264 needs the ones before it), but only those on the sampling grid ([`VideoLimits::fps`]) are
//! converted to RGB and kept, reduced to [`VideoLimits::side`]. So memory is bounded by the frames kept and one
//! picture of the clip's size, both known from the header before decoding ([`VideoPlan`]), and time by a deadline.
//! A clip too long, too large or in a kind of H.264 OpenH264 does not decode (10-bit, 4:2:2, interlaced) is refused
//! with its reason, as an image is.
//!
//! The file is a user's: before re_mp4 reads it, its boxes are checked to declare no more samples or table entries
//! than a file of its size can hold ([`check_boxes`]), as re_mp4 allocates for each declared sample; the frame
//! size is the larger of the track's header and the sequence parameter set's, which is what the decoder allocates
//! for, and a picture larger than planned, from a parameter set sent later, ends the read.

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
    /// Its frames would take more than the worker's whole decode budget (a long video at many frames a second).
    #[error("reading the video would take {needed} MiB (the decode budget is {allowed} MiB)")]
    OverBudget {
        /// MiB the read's plan needs.
        needed: u64,
        /// MiB of the whole budget.
        allowed: u64,
    },
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

/// What a read holds besides its pictures: the decoder's own state, the pages of its code, the MP4's sample table
/// (at most [`MAX_SAMPLES`] entries). The shipped 640 × 480 clip's read peaked 0.4 MiB above its pictures
/// (`tests/video_memory`).
const READ_OVERHEAD: u64 = 4 << 20;

/// The most samples an MP4 may declare: a minute at 1000 frames a second, far above any video Telegram sends.
/// re_mp4 holds some 56 bytes for each, about 5 MiB at most.
pub const MAX_SAMPLES: u64 = 60_000;

/// Boxes whose children are boxes.
const CONTAINERS: [&[u8; 4]; 11] =
    [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"moof", b"traf", b"mvex", b"edts", b"dinf", b"udta"];

/// Checks that the boxes of `bytes` declare no more samples than [`MAX_SAMPLES`] (`stsz`, `stz2`, `trun`), and no
/// more table entries than their box holds (`stts`, `ctts`, `stsc`, `stco`, `co64`, `stss`): re_mp4 allocates for
/// what they declare.
fn check_boxes(bytes: &[u8]) -> Result<(), VideoError> {
    let mut samples = 0u64;
    check_children(bytes, 0, &mut samples)?;
    if samples > MAX_SAMPLES {
        return Err(VideoError::Format(format!(
            "the MP4 declares {samples} samples (at most {MAX_SAMPLES})"
        )));
    }
    Ok(())
}

fn check_children(mut bytes: &[u8], depth: usize, samples: &mut u64) -> Result<(), VideoError> {
    let refused = |why: &str| VideoError::Format(format!("not an MP4 we read: {why}"));
    while bytes.len() >= 8 {
        let size = u64::from(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]));
        let kind: [u8; 4] = [bytes[4], bytes[5], bytes[6], bytes[7]];
        let (header, size) = match size {
            0 => (8, bytes.len() as u64),
            1 => {
                let large = bytes.get(8..16).ok_or_else(|| refused("a box's size is cut short"))?;
                (16, u64::from_be_bytes(large.try_into().expect("8 bytes")))
            }
            size => (8, size),
        };
        let size = usize::try_from(size).ok().filter(|size| (header..=bytes.len()).contains(size));
        let size = size.ok_or_else(|| refused("a box is larger than the file"))?;
        let body = &bytes[header..size];
        let field = |at: usize| -> Result<u64, VideoError> {
            let word = body.get(at..at + 4).ok_or_else(|| refused("a box is cut short"))?;
            Ok(u64::from(u32::from_be_bytes(word.try_into().expect("4 bytes"))))
        };
        match &kind {
            // Version and flags, the sample size, the count (stz2: reserved and field size, the count).
            b"stsz" | b"stz2" => *samples += field(8)?,
            // Version and flags, the count.
            b"trun" => *samples += field(4)?,
            b"stts" | b"ctts" | b"stsc" | b"stco" | b"co64" | b"stss" => {
                let entry = match &kind {
                    b"stsc" => 12,
                    b"stts" | b"ctts" | b"co64" => 8,
                    _ => 4,
                };
                if field(4)?.saturating_mul(entry) > body.len().saturating_sub(8) as u64 {
                    return Err(refused("a table declares more entries than its box holds"));
                }
            }
            container if CONTAINERS.contains(&container) && depth < 8 => {
                check_children(body, depth + 1, samples)?
            }
            _ => {}
        }
        bytes = &bytes[size..];
    }
    Ok(())
}

/// The frame size a sequence parameter set (a NAL unit, its header byte first) declares: what the decoder
/// allocates its pictures for. `None` when it cannot be read.
fn sps_size(nal: &[u8]) -> Option<(u32, u32)> {
    // The payload without its emulation prevention bytes (00 00 03 → 00 00).
    let mut rbsp = Vec::with_capacity(nal.len());
    for &byte in nal.get(1..)? {
        if byte == 3 && rbsp.ends_with(&[0, 0]) {
            continue;
        }
        rbsp.push(byte);
    }
    let mut bits = Bits { bytes: &rbsp, at: 0 };
    let profile = bits.read(8)?;
    bits.read(16)?; // constraint flags, level
    bits.ue()?; // seq_parameter_set_id
    if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(&profile) {
        let chroma_format = bits.ue()?;
        if chroma_format == 3 {
            bits.read(1)?;
        }
        bits.ue()?; // bit depths
        bits.ue()?;
        bits.read(1)?;
        if bits.read(1)? == 1 {
            for list in 0..if chroma_format == 3 { 12 } else { 8 } {
                if bits.read(1)? == 1 {
                    let size = if list < 6 { 16 } else { 64 };
                    let (mut last, mut next) = (8i64, 8i64);
                    for _ in 0..size {
                        if next != 0 {
                            next = (last + bits.se()? + 256) % 256;
                        }
                        last = if next == 0 { last } else { next };
                    }
                }
            }
        }
    }
    bits.ue()?; // log2_max_frame_num_minus4
    match bits.ue()? {
        0 => {
            bits.ue()?;
        }
        1 => {
            bits.read(1)?;
            bits.se()?;
            bits.se()?;
            for _ in 0..bits.ue()?.min(255) {
                bits.se()?;
            }
        }
        _ => {}
    }
    bits.ue()?; // max_num_ref_frames
    bits.read(1)?;
    let width_in_blocks = bits.ue()?.checked_add(1)?;
    let height_in_units = bits.ue()?.checked_add(1)?;
    let frames_only = bits.read(1)?;
    let width = u32::try_from(width_in_blocks.checked_mul(16)?).ok()?;
    let height = u32::try_from(height_in_units.checked_mul(16 * (2 - frames_only))?).ok()?;
    Some((width, height))
}

/// The bits of a parameter set, read as H.264 codes them.
struct Bits<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn read(&mut self, count: u32) -> Option<u64> {
        let mut value = 0u64;
        for _ in 0..count {
            let byte = self.bytes.get(self.at / 8)?;
            value = (value << 1) | u64::from((byte >> (7 - self.at % 8)) & 1);
            self.at += 1;
        }
        Some(value)
    }

    /// An unsigned Exp-Golomb number.
    fn ue(&mut self) -> Option<u64> {
        let mut zeros = 0;
        while self.read(1)? == 0 {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        Some((1u64 << zeros) - 1 + self.read(zeros)?)
    }

    /// A signed Exp-Golomb number.
    fn se(&mut self) -> Option<i64> {
        let code = i64::try_from(self.ue()?).ok()?;
        Some(if code % 2 == 1 { (code + 1) / 2 } else { -code / 2 })
    }
}

/// The H.264 track of an MP4, as the decoder needs it.
#[derive(Debug)]
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
    check_boxes(bytes)?;
    // re_mp4 indexes its tables unchecked: a table inconsistent with another panics, which is the file's fault.
    let read = std::panic::catch_unwind(|| h264_track(bytes));
    read.unwrap_or_else(|_| Err(VideoError::Format("the MP4's tables do not agree".to_owned())))
}

fn h264_track(bytes: &[u8]) -> Result<Track, VideoError> {
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
    // The decoder allocates for the parameter set's size, which the track's header need not tell.
    let size = avcc.sequence_parameter_sets.iter().filter_map(|set| sps_size(&set.bytes)).fold(
        (u32::from(track.width), u32::from(track.height)),
        |(width, height), (set_width, set_height)| (width.max(set_width), height.max(set_height)),
    );
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
    // A fragment of a longer stream starts later than zero: its times count from its first picture.
    let first = times.first().copied().unwrap_or_default();
    times.iter_mut().for_each(|at| *at -= first);
    Ok(Track {
        size,
        seconds: (end_of_last - f64::from(first)).max(0.0) as f32,
        length_size: usize::from(avcc.length_size_minus_one & 3) + 1,
        parameters,
        samples,
        times,
    })
}

/// What reading `bytes` within `limits` will take, or why it will not be read: from the MP4's header only.
pub fn plan(bytes: &[u8], limits: &VideoLimits) -> Result<VideoPlan, VideoError> {
    open(bytes, limits).map(|video| video.plan)
}

/// A video's H.264 track read from its header, and what reading its frames will take: planned once, read once
/// ([`Opened::read`]) on the same bytes.
#[derive(Debug)]
pub struct Opened {
    track: Track,
    /// What reading it will take.
    pub plan: VideoPlan,
}

/// Reads the header of `bytes` and plans the read within `limits`, or says why it will not be read.
pub fn open(bytes: &[u8], limits: &VideoLimits) -> Result<Opened, VideoError> {
    let track = track(bytes)?;
    let plan = plan_track(&track, limits)?;
    Ok(Opened { track, plan })
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
    // Reducing a picture goes through a buffer of floats, its width by the reduced height, four channels.
    let reducing = u64::from(width) * u64::from(kept_height) * 16;
    let peak_bytes = kept + picture * 3 + reducing + picture * 3 / 2 * DECODER_PICTURES + READ_OVERHEAD;
    Ok(VideoPlan { size: (width, height), frames, peak_bytes })
}

/// `size` with its long side at most `side`, keeping its aspect ratio.
fn reduced((width, height): (u32, u32), side: u32) -> (u32, u32) {
    let scale = (side as f32 / width.max(height) as f32).min(1.0);
    (((width as f32 * scale).round() as u32).max(1), ((height as f32 * scale).round() as u32).max(1))
}

/// [`open`] and [`Opened::read`] at once.
pub fn read_frames(bytes: &[u8], limits: &VideoLimits) -> Result<Frames, VideoError> {
    open(bytes, limits)?.read(bytes, limits)
}

impl Opened {
    /// Reads the frames of `bytes` that fall on the sampling grid, within `limits` ([`open`] first refuses what they
    /// do not allow; `bytes` are the ones opened). Runs on the calling thread: the worker calls it on a blocking one.
    pub fn read(self, bytes: &[u8], limits: &VideoLimits) -> Result<Frames, VideoError> {
        let Self { track, plan } = self;
        let started = Instant::now();
        let api = OpenH264API::from_source();
        let config = DecoderConfig::new().flush_after_decode(Flush::NoFlush);
        let mut decoder =
            Decoder::with_api_config(api, config).map_err(|error| VideoError::Corrupt(error.to_string()))?;
        let mut reading = Reading {
            times: &track.times,
            step: 1.0 / limits.fps,
            next: 0.0,
            given: 0,
            size: plan.size,
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
            // A damaged sample is skipped: the next sync sample starts afresh.
            if to_annex_b(&bytes[range.clone()], track.length_size, parameters, plan.size, &mut annex_b)? {
                match decoder.decode(&annex_b) {
                    Ok(Some(picture)) => reading.picture(&picture)?,
                    Ok(None) => {}
                    Err(_) => errors += 1,
                }
            } else {
                errors += 1;
            }
        }
        match decoder.flush_remaining() {
            Ok(pictures) => pictures.iter().try_for_each(|picture| reading.picture(picture))?,
            Err(_) => errors += 1,
        }
        if reading.frames.is_empty() {
            return Err(VideoError::Corrupt(format!("no picture decoded ({errors} samples failed)")));
        }
        Ok(Frames { seconds: track.seconds, frames: reading.frames })
    }
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
    /// The largest picture planned for.
    size: (u32, u32),
    side: u32,
    /// The most frames to keep ([`VideoPlan::frames`]).
    most: usize,
    /// One picture in RGB, reused.
    rgb: Vec<u8>,
    frames: Vec<(f32, Decoded)>,
}

impl Reading<'_> {
    fn picture(&mut self, picture: &DecodedYUV<'_>) -> Result<(), VideoError> {
        let (width, height) = picture.dimensions();
        let (planned_width, planned_height) = self.size;
        if width > planned_width as usize || height > planned_height as usize {
            let max = planned_width * planned_height;
            return Err(VideoError::TooLarge { width: width as u32, height: height as u32, max });
        }
        let at = self.times.get(self.given).copied().unwrap_or(self.next);
        self.given += 1;
        if at + 1e-3 < self.next || self.frames.len() >= self.most {
            return Ok(());
        }
        // The first grid time after this picture's.
        self.next = (((at + 1e-3) / self.step).floor() + 1.0) * self.step;
        self.rgb.resize(width * height * 3, 0);
        picture.write_rgb8(&mut self.rgb);
        let (width, height) = (width as u32, height as u32);
        let Some(full) = RgbImage::from_raw(width, height, std::mem::take(&mut self.rgb)) else {
            return Ok(());
        };
        let (kept_width, kept_height) = reduced((width, height), self.side);
        let image = if (kept_width, kept_height) == (width, height) {
            full.clone()
        } else {
            image::imageops::resize(&full, kept_width, kept_height, FilterType::Triangle)
        };
        self.rgb = full.into_raw();
        self.frames.push((at, Decoded { image, original: (width, height) }));
        Ok(())
    }
}

/// An MP4 sample (NAL units each after its length) as the decoder reads it (each after a start code), with the
/// parameter sets first when given; `false` for a damaged sample (a length past its end, or of zero). A sequence
/// parameter set in the sample for pictures larger than `size` (the plan's) is an error.
fn to_annex_b(
    sample: &[u8],
    length_size: usize,
    parameters: Option<&[Vec<u8>]>,
    size: (u32, u32),
    out: &mut Vec<u8>,
) -> Result<bool, VideoError> {
    const START: [u8; 4] = [0, 0, 0, 1];
    out.clear();
    for set in parameters.unwrap_or_default() {
        out.extend_from_slice(&START);
        out.extend_from_slice(set);
    }
    let mut rest = sample;
    while !rest.is_empty() {
        let Some((prefix, after)) = rest.split_at_checked(length_size) else { return Ok(false) };
        let length = prefix.iter().fold(0usize, |length, &byte| (length << 8) | usize::from(byte));
        let Some(nal) = after.get(..length).filter(|nal| !nal.is_empty()) else { return Ok(false) };
        if nal[0] & 0x1f == 7
            && let Some((width, height)) = sps_size(nal)
            && (width > size.0 || height > size.1)
        {
            return Err(VideoError::TooLarge { width, height, max: size.0 * size.1 });
        }
        out.extend_from_slice(&START);
        out.extend_from_slice(nal);
        rest = &after[length..];
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_become_annex_b_and_hostile_lengths_make_damaged_samples() {
        let mut out = Vec::new();
        let read = to_annex_b(&[0, 0, 0, 2, 0x65, 0x88], 4, Some(&[vec![0x67], vec![0x68]]), SIZE, &mut out);
        assert!(read.expect("read"));
        assert_eq!(out, [0, 0, 0, 1, 0x67, 0, 0, 0, 1, 0x68, 0, 0, 0, 1, 0x65, 0x88]);
        assert!(to_annex_b(&[0, 1, 0x41, 0, 1, 0x41], 2, None, SIZE, &mut out).expect("two-byte lengths"));
        assert_eq!(out, [0, 0, 0, 1, 0x41, 0, 0, 0, 1, 0x41]);
        for hostile in [&[0, 0, 0, 9, 1, 2][..], &[0, 0, 0, 0], &[0, 0]] {
            assert!(!to_annex_b(hostile, 4, None, SIZE, &mut out).expect("no error"), "{hostile:?}");
        }
    }

    const SIZE: (u32, u32) = (640, 480);

    /// A Baseline sequence parameter set for `width_in_blocks` × `height_in_units` macroblocks, progressive.
    fn baseline_sps(width_in_blocks: u32, height_in_units: u32) -> Vec<u8> {
        let mut bits = String::from("01000010"); // profile 66
        bits.push_str("0000000000011110"); // constraint flags, level 30
        let ue = |value: u32| {
            let code = value + 1;
            let length = 32 - code.leading_zeros();
            format!("{}{code:b}", "0".repeat(length as usize - 1))
        };
        for value in [0, 0, 0, 0, 1] {
            bits.push_str(&ue(value)); // sps id, log2_max_frame_num, poc type 0, its lsb, ref frames
        }
        bits.push('0'); // gaps
        bits.push_str(&ue(width_in_blocks - 1));
        bits.push_str(&ue(height_in_units - 1));
        bits.push_str("11"); // frame_mbs_only, direct_8x8
        while bits.len() % 8 != 0 {
            bits.push('0');
        }
        let mut nal = vec![0x67];
        nal.extend(
            (0..bits.len()).step_by(8).map(|at| u8::from_str_radix(&bits[at..at + 8], 2).expect("bits")),
        );
        nal
    }

    #[test]
    fn the_frame_size_is_read_from_the_sequence_parameter_set() {
        assert_eq!(sps_size(&baseline_sps(40, 30)), Some((640, 480)));
        assert_eq!(sps_size(&baseline_sps(120, 68)), Some((1920, 1088)));
        assert_eq!(sps_size(&[0x67, 66]), None, "cut short");
        // A parameter set sent in a sample for larger pictures than planned ends the read.
        let big = baseline_sps(240, 135);
        let mut sample = u32::try_from(big.len()).expect("short").to_be_bytes().to_vec();
        sample.extend(&big);
        let mut out = Vec::new();
        let read = to_annex_b(&sample, 4, None, SIZE, &mut out);
        assert!(matches!(read, Err(VideoError::TooLarge { width: 3840, height: 2160, .. })), "{read:?}");
        let mut small = u32::try_from(baseline_sps(40, 30).len()).expect("short").to_be_bytes().to_vec();
        small.extend(baseline_sps(40, 30));
        assert!(to_annex_b(&small, 4, None, SIZE, &mut out).expect("read"), "the planned size");
    }

    #[test]
    fn boxes_that_declare_more_than_the_file_holds_are_refused_before_re_mp4_reads_them() {
        let boxed = |kind: &[u8; 4], body: &[u8]| {
            let mut bytes = u32::try_from(body.len() + 8).expect("small").to_be_bytes().to_vec();
            bytes.extend(kind);
            bytes.extend(body);
            bytes
        };
        let stbl = |inner: Vec<u8>| {
            boxed(b"moov", &boxed(b"trak", &boxed(b"mdia", &boxed(b"minf", &boxed(b"stbl", &inner)))))
        };
        // stsz: version and flags, a constant sample size, four billion samples.
        let stsz = boxed(b"stsz", &[0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF]);
        assert!(matches!(check_boxes(&stbl(stsz)), Err(VideoError::Format(_))));
        // stco: a million chunk offsets in a box of none.
        let stco = boxed(b"stco", &[0, 0, 0, 0, 0, 0x0F, 0x42, 0x40]);
        assert!(matches!(check_boxes(&stbl(stco)), Err(VideoError::Format(_))));
        let honest = boxed(b"stco", &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 8]);
        assert!(check_boxes(&stbl(honest)).is_ok());
        let moof = boxed(b"moof", &boxed(b"traf", &boxed(b"trun", &[0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF])));
        assert!(matches!(check_boxes(&moof), Err(VideoError::Format(_))), "a fragment's run");
        let oversized = [&[0xFF, 0, 0, 0][..], b"moov", &[0; 8]].concat();
        assert!(matches!(check_boxes(&oversized), Err(VideoError::Format(_))), "a box larger than the file");
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
