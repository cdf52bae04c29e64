//! What every implementation of [`ObjectStore`], [`JobQueue`] and [`PredictionTable`] must do, written once and
//! run on each: the in-memory fakes most tests use ([`Memory`]) and the AWS implementations on moto ([`Moto`]).
//! A scenario that passes on one and fails on the other is a fake that lies to the tests built on it.
//!
//! `tests/integration/contract.rs` runs every scenario on both; its `contract!` list is the place a new one goes.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use bytes::Bytes;
use uuid::Uuid;

use super::{MotoServer, Options};
use crate::{
    question::Question,
    queue::{JobQueue, MemoryJobQueue, QueueDepth, QueueError},
    schema::{Clip, ClipClass, Failure, Job, Label, Prediction, Status},
    store::{MemoryObjectStore, ObjectStore, StoreError},
    table::{
        Admission, Claim, Mark, MemoryPredictionTable, PredictionTable, Put, TableError,
        WAITING_EXPIRES_AFTER,
    },
};

/// A fresh, empty implementation of each trait.
#[async_trait]
pub trait Backend: Sync {
    /// An object store.
    async fn store(&self) -> Arc<dyn ObjectStore>;
    /// A job queue with `visibility` and, behind it, the dead-letter queue its messages move to on their
    /// `max_receive_count + 1`th receive.
    async fn queue(
        &self,
        visibility: Duration,
        max_receive_count: u32,
    ) -> (Arc<dyn JobQueue>, Arc<dyn JobQueue>);
    /// A prediction table.
    async fn table(&self) -> Arc<dyn PredictionTable>;
}

/// The in-memory fakes.
#[derive(Debug)]
pub struct Memory;

#[async_trait]
impl Backend for Memory {
    async fn store(&self) -> Arc<dyn ObjectStore> {
        Arc::new(MemoryObjectStore::new())
    }

    async fn queue(
        &self,
        visibility: Duration,
        max_receive_count: u32,
    ) -> (Arc<dyn JobQueue>, Arc<dyn JobQueue>) {
        let dlq = Arc::new(MemoryJobQueue::new(visibility));
        let queue = MemoryJobQueue::new(visibility).with_dead_letter_queue(max_receive_count, dlq.clone());
        (Arc::new(queue), dlq)
    }

    async fn table(&self) -> Arc<dyn PredictionTable> {
        Arc::new(MemoryPredictionTable::new())
    }
}

/// S3, SQS and DynamoDB as moto answers them (the shared [`MotoServer`]), each call on resources of its own.
#[derive(Debug)]
pub struct Moto;

impl Moto {
    async fn provision(options: Options) -> super::Resources {
        MotoServer::shared().provision("contract", options).await
    }
}

#[async_trait]
impl Backend for Moto {
    async fn store(&self) -> Arc<dyn ObjectStore> {
        let resources = Self::provision(Options::default()).await;
        Arc::new(resources.aws.object_store(&resources.bucket))
    }

    async fn queue(
        &self,
        visibility: Duration,
        max_receive_count: u32,
    ) -> (Arc<dyn JobQueue>, Arc<dyn JobQueue>) {
        let options = Options { visibility_timeout: visibility, max_receive_count, ..Options::default() };
        let resources = Self::provision(options).await;
        (
            Arc::new(resources.aws.job_queue(&resources.queue_url)),
            Arc::new(resources.aws.job_queue(&resources.dlq_url)),
        )
    }

    async fn table(&self) -> Arc<dyn PredictionTable> {
        let resources = Self::provision(Options::default()).await;
        Arc::new(resources.aws.prediction_table(&resources.table))
    }
}

/// The longest a scenario waits for a message that should come.
const LONG_POLL: Duration = Duration::from_secs(5);

// ---- The object store ----

/// A get returns the bytes of the last put under the key.
pub async fn store_returns_the_last_put(backend: &dyn Backend) {
    let store = backend.store().await;
    let body = Bytes::from((0..=255u8).cycle().take(100_000).collect::<Vec<_>>());
    store.put("photos/1/a.jpg", body.clone(), "image/jpeg").await.expect("put");
    assert_eq!(store.get("photos/1/a.jpg").await.expect("get"), body);
    store.put("photos/1/a.jpg", Bytes::from_static(b"again"), "image/jpeg").await.expect("put again");
    assert_eq!(store.get("photos/1/a.jpg").await.expect("get"), Bytes::from_static(b"again"), "replaced");
}

/// A missing key is [`StoreError::NotFound`], naming the key.
pub async fn store_a_missing_key_is_not_found(backend: &dyn Backend) {
    let store = backend.store().await;
    let error = store.get("photos/1/missing.jpg").await.expect_err("missing");
    assert!(matches!(&error, StoreError::NotFound { key } if key == "photos/1/missing.jpg"), "{error}");
}

