use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use async_trait::async_trait;
use bytes::Bytes;
use common::{
    schema::{Prediction, Status},
    store::ObjectStore,
    table::{PredictionTable, TableError},
    testing::{TableCall, Tap, Tapped},
};
use polybot::testing::Failure;
use uuid::Uuid;

use crate::helpers::{
    CHAT, RESULTS_TOKEN, TELEGRAM_TIMEOUT, TestApp, jpeg, prediction, settle, spawn_app, spawn_app_with,
    webhook_mode,
};

/// Fails the first marks, as DynamoDB refusing them through the SDK's attempts would.
struct MarksFail(AtomicUsize);

#[async_trait]
impl Tap for MarksFail {
    async fn before(&self, call: TableCall, prediction_id: Uuid) -> Result<(), TableError> {
        if call == TableCall::Mark
            && self.0.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok()
        {
            let message = "InternalServerError after 4 attempts".to_owned();
            return Err(TableError::Backend { operation: "UpdateItem", prediction_id, message });
        }
        Ok(())
    }
}

/// Stores a prediction and its annotated image as the worker does.
async fn stored(app: &TestApp, prediction: &Prediction) -> String {
    app.table.put_if_absent(prediction).await.expect("put");
    if let Some(key) = &prediction.predicted_img_path {
        app.store.put(key, Bytes::from(jpeg(9)), "image/jpeg").await.expect("put");
    }
    prediction.prediction_id.to_string()
}

#[tokio::test]
async fn results_need_the_token_and_a_known_uuid() {
    let app = spawn_app().await;
    let id = stored(&app, &prediction(&["dog"])).await;
    assert_eq!(app.post_results(&id, None).await.status(), 401);
    assert_eq!(app.post_results(&id, Some("wrong")).await.status(), 401);
    assert_eq!(app.post_results("not-a-uuid", Some(RESULTS_TOKEN)).await.status(), 400);
    let missing =
        app.client.post(format!("{}/results", app.address)).header("x-results-token", RESULTS_TOKEN);
    assert_eq!(missing.send().await.expect("answers").status(), 400, "no prediction id");
    let unknown = uuid::Uuid::new_v4().to_string();
    assert_eq!(app.post_results(&unknown, Some(RESULTS_TOKEN)).await.status(), 404);
    assert!(app.telegram.replies().is_empty());
}

#[tokio::test]
async fn a_prediction_is_sent_as_the_annotated_photo_with_a_summary() {
    let app = spawn_app().await;
    let prediction = prediction(&["person", "bus", "person"]);
    let id = stored(&app, &prediction).await;
    let response = app.post_results(&id, Some(RESULTS_TOKEN)).await;
    assert_eq!(response.status(), 200);
    let photos = app.telegram.succeeded("sendPhoto");
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].text(), Some("I found 3 objects: 2 people, 1 bus"));
    assert_eq!((photos[0].chat_id(), photos[0].reply_to()), (Some(CHAT), Some(77)));
    assert_eq!(photos[0].files.len(), 1);
    assert_eq!(photos[0].files[0].1.as_ref(), jpeg(9).as_slice(), "the annotated image from the bucket");
    let stored = app.table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some(), "marked notified");
}

#[tokio::test]
async fn the_end_to_end_time_runs_from_the_photo_taken_to_its_answer_sent() {
    let app = spawn_app().await;
    let mut prediction = prediction(&["dog"]);
    // Taken 1000 s ago: far longer than any other test's answer, so the maximum is this one's.
    prediction.received_at = Some(common::schema::unix_now() - 1000.0);
    let id = stored(&app, &prediction).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.expect("answers");
    let metrics = metrics.text().await.expect("body");
    let longest = metrics
        .lines()
        .find_map(|line| line.strip_prefix("polybot_end_to_end_seconds{quantile=\"1\"} "))
        .unwrap_or_else(|| panic!("no end-to-end summary in {metrics}"));
    let longest: f64 = longest.trim().parse().expect("a number");
    assert!((1000.0..1010.0).contains(&longest), "{longest} s");
    assert!(
        metrics.lines().any(|line| line.starts_with("polybot_http_responses_total{")
            && line.contains("route=\"/results\"")
            && line.contains("status=\"200\"")),
        "the callback's answer is counted by route and status: {metrics}"
    );
}

#[tokio::test]
async fn a_mark_that_fails_after_the_send_is_retried_so_nothing_is_sent_twice() {
    let app = spawn_app_with(webhook_mode(), |mut services| {
        services.table = Arc::new(Tapped::new(services.table, MarksFail(AtomicUsize::new(4))));
        services
    })
    .await;
    let prediction = prediction(&["dog"]);
    let id = stored(&app, &prediction).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200, "sent, and marked in the end");
    let stored = app.table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some(), "the next callback sees the answer as sent");
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    assert_eq!(app.telegram.succeeded("sendPhoto").len(), 1, "one answer");
}

