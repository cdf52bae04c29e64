//! Decoding under random and mutated input: never a panic, and never more memory than the plan said.
//!
//! A test binary of its own: it counts every allocation of the process (peak_alloc as the global
//! allocator) and measures each decode's peak against [`Plan::peak_bytes`], so nothing else may run
//! in it at the same time. Valid images of every accepted format (and a progressive JPEG) are mutated
//! byte by byte, headers more often than pixels, and fed to [`plan`] and [`decode_planned`].

use std::{
    io::Cursor,
    sync::{Mutex, OnceLock, PoisonError},
};

use image::{DynamicImage, ImageFormat, RgbImage};
use peak_alloc::PeakAlloc;
use proptest::prelude::*;
use yolo5::image::{DecodeLimits, decode_planned, plan};

#[global_allocator]
static MEMORY: PeakAlloc = PeakAlloc;

/// Small enough to run quickly, small enough that the seeds are reduced and large headers refused.
const LIMITS: DecodeLimits = DecodeLimits { max_bytes: 48 << 20, max_side: 256, reduce_to: None };
/// Our own small allocations besides the decode (an error's message).
const SLACK: usize = 64 << 10;

/// One test at a time: the peak is the process's, so every test holds this from its first line.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let picture = RgbImage::from_fn(600, 400, |x, y| {
            image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x ^ y) & 0xff) as u8])
        });
        let mut seeds: Vec<Vec<u8>> =
            [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Gif, ImageFormat::WebP, ImageFormat::Bmp]
                .into_iter()
                .map(|format| {
                    let mut bytes = Cursor::new(Vec::new());
                    DynamicImage::ImageRgb8(picture.clone()).write_to(&mut bytes, format).expect("encodes");
                    bytes.into_inner()
                })
                .collect();
        let mut progressive = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut progressive, 80);
        encoder.set_progressive(true);
        encoder.encode(picture.as_raw(), 600, 400, jpeg_encoder::ColorType::Rgb).expect("encodes");
        seeds.push(progressive);
        seeds
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Half of the positions in the first 64 bytes, where the headers and their sizes are.
    let position = prop_oneof![0..64usize, any::<usize>()];
    prop_oneof![
        4 => (position.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        1 => (position.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        1 => position.clone().prop_map(Mutation::Remove),
        1 => position.prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match *mutation {
            Mutation::Set(at, byte) if !bytes.is_empty() => bytes[at % len] = byte,
            Mutation::Insert(at, byte) => bytes.insert(at % (bytes.len() + 1), byte),
            Mutation::Remove(at) if !bytes.is_empty() => {
                bytes.remove(at % len);
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
            _ => {}
        }
    }
    bytes
}

/// Plans and decodes `bytes`: no panic; a decode allocates at most its plan (and a little slack);
/// what comes out fits the limits.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(plan) = plan(bytes, &LIMITS) else { return Ok(()) };
    prop_assert!(plan.peak_bytes() <= LIMITS.max_bytes);
    let before = MEMORY.current_usage();
    MEMORY.reset_peak_usage();
    let decoded = decode_planned(bytes, &plan);
    let peak = MEMORY.peak_usage() - before;
    prop_assert!(
        peak as u64 <= plan.peak_bytes() + SLACK as u64,
        "the decode took {peak} bytes, the plan said {}",
        plan.peak_bytes()
    );
    if let Ok(decoded) = decoded {
        let (width, height) = decoded.image.dimensions();
        prop_assert!(width.max(height) <= LIMITS.max_side && width > 0 && height > 0, "{width}×{height}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_images_decode_within_their_plan_or_fail_cleanly(
        seed in 0..6usize,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let _alone = alone();
        check(&mutate(seeds()[seed].clone(), &mutations))?;
    }

    #[test]
    fn random_bytes_behind_a_known_signature_fail_cleanly(
        signature in prop_oneof![
            Just(&b"\xFF\xD8\xFF\xE0"[..]),
            Just(&b"\x89PNG\r\n\x1a\n"[..]),
            Just(&b"GIF89a"[..]),
            Just(&b"RIFF\0\0\0\0WEBPVP8 "[..]),
            Just(&b"BM"[..]),
        ],
        tail in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let _alone = alone();
        check(&[signature, &tail].concat())?;
    }
}

#[test]
fn every_seed_decodes_reduced_to_the_limit() {
    let _alone = alone();
    for seed in seeds() {
        let plan = plan(seed, &LIMITS).expect("plans");
        let decoded = decode_planned(seed, &plan).expect("decodes");
        assert_eq!(decoded.original, (600, 400));
        assert!(decoded.image.width() <= 256, "{:?}", decoded.image.dimensions());
    }
}

/// Found by the proptest above: a 600 × 400 GIF whose frame is larger than its screen, 600 × 1424 or
/// 22528 × 400 (a byte of its image descriptor changed, or one removed and one inserted). The image crate
/// decodes such a frame into an RGBA buffer of its own, the gif crate its indexed pixels into another,
/// and the plan, made from the screen's size, counted neither, so the decode took more memory than was
/// planned.
#[test]
fn a_gif_frame_larger_than_its_screen_is_within_the_plan() {
    let _alone = alone();
    for (mutations, frame) in [
        (vec![Mutation::Set(35, 5)], [0, 0, 0, 0, 88, 2, 144, 5]),
        (vec![Mutation::Remove(33), Mutation::Insert(28, 0)], [0, 0, 0, 0, 0, 88, 144, 1]),
    ] {
        let bytes = mutate(seeds()[2].clone(), &mutations);
        assert_eq!(&bytes[28..36], &frame, "the image descriptor's left, top, width and height");
        check(&bytes).unwrap();
    }
}
