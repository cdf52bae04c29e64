//! The contracts between the services: the job on the queue and the prediction in the table.
//!
//! These are the only types in the workspace that derive `Serialize`/`Deserialize` for the wire;
//! `tests/fixtures/` holds one JSON document per shape, and the tests round-trip them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::question::Question;

/// The bot's route the worker calls when a prediction is stored: `POST /results?predictionId=<uuid>`
/// ([`ResultsQuery`]).
pub const RESULTS_PATH: &str = "/results";
/// The query parameter of [`RESULTS_PATH`] that names the prediction.
pub const PREDICTION_ID_PARAMETER: &str = "predictionId";

/// The query of the worker's call on [`RESULTS_PATH`]: the worker writes it, the bot reads it. The id is text
/// here, so that the bot answers a malformed one with its own clear error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsQuery {
    /// The prediction stored ([`PREDICTION_ID_PARAMETER`]).
    #[serde(rename = "predictionId")]
    pub prediction_id: Option<String>,
}

impl ResultsQuery {
    /// The query naming `prediction_id`.
    pub fn of(prediction_id: Uuid) -> Self {
        Self { prediction_id: Some(prediction_id.to_string()) }
    }
}
/// The header carrying the shared `RESULTS_TOKEN` on that call.
pub const RESULTS_TOKEN_HEADER: &str = "x-results-token";
/// What both services accept as `RESULTS_TOKEN` ([`is_results_token`]), in the words their errors use.
pub const RESULTS_TOKEN_RULE: &str = "16-256 visible ASCII characters, e.g. from `openssl rand -hex 32`";

/// Whether `token` may be the shared `RESULTS_TOKEN`: a header value (visible ASCII) long enough not to be
/// guessed, 16 to 256 characters ([`RESULTS_TOKEN_RULE`]). The bot and the worker check it at start, so that
/// neither runs with a token the other would refuse.
pub fn is_results_token(token: &str) -> bool {
    (16..=256).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_graphic())
}

/// How many of each class `classes` holds (one entry per detection), most frequent first, ties in the order met.
pub fn class_counts<'a>(classes: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for class in classes {
        match counts.iter_mut().find(|(seen, _)| *seen == class) {
            Some((_, n)) => *n += 1,
            None => counts.push((class, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    counts
}

/// Counts objects per class in words for `yolo5 detect`'s console ([`class_counts`]; the bot's answers are
/// `polybot::words`'): `"4 objects: 3 × person, 1 × bus"`, `"1 object: 1 × dog"`, `"no objects"`.
pub fn count_objects<'a>(classes: impl IntoIterator<Item = &'a str>) -> String {
    let counts = class_counts(classes);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = counts.iter().map(|(class, n)| format!("{n} × {class}")).collect();
    match total {
        0 => "no objects".to_owned(),
        1 => format!("1 object: {}", parts.join(", ")),
        n => format!("{n} objects: {}", parts.join(", ")),
    }
}

/// The newest version of [`Job`] this build writes and reads. Version 2 carries a [`Question`], version 3 a video
/// ([`Media::Video`]); a job with neither is still written as version 1 ([`Job::new`]), which older workers run. A
/// worker refuses a version newer than it knows and tells its user so, rather than answer it without its question or
/// read a video as an image; this build reads all three.
pub const JOB_VERSION: u32 = 3;
/// The version of a job without a question.
const PLAIN_JOB_VERSION: u32 = 1;
/// The version of a job with a question.
const QUESTION_JOB_VERSION: u32 = 2;

/// What a job's file is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Media {
    /// A photo or an image file.
    #[default]
    Image,
    /// A video, video note or animation (MP4, H.264): the worker looks at a few frames a second.
    Video,
}

impl Media {
    fn is_image(&self) -> bool {
        *self == Self::Image
    }
}

