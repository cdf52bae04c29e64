use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use async_trait::async_trait;
use common::queue::{Delivery, JobQueue, MemoryJobQueue, QueueDepth, QueueError, Receipt};
use polybot::{
    conversation::ACCEPTED_REACTION,
    settings::{Acknowledge, Mode},
    testing::{Failure, updates},
    words::Text,
};
use serde_json::json;

use crate::helpers::{
    CHAT, REPLY_WAIT, TOKEN_SECRET, jpeg, logs, said, settle, spawn_app, spawn_app_acknowledging,
    spawn_app_with, webhook_mode,
};

#[tokio::test]
async fn the_health_check_answers_ok() {
    let app = spawn_app().await;
    let response = app.client.get(format!("{}/", app.address)).send().await.expect("answers");
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"), "every response carries a request id");
    assert_eq!(response.text().await.expect("body"), "Ok");
    let ready = app.client.get(format!("{}/ready", app.address)).send().await.expect("answers");
    assert_eq!(ready.status(), 200);
}

#[tokio::test]
async fn start_up_registers_the_webhook_with_its_secret() {
    let app = spawn_app().await;
    let deadline = tokio::time::Instant::now() + REPLY_WAIT;
    while app.telegram.succeeded("setWebhook").is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let calls = app.telegram.succeeded("setWebhook");
    assert_eq!(calls.len(), 1);
    let params = &calls[0].params;
    assert_eq!(params["url"], "https://bot.example.com:8443/webhook");
    assert_eq!(params["secret_token"], "webhook-secret_1");
    assert_eq!(params["allowed_updates"], json!(["message"]));
    assert_eq!(params["max_connections"], 40);
}

#[tokio::test]
async fn updates_without_the_right_secret_are_refused_and_not_handled() {
    let app = spawn_app().await;
    let update = updates::text(1, CHAT, 1, "hello");
    assert_eq!(app.post_webhook(update.to_string(), None).await.status(), 401);
    assert_eq!(app.post_webhook(update.to_string(), Some("webhook-secret_2")).await.status(), 401);
    assert_eq!(app.post_webhook(update.to_string(), Some("")).await.status(), 401);
    settle().await;
    assert!(app.telegram.replies().is_empty());
}

#[tokio::test]
async fn a_photo_is_stored_queued_and_acknowledged() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(jpeg(1));
    let response = app.post_update(&updates::photo(10, CHAT, 3, &file_id, 5004)).await;
    assert_eq!(response.status(), 200);

    let reactions = app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await;
    assert_eq!(reactions.len(), 1);
    assert_eq!(reactions[0].reaction(), Some(ACCEPTED_REACTION));
    assert_eq!((reactions[0].chat_id(), reactions[0].about()), (Some(CHAT), Some(3)));
    let actions = app.telegram.wait_for("sendChatAction", 1, REPLY_WAIT).await;
    assert_eq!(actions[0].params["action"], "upload_photo");
    settle().await;
    assert!(app.telegram.replies().is_empty(), "no message: the answer will be the photo's one message");
    let got = app.telegram.succeeded("getFile");
    assert_eq!(got[0].params["file_id"], file_id.as_str(), "the largest size, not the thumbnail");

    let jobs = app.jobs();
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!((job.chat_id, job.message_id), (CHAT, 3));
    let received_at = job.received_at.expect("when the bot took the photo, where the end-to-end time starts");
    assert!(received_at <= job.submitted_at, "taken ({received_at}) before queued ({})", job.submitted_at);
    assert_eq!(job.image_key, format!("photos/{CHAT}/{}.jpg", job.prediction_id));
    let stored = app.store.object(&job.image_key).expect("the photo is in the bucket");
    assert_eq!(stored.body.as_ref(), jpeg(1).as_slice());
    assert_eq!(stored.content_type, "image/jpeg");
}

