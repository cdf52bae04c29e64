//! Both binaries on moto with the simulated Telegram: photos in, one answer each, as the golden file says.

use std::{collections::BTreeMap, path::PathBuf, time::Duration};

use e2e::{Settings, System, sample};

fn settings(name: &str) -> Settings {
    Settings::new(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name), Duration::from_secs(30))
}

/// Class counts in a reply: "I found 4 objects: 3 × person, 1 × bus" → {bus: 1, person: 3}.
fn counts_in(text: &str) -> BTreeMap<String, usize> {
    let list = text.split_once(": ").map_or("", |(_, list)| list);
    list.split(", ")
        .filter_map(|part| part.split_once(" × "))
        .map(|(n, class)| (class.to_owned(), n.parse().expect("a count")))
        .collect()
}

/// Class counts of an image in the golden file.
fn golden_counts(image: &str) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(sample("golden-yolov5n-rect.json")).expect("the golden file");
    let golden: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut counts = BTreeMap::new();
    for detection in golden["images"][image]["detections"].as_array().expect("detections") {
        *counts.entry(detection["class"].as_str().expect("a class").to_owned()).or_default() += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread")]
async fn photos_are_answered_once_each_with_the_golden_classes_and_an_annotated_picture() {
    let system = System::start(settings("photos")).await.expect("the system starts");
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
        assert_eq!(counts_in(result.text().expect("a caption")), golden_counts(image), "{image}");
        let picture = &result.files[0].1;
        let original = std::fs::read(sample(image)).expect("the photo");
        assert!(
            picture.starts_with(&[0xFF, 0xD8]) && picture.as_ref() != original.as_slice(),
            "an annotated JPEG"
        );
    }
    system.stop().await.expect("both services stop cleanly on SIGTERM");
}
