//! Both binaries on moto with the simulated Telegram: photos in, one answer each, as the golden file says.

use std::{path::PathBuf, time::Duration};

use common::question::Question;
use e2e::{Settings, System, sample};
use polybot::words::english;

fn settings(name: &str) -> Settings {
    Settings::new(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name), Duration::from_secs(30))
}

/// The parts of an answer, sorted (classes found as often come in either order): "I found 4 objects: 3 people,
/// 1 bus" → ["1 bus", "3 people", "I found 4 objects"].
fn parts(answer: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = answer.split(": ").flat_map(|part| part.split(", ")).collect();
    parts.sort_unstable();
    parts
}

/// The English answer the golden file's detections of `image` make.
fn golden_answer(image: &str) -> String {
    let text = std::fs::read_to_string(sample("golden-yolov5n-rect.json")).expect("the golden file");
    let golden: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let detections = golden["images"][image]["detections"].as_array().expect("detections");
    let classes = detections.iter().map(|detection| detection["class"].as_str().expect("a class"));
    english().answer(&Question::default(), classes)
}

/// The CloudWatch embedded-metric-format lines in a service's log.
fn emf_lines(log: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(log).expect("the log");
    let json = text.lines().filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok());
    json.filter(|line| line.get("_aws").is_some()).collect()
}

/// The sum of `metric`'s values over `lines` with the given label, and how many values it had.
fn emf_sum(lines: &[serde_json::Value], metric: &str, label: Option<(&str, &str)>) -> (f64, usize) {
    let mut values = Vec::new();
    for line in lines.iter().filter(|line| label.is_none_or(|(key, value)| line[key] == value)) {
        match &line[metric] {
            serde_json::Value::Array(array) => values.extend(array.iter().filter_map(|v| v.as_f64())),
            value => values.extend(value.as_f64()),
        }
    }
    (values.iter().sum(), values.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn photos_are_answered_once_each_with_the_golden_classes_and_an_annotated_picture() {
    let mut settings = settings("photos");
    settings.env.push(("METRICS_NAMESPACE".to_owned(), "Polybot/e2e".to_owned()));
    let logs = settings.logs.clone();
    // The logs are appended to: this run's lines only.
    let _ = std::fs::remove_dir_all(&logs);
    let system = System::start(settings).await.expect("the system starts");
    let images = ["bus.jpg", "zidane.jpg"];
    for (i, image) in images.iter().enumerate() {
        let n = i as i32 + 1;
        let status = system.send_photo(100 + n as u32, 7, n, &sample(image)).await.expect("sent");
        assert_eq!(status, 200);
    }
    let results = system.wait_for_results(images.len(), Duration::from_secs(120)).await;
    assert_eq!(results.len(), images.len(), "one result per photo; replies: {:?}", system.telegram.replies());
    tokio::time::sleep(Duration::from_secs(2)).await;

    let replies = system.telegram.replies();
    for (i, image) in images.iter().enumerate() {
        let n = i as i64 + 1;
        let to_this: Vec<_> = replies.iter().filter(|r| r.reply_to() == Some(n)).collect();
        assert_eq!(to_this.len(), 1, "{image}: one message, the result: {to_this:?}");
        let reactions = system.telegram.succeeded("setMessageReaction");
        let acknowledged = reactions.iter().filter(|r| r.about() == Some(n)).count();
        assert_eq!(acknowledged, 1, "{image}: acknowledged with a reaction");
        let result = to_this[0];
        assert_eq!(result.method, "sendPhoto");
        assert_eq!(parts(result.text().expect("a caption")), parts(&golden_answer(image)), "{image}");
        let picture = &result.files[0].1;
        let original = std::fs::read(sample(image)).expect("the photo");
        assert!(
            picture.starts_with(&[0xFF, 0xD8]) && picture.as_ref() != original.as_slice(),
            "an annotated JPEG"
        );
    }
    system.stop().await.expect("both services stop cleanly on SIGTERM");

    // What CloudWatch gets on AWS, written as each service exits: the answers' end-to-end times and the jobs.
    let bot = emf_lines(&logs.join("polybot.log"));
    assert!(
        bot.iter().all(|line| line["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Polybot/e2e"),
        "{bot:?}"
    );
    assert_eq!(emf_sum(&bot, "polybot_photos_queued_total", None).0, 2.0, "{bot:?}");
    let (waited, answers) = emf_sum(&bot, "polybot_end_to_end_seconds", None);
    assert_eq!(answers, 2, "one end-to-end time per answer: {bot:?}");
    assert!(waited > 0.0 && waited < 240.0, "{waited} s");
    let worker = emf_lines(&logs.join("yolo5.log"));
    assert_eq!(emf_sum(&worker, "yolo5_jobs_total", Some(("outcome", "done"))).0, 2.0, "{worker:?}");
    assert!(emf_sum(&worker, "yolo5_inference_seconds", None).1 >= 1, "{worker:?}");
}