#[tokio::test]
async fn an_image_sent_as_a_document_is_handled_like_a_photo() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(b"\x89PNG....".to_vec());
    app.post_update(&updates::document(11, CHAT, 4, &file_id, 8, "image/png")).await;
    let reactions = app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await;
    assert_eq!(reactions[0].about(), Some(4));
    let job = &app.jobs()[0];
    assert!(job.image_key.ends_with(".png"), "{}", job.image_key);
    assert_eq!(app.store.object(&job.image_key).expect("stored").content_type, "image/png");
}

#[tokio::test]
async fn a_re_sent_update_names_the_same_photo_and_prediction() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(jpeg(2));
    let update = updates::photo(12, CHAT, 5, &file_id, 5004);
    // Twice at once, then again: Telegram re-sends what it thinks was not taken.
    let (a, b) = tokio::join!(app.post_update(&update), app.post_update(&update));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    assert_eq!(app.post_update(&update).await.status(), 200);
    let jobs = app.jobs();
    assert_eq!(jobs.len(), 3, "each delivery queues: the worker and the callback answer once");
    assert!(
        jobs.iter().all(|j| j.prediction_id == jobs[0].prediction_id && j.image_key == jobs[0].image_key)
    );
    assert_eq!(app.store.keys(), [jobs[0].image_key.clone()], "one photo, written again");
}

#[tokio::test]
async fn every_kind_of_update_is_answered_200_and_only_messages_get_replies() {
    let app = spawn_app().await;
    let cases = [
        (updates::text(20, CHAT, 1, "/start"), Some(said(Text::Help))),
        (updates::text(21, CHAT, 2, "/help"), Some(said(Text::Help))),
        (updates::text(22, CHAT, 3, "what is this?"), Some(said(Text::SendAPhoto))),
        (updates::sticker(23, CHAT, 4), Some(said(Text::OnlyPhotos))),
        (updates::voice(24, CHAT, 5), Some(said(Text::OnlyPhotos))),
        (updates::document(25, CHAT, 6, "pdf", 100, "application/pdf"), Some(said(Text::OnlyPhotos))),
        (updates::document(26, CHAT, 7, "heic", 100, "image/heic"), Some(said(Text::UnsupportedImage))),
        (updates::document(27, CHAT, 8, "huge", 25 * 1024 * 1024, "image/jpeg"), Some(said(Text::TooLarge))),
        (updates::edited(28, CHAT, 9), None),
        (updates::channel_post(29), None),
        (updates::callback_query(30, CHAT), None),
        (updates::my_chat_member(31, CHAT), None),
        (json!({"update_id": 32, "a_kind_from_the_future": {"x": 1}}), None),
    ];
    // Each from a chat of its own: a chat's replies that say the same thing while one waits are sent once.
    let mut cases = cases;
    for (i, (update, _)) in cases.iter_mut().enumerate() {
        if let Some(chat) = update.pointer_mut("/message/chat/id") {
            *chat = json!(CHAT + i as i64);
        }
    }
    for (update, _) in &cases {
        assert_eq!(app.post_update(update).await.status(), 200, "{update}");
    }
    let expected: Vec<_> = cases.iter().filter_map(|(update, reply)| Some((update, (*reply)?))).collect();
    let replies = app.telegram.wait_for_replies(expected.len(), REPLY_WAIT).await;
    settle().await;
    let replied: Vec<_> =
        app.telegram.replies().iter().map(|r| (r.reply_to(), r.text().map(str::to_owned))).collect();
    assert_eq!(replied.len(), expected.len(), "nothing for the updates that need no answer: {replied:?}");
    for (update, text) in expected {
        let message_id = update["message"]["message_id"].as_i64();
        let reply = replies.iter().find(|r| r.reply_to() == message_id).expect("a reply to each message");
        assert_eq!(reply.text(), Some(text), "{update}");
    }
    assert!(app.jobs().is_empty());
    assert!(app.telegram.succeeded("getFile").is_empty(), "the 25 MB file was not asked for");
}