/// One photo to detect objects in: the body of an SQS message, written by the bot, read by the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// [`JOB_VERSION`] when written; a worker refuses versions it does not know.
    pub version: u32,
    /// Names the prediction, its images and its table item.
    pub prediction_id: Uuid,
    /// The Telegram chat the photo came from.
    pub chat_id: i64,
    /// The Telegram message to reply to.
    pub message_id: i32,
    /// The photo in the bucket: `photos/<chat_id>/<prediction_id>.<ext>`.
    pub image_key: String,
    /// When the bot queued the job.
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    /// When the bot took the photo's update, where the user's wait for the answer starts (the bot's
    /// `polybot_end_to_end_seconds`). Absent in jobs of bots older than it; a worker that does not know it
    /// ignores it, so it needs no new [`JOB_VERSION`].
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    pub received_at: Option<OffsetDateTime>,
    /// What the photo's caption asks for ([`Job::asking`]); absent: every class the model knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
    /// What the file is; absent: an image.
    #[serde(default, skip_serializing_if = "Media::is_image")]
    pub media: Media,
    /// The language the bot answers its sender in (a tag it speaks: `ru`), copied into the prediction. Absent in
    /// jobs of bots older than it, and dropped by workers older than it: either way the answer is in English, so
    /// it needs no new [`JOB_VERSION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Why a message body is not a job this build can run.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The body is not JSON of the job's shape.
    #[error("malformed job: {0}")]
    Malformed(#[from] serde_json::Error),
    /// The job was written by a build with another schema.
    #[error(
        "job schema version {found} is not supported (this build reads {PLAIN_JOB_VERSION} to {JOB_VERSION})"
    )]
    UnsupportedVersion {
        /// The version the message carries.
        found: u32,
    },
}

impl Job {
    /// A new job for a photo stored under [`Job::image_key_for`].
    pub fn new(prediction_id: Uuid, chat_id: i64, message_id: i32, extension: &str) -> Self {
        Self {
            version: PLAIN_JOB_VERSION,
            prediction_id,
            chat_id,
            message_id,
            image_key: Self::image_key_for(chat_id, prediction_id, extension),
            submitted_at: OffsetDateTime::now_utc(),
            received_at: None,
            question: None,
            media: Media::Image,
            language: None,
        }
    }

    /// The job asking `question` of its photo: at least version 2 when there is one.
    pub fn asking(self, question: Option<Question>) -> Self {
        let version = if question.is_some() { self.version.max(QUESTION_JOB_VERSION) } else { self.version };
        Self { version, question, ..self }
    }

    /// The job of a video ([`Media::Video`]): version 3.
    pub fn of_video(self) -> Self {
        Self { version: JOB_VERSION, media: Media::Video, ..self }
    }

    /// Where the bot stores the photo of a prediction.
    pub fn image_key_for(chat_id: i64, prediction_id: Uuid, extension: &str) -> String {
        format!("photos/{chat_id}/{prediction_id}.{extension}")
    }

    /// Parses a message body, refusing versions this build does not know.
    pub fn from_json(body: &str) -> Result<Self, JobError> {
        let job: Self = serde_json::from_str(body)?;
        if !(PLAIN_JOB_VERSION..=JOB_VERSION).contains(&job.version) {
            return Err(JobError::UnsupportedVersion { found: job.version });
        }
        Ok(job)
    }

    /// The message body.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a job always serialises")
    }

    /// The job a body names when it is not one this build can run (another version, a field of the wrong kind)
    /// but still names its prediction, chat and message: enough to answer its user. `None` when it does not.
    pub fn identify(body: &str) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        let prediction_id = value["prediction_id"].as_str()?.parse().ok()?;
        let chat_id = value["chat_id"].as_i64()?;
        let message_id = i32::try_from(value["message_id"].as_i64()?).ok()?;
        let mut job = Self::new(prediction_id, chat_id, message_id, "jpg");
        job.image_key = value["image_key"].as_str().unwrap_or_default().to_owned();
        job.language = value["language"].as_str().map(str::to_owned);
        Some(job)
    }
}

/// Why the worker could not look at a photo: the bot words it in its user's language; [`Failure::reason`] are the
/// English words the prediction's `reason` carries besides, for the logs and for bots older than this field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The job could not be run (malformed, another schema version, failed on its last delivery).
    Job,
    /// The photo is not in the bucket any more.
    Missing,
    /// Not an image format the worker reads.
    Format,
    /// An image whose data is damaged.
    Corrupt,
    /// An image too large to decode within the memory bound.
    TooLarge,
    /// An image too slow to decode within the time bound.
    TooSlow,
    /// A video the worker cannot read: not an MP4, no H.264 track, or a kind of H.264 it does not decode.
    VideoFormat,
    /// A video longer (or slower to decode) than the worker looks at.
    VideoTooLong,
    /// A video whose frames are larger than the worker decodes.
    VideoTooLarge,
    /// A failure a newer worker names and this build does not know: the bot answers with `reason`.
    #[serde(other)]
    Other,
}

