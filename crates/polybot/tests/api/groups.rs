//! Groups: the bot answers its commands and the photos addressed to it, nothing else; and it
//! registers its commands at start.

use std::{sync::Arc, time::Duration};

use common::{queue::MemoryJobQueue, store::MemoryObjectStore, table::MemoryPredictionTable};
use polybot::{
    app::{Application, Dependencies},
    conversation::COMMANDS,
    testing::{BOT_USERNAME, Failure, FakeTelegram, updates},
    words::{self, Text},
};
use secrecy::SecretString;
use serde_json::Value;

use crate::helpers::{
    CHAT, REPLY_WAIT, RESULTS_TOKEN, jpeg, logs, said, settle, spawn_app, spawn_app_failing, telegram_client,
    webhook_mode,
};

/// A supergroup the test user and the bot are in.
const GROUP: i64 = -1_001_234_567_890;
/// The bot's user id: the first part of the test token, which the fake's getMe gives.
const BOT_ID: u64 = 4242;

fn message_id(update: &Value) -> i64 {
    update["message"]["message_id"].as_i64().expect("a message")
}

#[tokio::test]
async fn start_up_registers_the_commands_once_in_each_language() {
    let app = spawn_app().await;
    let languages = words::languages();
    let calls = app.telegram.wait_for("setMyCommands", languages.len(), REPLY_WAIT).await;
    assert_eq!(calls.len(), languages.len());
    let mut codes: Vec<_> =
        calls.iter().map(|call| call.params.get("language_code").and_then(Value::as_str)).collect();
    codes.sort();
    assert_eq!(
        codes,
        [None, Some("ar"), Some("de"), Some("es"), Some("fr"), Some("he"), Some("ru")],
        "English for all"
    );
    let mut descriptions = Vec::new();
    for call in &calls {
        let commands = call.params["commands"].as_array().expect("a list").clone();
        let names: Vec<_> = commands.iter().map(|c| c["command"].as_str().expect("a name")).collect();
        assert_eq!(names, ["start", "help", "detect", "classes"]);
        assert_eq!(names.len(), COMMANDS.len());
        for command in &commands {
            let about = command["description"].as_str().expect("a description");
            assert!((3..=256).contains(&about.chars().count()), "Telegram's limits: {about:?}");
            descriptions.push(about.to_owned());
        }
    }
    let english = calls.iter().find(|call| call.params.get("language_code").is_none()).expect("the default");
    assert_eq!(english.params["commands"][0]["description"], "What I do");
    descriptions.sort();
    descriptions.dedup();
    assert_eq!(descriptions.len(), languages.len() * COMMANDS.len(), "each language's own words");
    assert_eq!(app.telegram.succeeded("getMe").len(), 1, "who the bot is, asked once at start");
}

#[tokio::test]
async fn a_token_telegram_refuses_stops_the_start() {
    // A Bot API that knows another token answers the bot's getMe 401.
    let telegram = FakeTelegram::start("1:AAanother-token-value_0123456789abc").await;
    let deps = Dependencies {
        telegram: telegram_client(&telegram),
        store: Arc::new(MemoryObjectStore::new()),
        queue: Arc::new(MemoryJobQueue::new(Duration::from_secs(30))),
        table: Arc::new(MemoryPredictionTable::new()),
    };
    let results_token = SecretString::from(RESULTS_TOKEN.to_owned());
    let built = Application::build(webhook_mode(), 0, results_token, deps).await;
    let error = built.expect_err("the start stops").to_string();
    assert!(error.contains("getMe") && error.contains("Invalid bot token"), "{error}");
    assert!(telegram.calls().iter().all(|call| call.method == "getMe"), "nothing else was asked");
}

#[tokio::test]
async fn a_bot_whose_commands_are_refused_still_works() {
    let app = spawn_app_failing("setMyCommands", Failure::Refuse("Bad Request: BOT_COMMAND_INVALID")).await;
    assert_eq!(app.post_update(&updates::text(90, CHAT, 1, "/start")).await.status(), 200);
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    assert_eq!(replies[0].text(), Some(said(Text::Help)));
    settle().await;
    assert!(logs().contains("Could not register the bot's commands"), "the refusal is logged");
}