#[tokio::test]
async fn a_malformed_body_is_answered_200_and_logged() {
    let app = spawn_app().await;
    for body in ["not json", "{\"update_id\": \"x\"}", ""] {
        assert_eq!(
            app.post_webhook(body.to_owned(), Some(crate::helpers::WEBHOOK_SECRET)).await.status(),
            200
        );
    }
    settle().await;
    assert!(app.telegram.replies().is_empty());
    assert!(logs().contains("Webhook body is not an update"), "logged");
}

#[tokio::test]
async fn a_photo_with_a_caption_entity_newer_than_teloxide_is_taken() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(jpeg(3));
    let mut update = updates::captioned(updates::photo(40, CHAT, 9, &file_id, 5004), "look #here");
    // teloxide reads a message holding an entity type it does not know as an empty message.
    update["message"]["caption_entities"] =
        json!([{"type": "a_type_telegram_added_later", "offset": 5, "length": 5}]);
    assert_eq!(app.post_update(&update).await.status(), 200);
    let jobs = app.jobs();
    assert_eq!(jobs.iter().map(|job| (job.chat_id, job.message_id)).collect::<Vec<_>>(), [(CHAT, 9)]);
    assert_eq!(app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await.len(), 1);
    // An update of which not even that can be read is dropped, but not in silence.
    let unreadable = json!({"update_id": 41, "message": {"message_id": "nine", "photo": []}});
    assert_eq!(app.post_update(&unreadable).await.status(), 200);
    let logged = logs();
    assert!(
        logged
            .lines()
            .any(|line| line.contains("An update could not be read") && line.contains("update_id=41"))
    );
}

/// A queue whose first `failures` sends fail, as SQS down for a while.
struct FlakyQueue {
    failures: AtomicUsize,
    queue: MemoryJobQueue,
}

impl FlakyQueue {
    fn failing(failures: usize) -> Arc<Self> {
        Arc::new(Self {
            failures: AtomicUsize::new(failures),
            queue: MemoryJobQueue::new(Duration::from_secs(30)),
        })
    }
}

#[async_trait]
impl JobQueue for FlakyQueue {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        if self.failures.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
            return Err(QueueError::Backend {
                operation: "SendMessage",
                message: "queue is down".to_owned(),
            });
        }
        self.queue.send(body).await
    }
    async fn receive(&self, max: u8, wait: Duration) -> Result<Vec<Delivery>, QueueError> {
        self.queue.receive(max, wait).await
    }
    async fn delete(&self, receipt: &Receipt) -> Result<(), QueueError> {
        self.queue.delete(receipt).await
    }
    async fn set_visibility(&self, receipt: &Receipt, timeout: Duration) -> Result<(), QueueError> {
        self.queue.set_visibility(receipt, timeout).await
    }
    async fn depth(&self) -> Result<QueueDepth, QueueError> {
        if self.failures.load(Ordering::SeqCst) > 0 {
            return Err(QueueError::Backend {
                operation: "GetQueueAttributes",
                message: "queue is down".to_owned(),
            });
        }
        self.queue.depth().await
    }
    async fn max_receive_count(&self) -> Result<Option<u32>, QueueError> {
        self.queue.max_receive_count().await
    }
}

#[tokio::test]
async fn a_photo_that_could_not_be_queued_is_answered_503_and_taken_when_sent_again() {
    let queue = FlakyQueue::failing(1);
    let app = spawn_app_with(webhook_mode(), |mut services| {
        services.queue = queue.clone();
        services
    })
    .await;
    let ready = app.client.get(format!("{}/ready", app.address)).send().await.expect("answers");
    assert_eq!(ready.status(), 503);
    assert!(ready.text().await.expect("body").contains("queue is down"));

    let file_id = app.telegram.add_file(jpeg(3));
    let update = updates::photo(40, CHAT, 6, &file_id, 5004);
    assert_eq!(app.post_update(&update).await.status(), 503, "not safe: Telegram must send it again");
    settle().await;
    assert!(app.telegram.replies().is_empty(), "nothing to tell the user yet");
    let logs = logs();
    assert!(
        logs.contains("Telegram will send it again")
            && logs.contains("update_id=40")
            && logs.contains("queue is down")
    );

    assert_eq!(app.post_update(&update).await.status(), 200, "Telegram's re-send is taken");
    assert_eq!(queue.queue.bodies().len(), 1);
    let reactions = app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await;
    assert_eq!(reactions.len(), 1, "acknowledged once, when it was taken");
}

