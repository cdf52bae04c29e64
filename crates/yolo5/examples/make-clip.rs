//! Makes `tests/samples/clip.mp4`, the short video the worker's tests and `make demo` send, from the sample photos:
//! each photo for two seconds at 10 frames a second, a 640 × 480 window panning slowly across it, encoded with
//! OpenH264 (Constrained Baseline, 800 kbit/s, a sync frame at each photo) and written as an MP4.
//!
//! ```sh
//! cargo run -p yolo5 --example make-clip -- tests/samples/clip.mp4 tests/samples/bus.jpg tests/samples/zidane.jpg
//! ```
//!
//! The output is the same bytes on every run (tests/samples/README.md holds its digest).

use anyhow::{Context, anyhow, ensure};
use image::imageops::FilterType;
use openh264::{
    OpenH264API,
    encoder::{BitRate, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, RateControlMode},
    formats::{RgbSliceU8, YUVBuffer},
};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 480;
const FPS: u32 = 10;
const SECONDS_PER_PHOTO: u32 = 2;
/// The track's ticks per second.
const TIMESCALE: u32 = 90_000;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, photos @ ..] = args.as_slice() else {
        anyhow::bail!("usage: make-clip OUT.mp4 PHOTO...");
    };
    ensure!(!photos.is_empty(), "no photos");
    let config = EncoderConfig::new()
        .bitrate(BitRate::from_bps(800_000))
        .max_frame_rate(FrameRate::from_hz(FPS as f32))
        .rate_control_mode(RateControlMode::Bitrate)
        // A sample for every frame: a constant frame rate.
        .skip_frames(false)
        .intra_frame_period(IntraFramePeriod::from_num_frames(2 * FPS));
    let mut encoder = Encoder::with_api_config(OpenH264API::from_source(), config)?;
    let (mut sps, mut pps) = (None, None);
    let mut samples: Vec<(Vec<u8>, bool)> = Vec::new();
    for photo in photos {
        for (i, rgb) in panned(photo, (SECONDS_PER_PHOTO * FPS) as usize)?.iter().enumerate() {
            if i == 0 {
                // A cut: each photo starts on a sync frame.
                encoder.force_intra_frame();
            }
            let yuv = YUVBuffer::from_rgb8_source(RgbSliceU8::new(rgb, (WIDTH as usize, HEIGHT as usize)));
            let stream = encoder.encode(&yuv)?;
            let sync = stream.frame_type() == FrameType::IDR;
            // OpenH264 writes NAL units after start codes; MP4 keeps the parameter sets apart and each other unit
            // after its length.
            let mut sample = Vec::new();
            for layer in (0..stream.num_layers()).filter_map(|l| stream.layer(l)) {
                for nal in (0..layer.nal_count()).filter_map(|n| layer.nal_unit(n)) {
                    let nal = nal
                        .strip_prefix(&[0, 0, 0, 1])
                        .or_else(|| nal.strip_prefix(&[0, 0, 1]))
                        .unwrap_or(nal);
                    match nal.first().map(|byte| byte & 0x1f) {
                        Some(7) => sps = sps.or_else(|| Some(nal.to_vec())),
                        Some(8) => pps = pps.or_else(|| Some(nal.to_vec())),
                        Some(_) => {
                            sample.extend_from_slice(&u32::try_from(nal.len())?.to_be_bytes());
                            sample.extend_from_slice(nal);
                        }
                        None => {}
                    }
                }
            }
            ensure!(!sample.is_empty(), "the encoder gave no picture");
            samples.push((sample, sync));
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(out).with_context(|| format!("create {out}"))?);
    let brand = |name: &str| name.parse().map_err(|_| anyhow!("brand {name}"));
    let mut writer = mp4::Mp4Writer::write_start(
        file,
        &mp4::Mp4Config {
            major_brand: brand("isom")?,
            minor_version: 512,
            compatible_brands: vec![brand("isom")?, brand("iso2")?, brand("avc1")?, brand("mp41")?],
            timescale: 1000,
        },
    )?;
    writer.add_track(&mp4::TrackConfig {
        track_type: mp4::TrackType::Video,
        timescale: TIMESCALE,
        language: "und".into(),
        media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
            width: WIDTH as u16,
            height: HEIGHT as u16,
            seq_param_set: sps.ok_or_else(|| anyhow!("no sequence parameter set"))?,
            pic_param_set: pps.ok_or_else(|| anyhow!("no picture parameter set"))?,
        }),
    })?;
    let duration = TIMESCALE / FPS;
    for (i, (sample, sync)) in samples.iter().enumerate() {
        let sample = mp4::Mp4Sample {
            start_time: i as u64 * u64::from(duration),
            duration,
            rendering_offset: 0,
            is_sync: *sync,
            bytes: sample.clone().into(),
        };
        writer.write_sample(1, &sample)?;
    }
    writer.write_end()?;
    Ok(())
}

/// `frames` frames of `photo`: the photo covering a canvas 1.15 times the clip's size, and the clip's window moving
/// from its top left corner to its bottom right.
fn panned(photo: &str, frames: usize) -> anyhow::Result<Vec<Vec<u8>>> {
    let image = image::open(photo).with_context(|| format!("open {photo}"))?.to_rgb8();
    let (canvas_width, canvas_height) = (WIDTH as f32 * 1.15, HEIGHT as f32 * 1.15);
    let scale = (canvas_width / image.width() as f32).max(canvas_height / image.height() as f32);
    let (width, height) =
        ((image.width() as f32 * scale).round() as u32, (image.height() as f32 * scale).round() as u32);
    let canvas = image::imageops::resize(&image, width, height, FilterType::Triangle);
    let (room_x, room_y) = (width - WIDTH, height - HEIGHT);
    Ok((0..frames)
        .map(|i| {
            let t = if frames > 1 { i as f32 / (frames - 1) as f32 } else { 0.0 };
            let (x, y) = ((room_x as f32 * t) as u32, (room_y as f32 * t) as u32);
            image::imageops::crop_imm(&canvas, x, y, WIDTH, HEIGHT).to_image().into_raw()
        })
        .collect())
}