// ---- The job queue ----

/// A long poll on an empty queue waits its whole time, and one that a message reaches while it waits returns it.
pub async fn queue_a_long_poll_waits_for_a_message(backend: &dyn Backend) {
    let (queue, _) = backend.queue(Duration::from_secs(30), 3).await;
    let started = tokio::time::Instant::now();
    assert!(queue.receive(10, Duration::from_secs(2)).await.expect("receive").is_empty());
    assert!(started.elapsed() >= Duration::from_millis(1900), "returned after {:?}", started.elapsed());
    let send = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        queue.send("late").await.expect("send")
    };
    let (got, _) = tokio::join!(queue.receive(10, Duration::from_secs(10)), send);
    let got = got.expect("receive");
    assert_eq!(got.iter().map(|d| d.body.as_str()).collect::<Vec<_>>(), ["late"]);
}

/// A received message is hidden for the visibility timeout, then delivered again with a higher receive count
/// and a new receipt; the depth counts it in flight meanwhile; deleting it with the latest receipt ends it.
pub async fn queue_an_unfinished_message_comes_back(backend: &dyn Backend) {
    let (queue, _) = backend.queue(Duration::from_secs(1), 3).await;
    let id = queue.send(r#"{"job":1}"#).await.expect("send");
    let first = queue.receive(10, LONG_POLL).await.expect("receive");
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].receipt.message_id.as_str(), first[0].receive_count), (id.as_str(), 1));
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth { visible: 0, in_flight: 1 });
    let started = tokio::time::Instant::now();
    let second = queue.receive(10, LONG_POLL).await.expect("receive");
    assert_eq!(second.len(), 1, "delivered again after the visibility timeout");
    assert!(started.elapsed() >= Duration::from_millis(500), "hidden for a while first");
    assert_eq!((second[0].body.as_str(), second[0].receive_count), (r#"{"job":1}"#, 2));
    assert_ne!(second[0].receipt.handle, first[0].receipt.handle, "each delivery has its own receipt");
    queue.delete(&second[0].receipt).await.expect("delete");
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth::default());
}

/// A visibility change keeps a message hidden past its timeout (the worker's heartbeat), and visibility zero
/// hands it back at once.
pub async fn queue_a_heartbeat_keeps_a_message_and_zero_releases_it(backend: &dyn Backend) {
    let (queue, _) = backend.queue(Duration::from_secs(1), 3).await;
    queue.send("long job").await.expect("send");
    let delivery = queue.receive(1, LONG_POLL).await.expect("receive").remove(0);
    queue.set_visibility(&delivery.receipt, Duration::from_secs(30)).await.expect("extend");
    assert!(queue.receive(1, Duration::from_secs(2)).await.expect("receive").is_empty(), "kept hidden");
    queue.set_visibility(&delivery.receipt, Duration::ZERO).await.expect("release");
    let again = queue.receive(1, LONG_POLL).await.expect("receive");
    assert_eq!(again.len(), 1, "a released message is visible at once");
    assert_eq!(again[0].receive_count, 2);
}

/// A delete with an earlier delivery's receipt answers success and takes the message: the newer delivery's
/// receipt is stale after it. AWS documents only the success ("the message might not be deleted"); moto
/// deletes, and the fake does as moto, so that the tests built on it meet the harder case.
pub async fn queue_a_delete_with_an_earlier_receipt_takes_the_message(backend: &dyn Backend) {
    let (queue, _) = backend.queue(Duration::from_secs(1), 5).await;
    queue.send("job").await.expect("send");
    let first = queue.receive(1, LONG_POLL).await.expect("receive").remove(0);
    let second = queue.receive(1, LONG_POLL).await.expect("receive").remove(0);
    assert_eq!(second.receive_count, 2);
    queue.delete(&first.receipt).await.expect("an earlier receipt's delete succeeds");
    let error = queue.set_visibility(&second.receipt, Duration::ZERO).await.expect_err("deleted");
    assert!(matches!(error, QueueError::StaleReceipt { .. }), "{error}");
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth::default());
}

/// A message received `max_receive_count` times without being deleted moves to the dead-letter queue on the
/// next receive; the queue tells its count, the dead-letter queue has none.
pub async fn queue_a_message_received_too_often_moves_to_the_dead_letter_queue(backend: &dyn Backend) {
    let (queue, dlq) = backend.queue(Duration::from_secs(30), 3).await;
    assert_eq!(queue.max_receive_count().await.expect("attributes"), Some(3));
    assert_eq!(dlq.max_receive_count().await.expect("attributes"), None, "the DLQ has no redrive of its own");
    queue.send("poison").await.expect("send");
    for count in 1..=3 {
        let got = queue.receive(1, LONG_POLL).await.expect("receive");
        assert_eq!(got.len(), 1, "delivery {count}");
        assert_eq!(got[0].receive_count, count);
        queue.set_visibility(&got[0].receipt, Duration::ZERO).await.expect("release");
    }
    assert!(queue.receive(1, Duration::from_secs(1)).await.expect("receive").is_empty(), "moved instead");
    let dead = dlq.receive(10, LONG_POLL).await.expect("receive the DLQ");
    assert_eq!(dead.iter().map(|d| d.body.as_str()).collect::<Vec<_>>(), ["poison"]);
}