#[tokio::test]
async fn no_detections_and_failed_jobs_are_told_in_words() {
    let app = spawn_app().await;
    let empty = prediction(&[]);
    let mut failed = prediction(&[]);
    failed.status = Status::Failed;
    failed.predicted_img_path = None;
    failed.reason = Some("the file is not an image I can read".to_owned());
    for p in [&empty, &failed] {
        let id = stored(&app, p).await;
        assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    }
    let texts: Vec<_> =
        app.telegram.replies().iter().map(|r| (r.method.clone(), r.text().map(str::to_owned))).collect();
    assert_eq!(
        texts,
        [
            ("sendMessage".to_owned(), Some("I didn't find any objects I know in this photo.".to_owned())),
            (
                "sendMessage".to_owned(),
                Some("Sorry, I couldn't look at that photo: the file is not an image I can read. Please try another one.".to_owned())
            ),
        ]
    );
}

#[tokio::test]
async fn a_repeated_callback_sends_nothing_twice() {
    let app = spawn_app().await;
    let id = stored(&app, &prediction(&["cat"])).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    // Concurrent callbacks too: one sends, the others see it sent or in progress.
    let calls = (0..8).map(|_| app.post_results(&id, Some(RESULTS_TOKEN)));
    for response in futures::future::join_all(calls).await {
        assert_eq!(response.status(), 200);
    }
    settle().await;
    assert_eq!(app.telegram.replies().len(), 1);
}

#[tokio::test]
async fn concurrent_first_callbacks_send_once() {
    let app = spawn_app().await;
    let id = stored(&app, &prediction(&["cat"])).await;
    let calls = (0..8).map(|_| app.post_results(&id, Some(RESULTS_TOKEN)));
    let statuses: Vec<u16> =
        futures::future::join_all(calls).await.iter().map(|r| r.status().as_u16()).collect();
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
    assert!(statuses.contains(&200));
    settle().await;
    assert_eq!(app.telegram.replies().len(), 1, "{statuses:?}");
}

#[tokio::test]
async fn a_photo_telegram_refuses_is_sent_as_a_document() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::Refuse("Bad Request: PHOTO_INVALID_DIMENSIONS"));
    let id = stored(&app, &prediction(&["kite"])).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    let documents = app.telegram.succeeded("sendDocument");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].text(), Some("I found 1 object: 1 kite"));
    assert_eq!(documents[0].files[0].1.as_ref(), jpeg(9).as_slice());
}

#[tokio::test]
async fn a_summary_longer_than_a_caption_is_cut_to_fit_one_message() {
    let app = spawn_app().await;
    let names: Vec<String> = (0..80).map(|i| format!("class-number-{i:02}")).collect();
    let classes: Vec<&str> = names.iter().map(String::as_str).collect();
    let id = stored(&app, &prediction(&classes)).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    let replies = app.telegram.replies();
    assert_eq!(replies.len(), 1, "one message: sent whole or not at all");
    assert_eq!(replies[0].method, "sendPhoto");
    let caption = replies[0].text().expect("the summary");
    assert!(caption.starts_with("I found 80 objects: 1 × class-number-00"), "{caption}");
    assert_eq!(caption.chars().count(), 1024);
    assert!(caption.ends_with('…'));
}

#[tokio::test]
async fn a_send_telegram_carried_out_but_answered_too_late_is_not_sent_again() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::AnswerLate(TELEGRAM_TIMEOUT * 2));
    let prediction = prediction(&["kite"]);
    let id = stored(&app, &prediction).await;
    let response = app.post_results(&id, Some(RESULTS_TOKEN)).await;
    assert_eq!(response.status(), 200, "counted as sent");
    assert_eq!(response.text().await.expect("body"), "sent; Telegram's answer was lost");
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    settle().await;
    assert_eq!(app.telegram.calls().iter().filter(|c| c.method == "sendPhoto").count(), 1, "never twice");
    let stored = app.table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some(), "marked notified");
}

