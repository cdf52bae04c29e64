//! The worker driven step by step with in-memory fakes for every outside service and the model.

mod moto;

use std::{
    io::Cursor,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use bytes::Bytes;
use common::{
    question::Question,
    queue::{JobQueue, MemoryJobQueue, QueueDepth},
    schema::{Failure, Job, Prediction, Status},
    store::{MemoryObjectStore, ObjectStore},
    table::{MemoryPredictionTable, PredictionTable},
};
use image::{DynamicImage, ImageFormat, RgbImage};
use tokio::sync::watch;
use uuid::Uuid;
use yolo5::{
    detector::Detector,
    image::DecodeLimits,
    inference::Inference,
    model::ModelError,
    postprocess::Detection,
    video::VideoLimits,
    worker::{BatchReport, Worker, WorkerConfig, notify::RecordingNotifier},
};

/// Finds one person in the middle of every image; counts its calls and can be slow. A batch holding
/// an image [`POISON_WIDTH`] wide fails: with an error, or a panic when `panics`.
#[derive(Debug, Default)]
struct FakeDetector {
    calls: AtomicUsize,
    images: AtomicUsize,
    delay: Duration,
    panics: bool,
    /// The name of the thread each call ran on.
    threads: std::sync::Mutex<Vec<Option<String>>>,
}

const POISON_WIDTH: u32 = 13;

impl Detector for FakeDetector {
    fn detect(&self, images: &[&RgbImage]) -> Result<Vec<Vec<Detection>>, ModelError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.images.fetch_add(images.len(), Ordering::SeqCst);
        self.threads.lock().expect("not poisoned").push(std::thread::current().name().map(str::to_owned));
        std::thread::sleep(self.delay);
        if images.iter().any(|image| image.width() == POISON_WIDTH) {
            assert!(!self.panics, "the fake model panics on a poison image");
            return Err(ModelError::Output("the fake model fails on a poison image".to_owned()));
        }
        Ok(images
            .iter()
            .map(|image| {
                let (w, h) = (image.width() as f32, image.height() as f32);
                vec![Detection {
                    class_id: 0,
                    confidence: 0.9,
                    xyxy: [w / 4.0, h / 4.0, w * 3.0 / 4.0, h * 3.0 / 4.0],
                }]
            })
            .collect())
    }

    fn names(&self) -> &[String] {
        static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        NAMES.get_or_init(|| vec!["person".to_owned(), "bus".to_owned()])
    }

    fn model_name(&self) -> &str {
        "fake.torchscript"
    }

    fn least_confidence(&self) -> f32 {
        0.25
    }
}

struct Harness {
    queue: Arc<MemoryJobQueue>,
    dlq: Arc<MemoryJobQueue>,
    store: Arc<MemoryObjectStore>,
    table: Arc<MemoryPredictionTable>,
    detector: Arc<FakeDetector>,
    notifier: Arc<RecordingNotifier>,
    worker: Worker,
}

fn harness(visibility: Duration, delay: Duration) -> Harness {
    harness_with(visibility, FakeDetector { delay, ..FakeDetector::default() })
}

fn harness_with(visibility: Duration, detector: FakeDetector) -> Harness {
    let dlq = Arc::new(MemoryJobQueue::new(Duration::from_secs(30)));
    let queue = Arc::new(MemoryJobQueue::new(visibility).with_dead_letter_queue(3, dlq.clone()));
    let store = Arc::new(MemoryObjectStore::new());
    let table = Arc::new(MemoryPredictionTable::new());
    let detector = Arc::new(detector);
    let notifier = Arc::new(RecordingNotifier::default());
    let config = WorkerConfig {
        batch_size: 10,
        wait: Duration::from_millis(100),
        visibility,
        drain_timeout: Duration::from_millis(100),
        max_receives: 3,
        decode: DecodeLimits::default(),
        decode_timeout: WorkerConfig::DEFAULT_DECODE_TIMEOUT,
        keep_predictions: Some(Duration::from_secs(3600)),
        video: VideoLimits::default(),
    };
    let worker = Worker {
        queue: queue.clone(),
        store: store.clone(),
        table: table.clone(),
        detector: detector.clone(),
        notifier: notifier.clone(),
        decode_budget: Worker::decode_budget_for(&config.decode),
        // Threads enough for every loop a test runs at once.
        inference: Inference::new(4, 1),
        config,
    };
    Harness { queue, dlq, store, table, detector, notifier, worker }
}

