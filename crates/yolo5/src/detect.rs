//! `yolo5 detect`: the model on image files, folders and glob patterns, as YOLOv5's `detect.py` runs it:
//! a line per image, a summary, annotated images, YOLO label files.
//!
//! Three stages overlap, so that a folder runs at the model's rate rather than one photo at a time:
//! threads read and decode the files, the calling thread runs the model on batches of photos of one input
//! shape (detect.py's rectangles differ with the aspect ratio), and a thread draws, encodes and writes the
//! results. Bounded channels between them keep a few photos in memory, whatever the folder's size.

#![allow(clippy::print_stdout)] // A command-line tool: stdout is its output.

use std::{
    collections::HashSet,
    fmt::Write as _,
    path::{Path, PathBuf},
    process::ExitCode,
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc::{Receiver, SyncSender, sync_channel},
    },
    time::{Duration, Instant},
};

use anyhow::Context;
use clap::Args;
use serde_json::{Map, Value, json};

use crate::{
    annotate::annotated_jpeg,
    detector::{Detector, ModelArgs, YoloDetector, file_name},
    image::{DecodeLimits, Decoded, decode},
    postprocess::Detection,
};

/// The extensions of the files a folder or a glob pattern contributes: the formats we decode.
const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "bmp", "gif"];

#[derive(Debug, Args)]
pub struct DetectArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Write each annotated image into DIR as <name>.jpg (`photo-2.jpg` where two photos share a name).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write YOLO label files, DIR/labels/<name>.txt: a line `class cx cy w h` per object, normalised to
    /// the image's size, as detect.py's `--save-txt` (no file for an image without objects).
    #[arg(long, requires = "out")]
    save_txt: bool,
    /// With --save-txt, end each line with the detection's confidence.
    #[arg(long, requires = "save_txt")]
    save_conf: bool,
    /// Photos of one input shape that run through the model together.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    batch: u16,
    /// Print one JSON document with every detection (and every failure) instead of a line per image; the
    /// lines and the summary go to standard error.
    #[arg(long)]
    json: bool,
    /// Image files, folders (the images in them, not in their subfolders) and glob patterns such as
    /// 'photos/**/*.jpg'.
    #[arg(value_name = "SOURCE", required_unless_present = "source")]
    images: Vec<PathBuf>,
    /// More sources, as detect.py names them.
    #[arg(long = "source", value_name = "SOURCE")]
    source: Vec<PathBuf>,
}

/// One file to run, and the names its results go under.
#[derive(Debug)]
struct Input {
    path: PathBuf,
    /// Its key in the JSON document: its file name, or its path where an earlier file has that name.
    key: String,
    /// Its annotated image's and its labels' name, without extension: unique in the run.
    stem: String,
}

/// What became of one input.
#[derive(Debug)]
enum Outcome {
    Found {
        /// Its upright width and height.
        size: (u32, u32),
        /// In the original's pixels.
        detections: Vec<Detection>,
        /// Its share of its batch's time in the model.
        took: Duration,
    },
    Failed(anyhow::Error),
}

