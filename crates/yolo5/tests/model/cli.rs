//! The `yolo5 detect` command, run as a process.

use std::{path::Path, process::Command};

use serde_json::Value;

use crate::{fixed_size_model_path, model_path, repository, sample};

/// `yolo5 detect`, the environment's YOLO5_MODEL, YOLO5_LETTERBOX and YOLO5_PRECISION left out.
fn detect() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yolo5"));
    command
        .env_remove("YOLO5_MODEL")
        .env_remove("YOLO5_LETTERBOX")
        .env_remove("YOLO5_PRECISION")
        .arg("detect");
    command
}

/// `yolo5 detect --model MODEL`.
fn detect_with(model: &Path) -> Command {
    let mut command = detect();
    command.arg("--model").arg(model);
    command
}

/// `yolo5 detect` on the model under test.
pub(crate) fn yolo5() -> Command {
    detect_with(&model_path())
}

#[test]
fn real_model_cli_json_is_one_document_in_the_golden_format() {
    let output = yolo5().arg("--json").arg(sample("bus.jpg")).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(document["model"], "yolov5n.torchscript");
    assert_eq!(document["imgsz"], 640);
    assert_eq!(document["letterbox"], "rect", "detect.py's rectangle: the model takes any size");
    assert_eq!(document["conf"].as_f64(), Some(0.25));
    assert!((document["iou"].as_f64().expect("iou") - 0.45).abs() < 1e-6);
    let bus = &document["images"]["bus.jpg"];
    assert_eq!((bus["width"].as_u64(), bus["height"].as_u64()), (Some(810), Some(1080)));
    let detections = bus["detections"].as_array().expect("detections");
    assert_eq!(detections.len(), 5, "as golden-yolov5n-rect.json");
    for d in detections {
        let keys: Vec<&str> = d.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["class", "class_id", "confidence", "xyxy"]);
        assert_eq!(d["xyxy"].as_array().expect("xyxy").len(), 4);
    }
}

#[test]
fn real_model_cli_reports_each_bad_file_and_still_does_the_others() {
    let out = std::env::temp_dir().join(format!("yolo5-cli-{}", std::process::id()));
    let output = yolo5()
        .arg("--out")
        .arg(&out)
        .arg("/nonexistent/photo.jpg")
        .arg(sample("zidane.jpg"))
        .arg(env!("CARGO_MANIFEST_DIR").to_owned() + "/Cargo.toml")
        .output()
        .expect("runs");
    assert!(!output.status.success(), "a bad file makes the exit code non-zero");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|line| line.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(errors[0].contains("/nonexistent/photo.jpg") && errors[0].contains("could not read"), "{stderr}");
    assert!(errors[1].contains("Cargo.toml") && errors[1].contains("not an image"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("zidane.jpg: 1280×720, 3 objects: 2 × person, 1 × tie"), "{stdout}");
    let annotated = std::fs::read(out.join("zidane.jpg")).expect("the annotated image was written");
    let annotated = yolo5::image::decode(&annotated, &yolo5::image::DecodeLimits::default()).expect("a JPEG");
    assert_eq!(annotated.image.dimensions(), (1280, 720));
    std::fs::remove_dir_all(out).expect("cleaned up");
}

#[test]
fn real_model_cli_takes_the_letterbox_from_the_environment() {
    for (value, letterbox) in [("auto", "rect"), ("rect", "rect"), ("square", "square")] {
        let output = yolo5()
            .env("YOLO5_LETTERBOX", value)
            .arg("--json")
            .arg(sample("bus.jpg"))
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "YOLO5_LETTERBOX={value}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
        assert_eq!(document["letterbox"], letterbox, "YOLO5_LETTERBOX={value}");
    }
    let output = yolo5().env("YOLO5_LETTERBOX", "maybe").arg(sample("bus.jpg")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&output.stderr).contains("maybe"));
}

#[test]
fn real_model_cli_takes_the_precision_from_the_environment() {
    for precision in ["fp32", "bf16"] {
        let output = yolo5()
            .env("YOLO5_PRECISION", precision)
            .arg("--json")
            .arg(sample("zidane.jpg"))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{precision}: {}", String::from_utf8_lossy(&output.stderr));
        let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
        assert_eq!(document["precision"], precision);
        let found =
            document["images"].as_object().expect("images").values().next().expect("one")["detections"]
                .as_array()
                .map_or(0, Vec::len);
        assert!(found >= 2, "{precision}: {document}");
    }
    let output = yolo5().env("YOLO5_PRECISION", "maybe").arg(sample("bus.jpg")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&output.stderr).contains("maybe"));
}

