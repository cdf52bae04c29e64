//! A question with the photo: the caption narrows the answer to some classes and a confidence
//! (common::question), an unknown class name is answered with the closest names and makes no job, and
//! `/classes` lists the names.

use bytes::Bytes;
use common::{question::Question, store::ObjectStore, table::PredictionTable};
use polybot::testing::updates;

use crate::helpers::{CHAT, REPLY_WAIT, RESULTS_TOKEN, TestApp, jpeg, prediction, settle, spawn_app};

/// The user sends a photo with `caption`; returns the jobs queued since the app started.
async fn captioned(app: &TestApp, update_id: u32, caption: &str) {
    let file_id = app.telegram.add_file(jpeg(1));
    let update = updates::captioned(updates::photo(update_id, CHAT, 3, &file_id, 5004), caption);
    assert_eq!(app.post_update(&update).await.status(), 200);
}

fn asking(classes: &[&str], confidence: Option<f32>) -> Option<Question> {
    Some(Question { classes: classes.iter().map(|class| (*class).to_owned()).collect(), confidence })
}

#[tokio::test]
async fn each_caption_form_queues_its_question() {
    let app = spawn_app().await;
    let cases = [
        ("/detect dog cat", asking(&["dog", "cat"], None)),
        ("/detect@polybot_test_bot dogs and cats", asking(&["dog", "cat"], None)),
        ("dogs, people", asking(&["dog", "person"], None)),
        ("/detect person conf 0.5", asking(&["person"], Some(0.5))),
        ("traffic lights >70%", asking(&["traffic light"], Some(0.7))),
        ("/detect", None),
        ("our holiday", None),
    ];
    for (update_id, (caption, _)) in (100..).zip(&cases) {
        captioned(&app, update_id, caption).await;
    }
    let jobs = app.jobs();
    assert_eq!(jobs.len(), cases.len(), "every photo queued");
    for (job, (caption, question)) in jobs.iter().zip(&cases) {
        assert_eq!(&job.question, question, "{caption}");
        assert_eq!(job.version, if question.is_some() { 2 } else { 1 }, "{caption}");
    }
}

#[tokio::test]
async fn an_unknown_class_is_answered_with_the_closest_names_and_makes_no_job() {
    let app = spawn_app().await;
    captioned(&app, 10, "/detect dgo").await;
    captioned(&app, 11, "/detect person conf 3").await;
    let replies = app.telegram.wait_for_replies(2, REPLY_WAIT).await;
    let said: Vec<&str> = replies.iter().filter_map(|reply| reply.text()).collect();
    assert!(
        said.contains(
            &"I don't know “dgo”. Did you mean dog? /classes lists the 80 kinds of objects I know."
        ),
        "{said:?}"
    );
    assert!(said.iter().any(|text| text.starts_with("“3” is not a confidence I can use")), "{said:?}");
    settle().await;
    assert!(app.jobs().is_empty(), "no job");
    assert!(app.store.keys().is_empty(), "no photo stored");
}

#[tokio::test]
async fn classes_lists_every_name_a_caption_may_ask_for() {
    let app = spawn_app().await;
    app.post_update(&updates::text(20, CHAT, 4, "/classes")).await;
    let replies = app.telegram.wait_for_replies(1, REPLY_WAIT).await;
    let text = replies[0].text().expect("a text");
    assert!(text.starts_with("I know these 80 kinds of objects: person, bicycle,"), "{text}");
    assert!(text.contains("hair drier, toothbrush."), "{text}");
}

#[tokio::test]
async fn the_answer_says_what_was_asked_and_what_was_not_found() {
    let app = spawn_app().await;
    let mut found = prediction(&["dog", "dog"]);
    found.question = asking(&["dog", "cat"], None);
    let mut none = prediction(&[]);
    none.question = asking(&["cat"], Some(0.5));
    for prediction in [&found, &none] {
        app.table.put_if_absent(prediction).await.expect("put");
        if let Some(key) = &prediction.predicted_img_path {
            app.store.put(key, Bytes::from(jpeg(9)), "image/jpeg").await.expect("put");
        }
        let response = app.post_results(&prediction.prediction_id.to_string(), Some(RESULTS_TOKEN)).await;
        assert_eq!(response.status(), 200);
    }
    let photos = app.telegram.succeeded("sendPhoto");
    assert_eq!(photos.len(), 1, "the photo with dogs");
    assert_eq!(photos[0].text(), Some("I found 2 dogs; no cat"));
    let texts = app.telegram.succeeded("sendMessage");
    assert_eq!(texts.len(), 1, "no cat: words only");
    assert_eq!(texts[0].text(), Some("Counting what I'm at least 50 % sure of, I found no cat"));
}