fn png(width: u32, height: u32) -> Bytes {
    let mut bytes = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(RgbImage::from_pixel(width, height, image::Rgb([50, 100, 150])))
        .write_to(&mut bytes, ImageFormat::Png)
        .expect("encodes");
    Bytes::from(bytes.into_inner())
}

impl Harness {
    /// Stores a photo and queues its job.
    async fn submit(&self, photo: Bytes) -> Job {
        let job = Job::new(Uuid::new_v4(), 77, 5, "png");
        self.store.put(&job.image_key, photo, "image/png").await.expect("put");
        self.queue.send(&job.to_json()).await.expect("send");
        job
    }

    async fn prediction(&self, id: Uuid) -> Option<Prediction> {
        self.table.get(id).await.expect("get")
    }

    async fn depth(&self) -> QueueDepth {
        self.queue.depth().await.expect("depth")
    }
}

/// Polls `condition` every 10 ms for up to 60 s: a bound that only ends a stuck test, since what it waits for
/// may be CPU work (a debug build's decode) on a machine busy with the other tests.
async fn eventually(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..6000 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn a_job_is_detected_stored_answered_and_deleted() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    let job = h.submit(png(400, 200)).await;
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!(report, BatchReport { received: 1, detected: 1, deleted: 1, ..BatchReport::default() });

    let prediction = h.prediction(job.prediction_id).await.expect("stored");
    assert_eq!(prediction.status, Status::Done);
    assert_eq!((prediction.chat_id, prediction.message_id), (77, 5));
    assert_eq!((prediction.width, prediction.height), (400, 200));
    assert_eq!(prediction.original_img_path, job.image_key);
    assert_eq!(prediction.model, "fake.torchscript");
    assert_eq!(prediction.expires_at, Some((prediction.time + 3600.0) as i64), "what the table's TTL reads");
    let label = &prediction.labels[0];
    assert_eq!(
        (label.class.as_str(), label.cx, label.cy, label.width, label.height),
        ("person", 0.5, 0.5, 0.5, 0.5)
    );
    assert_eq!(label.xyxy, [100.0, 50.0, 300.0, 150.0]);

    let key = prediction.predicted_img_path.expect("annotated");
    assert_eq!(key, format!("predictions/{}.jpg", job.prediction_id));
    let annotated = h.store.object(&key).expect("uploaded");
    assert_eq!(annotated.content_type, "image/jpeg");
    let annotated = yolo5::image::decode(&annotated.body, &DecodeLimits::default()).expect("JPEG");
    assert_eq!(annotated.image.dimensions(), (400, 200));
    assert_eq!(
        h.store.object(&job.image_key).expect("original kept").body,
        png(400, 200),
        "never over the original"
    );

    assert_eq!(h.notifier.notified(), [job.prediction_id]);
    assert_eq!(h.depth().await, QueueDepth::default());
}