#[tokio::test]
async fn a_failed_delivery_is_answered_503_and_the_next_callback_sends() {
    let app = spawn_app().await;
    let mut prediction = prediction(&["cup"]);
    prediction.predicted_img_path = Some("predictions/not-yet-there.jpg".to_owned());
    app.table.put_if_absent(&prediction).await.expect("put");
    let id = prediction.prediction_id.to_string();
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 503, "image missing");
    assert!(app.telegram.replies().is_empty());
    app.store.put("predictions/not-yet-there.jpg", Bytes::from(jpeg(9)), "image/jpeg").await.expect("put");
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200, "the claim was released");
    assert_eq!(app.telegram.replies().len(), 1);
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_not_retried() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::Refuse("Forbidden: bot was blocked by the user"));
    let prediction = prediction(&["cup"]);
    let id = stored(&app, &prediction).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    let attempts = app.telegram.calls().iter().filter(|c| c.method == "sendPhoto").count();
    assert_eq!(attempts, 1, "a refusal is final");
    let stored = app.table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some());
}

#[tokio::test]
async fn flood_control_then_a_server_error_after_the_send_sends_it_once() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::RetryAfter(1));
    app.telegram.fail_next("sendPhoto", Failure::CarriedOutThenBadGateway);
    let id = stored(&app, &prediction(&["kite"])).await;
    let response =
        tokio::time::timeout(std::time::Duration::from_secs(40), app.post_results(&id, Some(RESULTS_TOKEN)))
            .await
            .expect("the callback is answered");
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.telegram.succeeded("sendPhoto").len(),
        1,
        "carried out once, not sent again after the 502"
    );
    let attempts = app.telegram.calls().iter().filter(|c| c.method == "sendPhoto").count();
    assert_eq!(attempts, 2, "the 429, then the send Telegram answered 502");
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    assert_eq!(app.telegram.succeeded("sendPhoto").len(), 1, "marked sent: a second callback sends nothing");
}

#[tokio::test]
async fn a_server_error_on_a_send_is_counted_as_possibly_sent_and_not_repeated() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::ServerError);
    let prediction = prediction(&["kite"]);
    let id = stored(&app, &prediction).await;
    assert_eq!(app.post_results(&id, Some(RESULTS_TOKEN)).await.status(), 200);
    let attempts = app.telegram.calls().iter().filter(|c| c.method == "sendPhoto").count();
    assert_eq!(attempts, 1, "a 5xx may follow a send: never repeated blindly");
    let stored = app.table.get(prediction.prediction_id).await.expect("get").expect("present");
    assert!(stored.notified_at.is_some(), "counted as sent");
}

#[tokio::test]
async fn flood_control_then_a_server_error_with_two_photos_in_one_chat() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendPhoto", Failure::RetryAfter(1));
    app.telegram.fail_next("sendPhoto", Failure::CarriedOutThenBadGateway);
    let a = stored(&app, &prediction(&["kite"])).await;
    let b = stored(&app, &prediction(&["cup"])).await;
    let calls = futures::future::join(
        app.post_results(&a, Some(RESULTS_TOKEN)),
        app.post_results(&b, Some(RESULTS_TOKEN)),
    );
    let (ra, rb) =
        tokio::time::timeout(std::time::Duration::from_secs(40), calls).await.expect("both answered");
    assert_eq!((ra.status().as_u16(), rb.status().as_u16()), (200, 200));
    assert_eq!(app.telegram.succeeded("sendPhoto").len(), 2);
}

/// Any query on `/results` is answered 400 (no prediction id in it) or 404 (no such prediction): never a 5xx.
#[tokio::test]
async fn any_results_query_gets_a_clear_answer() {
    use proptest::{
        strategy::{Strategy, ValueTree},
        test_runner::TestRunner,
    };
    let app = spawn_app().await;
    // The parameter's name from the contract, and spellings near it.
    let id = common::schema::PREDICTION_ID_PARAMETER;
    let regex = |pattern: String| proptest::string::string_regex(&pattern).expect("a regex");
    let query = proptest::prop_oneof![
        regex(format!("{id}=[0-9a-fA-F-]{{0,40}}")),
        regex(format!("{id}=%[0-9A-F]{{2}}[0-9a-f-]{{30,36}}")),
        regex(format!("({id}|{}|prediction_id)=\\PC{{0,40}}(&{id}=[0-9a-f-]{{0,36}})?", id.to_lowercase())),
        "[a-zA-Z=&%+;]{0,30}",
        "\\PC{0,60}",
    ];
    let mut runner = TestRunner::deterministic();
    let mut asked = 0;
    for _ in 0..256 {
        let query = query.new_tree(&mut runner).expect("a query").current();
        let Ok(url) = reqwest::Url::parse(&format!("{}/results?{query}", app.address)) else { continue };
        let response = app
            .client
            .post(url)
            .header("x-results-token", RESULTS_TOKEN)
            .send()
            .await
            .expect("the bot answers");
        let status = response.status().as_u16();
        assert!(matches!(status, 400 | 404), "{query:?}: {status}");
        asked += 1;
    }
    assert!(asked > 200, "most queries make a URL: {asked}");
}
