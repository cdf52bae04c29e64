//! One chat cannot hurt the others: its replies wait in an outbox of its own, holding nothing other updates
//! need, and it may have only so many photos waiting for their answer.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use common::{
    schema::{Failure, Job, Prediction},
    table::{MemoryPredictionTable, PredictionTable, TableError},
    testing::{TableCall, Tap, Tapped},
};
use futures::{StreamExt, stream};
use polybot::{
    testing::updates,
    words::{Text, english},
};

use crate::helpers::{
    CHAT, REPLY_WAIT, RESULTS_TOKEN, TestApp, jpeg, said, settle, spawn_app, spawn_app_waiting_at_most,
};

const FLOODER: i64 = 666;

/// Posts `updates`, `at_once` at a time as Telegram does, and returns their statuses.
async fn post_all(app: &TestApp, updates: Vec<serde_json::Value>, at_once: usize) -> Vec<u16> {
    stream::iter(updates)
        .map(|update| async move { app.post_update(&update).await.status().as_u16() })
        .buffer_unordered(at_once)
        .collect()
        .await
}

fn texts_to(app: &TestApp, chat: i64) -> Vec<String> {
    let replies = app.telegram.replies().into_iter().filter(|call| call.chat_id() == Some(chat));
    replies.filter_map(|call| call.text().map(str::to_owned)).collect()
}

#[tokio::test]
async fn a_chat_s_flood_of_commands_holds_nothing_another_chat_needs() {
    let app = spawn_app().await;
    // More than the bot takes at once (512), while Telegram lets it answer one message a second to the chat:
    // were each reply to hold its update's permit, the last hundred would wait a second each.
    let flood = (0..700).map(|i| updates::text(1000 + i, FLOODER, 1 + i as i32, "/help")).collect();
    let started = std::time::Instant::now();
    let statuses = tokio::time::timeout(Duration::from_secs(30), post_all(&app, flood, 40))
        .await
        .expect("the flood is taken at once: its replies hold no permit");
    let flood_seconds = started.elapsed().as_secs_f64();
    assert!(statuses.iter().all(|status| *status == 200), "every update answered 200");
    // Another chat's photo is taken meanwhile.
    let file_id = app.telegram.add_file(jpeg(1));
    let photo = app.post_update(&updates::photo(5000, CHAT, 1, &file_id, 5004)).await;
    assert_eq!(photo.status(), 200);
    assert_eq!(app.jobs().iter().map(|job| job.chat_id).collect::<Vec<_>>(), [CHAT]);
    // The flooding chat is answered as fast as Telegram lets a bot write to one chat (a message a second), and
    // what it asked meanwhile once: one help a second of its flood, and one more.
    app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let told = texts_to(&app, FLOODER);
    assert!(told.iter().all(|text| text == said(Text::Help)));
    let most = flood_seconds.ceil() as usize + 2;
    assert!(
        !told.is_empty() && told.len() <= most,
        "{} helps after {flood_seconds:.1} s of flood",
        told.len()
    );
}

