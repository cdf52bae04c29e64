//! The queue worker: jobs from SQS, photos from S3, detections into DynamoDB, a callback to the bot.
//!
//! Every hand-off is idempotent, so a job delivered twice is answered once:
//! - a message is deleted only after its prediction is stored and the bot acknowledged the callback;
//!   until then a heartbeat keeps it hidden, and if anything fails it reappears after the visibility timeout;
//! - a job whose prediction is already stored is not run again: only the callback is repeated;
//! - input that can never succeed (a missing photo, an unreadable or too large image, a malformed job
//!   that still names its chat) gets a `failed` prediction with a reason for the user; what cannot even
//!   be identified is left for the queue's redrive to the dead-letter queue;
//! - one photo cannot sink its batch: when the model fails on a batch, its photos run again one by one,
//!   and only the one that still fails comes back;
//! - a job that keeps failing is answered as failed on its last delivery before the dead-letter queue
//!   ([`WorkerConfig::max_receives`]), so the user hears of it;
//! - decoding is bounded by a memory budget shared by every loop ([`Worker::decode_budget`]), planned
//!   from each image's header, so no photo, however large, can take the worker down; and in time, by a
//!   cap on a JPEG's scans and a deadline ([`WorkerConfig::decode_timeout`]), so no photo holds its batch;
//! - what fails after the detection (drawing, storing the annotated image) is answered as failed on the
//!   last delivery too;
//! - a video is read into a few frames a second within the same memory budget and its own deadline
//!   ([`WorkerConfig::video`]), its frames run through the model in batches of their own, and the answer is its
//!   most crowded frame with a summary over the frames ([`common::schema::Clip`]).

pub mod notify;
pub mod serve;

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    sync::Arc,
    time::Duration,
};

use bytes::Bytes;
use common::{
    question::Question,
    queue::{Delivery, JobQueue, QueueError, Receipt},
    retry::{Backoff, Transient},
    schema::{Clip, ClipClass, Failure, Job, Label, Media, Prediction, Status, unix_now, unix_seconds},
    store::{ObjectStore, StoreError},
    table::{PredictionTable, Put},
};
use futures::future::join_all;
use image::RgbImage;
use tokio::{
    sync::{OwnedSemaphorePermit, Semaphore, watch},
    task::JoinHandle,
};
use uuid::Uuid;

use crate::{
    annotate::annotated_jpeg,
    detector::Detector,
    image::{DecodeError, DecodeLimits, Decoded, decode_planned, plan},
    inference::Inference,
    postprocess::Detection,
    video::{Frames, VideoError, VideoLimits},
    worker::notify::Notifier,
};

/// How the worker paces itself.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkerConfig {
    /// Messages per receive, 1..=10; the decodable ones run as one batch.
    pub batch_size: u8,
    /// The long-poll wait of a receive.
    pub wait: Duration,
    /// How long a received message stays hidden; the heartbeat renews it at a third of this.
    pub visibility: Duration,
    /// After a shutdown signal, how long a batch in progress may take before its messages are released.
    pub drain_timeout: Duration,
    /// The delivery on which a job that still fails is answered as failed instead of left to come back:
    /// the queue's `maxReceiveCount`, after which it would move to the dead-letter queue unanswered.
    pub max_receives: u32,
    /// How large images may be ([`Worker::decode_budget`] holds `max_bytes` for all loops together).
    pub decode: DecodeLimits,
    /// The longest one decode may take: an image still decoding then is answered as too slow to open and
    /// its batch goes on without it (its thread finishes on its own, its memory held until then).
    pub decode_timeout: Duration,
    /// How long the table keeps a prediction (its `expires_at`, which DynamoDB's time to live reads);
    /// `None` keeps it for ever.
    pub keep_predictions: Option<Duration>,
    /// How much of a video is looked at: frames a second, length, frame size, deadline. Its frames are held
    /// within the decode budget too.
    pub video: VideoLimits,
}

