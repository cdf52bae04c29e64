//! Each checked-in fixture is what the schema reads and writes, field for field.

use common::schema::{Job, Prediction, Status};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("fixtures are JSON")
}

#[test]
fn the_job_fixture_round_trips() {
    let text = fixture("job.json");
    let job = Job::from_json(&text).expect("the fixture is a job");
    assert_eq!(job.chat_id, 123_456_789);
    assert_eq!(job.message_id, 42);
    assert_eq!(job.image_key, Job::image_key_for(job.chat_id, job.prediction_id, "jpg"));
    assert_eq!(json(&job.to_json()), json(&text));
}

#[test]
fn the_prediction_fixtures_round_trip() {
    for name in ["prediction-done.json", "prediction-failed.json"] {
        let text = fixture(name);
        let prediction: Prediction = serde_json::from_str(&text).expect("the fixture is a prediction");
        // Through text: serde_json widens f32 to f64 in a `Value`, but writes it in its shortest form.
        let written = serde_json::to_string(&prediction).expect("serialises");
        assert_eq!(json(&written), json(&text), "{name}");
    }
}

#[test]
fn the_done_fixture_keeps_the_course_fields() {
    let prediction: Prediction = serde_json::from_str(&fixture("prediction-done.json")).expect("parses");
    assert_eq!(prediction.status, Status::Done);
    assert_eq!(prediction.labels.len(), 2);
    let course_fields = ["prediction_id", "original_img_path", "predicted_img_path", "labels", "time"];
    let written = serde_json::to_value(&prediction).expect("serialises");
    for field in course_fields {
        assert!(written.get(field).is_some(), "{field} is missing");
    }
    for field in ["class", "cx", "cy", "width", "height"] {
        assert!(written["labels"][0].get(field).is_some(), "labels[].{field} is missing");
    }
}