/// The operator's defaults for every photo come from the environment too (Terraform's `yolo5_detection`).
#[test]
fn real_model_cli_takes_the_detection_defaults_from_the_environment() {
    let output = yolo5()
        .env("YOLO5_CONF", "0.5")
        .env("YOLO5_CLASSES", "0,5")
        .env("YOLO5_MAX_DET", "3")
        .arg("--json")
        .arg(sample("bus.jpg"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(document["conf"], 0.5);
    let detections = document["images"]["bus.jpg"]["detections"].as_array().expect("detections").clone();
    assert_eq!(detections.len(), 3, "at most YOLO5_MAX_DET: {document}");
    for detection in &detections {
        assert!(detection["confidence"].as_f64().expect("a number") >= 0.5, "{detection}");
        assert!([0, 5].contains(&detection["class_id"].as_u64().expect("an id")), "{detection}");
    }
}

#[test]
fn real_model_cli_gives_yolov5s_own_export_the_square_and_refuses_it_rectangles() {
    let output =
        detect_with(&fixed_size_model_path()).arg("--json").arg(sample("bus.jpg")).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(document["letterbox"], "square", "auto: the only input YOLOv5's own export takes");

    let output = detect_with(&fixed_size_model_path())
        .args(["--letterbox", "rect"])
        .arg(sample("bus.jpg"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("rectangles (--letterbox rect) need one that takes any size"), "{stderr}");
}

#[test]
fn real_model_cli_loads_the_committed_model_by_default() {
    let output =
        detect().current_dir(repository()).arg("--json").arg(sample("bus.jpg")).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(document["model"], "yolov5n.torchscript");
    assert_eq!(document["letterbox"], "rect");
    assert_eq!(document["images"]["bus.jpg"]["detections"].as_array().map(Vec::len), Some(5));
}

/// A fresh folder under the system's temporary one, named for the test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("yolo5-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

#[test]
fn real_model_cli_runs_a_folder_with_detect_py_flags_and_writes_yolo_labels() {
    let (photos, out) = (scratch("photos"), scratch("out"));
    std::fs::copy(sample("bus.jpg"), photos.join("bus.jpg")).expect("copied");
    // The same photo under a name that differs only in its extension: both results must stay.
    std::fs::copy(sample("bus.jpg"), photos.join("bus.png")).expect("copied");
    std::fs::copy(sample("zidane.jpg"), photos.join("zidane.jpg")).expect("copied");
    std::fs::write(photos.join("notes.txt"), "not a photo").expect("written");
    let output = detect()
        .arg("--weights")
        .arg(model_path())
        .args(["--conf-thres", "0.25", "--iou-thres", "0.45", "--img", "640", "--save-txt"])
        .arg("--source")
        .arg(&photos)
        .arg("--out")
        .arg(&out)
        .args(["--classes", "0", "5"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "a line per image and a summary: {stdout}");
    for (i, name) in ["bus.jpg", "bus.png", "zidane.jpg"].into_iter().enumerate() {
        let line =
            lines.iter().find(|line| line.contains(name)).unwrap_or_else(|| panic!("{name}: {stdout}"));
        assert!(line.starts_with(&format!("image {}/3 ", i + 1)), "{line}");
        assert!(line.ends_with(" ms"), "the model's milliseconds: {line}");
    }
    assert!(stdout.contains("bus.jpg: 810×1080, 5 objects: 4 × person, 1 × bus, "), "{stdout}");
    assert!(
        stdout.contains("zidane.jpg: 1280×720, 2 objects: 2 × person, "),
        "--classes 0 5 leaves the tie out"
    );
    let summary = lines[3];
    assert!(summary.starts_with("3 image(s), 12 object(s) in ") && summary.contains("images/s"), "{summary}");

    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("listed")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["bus-2.jpg", "bus.jpg", "labels", "zidane.jpg"], "one output per photo");
    let labels = std::fs::read_to_string(out.join("labels/bus.txt")).expect("bus's labels");
    assert_eq!(labels, std::fs::read_to_string(out.join("labels/bus-2.txt")).expect("bus.png's labels"));
    let rows: Vec<Vec<f64>> =
        labels.lines().map(|line| line.split(' ').map(|v| v.parse().expect("a number")).collect()).collect();
    assert_eq!(rows.len(), 5, "{labels}");
    assert_eq!(rows.iter().filter(|row| row[0] == 5.0).count(), 1, "one bus: {labels}");
    for row in &rows {
        assert_eq!(row.len(), 5, "class cx cy w h: {labels}");
        assert!(row[1..].iter().all(|v| (0.0..=1.0).contains(v)), "normalised: {labels}");
    }
    let zidane = std::fs::read_to_string(out.join("labels/zidane.txt")).expect("zidane's labels");
    assert_eq!(zidane.lines().count(), 2, "{zidane}");
    for dir in [photos, out] {
        std::fs::remove_dir_all(dir).expect("cleaned up");
    }
}

#[test]
fn real_model_cli_json_lists_failed_images_with_their_error() {
    let output = yolo5()
        .arg("--json")
        .arg(sample("bus.jpg"))
        .arg("/nonexistent/photo.jpg")
        .arg(format!("{}/*.nothing", env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let document: Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let images = document["images"].as_object().expect("images");
    assert_eq!(images["bus.jpg"]["detections"].as_array().map(Vec::len), Some(5));
    let error = images["photo.jpg"]["error"].as_str().expect("the failed photo's error");
    assert!(error.contains("could not read the file"), "{error}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("*.nothing: no images match"), "a pattern without matches is reported: {stderr}");
    assert!(stderr.contains("1 image(s), 5 object(s)") && stderr.contains("2 failed"), "{stderr}");
}
