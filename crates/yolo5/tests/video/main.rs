//! Videos on the worker: the clip the repository ships (`tests/samples/clip.mp4`: bus.jpg, then zidane.jpg, each
//! panned for two seconds at 10 frames a second) read into two frames a second, run through the real model
//! (`YOLO5_MODEL`, else the committed one), and answered with its most crowded frame and what each class did.
//!
//! The whole job's time is printed (`--nocapture`); the read's peak memory and time are measured in a test binary
//! of its own, `tests/video_memory`.

#![allow(clippy::print_stdout)] // The figure per clip, which docs/capacity.md states.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, Instant},
};

use bytes::Bytes;
use common::{
    queue::{JobQueue, MemoryJobQueue},
    schema::{Failure, Job, Status},
    store::{MemoryObjectStore, ObjectStore},
    table::{MemoryPredictionTable, PredictionTable},
};
use uuid::Uuid;
use yolo5::{
    detector::{DetectorSettings, YoloDetector},
    image::DecodeLimits,
    inference::Inference,
    video::{self, VideoError, VideoLimits, read_frames},
    worker::{Worker, WorkerConfig, notify::RecordingNotifier},
};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("crates/yolo5 lies two folders down")
}

fn clip() -> Vec<u8> {
    std::fs::read(repository().join("tests/samples/clip.mp4")).expect("the shipped clip")
}