#[tokio::test]
async fn the_course_s_text_acknowledgement_is_a_setting() {
    let app = spawn_app_acknowledging(Acknowledge::Message).await;
    let file_id = app.telegram.add_file(jpeg(7));
    assert_eq!(app.post_update(&updates::photo(42, CHAT, 8, &file_id, 5004)).await.status(), 200);
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    assert_eq!((replies[0].text(), replies[0].reply_to()), (Some(said(Text::Accepted)), Some(8)));
    assert!(app.telegram.succeeded("setMessageReaction").is_empty());
}

#[tokio::test]
async fn a_chat_that_refuses_reactions_still_gets_its_photo_taken() {
    let app = spawn_app().await;
    app.telegram.fail_next("setMessageReaction", Failure::Refuse("Bad Request: REACTION_INVALID"));
    let file_id = app.telegram.add_file(jpeg(8));
    assert_eq!(app.post_update(&updates::photo(43, CHAT, 9, &file_id, 5004)).await.status(), 200);
    assert_eq!(app.jobs().len(), 1);
    app.telegram.wait_for("sendChatAction", 1, REPLY_WAIT).await;
    settle().await;
    assert!(logs().contains("Could not acknowledge a photo"));
}

#[tokio::test]
async fn a_photo_telegram_will_not_give_tells_the_user_to_try_again() {
    let app = spawn_app().await;
    let response = app.post_update(&updates::photo(41, CHAT, 7, "missing-file", 5004)).await;
    assert_eq!(response.status(), 200, "asking again would not help");
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    assert_eq!(replies[0].text(), Some(said(Text::TryAgain)));
    let logs = logs();
    assert!(logs.contains("Telegram refused the photo's file") && logs.contains("update_id=41"));
    assert!(app.jobs().is_empty());
}

#[tokio::test]
async fn telegram_flood_control_is_waited_out() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendMessage", Failure::RetryAfter(1));
    let started = tokio::time::Instant::now();
    app.post_update(&updates::text(50, CHAT, 1, "hi")).await;
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    assert_eq!(replies.len(), 1, "the reply arrives after retry_after");
    assert!(started.elapsed() >= Duration::from_secs(1));
    let attempts = app.telegram.calls().iter().filter(|c| c.method == "sendMessage").count();
    assert_eq!(attempts, 2);
}

#[tokio::test]
async fn a_reply_telegram_carried_out_but_answered_502_is_not_sent_again() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendMessage", Failure::CarriedOutThenBadGateway);
    app.post_update(&updates::text(51, CHAT, 1, "hi")).await;
    let replies = app.telegram.wait_for_replies(1, Duration::from_secs(30)).await;
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].text(), Some(said(Text::SendAPhoto)));
    // teloxide answers a 5xx after 10 s of its own; a retry would have come 2 s after that.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let attempts = app.telegram.calls().iter().filter(|c| c.method == "sendMessage").count();
    assert_eq!(attempts, 1, "a 5xx after a send counts as possibly sent");
}