/// A job that asks for some classes or a confidence (its photo's caption) is answered with those only.
#[tokio::test]
async fn a_question_keeps_the_classes_and_the_confidence_it_asks_for() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    let question = |classes: &[&str], confidence| Question {
        classes: classes.iter().map(|class| (*class).to_owned()).collect(),
        confidence,
    };
    // The fake finds one person at 0.9 in every photo.
    let asked = [
        (Some(question(&["person"], None)), 1),
        (Some(question(&["bus"], None)), 0),
        (Some(question(&["person"], Some(0.95))), 0),
        (Some(question(&[], Some(0.5))), 1),
        (Some(question(&["person"], Some(0.1))), 1),
        (None, 1),
    ];
    let mut jobs = Vec::new();
    for (question, _) in &asked {
        let job = Job { language: Some("de".into()), ..Job::new(Uuid::new_v4(), 77, 5, "png") };
        let job = job.asking(question.clone());
        h.store.put(&job.image_key, png(64, 48), "image/png").await.expect("put");
        h.queue.send(&job.to_json()).await.expect("send");
        jobs.push(job);
    }
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.received, report.deleted), (6, 6));
    for (job, (question, found)) in jobs.iter().zip(&asked) {
        let prediction = h.prediction(job.prediction_id).await.expect("stored");
        assert_eq!((prediction.status, prediction.labels.len()), (Status::Done, *found), "{question:?}");
        // The bot words the answer from it: a confidence below the model's own (0.25 here) counted as that.
        let counted =
            question.clone().map(|q| Question { confidence: q.confidence.map(|c| c.max(0.25)), ..q });
        assert_eq!(prediction.question, counted);
        assert_eq!(prediction.language.as_deref(), Some("de"), "the answer's language");
    }
}

#[tokio::test]
async fn the_jobs_of_one_receive_run_as_one_batch() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    for _ in 0..3 {
        h.submit(png(64, 48)).await;
    }
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.received, report.detected, report.deleted), (3, 3, 3));
    assert_eq!(h.detector.calls.load(Ordering::SeqCst), 1);
    assert_eq!(h.detector.images.load(Ordering::SeqCst), 3);
    assert_eq!(h.notifier.notified().len(), 3);
}

/// libtorch is called from the worker's fixed inference threads only: from tokio's blocking pool, each
/// of its changing threads gathered an OpenMP team of its own, and past the CPUs' count libgomp slowed every
/// forward pass in the process about twofold (docs/capacity.md).
#[tokio::test]
async fn the_model_runs_on_the_fixed_inference_threads_only() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    for _ in 0..6 {
        h.submit(png(64, 48)).await;
        h.worker.run_once().await.expect("batch");
    }
    let threads = h.detector.threads.lock().expect("not poisoned").clone();
    assert_eq!(threads.len(), 6);
    for name in threads {
        assert!(name.as_deref().is_some_and(|name| name.starts_with("inference-")), "ran on {name:?}");
    }
}

#[tokio::test]
async fn a_job_delivered_again_is_not_recomputed_only_answered() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    let job = h.submit(png(64, 48)).await;
    h.queue.send(&job.to_json()).await.expect("the same job twice");
    h.worker.run_once().await.expect("batch");
    let first = h.prediction(job.prediction_id).await.expect("stored");
    assert_eq!(h.detector.images.load(Ordering::SeqCst), 2, "both copies ran in the first batch");

    h.queue.send(&job.to_json()).await.expect("a third copy");
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.repeated, report.deleted), (1, 1));
    assert_eq!(h.detector.images.load(Ordering::SeqCst), 2, "not recomputed");
    assert_eq!(h.prediction(job.prediction_id).await, Some(first), "the first prediction stands");
    assert_eq!(h.notifier.notified(), [job.prediction_id; 3], "each copy is acknowledged to the bot");
    assert_eq!(h.depth().await, QueueDepth::default());
}