#[test]
fn a_clip_longer_larger_or_of_another_kind_is_refused_before_it_is_decoded() {
    let bytes = clip();
    let short = VideoLimits { max_seconds: 3.0, ..VideoLimits::default() };
    assert!(matches!(video::plan(&bytes, &short), Err(VideoError::TooLong { .. })));
    let small = VideoLimits { max_pixels: 640 * 479, ..VideoLimits::default() };
    assert!(matches!(video::plan(&bytes, &small), Err(VideoError::TooLarge { width: 640, height: 480, .. })));
    let cut = &bytes[..bytes.len() / 2];
    assert!(read_frames(cut, &VideoLimits::default()).is_err(), "half a file");
    let mut flipped = bytes.clone();
    for at in (2000..flipped.len()).step_by(997) {
        flipped[at] ^= 0x5a;
    }
    // Damaged pictures: an error, or the frames that could be read; never a panic.
    let _ = read_frames(&flipped, &VideoLimits::default());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clip_is_answered_with_its_most_crowded_frame_and_what_each_class_did() {
    let model = std::env::var_os("YOLO5_MODEL")
        .map_or_else(|| repository().join("models/yolov5n.torchscript"), PathBuf::from);
    // float32 everywhere, so that the figures are the same on CPUs with and without AMX.
    let detector =
        Arc::new(YoloDetector::load(&DetectorSettings::fp32_on_cpu(model)).expect("the model loads"));
    let queue = Arc::new(MemoryJobQueue::new(Duration::from_secs(60)));
    let store = Arc::new(MemoryObjectStore::new());
    let table = Arc::new(MemoryPredictionTable::new());
    let config = WorkerConfig { wait: Duration::from_millis(100), ..WorkerConfig::default() };
    let worker = Worker {
        queue: queue.clone(),
        store: store.clone(),
        table: table.clone(),
        detector: detector.clone(),
        notifier: Arc::new(RecordingNotifier::default()),
        decode_budget: Worker::decode_budget_for(&DecodeLimits::default()),
        inference: Inference::new(1, 2),
        config,
    };
    let job = Job { language: Some("de".into()), ..Job::new(Uuid::new_v4(), 42, 7, "mp4") }.of_video();
    store.put(&job.image_key, Bytes::from(clip()), "video/mp4").await.expect("put");
    queue.send(&job.to_json()).await.expect("send");
    let started = Instant::now();
    let report = worker.run_once().await.expect("a batch");
    let took = started.elapsed();
    assert_eq!((report.detected, report.deleted), (1, 1), "{report:?}");
    let prediction = table.get(job.prediction_id).await.expect("get").expect("stored");
    assert_eq!((prediction.status, prediction.failure), (Status::Done, None));
    assert_eq!(prediction.language.as_deref(), Some("de"));
    let clip = prediction.clip.clone().expect("a clip's summary");
    println!("one 4 s clip, 8 frames, through the worker in {:.0} ms: {clip:?}", took.as_secs_f64() * 1e3);
    assert_eq!((clip.seconds, clip.frames), (4.0, 8));
    let class = |name: &str| clip.classes.iter().find(|class| class.class == name).cloned();
    // The first half pans across bus.jpg (a portrait photo in a landscape window: up to three of its people and,
    // in some frames, its bus), the second across zidane.jpg (two men, two ties).
    let person = class("person").expect("people");
    assert_eq!((person.most, person.share), (3, 1.0), "in every frame: {clip:?}");
    let tie = class("tie").expect("the ties");
    assert_eq!((tie.most, tie.share), (2, 0.5), "in zidane.jpg's half: {clip:?}");
    let bus = class("bus").expect("the bus");
    assert!((0.125..=0.5).contains(&bus.share), "in bus.jpg's half only: {clip:?}");
    assert_eq!(clip.classes[0].class, "person", "most seen at once first");
    assert!(
        clip.shown_at < 2.0,
        "the most crowded frame (the first of equals) is one of bus.jpg's: {clip:?}"
    );
    let people = prediction.labels.iter().filter(|label| label.class == "person").count();
    assert_eq!(people, 3, "the picture's labels are the most crowded frame's");
    assert_eq!((prediction.width, prediction.height), (640, 480));
    let picture =
        store.get(prediction.predicted_img_path.as_deref().expect("a picture")).await.expect("stored");
    assert!(picture.starts_with(&[0xFF, 0xD8]), "an annotated JPEG");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_video_the_worker_cannot_read_is_answered_with_its_reason() {
    let detector = Arc::new(
        YoloDetector::load(&DetectorSettings::fp32_on_cpu(repository().join("models/yolov5n.torchscript")))
            .expect("the model loads"),
    );
    let queue = Arc::new(MemoryJobQueue::new(Duration::from_secs(60)));
    let store = Arc::new(MemoryObjectStore::new());
    let table = Arc::new(MemoryPredictionTable::new());
    let short = VideoLimits { max_seconds: 2.0, ..VideoLimits::default() };
    let config = WorkerConfig { wait: Duration::from_millis(100), video: short, ..WorkerConfig::default() };
    let worker = Worker {
        queue: queue.clone(),
        store: store.clone(),
        table: table.clone(),
        detector,
        notifier: Arc::new(RecordingNotifier::default()),
        decode_budget: Worker::decode_budget_for(&DecodeLimits::default()),
        inference: Inference::new(1, 1),
        config,
    };
    let long = Job::new(Uuid::new_v4(), 42, 7, "mp4").of_video();
    let not_a_video = Job::new(Uuid::new_v4(), 42, 8, "mp4").of_video();
    store.put(&long.image_key, Bytes::from(clip()), "video/mp4").await.expect("put");
    store
        .put(&not_a_video.image_key, Bytes::from_static(b"GIF89a, not a video"), "video/mp4")
        .await
        .expect("put");
    for job in [&long, &not_a_video] {
        queue.send(&job.to_json()).await.expect("send");
    }
    let report = worker.run_once().await.expect("a batch");
    assert_eq!((report.failed, report.deleted), (2, 2), "{report:?}");
    for (job, failure) in [(&long, Failure::VideoTooLong), (&not_a_video, Failure::VideoFormat)] {
        let prediction = table.get(job.prediction_id).await.expect("get").expect("stored");
        assert_eq!((prediction.status, prediction.failure), (Status::Failed, Some(failure)));
    }
}
