//! The worker against moto (S3, SQS, DynamoDB) with a fake bot answering the callback over HTTP.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{Router, extract::Query, http::HeaderMap, routing::post};
use common::{
    queue::{JobQueue, QueueDepth},
    retry::Backoff,
    schema::{Job, PREDICTION_ID_PARAMETER, RESULTS_TOKEN_HEADER, Status},
    store::ObjectStore,
    table::PredictionTable,
    testing::{MotoServer, Options},
};
use secrecy::SecretString;
use uuid::Uuid;
use yolo5::{
    image::{DecodeLimits, decode},
    inference::Inference,
    worker::{Worker, WorkerConfig, notify::HttpNotifier},
};

use crate::{FakeDetector, png};

type Calls = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A bot that records each `POST /results` (its prediction id and token header) and answers 200.
async fn fake_bot() -> (String, Calls) {
    let calls = Calls::default();
    let recorded = calls.clone();
    let app = Router::new().route(
        "/results",
        post(move |Query(query): Query<Vec<(String, String)>>, headers: HeaderMap| async move {
            let id = query
                .into_iter()
                .find(|(k, _)| k == PREDICTION_ID_PARAMETER)
                .map(|(_, v)| v)
                .unwrap_or_default();
            let token = headers.get(RESULTS_TOKEN_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
            recorded.lock().expect("lock").push((id, token));
            "ok"
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, calls)
}

#[tokio::test]
async fn moto_worker_answers_a_job_end_to_end() {
    let resources = MotoServer::shared().provision("yolo5", Options::default()).await;
    let aws = &resources.aws;
    let (bot_url, calls) = fake_bot().await;
    let queue = Arc::new(aws.job_queue(&resources.queue_url));
    let store = Arc::new(aws.object_store(&resources.bucket));
    let table = Arc::new(aws.prediction_table(&resources.table));
    let worker = Worker {
        queue: queue.clone(),
        store: store.clone(),
        table: table.clone(),
        detector: Arc::new(FakeDetector::default()),
        notifier: Arc::new(HttpNotifier::new(
            &bot_url,
            SecretString::from("s3cret"),
            Backoff::new(Duration::from_millis(50), Duration::from_millis(200), 2),
        )),
        decode_budget: Worker::decode_budget_for(&DecodeLimits::default()),
        inference: Inference::new(2, 1),
        config: WorkerConfig { wait: Duration::from_secs(2), ..WorkerConfig::default() },
    };

    let job = Job::new(Uuid::new_v4(), 11, 22, "png");
    store.put(&job.image_key, png(320, 240), "image/png").await.expect("put");
    queue.send(&job.to_json()).await.expect("send");
    let report = worker.run_once().await.expect("batch");
    assert_eq!((report.received, report.detected, report.deleted), (1, 1, 1));

    let prediction = table.get(job.prediction_id).await.expect("get").expect("stored in DynamoDB");
    assert_eq!((prediction.status, prediction.width, prediction.labels.len()), (Status::Done, 320, 1));
    let annotated = store.get(prediction.predicted_img_path.as_deref().expect("a key")).await.expect("in S3");
    assert_eq!(decode(&annotated, &DecodeLimits::default()).expect("JPEG").image.dimensions(), (320, 240));
    assert_eq!(*calls.lock().expect("lock"), [(job.prediction_id.to_string(), Some("s3cret".to_owned()))]);
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth::default());
}