#[tokio::test]
async fn polling_mode_drops_the_webhook_and_answers_updates_from_get_updates() {
    let app = spawn_app_with(Mode::Polling, |services| services).await;
    let file_id = app.telegram.add_file(jpeg(4));
    app.telegram.push_update(updates::text(60, CHAT, 1, "/start"));
    app.telegram.push_update(updates::photo(61, CHAT, 2, &file_id, 5004));
    assert_eq!(app.telegram.wait_for_replies(1, REPLY_WAIT).await.len(), 1);
    assert_eq!(app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await.len(), 1);
    assert_eq!(app.jobs().len(), 1);
    assert_eq!(app.telegram.succeeded("deleteWebhook").len(), 1);
    assert!(app.telegram.succeeded("setWebhook").is_empty());
    let webhook = app.post_update(&updates::text(62, CHAT, 3, "hi")).await;
    assert_eq!(webhook.status(), 404, "no webhook route without a webhook secret");
    // A photo whose caption holds an entity type newer than teloxide's is taken here too.
    let mut update = updates::captioned(updates::photo(63, CHAT, 4, &file_id, 5004), "look #here");
    update["message"]["caption_entities"] =
        json!([{"type": "a_type_telegram_added_later", "offset": 5, "length": 5}]);
    app.telegram.push_update(update);
    assert_eq!(app.telegram.wait_for("setMessageReaction", 2, REPLY_WAIT).await.len(), 2);
    assert_eq!(app.jobs().iter().map(|job| job.message_id).collect::<Vec<_>>(), [2, 4]);
    app.stop().await;
}

#[tokio::test]
async fn polling_moves_past_a_photo_only_once_it_is_queued() {
    let queue = FlakyQueue::failing(1);
    let app = spawn_app_with(Mode::Polling, |mut services| {
        services.queue = queue.clone();
        services
    })
    .await;
    let file_id = app.telegram.add_file(jpeg(6));
    app.telegram.push_update(updates::photo(63, CHAT, 1, &file_id, 5004));
    app.telegram.push_update(updates::text(64, CHAT, 2, "/help"));
    assert_eq!(app.telegram.wait_for_replies(1, REPLY_WAIT).await.len(), 1);
    assert_eq!(app.telegram.wait_for("setMessageReaction", 1, REPLY_WAIT).await.len(), 1);
    settle().await;
    assert_eq!(queue.queue.bodies().len(), 1, "queued on the second try");
    let texts: Vec<_> = app.telegram.replies().iter().filter_map(|r| r.text().map(str::to_owned)).collect();
    assert_eq!(
        texts.iter().filter(|t| *t == said(Text::Help)).count(),
        1,
        "the update taken the first time is not taken again"
    );
    let offsets = || -> Vec<i64> {
        let calls = app.telegram.calls();
        let polls = calls.iter().filter(|c| c.method == "getUpdates");
        polls.filter_map(|c| c.params.get("offset").and_then(serde_json::Value::as_i64)).collect()
    };
    let deadline = tokio::time::Instant::now() + REPLY_WAIT;
    while offsets().len() < 3 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let offsets = offsets();
    assert_eq!(offsets[..3], [0, 63, 65], "asked again from the photo, then past both: {offsets:?}");
    app.stop().await;
}

#[tokio::test]
async fn stopping_finishes_the_updates_in_hand() {
    let app = spawn_app().await;
    app.telegram.fail_next("sendMessage", Failure::RetryAfter(1));
    app.post_update(&updates::text(70, CHAT, 1, "hi")).await;
    settle().await;
    assert!(app.telegram.replies().is_empty(), "the handler is waiting out the flood control");
    let telegram = app.stop().await;
    assert_eq!(telegram.replies().len(), 1, "the update in hand was finished before the bot stopped");
}

#[tokio::test]
async fn the_token_is_never_logged_or_exposed() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(jpeg(5));
    app.telegram.fail_next("sendMessage", Failure::Refuse("Forbidden: bot was blocked by the user"));
    app.post_update(&updates::photo(80, CHAT, 1, &file_id, 5004)).await;
    app.post_update(&updates::photo(81, CHAT, 2, "missing-file", 5004)).await;
    app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    settle().await;
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.expect("answers");
    assert_eq!(metrics.status(), 200);
    let metrics = metrics.text().await.expect("body");
    assert!(metrics.contains("polybot_updates_total"), "{metrics}");
    assert!(!metrics.contains(TOKEN_SECRET));
    let logs = logs();
    assert!(logs.contains("Could not answer a message"), "the refused reply was logged");
    assert!(!logs.contains(TOKEN_SECRET), "the token leaked into the logs");
}