impl WorkerConfig {
    /// Deliveries before giving up when the queue has no redrive policy to say.
    pub const DEFAULT_MAX_RECEIVES: u32 = 5;
    /// A decode's deadline, well above what photos of the largest size the memory plan allows take to
    /// decode (docs/capacity.md).
    pub const DEFAULT_DECODE_TIMEOUT: Duration = Duration::from_secs(10);
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            batch_size: 4,
            wait: Duration::from_secs(20),
            visibility: Duration::from_secs(30),
            drain_timeout: Duration::from_secs(20),
            max_receives: Self::DEFAULT_MAX_RECEIVES,
            decode: DecodeLimits::default(),
            decode_timeout: Self::DEFAULT_DECODE_TIMEOUT,
            keep_predictions: Some(Duration::from_secs(30 * 24 * 3600)),
            video: VideoLimits::default(),
        }
    }
}

/// What one batch came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Messages received.
    pub received: usize,
    /// Jobs detected and stored.
    pub detected: usize,
    /// Jobs stored as `failed` (bad input).
    pub failed: usize,
    /// Jobs whose prediction already existed: only the callback was redone.
    pub repeated: usize,
    /// Messages deleted.
    pub deleted: usize,
    /// Messages left on the queue to come back (a transient failure, or not identifiable).
    pub left: usize,
}

/// The outside services and the model the worker uses.
#[derive(Clone)]
pub struct Worker {
    /// Where jobs come from.
    pub queue: Arc<dyn JobQueue>,
    /// Where photos are and annotated images go.
    pub store: Arc<dyn ObjectStore>,
    /// Where predictions go.
    pub table: Arc<dyn PredictionTable>,
    /// The model.
    pub detector: Arc<dyn Detector>,
    /// The bot.
    pub notifier: Arc<dyn Notifier>,
    /// Pacing.
    pub config: WorkerConfig,
    /// Bytes of decoding under way, in KiB, shared by every loop: a decode waits until its planned
    /// peak fits. Make it with [`Worker::decode_budget_for`].
    pub decode_budget: Arc<Semaphore>,
    /// The threads the model runs on: one per batch loop ([`crate::inference`] says why).
    pub inference: Inference,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker").field("config", &self.config).finish_non_exhaustive()
    }
}

/// A job's state between the steps of a batch.
enum Step {
    /// Not identifiable: left for redrive.
    Unidentified,
    /// A transient failure: left to come back, or answered as failed on the last delivery.
    Retry(Job),
    /// Stored before: only the callback is due.
    Stored(Uuid),
    /// Bad input: store a failed prediction for this reason.
    Failed(Job, Failure),
    /// Ready to detect.
    Image(Job, Decoded),
    /// A video's frames, what the model found in each once it ran (empty before), and their share of the decode
    /// budget, held until the answer is stored.
    Video(Job, Frames, Vec<Vec<Detection>>, OwnedSemaphorePermit),
}

/// Frames of one video run through the model at once.
const FRAMES_PER_RUN: usize = 8;

/// How long after it was queued a job is carried on past its last delivery while the bot cannot take its
/// callback ([`Worker::carries_on`]); as long as a chat's place for a waiting photo counts
/// (`common::table::WAITING_EXPIRES_AFTER`).
pub const MAX_CALLBACK_AGE: Duration = common::table::WAITING_EXPIRES_AFTER;

impl Worker {
    /// A decode budget holding `limits.max_bytes`, to share between the loops of one process.
    pub fn decode_budget_for(limits: &DecodeLimits) -> Arc<Semaphore> {
        Arc::new(Semaphore::new(kib(limits.max_bytes) as usize))
    }

    /// Receives one batch and processes it.
    pub async fn run_once(&self) -> Result<BatchReport, QueueError> {
        let deliveries = self.queue.receive(self.config.batch_size, self.config.wait).await?;
        Ok(self.process(deliveries).await)
    }