/// The worker's part: a prediction for `job`, then its callback.
async fn answer(app: &TestApp, job: &Job) {
    let prediction = Prediction::failed(job, "yolov5n.torchscript", Failure::Format);
    app.table.put_if_absent(&prediction).await.expect("put");
    let response = app.post_results(&job.prediction_id.to_string(), Some(RESULTS_TOKEN)).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_chat_with_too_many_photos_waiting_is_told_and_nothing_more_is_queued() {
    let app = spawn_app_waiting_at_most(3, |services| services).await;
    let file_id = app.telegram.add_file(jpeg(2));
    let photo = |update_id: u32, chat: i64| updates::photo(update_id, chat, update_id as i32, &file_id, 5004);
    let statuses = post_all(&app, (1..=6).map(|id| photo(id, CHAT)).collect(), 1).await;
    assert_eq!(statuses, [200; 6], "refused photos are answered, not sent again");
    let jobs = app.jobs();
    assert_eq!(jobs.iter().map(|job| job.message_id).collect::<Vec<_>>(), [1, 2, 3]);
    app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    settle().await;
    let told = texts_to(&app, CHAT);
    assert!(!told.is_empty() && told.len() <= 2, "told, not three times: {told:?}");
    assert!(told.iter().all(|text| *text == english().too_many_waiting(3)), "{told:?}");
    assert!(told[0].starts_with("You have 3 photos waiting"), "{}", told[0]);
    assert_eq!(app.telegram.wait_for("setMessageReaction", 3, REPLY_WAIT).await.len(), 3);

    // A re-sent update keeps its own place; other chats have theirs.
    assert_eq!(app.post_update(&photo(2, CHAT)).await.status(), 200);
    assert_eq!(app.post_update(&photo(7, CHAT + 1)).await.status(), 200);
    assert_eq!(app.jobs().len(), 5);

    // Once one is answered, the chat may send one more.
    answer(&app, &jobs[0]).await;
    assert_eq!(app.post_update(&photo(8, CHAT)).await.status(), 200);
    assert_eq!(app.post_update(&photo(9, CHAT)).await.status(), 200);
    let queued: Vec<i32> = app.jobs().iter().filter(|j| j.chat_id == CHAT).map(|j| j.message_id).collect();
    assert_eq!(queued, [1, 2, 3, 2, 8]);
}

/// How many admissions the table holds at once, of one chat and of all; each takes a moment, as a round trip does.
#[derive(Default)]
struct Admissions(Mutex<AtOnce>);

#[derive(Default)]
struct AtOnce {
    per_chat: HashMap<i64, usize>,
    all: usize,
    most_of_one_chat: usize,
    most_of_all: usize,
}

#[async_trait::async_trait]
impl Tap for Admissions {
    async fn before(&self, call: TableCall, _: uuid::Uuid) -> Result<(), TableError> {
        let TableCall::Admit { chat } = call else { return Ok(()) };
        {
            let mut now = self.0.lock().expect("not poisoned");
            let of_chat = now.per_chat.entry(chat).or_default();
            *of_chat += 1;
            let of_chat = *of_chat;
            now.all += 1;
            now.most_of_one_chat = now.most_of_one_chat.max(of_chat);
            now.most_of_all = now.most_of_all.max(now.all);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        Ok(())
    }

    async fn after(&self, call: TableCall) {
        if let TableCall::Admit { chat } = call {
            let mut now = self.0.lock().expect("not poisoned");
            *now.per_chat.entry(chat).or_default() -= 1;
            now.all -= 1;
        }
    }
}

#[tokio::test]
async fn a_chat_s_photos_take_their_places_one_at_a_time_and_other_chats_do_not_wait_for_them() {
    // One at a time, the cap holds exactly even where the table does not isolate concurrent writes (moto), and a
    // flood costs the table one write at a time.
    let tapped = Arc::new(Tapped::new(Arc::new(MemoryPredictionTable::new()), Admissions::default()));
    let table = tapped.clone();
    let app = spawn_app_waiting_at_most(10, move |mut services| {
        services.table = table;
        services
    })
    .await;
    let file_id = app.telegram.add_file(jpeg(4));
    let photos = (0..40_u32)
        .map(|i| updates::photo(100 + i, if i % 2 == 0 { FLOODER } else { CHAT }, i as i32, &file_id, 5004))
        .collect();
    let statuses = post_all(&app, photos, 40).await;
    assert!(statuses.iter().all(|status| *status == 200));
    let at_once = tapped.tap().0.lock().expect("not poisoned");
    assert_eq!(at_once.most_of_one_chat, 1, "one chat's admissions one at a time");
    assert!(at_once.most_of_all >= 2, "two chats' at once: {}", at_once.most_of_all);
    for chat in [FLOODER, CHAT] {
        assert_eq!(app.jobs().iter().filter(|job| job.chat_id == chat).count(), 10, "the cap of chat {chat}");
    }
}

#[tokio::test]
async fn while_answers_take_long_a_photo_s_sender_is_told_the_wait() {
    let app = spawn_app().await;
    // Two photos of another chat answered after waiting 100 s each: past the default 30 s.
    for message in [1, 2] {
        let mut job = Job::new(uuid::Uuid::new_v4(), CHAT + 1, message, "jpg");
        job.received_at = Some(time::OffsetDateTime::now_utc() - Duration::from_secs(100));
        answer(&app, &job).await;
    }
    let file_id = app.telegram.add_file(jpeg(3));
    assert_eq!(app.post_update(&updates::photo(30, CHAT, 3, &file_id, 5004)).await.status(), 200);
    assert_eq!(app.jobs().len(), 1, "taken all the same");
    app.telegram.wait_for_replies(3, REPLY_WAIT).await;
    settle().await;
    assert_eq!(texts_to(&app, CHAT), [english().expect_to_wait(100.0)]);
    assert!(texts_to(&app, CHAT)[0].contains("about 2 minutes"));
    let reactions = app.telegram.succeeded("setMessageReaction");
    assert!(reactions.is_empty(), "the wait in words instead of a reaction");
}
