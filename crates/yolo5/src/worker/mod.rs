//! The queue worker: jobs from SQS, photos from S3, detections into DynamoDB, a callback to the bot.
//!
//! Every hand-off is idempotent, so a job delivered twice is answered once:
//! - a message is deleted only after its prediction is stored and the bot acknowledged the callback;
//!   until then a heartbeat keeps it hidden, and if anything fails it reappears after the visibility timeout;
//! - a job whose prediction is already stored is not run again: only the callback is repeated;
//! - input that can never succeed (a missing photo, an unreadable image, a malformed job that still names
//!   its chat) gets a `failed` prediction with a reason for the user; what cannot even be identified is
//!   left for the queue's redrive to the dead-letter queue.

pub mod notify;
pub mod serve;

use std::{sync::Arc, time::Duration};

use bytes::Bytes;
use common::{
    queue::{Delivery, JobQueue, QueueError, Receipt},
    schema::{Job, Label, Prediction, Status, unix_now},
    store::{ObjectStore, StoreError},
    table::{PredictionTable, Put},
};
use futures::future::join_all;
use image::RgbImage;
use tokio::{sync::watch, task::JoinHandle};
use uuid::Uuid;

use crate::{
    annotate::annotated_jpeg,
    detector::Detector,
    image::{DecodeError, decode},
    postprocess::Detection,
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
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            batch_size: 4,
            wait: Duration::from_secs(20),
            visibility: Duration::from_secs(30),
            drain_timeout: Duration::from_secs(20),
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
    /// A transient failure: left to come back.
    Retry,
    /// Stored before: only the callback is due.
    Stored(Uuid),
    /// Bad input: store a failed prediction with this reason.
    Failed(Job, &'static str),
    /// Ready to detect.
    Image(Job, RgbImage),
}

const REASON_JOB: &str = "Something went wrong on my side with this photo. Please send it again.";
const REASON_MISSING: &str = "I could not find your photo any more. Please send it again.";
const REASON_FORMAT: &str =
    "I could not read this file as an image. Please send a JPEG, PNG, WebP, BMP or GIF.";
const REASON_CORRUPT: &str = "This image seems damaged, so I could not read it. Please send it again.";
const REASON_TOO_LARGE: &str = "This image is too large for me. Please send a smaller one.";

impl Worker {
    /// Receives one batch and processes it.
    pub async fn run_once(&self) -> Result<BatchReport, QueueError> {
        let deliveries = self.queue.receive(self.config.batch_size, self.config.wait).await?;
        Ok(self.process(deliveries).await)
    }

    /// Runs batches until `stop` turns true; then finishes the batch in progress within the drain
    /// timeout, or releases its messages (visibility 0) for another worker.
    pub async fn run(&self, mut stop: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        loop {
            let received = tokio::select! {
                biased;
                _ = stop.wait_for(|stop| *stop) => return,
                received = self.queue.receive(self.config.batch_size, self.config.wait) => received,
            };
            let deliveries = match received {
                Ok(deliveries) => {
                    backoff = Duration::from_secs(1);
                    deliveries
                }
                Err(error) => {
                    tracing::error!(message = "Failed to receive jobs; backing off.", %error, ?backoff);
                    tokio::select! {
                        _ = stop.wait_for(|stop| *stop) => return,
                        () = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                    continue;
                }
            };
            let receipts: Vec<Receipt> = deliveries.iter().map(|d| d.receipt.clone()).collect();
            let drain = async {
                let _ = stop.wait_for(|stop| *stop).await;
                tokio::time::sleep(self.config.drain_timeout).await;
            };
            tokio::select! {
                report = self.process(deliveries) => tracing::debug!(message = "Batch done.", ?report),
                () = drain => {
                    tracing::warn!(message = "Drain timeout: releasing the batch in progress.", jobs = receipts.len());
                    // Deleted messages answer with a stale receipt; that is fine.
                    join_all(receipts.iter().map(|r| self.queue.set_visibility(r, Duration::ZERO))).await;
                    return;
                }
            }
        }
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
                return match identify(&delivery.body) {
                    Some(job) => {
                        tracing::warn!(message = "Malformed job; telling the user.", message_id, %error, prediction_id = %job.prediction_id);
                        Step::Failed(job, REASON_JOB)
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
                return Step::Retry;
            }
        }
        let bytes = match self.store.get(&job.image_key).await {
            Ok(bytes) => bytes,
            Err(StoreError::NotFound { key }) => {
                tracing::warn!(message = "The job's photo is missing.", prediction_id = %job.prediction_id, key);
                return Step::Failed(job, REASON_MISSING);
            }
            Err(error) => {
                tracing::error!(message = "Failed to fetch the photo.", prediction_id = %job.prediction_id, %error);
                return Step::Retry;
            }
        };
        match tokio::task::spawn_blocking(move || decode(&bytes)).await {
            Ok(Ok(image)) => Step::Image(job, image),
            Ok(Err(error)) => {
                tracing::warn!(message = "The photo could not be decoded.", prediction_id = %job.prediction_id, %error);
                let reason = match error {
                    DecodeError::UnknownFormat => REASON_FORMAT,
                    DecodeError::Corrupt(_) => REASON_CORRUPT,
                    DecodeError::TooLarge => REASON_TOO_LARGE,
                };
                Step::Failed(job, reason)
            }
            Err(error) => {
                tracing::error!(message = "The decoder panicked.", prediction_id = %job.prediction_id, %error);
                Step::Failed(job, REASON_CORRUPT)
            }
        }
    }

    /// Runs every decoded image through the model as one batch; the other steps pass through.
    async fn detect(&self, steps: Vec<Step>) -> Vec<(Step, Vec<Detection>)> {
        let (images, others): (Vec<_>, Vec<_>) =
            steps.into_iter().enumerate().partition(|(_, step)| matches!(step, Step::Image(..)));
        let mut out: Vec<Option<(Step, Vec<Detection>)>> = Vec::new();
        out.resize_with(images.len() + others.len(), || None);
        for (i, step) in others {
            out[i] = Some((step, Vec::new()));
        }
        if !images.is_empty() {
            let detector = self.detector.clone();
            let started = std::time::Instant::now();
            let result = tokio::task::spawn_blocking(move || {
                let refs: Vec<&RgbImage> = images
                    .iter()
                    .filter_map(|(_, s)| if let Step::Image(_, i) = s { Some(i) } else { None })
                    .collect();
                let detections = detector.detect(&refs).map_err(|e| e.to_string());
                (images, detections)
            })
            .await;
            metrics::histogram!("yolo5_inference_seconds").record(started.elapsed().as_secs_f64());
            match result {
                Ok((images, Ok(detections))) => {
                    for ((i, step), found) in images.into_iter().zip(detections) {
                        out[i] = Some((step, found));
                    }
                }
                Ok((images, Err(error))) => {
                    tracing::error!(message = "Detection failed; the batch will come back.", %error);
                    for (i, _) in images {
                        out[i] = Some((Step::Retry, Vec::new()));
                    }
                }
                Err(error) => {
                    tracing::error!(message = "Detection panicked; the batch will come back.", %error);
                }
            }
        }
        out.into_iter().map(|step| step.unwrap_or((Step::Retry, Vec::new()))).collect()
    }

    /// Stores the outcome, tells the bot, deletes the message.
    async fn finish(&self, delivery: &Delivery, (step, detections): (Step, Vec<Detection>)) -> Outcome {
        let (prediction_id, outcome) = match step {
            Step::Unidentified | Step::Retry => return Outcome::Left,
            Step::Stored(prediction_id) => (prediction_id, Outcome::Repeated),
            Step::Failed(job, reason) => {
                let prediction = Prediction::failed(&job, self.detector.model_name(), reason);
                if !self.store_prediction(&prediction).await {
                    return Outcome::Left;
                }
                (job.prediction_id, Outcome::Failed)
            }
            Step::Image(job, image) => {
                let Some(prediction) = self.store_annotated(&job, image, detections).await else {
                    return Outcome::Left;
                };
                if !self.store_prediction(&prediction).await {
                    return Outcome::Left;
                }
                (job.prediction_id, Outcome::Detected)
            }
        };
        if let Err(error) = self.notifier.notify(prediction_id).await {
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

    /// Draws and uploads the annotated image; returns the prediction to store.
    async fn store_annotated(
        &self,
        job: &Job,
        image: RgbImage,
        detections: Vec<Detection>,
    ) -> Option<Prediction> {
        let names = self.detector.names().to_vec();
        let model = self.detector.model_name().to_owned();
        let (width, height) = image.dimensions();
        let labels = labels(&detections, &names, width, height);
        let jpeg =
            tokio::task::spawn_blocking(move || annotated_jpeg(image, &detections, &names)).await.ok()?;
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
            notified_at: None,
        })
    }

    /// Stores a prediction unless one exists; false on a transient failure.
    async fn store_prediction(&self, prediction: &Prediction) -> bool {
        match self.table.put_if_absent(prediction).await {
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

/// The schema's labels of detections in a `width × height` image.
pub fn labels(detections: &[Detection], names: &[String], width: u32, height: u32) -> Vec<Label> {
    let (w, h) = (width as f32, height as f32);
    detections
        .iter()
        .map(|d| {
            let [x1, y1, x2, y2] = d.xyxy;
            Label {
                class: names
                    .get(d.class_id as usize)
                    .cloned()
                    .unwrap_or_else(|| format!("class {}", d.class_id)),
                class_id: d.class_id,
                confidence: d.confidence,
                cx: (x1 + x2) / 2.0 / w,
                cy: (y1 + y2) / 2.0 / h,
                width: (x2 - x1) / w,
                height: (y2 - y1) / h,
                xyxy: d.xyxy,
            }
        })
        .collect()
}

/// A job from a body that is not a valid [`Job`] but still names its prediction and chat.
fn identify(body: &str) -> Option<Job> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let prediction_id = value["prediction_id"].as_str()?.parse().ok()?;
    let chat_id = value["chat_id"].as_i64()?;
    let message_id = i32::try_from(value["message_id"].as_i64()?).ok()?;
    let mut job = Job::new(prediction_id, chat_id, message_id, "jpg");
    job.image_key = value["image_key"].as_str().unwrap_or_default().to_owned();
    Some(job)
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
