//! The whole bot path on moto: photo → S3 + SQS; stored prediction → reply; re-sends deduplicated.

use std::{sync::Arc, time::Duration};

use bytes::Bytes;
use common::{
    queue::JobQueue,
    schema::{Job, Prediction},
    store::ObjectStore,
    table::PredictionTable,
    testing::{MotoServer, Options},
};
use polybot::{conversation::ACCEPTED_REACTION, testing::updates};

use crate::helpers::{
    CHAT, REPLY_WAIT, RESULTS_TOKEN, jpeg, prediction, settle, spawn_app_with, webhook_mode,
};

#[tokio::test]
async fn moto_photo_to_job_to_reply() {
    let resources = MotoServer::shared().provision("polybot", Options::default()).await;
    let store = Arc::new(resources.aws.object_store(&resources.bucket));
    let queue = Arc::new(resources.aws.job_queue(&resources.queue_url));
    let table = Arc::new(resources.aws.prediction_table(&resources.table));
    let app = spawn_app_with(webhook_mode(), |mut services| {
        services.store = store.clone();
        services.queue = queue.clone();
        services.table = table.clone();
        services
    })
    .await;

    let file_id = app.telegram.add_file(jpeg(7));
    let update = updates::photo(90, CHAT, 12, &file_id, 5004);
    assert_eq!(app.post_update(&update).await.status(), 200);
    let reactions = app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await;
    assert_eq!(reactions[0].reaction(), Some(ACCEPTED_REACTION));
    assert_eq!(app.post_update(&update).await.status(), 200, "Telegram sends it again");
    settle().await;

    let deliveries = queue.receive(10, Duration::from_secs(1)).await.expect("receive");
    assert_eq!(deliveries.len(), 2, "a job per delivery of the update");
    let jobs: Vec<Job> = deliveries.iter().map(|d| Job::from_json(&d.body).expect("a job")).collect();
    assert_eq!(jobs[0].prediction_id, jobs[1].prediction_id, "both name one prediction, answered once");
    let job = &jobs[0];
    assert_eq!((job.chat_id, job.message_id), (CHAT, 12));
    assert_eq!(store.get(&job.image_key).await.expect("the photo").as_ref(), jpeg(7).as_slice());

    // The worker's part: the prediction and the annotated image, then the callback.
    let mut done: Prediction = prediction(&["bus", "person", "person"]);
    done.prediction_id = job.prediction_id;
    done.message_id = job.message_id;
    done.original_img_path = job.image_key.clone();
    done.predicted_img_path = Some(Prediction::predicted_key_for(job.prediction_id));
    store
        .put(&Prediction::predicted_key_for(job.prediction_id), Bytes::from(jpeg(8)), "image/jpeg")
        .await
        .expect("put");
    table.put_if_absent(&done).await.expect("put");
    let id = job.prediction_id.to_string();
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);

    let photos = app.telegram.succeeded("sendPhoto");
    assert_eq!(photos.len(), 1, "one reply with the picture");
    assert_eq!(photos[0].text(), Some("I found 3 objects: 2 people, 1 bus"));
    assert_eq!(photos[0].files[0].1.as_ref(), jpeg(8).as_slice());
    let stored = table.get(job.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some());
    let ready = app.client.get(format!("{}/ready", app.address)).send().await.expect("answers");
    assert_eq!(ready.status(), 200);
}
