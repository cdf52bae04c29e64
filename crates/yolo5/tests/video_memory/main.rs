//! The read of the shipped clip (`tests/samples/clip.mp4`) measured: its peak resident memory (the C++ decoder's
//! allocations count too) held to the read's plan, and its time printed (`--nocapture`).
//!
//! A test binary with one test: the peak is the process's (`VmHWM`), so nothing else may run beside it, whether
//! nextest or cargo test runs it.

#![allow(clippy::print_stdout)] // The figures per clip, which docs/capacity.md states.

use std::{path::Path, time::Instant};

use yolo5::video::{self, VideoLimits, read_frames};

fn clip() -> Vec<u8> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("two folders down");
    std::fs::read(repository.join("tests/samples/clip.mp4")).expect("the shipped clip")
}

/// The process's peak resident memory so far, in bytes (`VmHWM`: the C++ decoder's allocations count too).
fn peak_resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux");
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).expect("VmHWM");
    let kib: u64 = line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).expect("a number");
    kib << 10
}

#[test]
fn the_clip_is_read_into_two_frames_a_second_within_its_plan() {
    let bytes = clip();
    let limits = VideoLimits::default();
    let plan = video::plan(&bytes, &limits).expect("planned");
    assert_eq!((plan.size, plan.frames), ((640, 480), 8), "4 s at 2 frames a second");
    let (before, started) = (peak_resident(), Instant::now());
    let frames = read_frames(&bytes, &limits).expect("read");
    let (took, grew) = (started.elapsed(), peak_resident().saturating_sub(before));
    assert!((frames.seconds - 4.0).abs() < 0.01, "{}", frames.seconds);
    let times: Vec<f32> = frames.frames.iter().map(|(at, _)| *at).collect();
    assert_eq!(times, [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]);
    for (at, frame) in &frames.frames {
        assert_eq!((frame.image.dimensions(), frame.original), ((640, 480), (640, 480)), "{at}");
    }
    // The first frame is bus.jpg's top left: far from grey, as a frame decoded wrong would be.
    let pixels = frames.frames[0].1.image.as_raw();
    let mean = pixels.iter().map(|&p| f64::from(p)).sum::<f64>() / pixels.len() as f64;
    let spread = pixels.iter().map(|&p| (f64::from(p) - mean).abs()).sum::<f64>() / pixels.len() as f64;
    assert!(spread > 20.0, "a picture, not a flat frame: {spread}");
    println!(
        "read {} frames of a {:.1} s {}x{} clip ({} KB) in {:.0} ms; peak resident memory grew {:.1} MiB \
        (plan {:.1} MiB)",
        frames.frames.len(),
        frames.seconds,
        plan.size.0,
        plan.size.1,
        bytes.len() / 1000,
        took.as_secs_f64() * 1e3,
        grew as f64 / f64::from(1 << 20),
        plan.peak_bytes as f64 / f64::from(1 << 20),
    );
    assert!(grew <= plan.peak_bytes, "the read stays within its plan: {grew} > {}", plan.peak_bytes);
}
