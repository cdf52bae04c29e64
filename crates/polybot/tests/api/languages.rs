//! Answers in the user's language (`polybot::words`): the sender's Telegram language picks the words of every
//! reply, a photo's job carries it to the answer after the worker's callback, and English answers the rest.

use bytes::Bytes;
use common::{schema::Prediction, store::ObjectStore, table::PredictionTable};
use polybot::{
    testing::updates,
    words::{Text, for_user},
};

use crate::helpers::{CHAT, REPLY_WAIT, RESULTS_TOKEN, jpeg, prediction, spawn_app};

/// A right-to-left sentence without the isolation marks around its variables.
fn unmarked(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

#[tokio::test]
async fn each_language_answers_a_photo_in_its_own_words_and_plurals_and_english_the_others() {
    let app = spawn_app().await;
    // Three people and a bus: a plural, a singular and a total, each in its language's form.
    let cases = [
        (Some("en"), "en", "I found 4 objects: 3 people, 1 bus"),
        (Some("ar"), "ar", "وجدت\u{64f} 4 أشياء: 3 أشخاص، حافلة واحدة"),
        (Some("de-DE"), "de", "Ich habe 4 Objekte gefunden: 3 Personen, 1 Bus"),
        (Some("es"), "es", "Encontré 4 objetos: 3 personas, 1 autobús"),
        (Some("fr"), "fr", "J’ai trouvé 4 objets\u{202f}: 3 personnes, 1 bus"),
        (Some("he"), "he", "מצאתי 4 עצמים: 3 אנשים, אוטובוס אחד"),
        (Some("ru"), "ru", "На фото 4 объекта: 3 человека, 1 автобус"),
        // A language the bot does not speak, and none at all: English.
        (Some("pt-br"), "en", "I found 4 objects: 3 people, 1 bus"),
        (None, "en", "I found 4 objects: 3 people, 1 bus"),
    ];
    for (message_id, (language, _, _)) in (1..).zip(&cases) {
        let file_id = app.telegram.add_file(jpeg(1));
        let mut update = updates::photo(message_id as u32, CHAT, message_id, &file_id, 5004);
        if let Some(code) = language {
            update = updates::speaking(update, code);
        }
        assert_eq!(app.post_update(&update).await.status(), 200);
    }
    let jobs = app.jobs();
    assert_eq!(jobs.len(), cases.len(), "every photo queued");
    for (job, (language, tag, _)) in jobs.iter().zip(&cases) {
        assert_eq!(job.language.as_deref(), Some(*tag), "{language:?}");
        // The worker's part: the job's language goes into its prediction, then the callback.
        let mut answer = prediction(&["person", "bus", "person", "person"]);
        (answer.prediction_id, answer.message_id, answer.language) =
            (job.prediction_id, job.message_id, job.language.clone());
        let key = Prediction::predicted_key_for(job.prediction_id);
        app.store.put(&key, Bytes::from(jpeg(9)), "image/jpeg").await.expect("put");
        answer.predicted_img_path = Some(key);
        app.table.put_if_absent(&answer).await.expect("put");
        let response = app.post_results(&job.prediction_id.to_string(), Some(RESULTS_TOKEN)).await;
        assert_eq!(response.status(), 200);
    }
    let photos = app.telegram.succeeded("sendPhoto");
    assert_eq!(photos.len(), cases.len());
    for (message_id, (language, tag, expected)) in (1..).zip(&cases) {
        let photo = photos.iter().find(|photo| photo.reply_to() == Some(message_id)).expect("answered");
        let text = photo.text().expect("a caption");
        assert_eq!(unmarked(text), *expected, "{language:?}");
        let right_to_left = ["ar", "he"].contains(tag);
        assert_eq!(text.contains('\u{2068}'), right_to_left, "{language:?}: variables isolated in RTL only");
    }
}

#[tokio::test]
async fn replies_to_messages_are_in_the_senders_language() {
    let app = spawn_app().await;
    let help = updates::speaking(updates::text(1, CHAT, 1, "/help"), "ru");
    let classes = updates::speaking(updates::text(2, CHAT, 2, "/classes"), "de");
    let file_id = app.telegram.add_file(jpeg(1));
    let photo = updates::photo(3, CHAT, 3, &file_id, 5004);
    let unknown = updates::speaking(updates::captioned(photo, "/detect dgo"), "de");
    let sticker = updates::speaking(updates::sticker(4, CHAT, 4), "xx");
    for update in [help, classes, unknown, sticker] {
        assert_eq!(app.post_update(&update).await.status(), 200);
    }
    let replies = app.telegram.wait_for_replies(4, REPLY_WAIT).await;
    let texts: Vec<&str> = replies.iter().map(|reply| reply.text().expect("a text")).collect();
    assert!(texts[0].starts_with("Привет! Пришли мне фото"), "{}", texts[0]);
    assert_eq!(texts[0], for_user(Some("ru")).text(Text::Help));
    assert!(
        texts[1].starts_with("Ich kenne diese 80 Objektarten: person (Person), bicycle (Fahrrad),"),
        "{}",
        texts[1]
    );
    assert!(texts[2].starts_with("Ich kenne „dgo“ nicht. Meintest du dog?"), "{}", texts[2]);
    assert_eq!(texts[3], for_user(None).text(Text::OnlyPhotos), "a language the bot does not speak");
    assert!(app.jobs().is_empty(), "the unknown class made no job");
}