impl Failure {
    /// The failure in English words fit for the user.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Job | Self::Other => {
                "Something went wrong on my side with this photo. Please send it again."
            }
            Self::Missing => "I could not find your photo any more. Please send it again.",
            Self::Format => {
                "I could not read this file as an image. Please send a JPEG, PNG, WebP, BMP or GIF."
            }
            Self::Corrupt => "This image seems damaged, so I could not read it. Please send it again.",
            Self::TooLarge => {
                "This image is too large for me to open. Please send it as a photo, or a smaller file."
            }
            Self::TooSlow => {
                "This image takes too long to open. Please send it as a photo, or save it again as an ordinary JPEG \
                or PNG."
            }
            Self::VideoFormat => {
                "I could not read this video: I read H.264 video in MP4, as Telegram sends videos and GIFs. Please \
                send it as an ordinary video."
            }
            Self::VideoTooLong => "This video is too long for me to look at. Please send a shorter clip.",
            Self::VideoTooLarge => {
                "This video's picture is too large for me. Please send it at a lower resolution."
            }
        }
    }
}

/// Whether the worker produced detections for a prediction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Detection ran; `labels` holds what was found (possibly nothing).
    Done,
    /// Detection could not run; `reason` says why in words fit for the user.
    Failed,
}

/// One detected object.
///
/// `class` and the normalised centre box `cx, cy, width, height` (0..1) are the course's summary fields;
/// the rest is what the worker knows besides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// The COCO class name, e.g. `person`.
    pub class: String,
    /// The class index in the model's output.
    pub class_id: u32,
    /// objectness × class score, 0..1.
    pub confidence: f32,
    /// Box centre x, as a fraction of the image width.
    pub cx: f32,
    /// Box centre y, as a fraction of the image height.
    pub cy: f32,
    /// Box width, as a fraction of the image width.
    pub width: f32,
    /// Box height, as a fraction of the image height.
    pub height: f32,
    /// The box in pixels of the original image: x1, y1, x2, y2.
    pub xyxy: [f32; 4],
}

/// The outcome of one job: the DynamoDB item the worker writes and the bot reads for `/results`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The job's prediction id; the table's key.
    pub prediction_id: Uuid,
    /// The chat to answer.
    pub chat_id: i64,
    /// The message to reply to.
    pub message_id: i32,
    /// The photo's key in the bucket.
    pub original_img_path: String,
    /// The annotated image's key (`predictions/<prediction_id>.jpg`), absent when the job failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicted_img_path: Option<String>,
    /// What was detected, most confident first.
    pub labels: Vec<Label>,
    /// When the prediction was made, in seconds since the Unix epoch.
    pub time: f64,
    /// The original image's width in pixels (0 when the image could not be read).
    pub width: u32,
    /// The original image's height in pixels (0 when the image could not be read).
    pub height: u32,
    /// The model file that made the prediction.
    pub model: String,
    /// Whether detection ran.
    pub status: Status,
    /// Why detection failed, in English words fit for the user; only when `status` is `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why detection failed, for the bot to word in the user's language; absent from workers older than it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// The job's [`Job::question`], from which the bot words the answer; absent: every class was looked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
    /// What the worker saw in a video ([`Media::Video`]); `labels` and the annotated image are its most crowded frame's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clip: Option<Clip>,
    /// The job's [`Job::language`], the language of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The job's [`Job::received_at`] in seconds since the Unix epoch, for the bot's end-to-end time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<f64>,
    /// When the bot told the user, in seconds since the Unix epoch; absent until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_at: Option<f64>,
    /// When the table may delete the item, in whole seconds since the Unix epoch: the attribute
    /// DynamoDB's time to live reads. Absent: kept for ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
}

impl Prediction {
    /// Where the worker stores the annotated image of a prediction.
    pub fn predicted_key_for(prediction_id: Uuid) -> String {
        format!("predictions/{prediction_id}.jpg")
    }