    /// Runs batches until `stop` turns true; then finishes the batch in progress within the drain
    /// timeout, or releases its messages (visibility 0) for another worker.
    pub async fn run(&self, mut stop: watch::Receiver<bool>) {
        let patiently = Backoff::forever(Duration::from_secs(1), Duration::from_secs(30));
        loop {
            let received = tokio::select! {
                biased;
                _ = stop.wait_for(|stop| *stop) => return,
                received = patiently.retry("ReceiveMessage", || {
                    self.queue.receive(self.config.batch_size, self.config.wait)
                }) => received,
            };
            let deliveries = match received {
                Ok(deliveries) => deliveries,
                Err(error) => {
                    // Final: a stale receipt cannot come from a receive; never expected.
                    tracing::error!(message = "Failed to receive jobs.", %error);
                    continue;
                }
            };
            let in_hand = deliveries.clone();
            let drain = async {
                let _ = stop.wait_for(|stop| *stop).await;
                tokio::time::sleep(self.config.drain_timeout).await;
            };
            tokio::select! {
                report = self.process(deliveries) => tracing::debug!(message = "Batch done.", ?report),
                () = drain => {
                    tracing::warn!(message = "Drain timeout: handing back the batch in progress.", jobs = in_hand.len());
                    join_all(in_hand.iter().map(|delivery| self.hand_back(delivery))).await;
                    return;
                }
            }
        }
    }

    /// Gives a job this worker will not finish (it is stopping) to another: visible again at once, or,
    /// on its last delivery, as a fresh copy, so that a shutdown never sends a job to the dead-letter
    /// queue. A job finished meanwhile answers with a stale receipt, or comes back and finds its
    /// prediction stored.
    async fn hand_back(&self, delivery: &Delivery) {
        let handed = if delivery.receive_count >= self.config.max_receives {
            self.pass_on(delivery).await
        } else {
            self.queue.set_visibility(&delivery.receipt, Duration::ZERO).await
        };
        if let Err(error) = handed {
            tracing::warn!(message = "Could not hand a job back; it returns after its visibility timeout.",
                message_id = delivery.receipt.message_id, %error);
        }
    }

    /// Queues a fresh copy of `delivery`'s job (its deliveries counted from one again) and deletes this one.
    async fn pass_on(&self, delivery: &Delivery) -> Result<(), QueueError> {
        self.queue.send(&delivery.body).await?;
        self.queue.delete(&delivery.receipt).await
    }

    /// Whether a job whose callback the bot would not take on its last delivery goes on as a fresh copy: its
    /// prediction is stored and the bot is only waiting (on Telegram's flood control, on another call sending
    /// it) or unreachable for now, so the dead-letter queue would only leave a user unanswered. Not past
    /// [`MAX_CALLBACK_AGE`], nor for a body that is no job (it could not have been stored).
    fn carries_on(delivery: &Delivery) -> bool {
        Job::from_json(&delivery.body)
            .is_ok_and(|job| unix_now() - unix_seconds(job.submitted_at) < MAX_CALLBACK_AGE.as_secs_f64())
    }

    /// Processes received messages as one batch.
    pub async fn process(&self, deliveries: Vec<Delivery>) -> BatchReport {
        let mut report = BatchReport { received: deliveries.len(), ..BatchReport::default() };
        if deliveries.is_empty() {
            return report;
        }
        let receipts = deliveries.iter().map(|d| d.receipt.clone()).collect();
        let _heartbeat = Heartbeat::start(self.queue.clone(), receipts, self.config.visibility);
        let lag =
            deliveries.iter().map(|d| d.sent_at.elapsed().unwrap_or_default()).max().unwrap_or_default();
        metrics::gauge!("yolo5_queue_lag_seconds").set(lag.as_secs_f64());

        let steps = join_all(deliveries.iter().map(|d| self.prepare(d))).await;
        let steps = self.detect(steps).await;
        let finished = join_all(deliveries.iter().zip(steps).map(|(d, step)| self.finish(d, step))).await;
        for outcome in finished {
            match outcome {
                Outcome::Detected => report.detected += 1,
                Outcome::Failed => report.failed += 1,
                Outcome::Repeated => report.repeated += 1,
                Outcome::Left => report.left += 1,
            }
            metrics::counter!("yolo5_jobs_total", "outcome" => outcome.label()).increment(1);
        }
        report.deleted = report.received - report.left;
        report
    }