/// Runs the command; the exit code is non-zero when any image or source failed.
pub fn detect(args: &DetectArgs) -> anyhow::Result<ExitCode> {
    args.model.use_threads();
    let detector = YoloDetector::load(&args.model.settings())?;
    let (inputs, mut failed) = inputs(args.images.iter().chain(&args.source));
    if let Some(out) = &args.out {
        let dir = if args.save_txt { out.join("labels") } else { out.clone() };
        std::fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
    }
    let started = Instant::now();
    let report = |i: usize, outcome: &Outcome| {
        let line = line(i, inputs.len(), &inputs[i].path, outcome, detector.names());
        match outcome {
            Outcome::Failed(_) => eprintln!("{line}"),
            Outcome::Found { .. } if args.json => eprintln!("{line}"),
            Outcome::Found { .. } => println!("{line}"),
        }
    };
    let outcomes = run(&detector, &inputs, args, report);
    let elapsed = started.elapsed();

    let found = outcomes.iter().filter(|o| matches!(o, Outcome::Found { .. })).count();
    failed += outcomes.len() - found;
    let objects: usize = outcomes
        .iter()
        .map(|o| if let Outcome::Found { detections, .. } = o { detections.len() } else { 0 })
        .sum();
    let mut summary = format!(
        "{found} image(s), {objects} object(s) in {:.2} s: {:.1} images/s",
        elapsed.as_secs_f64(),
        found as f64 / elapsed.as_secs_f64()
    );
    if failed > 0 {
        let _ = write!(summary, "; {failed} failed");
    }
    if let Some(out) = &args.out {
        let _ = write!(summary, "; results in {}", out.display());
    }
    if args.json {
        eprintln!("{summary}");
        let mut images = Map::new();
        for (input, outcome) in inputs.iter().zip(&outcomes) {
            images.insert(input.key.clone(), image_json(outcome, detector.names()));
        }
        let thresholds = detector.thresholds();
        let document = json!({
            "model": detector.model_name(),
            "imgsz": detector.input_size(),
            "letterbox": detector.letterbox_name(),
            "precision": detector.precision().0,
            "conf": thresholds.conf,
            "iou": thresholds.iou,
            "images": images,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        println!("{summary}");
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The files the sources name, in order, each with names unique in the run; and how many sources
/// failed (reported on standard error): a folder or a pattern without images. A file that does not
/// exist stays, to be reported as it is read.
fn inputs<'a>(sources: impl Iterator<Item = &'a PathBuf>) -> (Vec<Input>, usize) {
    let mut failed = 0;
    let mut paths = Vec::new();
    for source in sources {
        match expand(source) {
            Ok(found) => paths.extend(found),
            Err(error) => {
                failed += 1;
                eprintln!("error: {}: {error:#}", source.display());
            }
        }
    }
    let (mut keys, mut stems) = (HashSet::new(), HashSet::new());
    let inputs = paths
        .into_iter()
        .map(|path| {
            let name = file_name(&path);
            let key = if keys.insert(name.clone()) { name } else { path.display().to_string() };
            let base = path.file_stem().map_or_else(|| "image".into(), |s| s.to_string_lossy().into_owned());
            let stem = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|stem| stems.insert(stem.clone()))
                .expect("an unused name");
            Input { path, key, stem }
        })
        .collect();
    (inputs, failed)
}

/// The files one source names: itself, a folder's images sorted by name, or a pattern's images sorted.
fn expand(source: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let text = source.to_string_lossy();
    let (candidates, nothing): (Vec<PathBuf>, _) = if source.is_dir() {
        let entries = std::fs::read_dir(source).context("could not list the folder")?;
        let paths = entries.map(|entry| entry.map(|entry| entry.path()));
        (paths.collect::<Result<_, _>>().context("could not list the folder")?, "no images in the folder")
    } else if !source.exists() && text.contains(['*', '?', '[']) {
        let paths = glob::glob(&text).context("not a valid pattern")?;
        (paths.collect::<Result<_, _>>().context("could not list a folder")?, "no images match")
    } else {
        return Ok(vec![source.to_owned()]);
    };
    let mut images: Vec<PathBuf> =
        candidates.into_iter().filter(|path| path.is_file() && is_image(path)).collect();
    images.sort();
    anyhow::ensure!(!images.is_empty(), "{nothing} ({})", IMAGE_EXTENSIONS.join(", "));
    Ok(images)
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| IMAGE_EXTENSIONS.iter().any(|known| extension.eq_ignore_ascii_case(known)))
}

/// A decoded photo, by its input's index, on its way to the model.
type Decodes = Receiver<(usize, anyhow::Result<Decoded>)>;
/// Decoded photos of one input shape, waiting for the model.
type Group = Vec<(usize, Decoded)>;
/// A photo through the model, by its input's index, on its way to the writer.
type Ran = (usize, anyhow::Result<Detected>);

/// A photo and what the model found in it.
#[derive(Debug)]
struct Detected {
    decoded: Decoded,
    /// In the decoded image's pixels.
    detections: Vec<Detection>,
    /// Its share of its batch's time in the model.
    took: Duration,
}

/// Runs every input through the three stages; `report` is called as each one is done.
fn run(
    detector: &YoloDetector,
    inputs: &[Input],
    args: &DetectArgs,
    report: impl Fn(usize, &Outcome) + Sync,
) -> Vec<Outcome> {
    let batch = usize::from(args.batch);
    // The model has the cores most of the time; one decoder keeps up with it but on the largest photos.
    let decoders = std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (decoded_tx, decoded_rx) = sync_channel(batch);
        for _ in 0..decoders {
            let (decoded_tx, next) = (decoded_tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { return };
                    if decoded_tx.send((i, read(&input.path))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(decoded_tx);
        let (results_tx, results_rx) = sync_channel(batch);
        let writer = scope.spawn(|| write(detector.names(), inputs, args, results_rx, &report));
        batches(detector, batch, decoded_rx, &results_tx);
        drop(results_tx);
        writer.join().expect("the writer does not panic")
    })
}

fn read(path: &Path) -> anyhow::Result<Decoded> {
    let bytes = std::fs::read(path).context("could not read the file")?;
    Ok(decode(&bytes, &DecodeLimits::default())?)
}

/// The model's stage: groups decoded photos by input shape and runs each group as it fills (and, so that
/// a rare shape does not wait for the end, the fullest group once `2 × batch` photos are waiting).
fn batches(detector: &YoloDetector, batch: usize, decoded: Decodes, results: &SyncSender<Ran>) {
    let mut groups: Vec<((u32, u32), Group)> = Vec::new();
    let mut waiting = 0;
    let run = |group: Group| {
        let started = Instant::now();
        let images: Vec<_> = group.iter().map(|(_, decoded)| &decoded.image).collect();
        let found = detector.detect(&images);
        let took = started.elapsed() / group.len() as u32;
        match found {
            Ok(found) => {
                for ((i, decoded), detections) in group.into_iter().zip(found) {
                    let _ = results.send((i, Ok(Detected { decoded, detections, took })));
                }
            }
            Err(error) => {
                let error = anyhow::Error::new(error).context("detection failed");
                for (i, _) in group {
                    let _ = results.send((i, Err(anyhow::anyhow!("{error:#}"))));
                }
            }
        }
    };
    for (i, decoded) in decoded {
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(error) => {
                let _ = results.send((i, Err(error)));
                continue;
            }
        };
        let letterbox = detector.letterbox(&decoded.image);
        let shape = (letterbox.input_width, letterbox.input_height);
        let position = groups.iter().position(|(s, _)| *s == shape).unwrap_or_else(|| {
            groups.push((shape, Vec::new()));
            groups.len() - 1
        });
        groups[position].1.push((i, decoded));
        waiting += 1;
        let full = groups[position].1.len() >= batch;
        if full || waiting >= 2 * batch {
            let fullest = || (0..groups.len()).max_by_key(|&g| groups[g].1.len()).expect("a group");
            let g = if full { position } else { fullest() };
            let (_, group) = groups.swap_remove(g);
            waiting -= group.len();
            run(group);
        }
    }
    for (_, group) in groups {
        run(group);
    }
}

/// The writer's stage: annotated images and label files, a report per image; every outcome, in input order.
fn write(
    names: &[String],
    inputs: &[Input],
    args: &DetectArgs,
    results: Receiver<Ran>,
    report: &impl Fn(usize, &Outcome),
) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = inputs.iter().map(|_| None).collect();
    for (i, result) in results {
        let outcome = result
            .and_then(|Detected { decoded, detections, took }| {
                let original: Vec<_> = detections
                    .iter()
                    .map(|d| Detection { xyxy: decoded.to_original(d.xyxy), ..*d })
                    .collect();
                let size = decoded.original;
                if let Some(out) = &args.out {
                    save(out, &inputs[i].stem, decoded.image, &detections, names)?;
                    if args.save_txt && !original.is_empty() {
                        let target = out.join("labels").join(format!("{}.txt", inputs[i].stem));
                        std::fs::write(&target, labels(&original, size, args.save_conf))
                            .with_context(|| format!("could not write {}", target.display()))?;
                    }
                }
                Ok(Outcome::Found { size, detections: original, took })
            })
            .unwrap_or_else(Outcome::Failed);
        report(i, &outcome);
        outcomes[i] = Some(outcome);
    }
    outcomes
        .into_iter()
        .map(|outcome| outcome.unwrap_or_else(|| Outcome::Failed(anyhow::anyhow!("not run"))))
        .collect()
}