    /// A prediction for a job whose detection failed.
    pub fn failed(job: &Job, model: &str, failure: Failure) -> Self {
        Self {
            prediction_id: job.prediction_id,
            chat_id: job.chat_id,
            message_id: job.message_id,
            original_img_path: job.image_key.clone(),
            predicted_img_path: None,
            labels: Vec::new(),
            time: unix_now(),
            width: 0,
            height: 0,
            model: model.to_owned(),
            status: Status::Failed,
            reason: Some(failure.reason().to_owned()),
            failure: Some(failure),
            question: job.question.clone(),
            clip: None,
            language: job.language.clone(),
            received_at: job.received_at.map(unix_seconds),
            notified_at: None,
            expires_at: None,
        }
    }
}

/// What the worker saw in a video, over the frames it looked at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    /// The clip's length in seconds.
    pub seconds: f32,
    /// How many frames the worker looked at (a few a second).
    pub frames: u32,
    /// When the frame of the annotated image (the most crowded one) is, in seconds from the start.
    pub shown_at: f32,
    /// Each class seen (those the question asked for, when it asked), most seen at once first.
    pub classes: Vec<ClipClass>,
}

/// One class over a clip's frames.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClipClass {
    /// The class name.
    pub class: String,
    /// The most seen in one frame.
    pub most: u32,
    /// The share of the frames looked at that show it, 0..=1.
    pub share: f32,
}

/// Seconds since the Unix epoch, with sub-second precision.
pub fn unix_now() -> f64 {
    unix_seconds(OffsetDateTime::now_utc())
}