    /// Parses the job, skips it if already stored, fetches and decodes the photo.
    async fn prepare(&self, delivery: &Delivery) -> Step {
        let message_id = delivery.receipt.message_id.as_str();
        let job = match Job::from_json(&delivery.body) {
            Ok(job) => job,
            Err(error) => {
                return match Job::identify(&delivery.body) {
                    Some(job) => {
                        tracing::warn!(message = "Malformed job; telling the user.", message_id, %error, prediction_id = %job.prediction_id);
                        Step::Failed(job, Failure::Job)
                    }
                    None => {
                        tracing::error!(message = "Unidentifiable job; leaving it for the dead-letter queue.", message_id, %error, receive_count = delivery.receive_count);
                        Step::Unidentified
                    }
                };
            }
        };
        match self.table.get(job.prediction_id).await {
            Ok(Some(_)) => return Step::Stored(job.prediction_id),
            Ok(None) => {}
            Err(error) => {
                tracing::error!(message = "Failed to read the prediction table.", prediction_id = %job.prediction_id, %error);
                return Step::Retry(job);
            }
        }
        let bytes = match self.store.get(&job.image_key).await {
            Ok(bytes) => bytes,
            Err(StoreError::NotFound { key }) => {
                tracing::warn!(message = "The job's photo is missing.", prediction_id = %job.prediction_id, key);
                return Step::Failed(job, Failure::Missing);
            }
            Err(error) => {
                tracing::error!(message = "Failed to fetch the photo.", prediction_id = %job.prediction_id, %error);
                return Step::Retry(job);
            }
        };
        if job.media == Media::Video {
            return match self.read_video(bytes).await {
                Ok((frames, memory)) => Step::Video(job, frames, Vec::new(), memory),
                Err(error) => {
                    tracing::warn!(message = "The video could not be read.", prediction_id = %job.prediction_id, %error);
                    let failure = match error {
                        VideoError::Format(_) | VideoError::Corrupt(_) => Failure::VideoFormat,
                        VideoError::TooLong { .. }
                        | VideoError::TooSlow(_)
                        | VideoError::OverBudget { .. } => Failure::VideoTooLong,
                        VideoError::TooLarge { .. } => Failure::VideoTooLarge,
                    };
                    Step::Failed(job, failure)
                }
            };
        }
        match self.decode(bytes).await {
            Ok(image) => Step::Image(job, image),
            Err(error) => {
                tracing::warn!(message = "The photo could not be decoded.", prediction_id = %job.prediction_id, %error);
                let failure = match error {
                    DecodeError::UnknownFormat => Failure::Format,
                    DecodeError::Corrupt(_) => Failure::Corrupt,
                    DecodeError::TooLarge { .. } => Failure::TooLarge,
                    DecodeError::TooManyScans | DecodeError::TooSlow(_) => Failure::TooSlow,
                };
                Step::Failed(job, failure)
            }
        }
    }

    /// Decodes a photo once its planned peak fits in the budget shared by every loop, within the decode's
    /// deadline. A decode past it goes on alone on its thread, holding its share of the budget until it ends.
    async fn decode(&self, bytes: Bytes) -> Result<Decoded, DecodeError> {
        let plan = plan(&bytes, &self.config.decode)?;
        let kib = u32::try_from(kib(plan.peak_bytes())).expect("a plan is within max_bytes, far below 4 TiB");
        let memory =
            self.decode_budget.clone().acquire_many_owned(kib).await.expect("the budget is never closed");
        let decoding = tokio::task::spawn_blocking(move || {
            let decoded = decode_planned(&bytes, &plan);
            drop(memory);
            decoded
        });
        match tokio::time::timeout(self.config.decode_timeout, decoding).await {
            Ok(Ok(decoded)) => decoded,
            Ok(Err(panic)) => Err(DecodeError::Corrupt(format!("the decoder panicked: {panic}"))),
            Err(_) => Err(DecodeError::TooSlow(self.config.decode_timeout)),
        }
    }