fn save(
    out: &Path,
    stem: &str,
    image: image::RgbImage,
    detections: &[Detection],
    names: &[String],
) -> anyhow::Result<()> {
    let target = out.join(format!("{stem}.jpg"));
    std::fs::write(&target, annotated_jpeg(image, detections, names))
        .with_context(|| format!("could not write {}", target.display()))
}

/// detect.py's label file: `class cx cy w h [conf]` per object, least confident first, the box rounded to
/// whole pixels and normalised to the image's size, each number as Python's `%g` writes it.
fn labels(detections: &[Detection], (width, height): (u32, u32), with_confidence: bool) -> String {
    let (width, height) = (f64::from(width), f64::from(height));
    let mut text = String::new();
    for d in detections.iter().rev() {
        let [x1, y1, x2, y2] = d.xyxy.map(|v| f64::from(v).round());
        let xywh = [(x1 + x2) / 2.0 / width, (y1 + y2) / 2.0 / height, (x2 - x1) / width, (y2 - y1) / height];
        let _ = write!(text, "{}", d.class_id);
        for value in xywh {
            let _ = write!(text, " {}", percent_g(value));
        }
        if with_confidence {
            let _ = write!(text, " {}", percent_g(f64::from(d.confidence)));
        }
        text.push('\n');
    }
    text
}