/// `time` in seconds since the Unix epoch, with sub-second precision.
pub fn unix_seconds(time: OffsetDateTime) -> f64 {
    time.unix_timestamp_nanos() as f64 / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_counted_most_frequent_first() {
        assert_eq!(count_objects(["bus", "person", "person", "person"]), "4 objects: 3 × person, 1 × bus");
        assert_eq!(count_objects(["dog"]), "1 object: 1 × dog");
        assert_eq!(count_objects([]), "no objects");
        assert_eq!(count_objects(["b", "a", "a", "b", "c"]), "5 objects: 2 × b, 2 × a, 1 × c", "ties as met");
    }

    #[test]
    fn image_keys_follow_the_bucket_layout() {
        let id = Uuid::parse_str("0b5f3c2e-8f1a-4c55-9a0e-2d7c6b1e9f10").expect("valid uuid");
        assert_eq!(
            Job::image_key_for(-1001, id, "jpg"),
            "photos/-1001/0b5f3c2e-8f1a-4c55-9a0e-2d7c6b1e9f10.jpg"
        );
        assert_eq!(Prediction::predicted_key_for(id), "predictions/0b5f3c2e-8f1a-4c55-9a0e-2d7c6b1e9f10.jpg");
    }

    #[test]
    fn a_new_job_round_trips_through_its_body() {
        let job = Job::new(Uuid::new_v4(), 42, 7, "png");
        assert_eq!(Job::from_json(&job.to_json()).expect("parses"), job);
    }

    #[test]
    fn a_question_makes_a_version_2_job_that_this_build_reads_as_it_reads_version_1() {
        let plain = Job::new(Uuid::new_v4(), 42, 7, "jpg");
        assert_eq!(plain.version, 1, "workers older than questions run it");
        let question = Question { classes: vec!["dog".into()], confidence: Some(0.5) };
        let asking = plain.clone().asking(Some(question.clone()));
        assert_eq!((asking.version, asking.question.as_ref()), (2, Some(&question)));
        assert!(asking.to_json().contains(r#""question":{"classes":["dog"],"confidence":0.5}"#));
        assert_eq!(Job::from_json(&asking.to_json()).expect("parses"), asking);
        assert_eq!(plain.clone().asking(None), plain, "no question: still version 1");
        assert!(!plain.to_json().contains("question"));
        // What a version-1 worker checks: the version it knows, and nothing else.
        assert_ne!(
            asking.version, PLAIN_JOB_VERSION,
            "an old worker refuses it rather than ignore the question"
        );
    }

    #[test]
    fn a_video_makes_a_version_3_job_whatever_it_asks() {
        let video = Job::new(Uuid::new_v4(), 42, 7, "mp4").of_video();
        assert_eq!((video.version, video.media), (3, Media::Video), "workers before videos refuse it");
        assert!(video.to_json().contains(r#""media":"video""#));
        assert_eq!(Job::from_json(&video.to_json()).expect("parses"), video);
        let question = Question { classes: vec!["dog".into()], confidence: None };
        assert_eq!(video.clone().asking(Some(question)).version, 3, "a question does not lower it");
        let plain = Job::new(Uuid::new_v4(), 42, 7, "jpg");
        assert!(!plain.to_json().contains("media"), "an image says nothing");
        assert_eq!(Job::from_json(&plain.to_json()).expect("parses").media, Media::Image);
    }

    #[test]
    fn the_language_travels_in_the_job_and_an_unknown_failure_is_read_as_other() {
        let job = Job { language: Some("he".into()), ..Job::new(Uuid::new_v4(), 42, 7, "jpg") };
        assert_eq!(job.version, PLAIN_JOB_VERSION, "a worker older than it ignores it");
        assert_eq!(Job::from_json(&job.to_json()).expect("parses").language.as_deref(), Some("he"));
        let newer = job.to_json().replace(r#""version":1"#, r#""version":9"#);
        assert_eq!(Job::identify(&newer).expect("identified").language.as_deref(), Some("he"));
        let failure: Failure = serde_json::from_str(r#""a_failure_of_the_future""#).expect("read");
        assert_eq!(failure, Failure::Other);
        assert_eq!(serde_json::to_string(&Failure::TooSlow).expect("written"), r#""too_slow""#);
    }

    #[test]
    fn an_unknown_version_is_refused() {
        let mut job = Job::new(Uuid::new_v4(), 42, 7, "jpg");
        job.version = JOB_VERSION + 1;
        let error = Job::from_json(&job.to_json()).expect_err("refused");
        assert!(matches!(error, JobError::UnsupportedVersion { found } if found == JOB_VERSION + 1));
    }

    #[test]
    fn a_malformed_body_is_refused() {
        for body in ["", "{}", "not json", r#"{"version":1,"prediction_id":"nope"}"#] {
            assert!(matches!(Job::from_json(body), Err(JobError::Malformed(_))), "{body:?}");
        }
    }

    #[test]
    fn a_failed_prediction_carries_the_job_and_the_reason() {
        let job = Job::new(Uuid::new_v4(), 42, 7, "jpg");
        let job = Job { language: Some("ru".into()), ..job };
        let p = Prediction::failed(&job, "yolov5n.torchscript", Failure::Format);
        assert_eq!((p.prediction_id, p.chat_id, p.message_id), (job.prediction_id, 42, 7));
        assert_eq!(p.original_img_path, job.image_key);
        assert_eq!(
            (p.status, p.failure, p.language.as_deref()),
            (Status::Failed, Some(Failure::Format), Some("ru"))
        );
        assert_eq!(p.reason.as_deref(), Some(Failure::Format.reason()), "English words for older bots");
        assert!(p.predicted_img_path.is_none() && p.labels.is_empty() && p.notified_at.is_none());
        assert!(p.received_at.is_none(), "a job without received_at");
    }

    #[test]
    fn a_prediction_carries_when_the_bot_took_its_photo() {
        let received = time::macros::datetime!(2026-12-04 18:30:00.25 UTC);
        let job = Job { received_at: Some(received), ..Job::new(Uuid::new_v4(), 42, 7, "jpg") };
        let read = Job::from_json(&job.to_json()).expect("parses");
        assert_eq!(read.received_at, Some(received));
        let p = Prediction::failed(&read, "m", Failure::Job);
        let seconds = p.received_at.expect("carried from the job");
        assert!((seconds - 1_796_409_000.25).abs() < 1e-6, "{seconds}");
    }

    /// What crosses a process boundary is spelt in `common` only: neither binary writes the results query, the
    /// results token's rule or the health route by hand.
    #[test]
    fn the_binaries_spell_no_part_of_the_contract_by_hand() {
        fn sources(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(folder).expect("a folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, found);
                } else if path.extension().is_some_and(|extension| extension == "rs") {
                    found.push(path);
                }
            }
        }
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("crates/");
        let mut found = Vec::new();
        for program in ["polybot", "yolo5"] {
            sources(&crates.join(program).join("src"), &mut found);
        }
        assert!(found.len() > 10, "the binaries' sources: {found:?}");
        // The health route as the end of a string literal: the docs may name it.
        let contract = [
            (PREDICTION_ID_PARAMETER.to_owned(), "common::schema::ResultsQuery"),
            ("16..=256".to_owned(), "common::schema::is_results_token"),
            (format!("{}\"", crate::http::HEALTH_PATH), "common::http::{health, probe_health}"),
        ];
        let spelt: Vec<_> = found
            .iter()
            .flat_map(|path| {
                let text = std::fs::read_to_string(path).expect("readable");
                contract.iter().filter(move |(spelling, _)| text.contains(spelling)).map(move |c| (path, c))
            })
            .collect();
        assert!(spelt.is_empty(), "spelt by hand (file, (spelling, use instead)): {spelt:?}");
    }

    #[test]
    fn a_results_token_is_16_to_256_visible_ascii_characters() {
        assert!(is_results_token(&"a".repeat(16)) && is_results_token(&"~".repeat(256)));
        for refused in
            ["a".repeat(15), "a".repeat(257), format!("{} ", "a".repeat(16)), format!("{}é", "a".repeat(16))]
        {
            assert!(!is_results_token(&refused), "{refused:?}");
        }
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;

        /// Any job the bot could write: every id, chat and message, times to the nanosecond from 1970 to 2096.
        fn job() -> impl Strategy<Value = Job> {
            let time = (0_i64..4_000_000_000, 0_u32..1_000_000_000).prop_map(|(seconds, nanos)| {
                OffsetDateTime::from_unix_timestamp(seconds).expect("in range")
                    + time::Duration::nanoseconds(nanos.into())
            });
            let ids = (any::<u128>(), any::<i64>(), any::<i32>(), "[a-z]{0,5}");
            (ids, time.clone(), proptest::option::of(time)).prop_map(
                |((id, chat, message, extension), submitted, received)| Job {
                    submitted_at: submitted,
                    received_at: received,
                    ..Job::new(Uuid::from_u128(id), chat, message, &extension)
                },
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn every_job_round_trips_through_its_body(job in job()) {
                prop_assert_eq!(Job::from_json(&job.to_json()).expect("parses"), job);
            }

            /// A job that cannot be run (another version, a field of the wrong kind) still names its chat and message,
            /// so that its user is answered.
            #[test]
            fn a_job_of_another_version_still_names_its_user(job in job(), version in 3_u32..) {
                let mut body: serde_json::Value = serde_json::from_str(&job.to_json()).expect("JSON");
                body["version"] = version.into();
                body["submitted_at"] = "yesterday".into();
                let found = Job::identify(&body.to_string()).expect("identified");
                prop_assert_eq!(
                    (found.prediction_id, found.chat_id, found.message_id, found.image_key),
                    (job.prediction_id, job.chat_id, job.message_id, job.image_key)
                );
            }

            /// A body changed byte by byte is identified or not; never a panic, and never as another user.
            #[test]
            fn a_changed_body_is_identified_or_not(
                job in job(),
                edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0..3_u8), 1..6),
            ) {
                let body = crate::testing::mutated(job.to_json().into_bytes(), &edits);
                let body = String::from_utf8_lossy(&body);
                if let Some(found) = Job::identify(&body) {
                    let value: serde_json::Value = serde_json::from_str(&body).expect("it parsed");
                    prop_assert_eq!(Some(found.chat_id), value["chat_id"].as_i64());
                    prop_assert_eq!(Some(i64::from(found.message_id)), value["message_id"].as_i64());
                }
            }

            /// The results query names its prediction under the parameter the bot reads.
            #[test]
            fn the_results_query_carries_the_prediction_id(id in any::<u128>()) {
                let id = Uuid::from_u128(id);
                let query = serde_urlencoded::to_string(ResultsQuery::of(id)).expect("encodes");
                prop_assert_eq!(&query, &format!("{PREDICTION_ID_PARAMETER}={id}"));
                let read: ResultsQuery = serde_urlencoded::from_str(&query).expect("decodes");
                prop_assert_eq!(read, ResultsQuery::of(id));
            }

            /// A body changed byte by byte parses to a job or is refused with an error; it never panics.
            #[test]
            fn a_changed_body_is_a_job_or_a_clear_error(
                job in job(),
                edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0..3_u8), 1..6),
            ) {
                let body = crate::testing::mutated(job.to_json().into_bytes(), &edits);
                let body = String::from_utf8_lossy(&body);
                match Job::from_json(&body) {
                    Ok(parsed) => prop_assert!((PLAIN_JOB_VERSION..=JOB_VERSION).contains(&parsed.version)),
                    Err(error) => prop_assert!(!error.to_string().is_empty()),
                }
            }
        }
    }
}