#[tokio::test]
async fn poison_input_gets_a_failed_prediction_the_user_is_told_and_the_message_is_deleted() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    let missing = Job { language: Some("ru".into()), ..Job::new(Uuid::new_v4(), 1, 1, "jpg") };
    h.queue.send(&missing.to_json()).await.expect("send");
    let undecodable = h.submit(Bytes::from_static(b"this is not an image")).await;
    let malformed_id = Uuid::new_v4();
    h.queue
        .send(&format!(r#"{{"version":99,"prediction_id":"{malformed_id}","chat_id":3,"message_id":4}}"#))
        .await
        .expect("send");

    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.received, report.failed, report.deleted), (3, 3, 3));
    assert_eq!(h.detector.calls.load(Ordering::SeqCst), 0);
    for (id, words, failure) in [
        (missing.prediction_id, "find your photo", Failure::Missing),
        (undecodable.prediction_id, "read this file", Failure::Format),
    ] {
        let p = h.prediction(id).await.expect("stored");
        assert_eq!((p.status, p.failure), (Status::Failed, Some(failure)));
        assert!(p.reason.as_deref().expect("a reason").contains(words), "{:?}", p.reason);
        assert!(p.predicted_img_path.is_none());
    }
    let told = h.prediction(missing.prediction_id).await.expect("stored").language;
    assert_eq!(told.as_deref(), Some("ru"), "the failure is told in the job's language");
    let malformed = h.prediction(malformed_id).await.expect("identified and stored");
    assert_eq!((malformed.chat_id, malformed.message_id, malformed.status), (3, 4, Status::Failed));
    assert_eq!(h.notifier.notified().len(), 3);
    assert_eq!(h.depth().await, QueueDepth::default());
}

#[tokio::test]
async fn one_photo_that_fails_detection_does_not_sink_its_batch() {
    for panics in [false, true] {
        let h = harness_with(Duration::from_secs(30), FakeDetector { panics, ..FakeDetector::default() });
        let good = [h.submit(png(64, 48)).await, h.submit(png(64, 48)).await];
        let poison = h.submit(png(POISON_WIDTH, 48)).await;
        let report = h.worker.run_once().await.expect("batch");
        assert_eq!((report.received, report.detected, report.left), (3, 2, 1), "panics: {panics}");
        assert_eq!(h.detector.calls.load(Ordering::SeqCst), 4, "the batch, then each photo alone");
        for job in &good {
            assert_eq!(h.prediction(job.prediction_id).await.expect("stored").status, Status::Done);
        }
        assert!(h.prediction(poison.prediction_id).await.is_none(), "left to come back");
        assert_eq!(h.depth().await, QueueDepth { visible: 0, in_flight: 1 });
    }
}

#[tokio::test]
async fn a_job_that_fails_on_its_last_delivery_is_answered_as_failed() {
    let h = harness(Duration::ZERO, Duration::ZERO);
    let poison = h.submit(png(POISON_WIDTH, 48)).await;
    for _ in 0..2 {
        let report = h.worker.run_once().await.expect("batch");
        assert_eq!((report.received, report.left), (1, 1));
        assert!(h.notifier.notified().is_empty());
    }
    let report = h.worker.run_once().await.expect("the third and last delivery");
    assert_eq!((report.received, report.failed, report.deleted), (1, 1, 1));
    let prediction = h.prediction(poison.prediction_id).await.expect("stored");
    assert_eq!(prediction.status, Status::Failed);
    assert!(prediction.reason.as_deref().expect("a reason").contains("send it again"), "{prediction:?}");
    assert_eq!(h.notifier.notified(), [poison.prediction_id], "the user is told");
    assert!(h.dlq.bodies().is_empty(), "nothing reaches the dead-letter queue unanswered");
}