/// `value` as C's and Python's `%g`: six significant digits, no trailing zeros, an exponent only below
/// 1e-4 or from 1e6 on.
fn percent_g(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let scientific = format!("{value:.5e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("an exponent");
    let exponent: i32 = exponent.parse().expect("an integer exponent");
    let trim = |digits: &str| -> String {
        if digits.contains('.') {
            digits.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            digits.to_owned()
        }
    };
    if (-4..6).contains(&exponent) {
        trim(&format!("{value:.*}", (5 - exponent) as usize))
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mantissa), exponent.abs())
    }
}

/// "image 2/9 photos/bus.jpg: 810×1080, 5 objects: 4 × person, 1 × bus, 41.2 ms", or the error.
fn line(i: usize, total: usize, path: &Path, outcome: &Outcome, names: &[String]) -> String {
    match outcome {
        Outcome::Found { size: (width, height), detections, took } => {
            let found = common::schema::count_objects(
                detections.iter().map(|d| names.get(d.class_id as usize).map_or("?", String::as_str)),
            );
            format!(
                "image {}/{total} {}: {width}×{height}, {found}, {:.1} ms",
                i + 1,
                path.display(),
                took.as_secs_f64() * 1e3
            )
        }
        Outcome::Failed(error) => format!("error: {}: {error:#}", path.display()),
    }
}

/// One image in the golden file's format, or its error.
fn image_json(outcome: &Outcome, names: &[String]) -> Value {
    match outcome {
        Outcome::Found { size: (width, height), detections, .. } => {
            let detections: Vec<Value> = detections
                .iter()
                .map(|d| {
                    json!({
                        "class_id": d.class_id,
                        "class": names.get(d.class_id as usize),
                        "confidence": d.confidence,
                        "xyxy": d.xyxy,
                    })
                })
                .collect();
            json!({ "width": width, "height": height, "detections": detections })
        }
        Outcome::Failed(error) => json!({ "error": format!("{error:#}") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_g_writes_what_python_writes() {
        // Python: ['%g' % v for v in ...]
        for (value, expected) in [
            (0.0, "0"),
            (0.5, "0.5"),
            (1.0, "1"),
            (0.123456789, "0.123457"),
            (0.00012345, "0.00012345"),
            (0.000012345, "1.2345e-05"),
            (123456.0, "123456"),
            (1234567.0, "1.23457e+06"),
            (0.9999999, "1"),
            (0.0001, "0.0001"),
            (0.00009999999, "0.0001"),
        ] {
            assert_eq!(percent_g(value), expected, "{value}");
        }
    }

    #[test]
    fn labels_are_detect_py_lines_least_confident_first() {
        let detections = [
            Detection { class_id: 5, confidence: 0.9, xyxy: [10.4, 20.0, 110.0, 220.0] },
            Detection { class_id: 0, confidence: 0.25, xyxy: [0.0, 0.0, 200.0, 400.0] },
        ];
        assert_eq!(labels(&detections, (200, 400), false), "0 0.5 0.5 1 1\n5 0.3 0.3 0.5 0.5\n");
        assert_eq!(labels(&detections[..1], (200, 400), true), "5 0.3 0.3 0.5 0.5 0.9\n");
    }

    #[test]
    fn names_stay_unique_in_a_run() {
        let paths: Vec<PathBuf> = ["/a/photo.jpg", "/a/photo.png", "/b/photo.jpg", "/b/other.jpg"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let (inputs, failed) = inputs(paths.iter());
        assert_eq!(failed, 0);
        let stems: Vec<_> = inputs.iter().map(|input| input.stem.as_str()).collect();
        assert_eq!(stems, ["photo", "photo-2", "photo-3", "other"]);
        let keys: Vec<_> = inputs.iter().map(|input| input.key.as_str()).collect();
        assert_eq!(keys, ["photo.jpg", "photo.png", "/b/photo.jpg", "other.jpg"]);
    }

    #[test]
    fn folders_give_their_images_sorted_and_patterns_match() {
        let dir = std::env::temp_dir().join(format!("yolo5-expand-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).expect("a folder");
        for name in ["b.jpg", "a.PNG", "notes.txt", "sub/c.jpg"] {
            std::fs::write(dir.join(name), b"").expect("a file");
        }
        assert_eq!(expand(&dir).expect("images"), [dir.join("a.PNG"), dir.join("b.jpg")]);
        let pattern = dir.join("**").join("*.jpg");
        assert_eq!(expand(&pattern).expect("images"), [dir.join("b.jpg"), dir.join("sub/c.jpg")]);
        let nothing = expand(&dir.join("*.gif")).expect_err("no match");
        assert!(format!("{nothing:#}").contains("no images match"), "{nothing:#}");
        std::fs::create_dir(dir.join("empty")).expect("a folder");
        let empty = expand(&dir.join("empty")).expect_err("no images");
        assert!(format!("{empty:#}").contains("no images in the folder"), "{empty:#}");
        std::fs::remove_dir_all(&dir).expect("cleaned up");
    }
}