/// A visibility change with the receipt of a deleted message is [`QueueError::StaleReceipt`]: the worker's
/// heartbeat learns that the message is gone.
pub async fn queue_a_deleted_message_s_receipt_is_stale(backend: &dyn Backend) {
    let (queue, _) = backend.queue(Duration::from_secs(30), 3).await;
    queue.send("job").await.expect("send");
    let delivery = queue.receive(1, LONG_POLL).await.expect("receive").remove(0);
    queue.delete(&delivery.receipt).await.expect("delete");
    let error = queue.set_visibility(&delivery.receipt, Duration::from_secs(30)).await.expect_err("stale");
    assert!(matches!(error, QueueError::StaleReceipt { .. }), "{error}");
}

// ---- The prediction table ----

/// A done prediction with awkward floats, as the worker writes one.
fn prediction() -> Prediction {
    let job = Job::new(Uuid::new_v4(), -1_001_234_567_890, 42, "jpg");
    let job = Job { language: Some("ar".into()), ..job };
    let mut prediction = Prediction::failed(&job, "yolov5n.torchscript", Failure::Job);
    prediction.status = Status::Done;
    (prediction.reason, prediction.failure) = (None, None);
    (prediction.width, prediction.height) = (1280, 720);
    prediction.received_at = Some(1_796_408_999.5);
    // What its photo's caption asked, which the bot words the answer from.
    prediction.question =
        Some(Question { classes: vec!["person".into(), "bus".into()], confidence: Some(0.3) });
    // A video's summary over its frames.
    let seen = |class: &str, most, share| ClipClass { class: class.into(), most, share };
    prediction.clip = Some(Clip {
        seconds: 4.0,
        frames: 8,
        shown_at: 1.0 / 3.0,
        classes: vec![seen("person", 3, 1.0), seen("bus", 1, 0.125)],
    });
    let label = Label {
        class: "person".to_owned(),
        class_id: 0,
        confidence: 0.876_543_2,
        cx: 0.1 + 0.2,
        cy: 1.0 / 3.0,
        width: 1e-7,
        height: 123_456.79,
        xyxy: [0.1, 0.2, f32::MIN_POSITIVE, f32::MAX],
    };
    prediction.labels = vec![label.clone(), Label { class: "bus".to_owned(), class_id: 5, ..label }];
    prediction.predicted_img_path = Some(Prediction::predicted_key_for(job.prediction_id));
    prediction.time = 1_796_409_000.25;
    prediction
}

/// The first write of a prediction stands, a second is [`Put::AlreadyExists`], and a get returns it float for
/// float; an unknown id is `None`.
pub async fn table_keeps_the_first_write_as_it_was(backend: &dyn Backend) {
    let table = backend.table().await;
    let first = prediction();
    let mut second = first.clone();
    second.labels.clear();
    assert_eq!(table.put_if_absent(&first).await.expect("put"), Put::Inserted);
    assert_eq!(table.put_if_absent(&second).await.expect("put"), Put::AlreadyExists);
    assert_eq!(table.get(first.prediction_id).await.expect("get"), Some(first), "the first write, exactly");
    assert_eq!(table.get(Uuid::new_v4()).await.expect("get"), None);
    let job = Job::new(Uuid::new_v4(), 1, 2, "png");
    let failed = Prediction::failed(&job, "yolov5n.torchscript", Failure::VideoTooLong);
    table.put_if_absent(&failed).await.expect("put");
    assert_eq!(table.get(job.prediction_id).await.expect("get"), Some(failed), "a failed one too");
}

/// A prediction is marked notified once; marking an unknown one is [`TableError::NotFound`] and creates nothing.
pub async fn table_marks_a_prediction_notified_once(backend: &dyn Backend) {
    let table = backend.table().await;
    let prediction = prediction();
    table.put_if_absent(&prediction).await.expect("put");
    assert_eq!(table.mark_notified(prediction.prediction_id, 10.5).await.expect("mark"), Mark::Marked);
    assert_eq!(
        table.mark_notified(prediction.prediction_id, 11.5).await.expect("mark"),
        Mark::AlreadyNotified
    );
    assert_eq!(
        table.get(prediction.prediction_id).await.expect("get").expect("kept").notified_at,
        Some(10.5)
    );
    let unknown = Uuid::new_v4();
    let error = table.mark_notified(unknown, 1.0).await.expect_err("unknown");
    assert!(matches!(error, TableError::NotFound { prediction_id } if prediction_id == unknown), "{error}");
    assert_eq!(table.get(unknown).await.expect("get"), None, "marking created nothing");
}