#[tokio::test]
async fn an_image_too_large_to_decode_is_answered_and_a_large_one_is_reduced() {
    let mut h = harness(Duration::from_secs(30), Duration::ZERO);
    h.worker.config.decode = DecodeLimits { max_bytes: 4 << 20, max_side: 100, reduce_to: None };
    let too_large = h.submit(png(1000, 1000)).await;
    let large = h.submit(png(400, 200)).await;
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.failed, report.detected, report.deleted), (1, 1, 2));

    let refused = h.prediction(too_large.prediction_id).await.expect("stored");
    assert_eq!(refused.status, Status::Failed);
    assert!(refused.reason.as_deref().expect("a reason").contains("too large"), "{refused:?}");

    let reduced = h.prediction(large.prediction_id).await.expect("stored");
    assert_eq!((reduced.width, reduced.height), (400, 200), "the original's size");
    assert_eq!(reduced.labels[0].xyxy, [100.0, 50.0, 300.0, 150.0], "boxes in the original's pixels");
    assert_eq!((reduced.labels[0].cx, reduced.labels[0].width), (0.5, 0.5));
    let annotated = h.store.object(reduced.predicted_img_path.as_deref().expect("a key")).expect("stored");
    let annotated = yolo5::image::decode(&annotated.body, &DecodeLimits::default()).expect("JPEG");
    assert_eq!(annotated.image.dimensions(), (100, 50), "drawn on the reduced image");
    assert_eq!(h.notifier.notified().len(), 2);
}

#[tokio::test]
async fn the_answer_s_picture_is_as_sharp_as_telegram_shows_the_photo() {
    // As `yolo5 serve` decodes for a 640 model: zidane.jpg is 1280 × 720, what Telegram shows a photo at.
    let mut h = harness(Duration::from_secs(30), Duration::ZERO);
    h.worker.config.decode = DecodeLimits::for_detector(640);
    let photo = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/samples/zidane.jpg"))
        .expect("sample");
    let job = h.submit(Bytes::from(photo)).await;
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!(report.detected, 1);
    let prediction = h.prediction(job.prediction_id).await.expect("stored");
    let annotated = h.store.object(prediction.predicted_img_path.as_deref().expect("a key")).expect("stored");
    let annotated = yolo5::image::decode(&annotated.body, &DecodeLimits::default()).expect("JPEG");
    assert_eq!(annotated.image.dimensions(), (1280, 720), "not reduced for the detector's 640");
}

#[tokio::test]
async fn a_job_whose_annotated_image_cannot_be_stored_is_answered_as_failed_on_its_last_delivery() {
    let h = harness(Duration::ZERO, Duration::ZERO);
    h.store.refuse_puts_under("predictions/");
    let job = h.submit(png(64, 48)).await;
    for _ in 0..2 {
        let report = h.worker.run_once().await.expect("batch");
        assert_eq!((report.received, report.left), (1, 1), "left to come back while deliveries remain");
        assert!(h.notifier.notified().is_empty());
    }
    let report = h.worker.run_once().await.expect("the third and last delivery");
    assert_eq!((report.received, report.failed, report.deleted), (1, 1, 1));
    let prediction = h.prediction(job.prediction_id).await.expect("stored");
    assert_eq!((prediction.status, prediction.predicted_img_path.as_deref()), (Status::Failed, None));
    assert!(prediction.reason.as_deref().expect("a reason").contains("send it again"), "{prediction:?}");
    assert_eq!(h.notifier.notified(), [job.prediction_id], "the user is told");
    assert!(h.dlq.bodies().is_empty());
}

#[tokio::test]
async fn a_jpeg_of_too_many_scans_is_answered_and_its_batch_goes_on() {
    let h = harness(Duration::from_secs(30), Duration::ZERO);
    let crafted = h.submit(Bytes::from(common::testing::many_scan_jpeg(100_000))).await;
    let ordinary = h.submit(png(64, 48)).await;
    let report = tokio::time::timeout(Duration::from_secs(10), h.worker.run_once())
        .await
        .expect("not held by the crafted JPEG")
        .expect("batch");
    assert_eq!((report.failed, report.detected, report.deleted), (1, 1, 2));
    let refused = h.prediction(crafted.prediction_id).await.expect("stored");
    assert_eq!(refused.status, Status::Failed);
    assert!(refused.reason.as_deref().expect("a reason").contains("too long to open"), "{refused:?}");
    assert_eq!(h.prediction(ordinary.prediction_id).await.expect("stored").status, Status::Done);
}

