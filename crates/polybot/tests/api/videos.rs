//! Videos, video notes and animations: each is stored and queued as one job of a video, and the worker's summary
//! over the clip's frames is answered with its most crowded frame.

use bytes::Bytes;
use common::{
    schema::{Clip, ClipClass, Media},
    store::ObjectStore,
    table::PredictionTable,
};
use polybot::{testing::updates, words::Text};

use crate::helpers::{CHAT, REPLY_WAIT, RESULTS_TOKEN, jpeg, prediction, said, settle, spawn_app};

#[tokio::test]
async fn each_kind_of_video_makes_one_job_of_a_video() {
    let app = spawn_app().await;
    let kinds = ["video", "video_note", "animation"];
    for (message_id, kind) in (1..).zip(kinds) {
        let file_id = app.telegram.add_file(jpeg(message_id as u8));
        let update = updates::video(message_id as u32, CHAT, message_id, kind, &file_id, 5004);
        assert_eq!(app.post_update(&update).await.status(), 200, "{kind}");
    }
    let jobs = app.jobs();
    assert_eq!(jobs.len(), kinds.len(), "one job each");
    for (job, kind) in jobs.iter().zip(kinds) {
        assert_eq!((job.media, job.version), (Media::Video, 3), "{kind}: workers before videos refuse it");
        assert!(job.image_key.ends_with(".mp4"), "{kind}: {}", job.image_key);
        let stored = app.store.object(&job.image_key).expect("stored before it was queued");
        assert_eq!(stored.content_type, "video/mp4", "{kind}");
    }
    settle().await;
    let reactions = app.telegram.succeeded("setMessageReaction");
    assert_eq!(reactions.len(), kinds.len(), "acknowledged as photos are");
}

#[tokio::test]
async fn a_video_over_the_download_limit_is_refused_in_words_and_makes_no_job() {
    let app = spawn_app().await;
    let update = updates::video(1, CHAT, 1, "video", "big", 25 * 1024 * 1024);
    assert_eq!(app.post_update(&update).await.status(), 200);
    // One whose update says less than Telegram's getFile then does.
    let file_id = app.telegram.add_file(vec![0; 21 << 20]);
    let update = updates::video(2, CHAT, 2, "video_note", &file_id, 5004);
    assert_eq!(app.post_update(&update).await.status(), 200);
    let replies = app.telegram.wait_for_replies(2, REPLY_WAIT).await;
    assert_eq!(replies[0].text(), Some(said(Text::VideoTooLarge)));
    assert_eq!(replies[1].text(), Some(said(Text::VideoTooLarge)), "told as a video's");
    assert!(app.jobs().is_empty());
}

#[tokio::test]
async fn a_clip_is_answered_with_its_frame_and_a_summary_over_it() {
    let app = spawn_app().await;
    let mut answer = prediction(&["person", "person", "person", "dog"]);
    let seen = |class: &str, most, share| ClipClass { class: class.into(), most, share };
    answer.clip = Some(Clip {
        seconds: 7.8,
        frames: 16,
        shown_at: 2.5,
        classes: vec![seen("person", 3, 0.75), seen("dog", 1, 0.25)],
    });
    let key = answer.predicted_img_path.clone().expect("a picture");
    app.store.put(&key, Bytes::from(jpeg(9)), "image/jpeg").await.expect("put");
    app.table.put_if_absent(&answer).await.expect("put");
    let response = app.post_results(&answer.prediction_id.to_string(), Some(RESULTS_TOKEN)).await;
    assert_eq!(response.status(), 200);
    let photos = app.telegram.succeeded("sendPhoto");
    assert_eq!(photos.len(), 1, "the most crowded frame, as a photo");
    assert_eq!(
        photos[0].text(),
        Some("In this 8-second clip I found up to 3 people at once, in 75 % of it; 1 dog in 25 % of it.")
    );
}