/// The claim to tell the user is one owner's at a time: its owner renews it, another's release does nothing,
/// it lapses at its expiry, and a notified prediction is claimed by nobody. Claiming an unknown prediction is
/// [`TableError::NotFound`] and creates nothing.
pub async fn table_claims_are_exclusive_until_released_expired_or_marked(backend: &dyn Backend) {
    let table = backend.table().await;
    let prediction = prediction();
    let id = prediction.prediction_id;
    table.put_if_absent(&prediction).await.expect("put");
    let (ann, bob) = (Uuid::new_v4(), Uuid::new_v4());
    assert_eq!(table.claim_notification(id, ann, 100.0, 160.0).await.expect("claim"), Claim::Claimed);
    assert_eq!(table.claim_notification(id, bob, 110.0, 170.0).await.expect("claim"), Claim::Busy);
    assert_eq!(table.claim_notification(id, ann, 110.0, 170.0).await.expect("renew"), Claim::Claimed);
    table.release_notification(id, bob).await.expect("releasing another's claim does nothing");
    assert_eq!(table.claim_notification(id, bob, 169.0, 229.0).await.expect("claim"), Claim::Busy);
    table.release_notification(id, ann).await.expect("release");
    assert_eq!(table.claim_notification(id, bob, 171.0, 231.0).await.expect("claim"), Claim::Claimed);
    assert_eq!(
        table.claim_notification(id, ann, 232.0, 292.0).await.expect("claim"),
        Claim::Claimed,
        "expired"
    );
    assert_eq!(table.mark_notified(id, 233.0).await.expect("mark"), Mark::Marked);
    assert_eq!(table.claim_notification(id, bob, 234.0, 294.0).await.expect("claim"), Claim::AlreadyNotified);
    assert_eq!(table.get(id).await.expect("get").expect("kept").notified_at, Some(233.0));
    let unknown = Uuid::new_v4();
    let error = table.claim_notification(unknown, ann, 1.0, 61.0).await.expect_err("unknown");
    assert!(matches!(error, TableError::NotFound { prediction_id } if prediction_id == unknown), "{error}");
    table.release_notification(unknown, ann).await.expect("releasing nothing is fine");
    assert_eq!(table.get(unknown).await.expect("get"), None, "claiming created nothing");
}

/// A chat holds at most `cap` places for waiting photos: a photo already placed keeps its place, chats are
/// apart, an answered photo gives its place back (twice is nothing), and a place expires after
/// [`WAITING_EXPIRES_AFTER`].
pub async fn table_admits_photos_up_to_the_cap_per_chat(backend: &dyn Backend) {
    let table = backend.table().await;
    let (chat, other, now) = (-1_001_234_567_890, -1_001_234_567_889, 1_000_000.0);
    let photos: Vec<Uuid> = (0..4).map(|_| Uuid::new_v4()).collect();
    for (i, photo) in photos[..3].iter().enumerate() {
        let admitted = table.admit(chat, *photo, 3, now + i as f64).await.expect("admit");
        assert_eq!(admitted, Admission::Admitted, "photo {i}");
    }
    assert_eq!(table.admit(chat, photos[3], 3, now).await.expect("admit"), Admission::Full { waiting: 3 });
    assert_eq!(
        table.admit(chat, photos[1], 3, now).await.expect("admit"),
        Admission::Admitted,
        "its own place"
    );
    assert_eq!(
        table.admit(other, photos[3], 3, now).await.expect("admit"),
        Admission::Admitted,
        "chats apart"
    );
    table.answered(chat, photos[0]).await.expect("answered");
    table.answered(chat, photos[0]).await.expect("answered twice is nothing");
    table.answered(other + 1, photos[0]).await.expect("a chat without places");
    assert_eq!(table.admit(chat, photos[3], 3, now).await.expect("admit"), Admission::Admitted);
    assert_eq!(
        table.admit(chat, Uuid::new_v4(), 3, now).await.expect("admit"),
        Admission::Full { waiting: 3 }
    );
    // An hour on, the places taken at `now` and `now + 1` count no more.
    let later = now + 1.5 + WAITING_EXPIRES_AFTER.as_secs_f64();
    assert_eq!(table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"), Admission::Admitted);
    assert_eq!(table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"), Admission::Admitted);
    assert_eq!(
        table.admit(chat, Uuid::new_v4(), 3, later).await.expect("admit"),
        Admission::Full { waiting: 3 }
    );
}