#[tokio::test]
async fn a_decode_past_its_deadline_is_answered_and_its_memory_held_until_it_ends() {
    let mut h = harness(Duration::from_secs(30), Duration::ZERO);
    h.worker.config.decode_timeout = Duration::from_millis(1);
    let slow = h.submit(png(4000, 4000)).await; // 48 MB of pixels: far more than a millisecond
    let budget = h.worker.decode_budget.available_permits();
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.failed, report.deleted), (1, 1));
    let refused = h.prediction(slow.prediction_id).await.expect("stored");
    assert!(refused.reason.as_deref().expect("a reason").contains("too long to open"), "{refused:?}");
    assert_eq!(h.notifier.notified(), [slow.prediction_id]);
    assert!(h.worker.decode_budget.available_permits() < budget, "the decode still holds its memory");
    eventually("the decode to end and give its memory back", || {
        h.worker.decode_budget.available_permits() == budget
    })
    .await;
}

#[tokio::test]
async fn an_unidentifiable_message_is_left_for_the_dead_letter_queue() {
    let h = harness(Duration::ZERO, Duration::ZERO);
    h.queue.send("garbage").await.expect("send");
    for _ in 0..3 {
        let report = h.worker.run_once().await.expect("batch");
        assert_eq!((report.received, report.left, report.deleted), (1, 1, 0));
    }
    assert_eq!(h.worker.run_once().await.expect("batch").received, 0, "redriven after 3 receives");
    assert_eq!(h.dlq.bodies(), ["garbage"]);
    assert!(h.table.all().is_empty() && h.notifier.notified().is_empty());
}

#[tokio::test]
async fn when_the_bot_is_down_the_message_stays_and_only_the_callback_is_redone() {
    let h = harness(Duration::from_millis(50), Duration::ZERO);
    let job = h.submit(png(64, 48)).await;
    h.notifier.fail_next(1);
    let report = h.worker.run_once().await.expect("batch");
    assert_eq!((report.detected, report.left, report.deleted), (0, 1, 0));
    assert!(h.prediction(job.prediction_id).await.is_some(), "stored before the callback");
    assert!(h.notifier.notified().is_empty());

    let report = BatchReport { received: 1, repeated: 1, deleted: 1, ..BatchReport::default() };
    assert_eq!(h.worker.run_once().await.expect("batch after the visibility timeout"), report);
    assert_eq!(h.detector.images.load(Ordering::SeqCst), 1);
    assert_eq!(h.notifier.notified(), [job.prediction_id]);
}

#[tokio::test]
async fn the_heartbeat_keeps_a_long_job_hidden() {
    let h = Arc::new(harness(Duration::from_millis(300), Duration::from_millis(1200)));
    h.submit(png(64, 48)).await;
    let running = tokio::spawn({
        let h = h.clone();
        async move { h.worker.run_once().await }
    });
    eventually("the model to start", || h.detector.calls.load(Ordering::SeqCst) == 1).await;
    tokio::time::sleep(Duration::from_millis(600)).await; // twice the visibility timeout
    assert_eq!(h.depth().await, QueueDepth { visible: 0, in_flight: 1 }, "still hidden");
    let report = running.await.expect("joined").expect("batch");
    assert_eq!((report.detected, report.deleted), (1, 1));
    assert_eq!(h.detector.calls.load(Ordering::SeqCst), 1, "nobody else ran it");
}

/// Runs the worker loop and sends the stop signal once the model is busy with a job; the sender is
/// returned so that it stays open.
async fn stop_while_detecting(h: &Arc<Harness>) -> (watch::Sender<bool>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = watch::channel(false);
    let run = tokio::spawn({
        let h = h.clone();
        async move { h.worker.run(stopped).await }
    });
    eventually("the model to start", || h.detector.calls.load(Ordering::SeqCst) == 1).await;
    stop.send_replace(true);
    (stop, run)
}