#[tokio::test]
async fn in_a_group_only_photos_addressed_to_the_bot_are_taken() {
    let app = spawn_app().await;
    let file_id = app.telegram.add_file(jpeg(9));
    let photo = |update_id: u32, message_id: i32| {
        updates::in_group(updates::photo(update_id, CHAT, message_id, &file_id, 5004), GROUP)
    };
    let cases = [
        (photo(100, 1), false),
        (updates::captioned(photo(101, 2), "our holiday"), false),
        (updates::captioned(photo(102, 3), &format!("what is this, @{BOT_USERNAME}?")), true),
        (updates::captioned(photo(103, 4), "/detect"), true),
        (updates::captioned(photo(104, 5), &format!("/detect@{BOT_USERNAME}")), true),
        (updates::captioned(photo(105, 6), "/detect@other_bot"), false),
        (updates::replying_to(photo(106, 7), 1000, BOT_ID, true), true),
        (updates::replying_to(photo(107, 8), 900, 77, false), false),
    ];
    for (update, _) in &cases {
        assert_eq!(app.post_update(update).await.status(), 200, "{update}");
    }
    let taken: Vec<_> = cases.iter().filter(|(_, taken)| *taken).map(|(u, _)| message_id(u)).collect();
    let reactions = app.telegram.wait_for("setMessageReaction", taken.len(), REPLY_WAIT).await;
    settle().await;
    let mut jobs: Vec<_> = app.jobs().iter().map(|job| (job.chat_id, i64::from(job.message_id))).collect();
    jobs.sort_unstable();
    assert_eq!(jobs, taken.iter().map(|id| (GROUP, *id)).collect::<Vec<_>>(), "one job per addressed photo");
    let mut acknowledged: Vec<_> = reactions.iter().map(|r| (r.chat_id(), r.about())).collect();
    acknowledged.sort_unstable();
    assert_eq!(acknowledged, taken.iter().map(|id| (Some(GROUP), Some(*id))).collect::<Vec<_>>());
    assert_eq!(app.telegram.succeeded("setMessageReaction").len(), taken.len());
    assert!(app.telegram.replies().is_empty(), "nothing said about the photos for the group");
}

#[tokio::test]
async fn in_a_group_the_bot_answers_its_commands_and_not_the_chatter() {
    let app = spawn_app().await;
    let text = |update_id: u32, message_id: i32, text: &str| {
        updates::in_group(updates::text(update_id, CHAT, message_id, text), GROUP)
    };
    let cases = [
        (text(110, 1, "/start"), Some(said(Text::Help))),
        (text(111, 2, &format!("/help@{BOT_USERNAME}")), Some(said(Text::Help))),
        (text(112, 3, "/detect"), Some(said(Text::DetectNeedsAPhoto))),
        (text(113, 4, "/help@other_bot"), None),
        (text(114, 5, "good morning"), None),
        (text(115, 6, &format!("ask @{BOT_USERNAME}, it knows")), None),
        (updates::replying_to(text(116, 7, "thanks!"), 1000, BOT_ID, true), None),
    ];
    // One after another, each answer sent before the next update: an answer equal to one still waiting for the
    // chat would be sent once (polybot::outbox), which is not what this test is about.
    let mut answers = 0;
    for (update, reply) in &cases {
        assert_eq!(app.post_update(update).await.status(), 200, "{update}");
        answers += usize::from(reply.is_some());
        app.telegram.wait_for_replies(answers, REPLY_WAIT).await;
    }
    let expected: Vec<_> =
        cases.iter().filter_map(|(update, reply)| Some((message_id(update), (*reply)?))).collect();
    settle().await;
    let mut replied: Vec<_> = app
        .telegram
        .replies()
        .iter()
        .map(|r| (r.chat_id(), r.reply_to(), r.text().map(str::to_owned)))
        .collect();
    replied.sort();
    let expected: Vec<_> =
        expected.into_iter().map(|(id, text)| (Some(GROUP), Some(id), Some(text.to_owned()))).collect();
    assert_eq!(replied, expected, "an answer to each command of the bot's, nothing else");
}

#[tokio::test]
async fn detect_without_a_photo_in_a_private_chat_says_how() {
    let app = spawn_app().await;
    app.post_update(&updates::text(120, CHAT, 1, "/detect")).await;
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    assert_eq!((replies[0].text(), replies[0].reply_to()), (Some(said(Text::DetectNeedsAPhoto)), Some(1)));
    assert!(app.jobs().is_empty());
}
