use common::{
    schema::{Job, Prediction},
    table::{Claim, Mark, PredictionTable, Put, TableError},
    testing::Options,
};
use uuid::Uuid;

use crate::provision;

fn done_fixture() -> Prediction {
    let path = format!("{}/tests/fixtures/prediction-done.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut prediction: Prediction = serde_json::from_str(&text).expect("parses");
    prediction.prediction_id = Uuid::new_v4();
    prediction.notified_at = None;
    prediction
}

#[tokio::test]
async fn moto_prediction_round_trips_through_the_table_without_float_loss() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let mut prediction = done_fixture();
    prediction.time = 1_795_335_330.123_456_7;
    prediction.labels[0].confidence = 0.1 + 0.2;
    prediction.labels[0].cx = f32::MIN_POSITIVE;
    prediction.labels[1].xyxy = [0.1, 1.0 / 3.0, 1e-7, 12_345.679];
    assert_eq!(table.put_if_absent(&prediction).await.expect("put"), Put::Inserted);
    let stored = table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert_eq!(stored, prediction);
    assert_eq!(stored.time.to_bits(), prediction.time.to_bits());
    assert_eq!(stored.labels[1].xyxy.map(f32::to_bits), prediction.labels[1].xyxy.map(f32::to_bits));
}

#[tokio::test]
async fn moto_failed_prediction_round_trips() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let job = Job::new(Uuid::new_v4(), -100_123, 9, "png");
    let prediction =
        Prediction::failed(&job, "yolov5n.torchscript", "I could not read this file as an image.");
    table.put_if_absent(&prediction).await.expect("put");
    assert_eq!(table.get(job.prediction_id).await.expect("get"), Some(prediction));
}

#[tokio::test]
async fn moto_put_if_absent_refuses_a_duplicate() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let first = done_fixture();
    let mut second = first.clone();
    second.labels.clear();
    assert_eq!(table.put_if_absent(&first).await.expect("put"), Put::Inserted);
    assert_eq!(table.put_if_absent(&second).await.expect("put"), Put::AlreadyExists);
    assert_eq!(table.get(first.prediction_id).await.expect("get"), Some(first), "the first write stands");
}

#[tokio::test]
async fn moto_mark_notified_succeeds_once() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let prediction = done_fixture();
    table.put_if_absent(&prediction).await.expect("put");
    assert_eq!(table.mark_notified(prediction.prediction_id, 10.5).await.expect("mark"), Mark::Marked);
    assert_eq!(
        table.mark_notified(prediction.prediction_id, 11.5).await.expect("mark"),
        Mark::AlreadyNotified
    );
    let stored = table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert_eq!(stored.notified_at, Some(10.5));
}

#[tokio::test]
async fn moto_mark_notified_of_an_unknown_prediction_is_not_found() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let id = Uuid::new_v4();
    let error = table.mark_notified(id, 1.0).await.expect_err("unknown");
    assert!(matches!(error, TableError::NotFound { prediction_id } if prediction_id == id), "{error}");
    assert_eq!(table.get(id).await.expect("get"), None, "marking created nothing");
}

#[tokio::test]
async fn moto_notification_claims_are_exclusive_until_released_expired_or_marked() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    let prediction = done_fixture();
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
    assert_eq!(table.get(id).await.expect("get").expect("present").notified_at, Some(233.0));
    let unknown = Uuid::new_v4();
    let error = table.claim_notification(unknown, ann, 1.0, 61.0).await.expect_err("unknown");
    assert!(matches!(error, TableError::NotFound { prediction_id } if prediction_id == unknown), "{error}");
    table.release_notification(unknown, ann).await.expect("releasing nothing is fine");
    assert_eq!(table.get(unknown).await.expect("get"), None, "claiming created nothing");
}

#[tokio::test]
async fn moto_admits_photos_up_to_the_cap_per_chat() {
    let resources = provision(Options::default()).await;
    let table = resources.aws.prediction_table(&resources.table);
    common::table::contract::admits_up_to_the_cap_per_chat(&table, -1_001_234_567_890).await;
}