#[tokio::test]
async fn on_shutdown_a_job_past_the_drain_timeout_is_released() {
    let h = Arc::new(harness(Duration::from_secs(30), Duration::from_millis(1500)));
    let job = h.submit(png(64, 48)).await;
    let (_stop, run) = stop_while_detecting(&h).await;
    tokio::time::timeout(Duration::from_secs(1), run)
        .await
        .expect("stops within the drain timeout")
        .expect("joined");
    assert_eq!(h.depth().await, QueueDepth { visible: 1, in_flight: 0 }, "released at once");
    assert!(h.prediction(job.prediction_id).await.is_none());
    assert!(h.notifier.notified().is_empty());
}

#[tokio::test]
async fn on_shutdown_a_job_on_its_last_delivery_is_handed_back_as_a_fresh_copy() {
    let mut h = harness(Duration::from_secs(30), Duration::from_millis(1500));
    h.worker.config.max_receives = 1;
    let h = Arc::new(h);
    let job = h.submit(png(64, 48)).await;
    let (_stop, run) = stop_while_detecting(&h).await;
    run.await.expect("joined");
    assert_eq!(h.depth().await, QueueDepth { visible: 1, in_flight: 0 });
    let again = h.queue.receive(1, Duration::ZERO).await.expect("receive").remove(0);
    assert_eq!(again.receive_count, 1, "a fresh message: the shutdown does not count against the job");
    assert_eq!(Job::from_json(&again.body).expect("the job"), job);
    assert!(h.dlq.bodies().is_empty());
}

#[tokio::test]
async fn on_shutdown_a_job_within_the_drain_timeout_is_finished() {
    let mut h = harness(Duration::from_secs(30), Duration::from_millis(300));
    h.worker.config.drain_timeout = Duration::from_secs(5);
    let h = Arc::new(h);
    let job = h.submit(png(64, 48)).await;
    let (_stop, run) = stop_while_detecting(&h).await;
    run.await.expect("joined");
    assert_eq!(h.notifier.notified(), [job.prediction_id]);
    assert_eq!(h.depth().await, QueueDepth::default());
}

#[tokio::test]
async fn a_callback_the_bot_cannot_take_on_the_last_delivery_goes_on_as_a_fresh_copy_for_an_hour() {
    let h = harness(Duration::ZERO, Duration::ZERO);
    let job = h.submit(png(64, 48)).await;
    // The bot answers 503 (Telegram's flood control, another call sending it) to every callback of three deliveries.
    h.notifier.fail_next(3);
    for delivery in 1..=3 {
        let report = h.worker.run_once().await.expect("batch");
        assert_eq!((report.received, report.left), (1, 1), "delivery {delivery}");
    }
    assert!(
        h.dlq.bodies().is_empty(),
        "not dead-lettered: the prediction is stored, only the callback waits"
    );
    assert_eq!(h.queue.bodies(), [job.to_json()], "a fresh copy of the job");
    let report = h.worker.run_once().await.expect("the copy's first delivery");
    assert_eq!((report.received, report.repeated, report.deleted), (1, 1, 1));
    assert_eq!(h.notifier.notified(), [job.prediction_id], "told once the bot takes it");
    assert!(h.queue.bodies().is_empty());

    // A job queued over an hour ago is not carried on: it waits in the dead-letter queue.
    let fresh = Job::new(Uuid::new_v4(), 77, 6, "png");
    let stale = Job { submitted_at: fresh.submitted_at - Duration::from_secs(3601), ..fresh };
    h.store.put(&stale.image_key, png(64, 48), "image/png").await.expect("put");
    h.queue.send(&stale.to_json()).await.expect("send");
    h.notifier.fail_next(3);
    for _ in 1..=3 {
        h.worker.run_once().await.expect("batch");
    }
    h.worker.run_once().await.expect("nothing left");
    assert_eq!(h.dlq.bodies(), [stale.to_json()]);
}