    /// Reads a video's frames ([`crate::video::Opened::read`]) once its planned peak fits in the decode budget, within its
    /// deadline; like a decode, a read past it goes on alone on its thread, holding its share until it ends.
    async fn read_video(&self, bytes: Bytes) -> Result<(Frames, OwnedSemaphorePermit), VideoError> {
        let limits = self.config.video.clone();
        let video = crate::video::open(&bytes, &limits)?;
        let plan = &video.plan;
        if plan.peak_bytes > self.config.decode.max_bytes {
            let mib = |bytes: u64| bytes.div_ceil(1 << 20);
            return Err(VideoError::OverBudget {
                needed: mib(plan.peak_bytes),
                allowed: mib(self.config.decode.max_bytes),
            });
        }
        let kib = u32::try_from(kib(plan.peak_bytes)).expect("a plan is within max_bytes, far below 4 TiB");
        let memory =
            self.decode_budget.clone().acquire_many_owned(kib).await.expect("the budget is never closed");
        let timeout = limits.timeout;
        // The budget's share goes with the frames until the answer is stored; a read past its deadline holds it
        // until its thread ends.
        let reading =
            tokio::task::spawn_blocking(move || video.read(&bytes, &limits).map(|frames| (frames, memory)));
        match tokio::time::timeout(timeout, reading).await {
            Ok(Ok(read)) => read,
            Ok(Err(panic)) => Err(VideoError::Corrupt(format!("the decoder panicked: {panic}"))),
            Err(_) => Err(VideoError::TooSlow(timeout)),
        }
    }

    /// Runs every decoded image through the model as one batch, then each video's frames in batches of their own;
    /// the other steps pass through. When the batch fails, its images run again one by one, so that only the one
    /// that fails comes back; a video whose frames fail comes back whole.
    async fn detect(&self, steps: Vec<Step>) -> Vec<(Step, Vec<Detection>)> {
        let mut out: Vec<(Step, Vec<Detection>)> = Vec::with_capacity(steps.len());
        let mut images = Vec::new();
        for (i, step) in steps.into_iter().enumerate() {
            match step {
                Step::Image(job, decoded) => {
                    images.push((i, job, decoded));
                    out.push((Step::Unidentified, Vec::new()));
                }
                other => out.push((other, Vec::new())),
            }
        }
        if !images.is_empty() {
            self.detect_images(images, &mut out).await;
        }
        for (step, _) in &mut out {
            if let Step::Video(job, frames, found, _) = step {
                match self.detect_frames(frames).await {
                    Ok(detections) => *found = detections,
                    Err(error) => {
                        tracing::error!(message = "Detection failed on a video; the job will come back.",
                            prediction_id = %job.prediction_id, %error);
                        let job = job.clone();
                        *step = Step::Retry(job);
                    }
                }
            }
        }
        out
    }

    /// Runs `images` through the model as one batch, into their places in `out`; when the batch fails, one by one.
    async fn detect_images(&self, images: Vec<(usize, Job, Decoded)>, out: &mut [(Step, Vec<Detection>)]) {
        let (images, result) = self.run_model(images, |(_, _, decoded)| &decoded.image).await;
        let runs = match result {
            Ok(found) => vec![(images, Ok(found))],
            Err(error) if images.len() > 1 => {
                tracing::warn!(message = "Detection failed for a batch; running its photos one by one.", %error, photos = images.len());
                let mut runs = Vec::new();
                for image in images {
                    runs.push(self.run_model(vec![image], |(_, _, decoded)| &decoded.image).await);
                }
                runs
            }
            Err(error) => vec![(images, Err(error))],
        };
        for (images, result) in runs {
            match result {
                Ok(found) => {
                    for ((i, job, decoded), detections) in images.into_iter().zip(found) {
                        out[i] = (Step::Image(job, decoded), detections);
                    }
                }
                Err(error) => {
                    for (i, job, _) in images {
                        tracing::error!(message = "Detection failed; the job will come back.", prediction_id = %job.prediction_id, %error);
                        out[i] = (Step::Retry(job), Vec::new());
                    }
                }
            }
        }
    }

    /// What the model finds in each of a video's frames, [`FRAMES_PER_RUN`] at a time.
    async fn detect_frames(&self, frames: &mut Frames) -> Result<Vec<Vec<Detection>>, String> {
        let mut found = Vec::with_capacity(frames.frames.len());
        let mut left = std::mem::take(&mut frames.frames);
        while !left.is_empty() {
            let rest = left.split_off(left.len().min(FRAMES_PER_RUN));
            let (run, result) = self.run_model(left, |(_, decoded)| &decoded.image).await;
            frames.frames.extend(run);
            left = rest;
            match result {
                Ok(detections) => found.extend(detections),
                Err(error) => {
                    frames.frames.extend(left);
                    return Err(error);
                }
            }
        }
        Ok(found)
    }

    /// One forward pass over the images of `items` on an inference thread; a panic in it is an error like any
    /// other, and the items come back either way.
    async fn run_model<T: Send + 'static>(
        &self,
        items: Vec<T>,
        image: fn(&T) -> &RgbImage,
    ) -> (Vec<T>, Result<Vec<Vec<Detection>>, String>) {
        let detector = self.detector.clone();
        let started = std::time::Instant::now();
        let (images, result) = self
            .inference
            .run(move || {
                let refs: Vec<&RgbImage> = items.iter().map(image).collect();
                let result = match catch_unwind(AssertUnwindSafe(|| detector.detect(&refs))) {
                    Ok(Ok(found)) if found.len() == refs.len() => Ok(found),
                    Ok(Ok(found)) => {
                        Err(format!("the detector gave {} results for {} images", found.len(), refs.len()))
                    }
                    Ok(Err(error)) => Err(error.to_string()),
                    Err(panic) => Err(format!("the detector panicked: {}", panic_message(panic.as_ref()))),
                };
                (items, result)
            })
            .await
            .expect("panics are caught inside");
        metrics::histogram!("yolo5_inference_seconds").record(started.elapsed().as_secs_f64());
        (images, result)
    }

    /// Stores the outcome, tells the bot, deletes the message. A job that fails on its last delivery, before
    /// the detection or after it, is answered as failed.
    async fn finish(&self, delivery: &Delivery, (step, detections): (Step, Vec<Detection>)) -> Outcome {
        let last = delivery.receive_count >= self.config.max_receives;
        let step = match step {
            Step::Retry(job) if last => {
                tracing::error!(message = "A job failed on its last delivery; telling the user.",
                    prediction_id = %job.prediction_id, receive_count = delivery.receive_count);
                Step::Failed(job, Failure::Job)
            }
            step => step,
        };
        let (prediction_id, outcome) = match step {
            Step::Unidentified | Step::Retry(_) => return Outcome::Left,
            Step::Stored(prediction_id) => (prediction_id, Outcome::Repeated),
            Step::Failed(job, failure) => {
                let prediction = Prediction::failed(&job, self.detector.model_name(), failure);
                if !self.store_prediction(prediction).await {
                    return Outcome::Left;
                }
                (job.prediction_id, Outcome::Failed)
            }
            Step::Image(job, image) => {
                let detections = asked(job.question.as_ref(), detections, self.detector.names());
                let annotated = self.store_annotated(&job, image, detections, None).await;
                match self.store_detected(delivery, &job, annotated).await {
                    Some(outcome) => (job.prediction_id, outcome),
                    None => return Outcome::Left,
                }
            }
            Step::Video(job, frames, found, _memory) => {
                let annotated = self.store_clip(&job, frames, found).await;
                match self.store_detected(delivery, &job, annotated).await {
                    Some(outcome) => (job.prediction_id, outcome),
                    None => return Outcome::Left,
                }
            }
        };
        if let Err(error) = self.notifier.notify(prediction_id).await {
            if last && error.is_transient() && Self::carries_on(delivery) {
                tracing::warn!(message = "The bot did not take the callback on the job's last delivery; \
                    the job goes on as a fresh copy.", %prediction_id, %error);
                if let Err(error) = self.pass_on(delivery).await {
                    tracing::error!(message = "Could not pass the job on.", %prediction_id, %error);
                }
                return Outcome::Left;
            }
            tracing::error!(message = "The bot was not told; the job will come back.", %prediction_id, %error);
            return Outcome::Left;
        }
        match self.queue.delete(&delivery.receipt).await {
            Ok(()) => outcome,
            Err(error) => {
                // The job comes back, finds its prediction, and only the callback is repeated.
                tracing::error!(message = "Failed to delete a finished job.", %prediction_id, %error);
                Outcome::Left
            }
        }
    }

    /// Stores the prediction of a job detected (`annotated`, `None` when its picture could not be stored): the
    /// outcome, or `None` when the job is left to come back. On the last delivery a job whose picture could not be
    /// stored is answered as failed.
    async fn store_detected(
        &self,
        delivery: &Delivery,
        job: &Job,
        annotated: Option<Prediction>,
    ) -> Option<Outcome> {
        let (prediction, outcome) = match annotated {
            Some(prediction) => (prediction, Outcome::Detected),
            None if delivery.receive_count >= self.config.max_receives => {
                tracing::error!(message = "A job failed on its last delivery; telling the user.",
                    prediction_id = %job.prediction_id, receive_count = delivery.receive_count);
                (Prediction::failed(job, self.detector.model_name(), Failure::Job), Outcome::Failed)
            }
            None => return None,
        };
        self.store_prediction(prediction).await.then_some(outcome)
    }

    /// A video's answer: its most crowded frame (the most detections the question keeps; the first of equals),
    /// annotated, with what each class did over the frames ([`clip_classes`]).
    async fn store_clip(&self, job: &Job, frames: Frames, found: Vec<Vec<Detection>>) -> Option<Prediction> {
        let names = self.detector.names();
        let kept: Vec<Vec<Detection>> =
            found.into_iter().map(|detections| asked(job.question.as_ref(), detections, names)).collect();
        let Frames { seconds, frames: mut pictures } = frames;
        let best = (0..kept.len()).max_by_key(|&i| (kept[i].len(), std::cmp::Reverse(i)))?;
        let classes = clip_classes(&kept, names);
        let (shown_at, picture) = pictures.swap_remove(best);
        let frames = u32::try_from(kept.len()).unwrap_or(u32::MAX);
        let clip = Clip { seconds, frames, shown_at, classes };
        let detections = kept.into_iter().nth(best).unwrap_or_default();
        self.store_annotated(job, picture, detections, Some(clip)).await
    }

    /// Draws and uploads the annotated image of `detections` (those the question keeps); returns the prediction to
    /// store, with `clip` for a video.
    async fn store_annotated(
        &self,
        job: &Job,
        decoded: Decoded,
        detections: Vec<Detection>,
        clip: Option<Clip>,
    ) -> Option<Prediction> {
        let names = self.detector.names().to_vec();
        let model = self.detector.model_name().to_owned();
        let labels = labels(&detections, &names, &decoded);
        let (width, height) = decoded.original;
        let drawing = tokio::task::spawn_blocking(move || annotated_jpeg(decoded.image, &detections, &names));
        let jpeg = match drawing.await {
            Ok(jpeg) => jpeg,
            Err(error) => {
                let panic = error.try_into_panic().map(|panic| panic_message(panic.as_ref()).to_owned());
                tracing::error!(message = "Drawing the annotated image panicked; the job will come back.",
                    prediction_id = %job.prediction_id, panic = panic.as_deref().unwrap_or("cancelled"));
                return None;
            }
        };
        let key = Prediction::predicted_key_for(job.prediction_id);
        if let Err(error) = self.store.put(&key, Bytes::from(jpeg), "image/jpeg").await {
            tracing::error!(message = "Failed to store the annotated image.", prediction_id = %job.prediction_id, %error);
            return None;
        }
        Some(Prediction {
            prediction_id: job.prediction_id,
            chat_id: job.chat_id,
            message_id: job.message_id,
            original_img_path: job.image_key.clone(),
            predicted_img_path: Some(key),
            labels,
            time: unix_now(),
            width,
            height,
            model,
            status: Status::Done,
            reason: None,
            failure: None,
            // What the answer says it counted: a confidence asked below the model's own is the model's.
            question: job.question.clone().map(|question| Question {
                confidence: question.confidence.map(|asked| asked.max(self.detector.least_confidence())),
                ..question
            }),
            clip,
            language: job.language.clone(),
            received_at: job.received_at.map(unix_seconds),
            notified_at: None,
            expires_at: None,
        })
    }

    /// Stores a prediction unless one exists, with its expiry; false on a transient failure.
    async fn store_prediction(&self, prediction: Prediction) -> bool {
        let expires_at =
            self.config.keep_predictions.map(|keep| (prediction.time + keep.as_secs_f64()) as i64);
        let prediction = Prediction { expires_at, ..prediction };
        match self.table.put_if_absent(&prediction).await {
            Ok(Put::Inserted | Put::AlreadyExists) => true,
            Err(error) => {
                tracing::error!(message = "Failed to store the prediction.", prediction_id = %prediction.prediction_id, %error);
                false
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Outcome {
    Detected,
    Failed,
    Repeated,
    Left,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Self::Detected => "done",
            Self::Failed => "failed",
            Self::Repeated => "repeated",
            Self::Left => "left",
        }
    }
}

/// The detections the job's question asks for ([`Question::keeps`]): all of them when it asks nothing. The answer's
/// picture marks only these, and the prediction lists only these.
pub fn asked(
    question: Option<&Question>,
    mut detections: Vec<Detection>,
    names: &[String],
) -> Vec<Detection> {
    if let Some(question) = question {
        let name = |detection: &Detection| names.get(detection.class_id as usize).map_or("", String::as_str);
        detections.retain(|detection| question.keeps(name(detection), detection.confidence));
    }
    detections
}

/// Each class seen in a video's frames (the detections kept in each): the most in one frame and the share of the
/// frames that show it; most seen at once first, then the most often seen, then by name.
pub fn clip_classes(frames: &[Vec<Detection>], names: &[String]) -> Vec<ClipClass> {
    let mut classes: Vec<ClipClass> = Vec::new();
    for detections in frames {
        let found: Vec<String> = detections.iter().map(|d| class_name(names, d.class_id)).collect();
        for (class, count) in common::schema::class_counts(found.iter().map(String::as_str)) {
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            match classes.iter_mut().find(|seen| seen.class == class) {
                Some(seen) => {
                    seen.most = seen.most.max(count);
                    seen.share += 1.0;
                }
                None => classes.push(ClipClass { class: class.to_owned(), most: count, share: 1.0 }),
            }
        }
    }
    for class in &mut classes {
        class.share /= frames.len().max(1) as f32;
    }
    classes.sort_by(|a, b| {
        b.most.cmp(&a.most).then(b.share.total_cmp(&a.share)).then_with(|| a.class.cmp(&b.class))
    });
    classes
}

/// A class's name in the model's list, or `class 7` where the list has none.
fn class_name(names: &[String], class_id: u32) -> String {
    names.get(class_id as usize).cloned().unwrap_or_else(|| format!("class {class_id}"))
}

/// The schema's labels of detections in a decoded image, in the original's pixels.
pub fn labels(detections: &[Detection], names: &[String], decoded: &Decoded) -> Vec<Label> {
    let (w, h) = (decoded.image.width() as f32, decoded.image.height() as f32);
    detections
        .iter()
        .map(|d| {
            let [x1, y1, x2, y2] = d.xyxy;
            Label {
                class: class_name(names, d.class_id),
                class_id: d.class_id,
                confidence: d.confidence,
                cx: (x1 + x2) / 2.0 / w,
                cy: (y1 + y2) / 2.0 / h,
                width: (x2 - x1) / w,
                height: (y2 - y1) / h,
                xyxy: decoded.to_original(d.xyxy),
            }
        })
        .collect()
}

/// Bytes in KiB, rounded up: the decode budget's unit.
fn kib(bytes: u64) -> u64 {
    bytes.div_ceil(1024)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// Keeps a batch's messages hidden while it runs; stops when dropped.
struct Heartbeat(JoinHandle<()>);

impl Heartbeat {
    fn start(queue: Arc<dyn JobQueue>, receipts: Vec<Receipt>, visibility: Duration) -> Self {
        Self(tokio::spawn(async move {
            loop {
                tokio::time::sleep(visibility / 3).await;
                for receipt in &receipts {
                    if let Err(error) = queue.set_visibility(receipt, visibility).await {
                        tracing::debug!(message = "Heartbeat skipped a message.", %error);
                    }
                }
            }
        }))
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.0.abort();
    }
}
