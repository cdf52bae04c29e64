//! The `yolo5` command: `detect` runs the model on image files.

#![allow(clippy::print_stdout)] // A command-line tool: stdout is its output.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use serde_json::{Map, Value, json};

use crate::{
    annotate::annotated_jpeg,
    detector::{Detector, DetectorSettings, DeviceChoice, LetterboxMode, YoloDetector, file_name},
    image::{DecodeLimits, decode},
    postprocess::{Detection, Thresholds},
};

/// YOLOv5 object detection: on files, or as the Polybot queue worker.
#[derive(Debug, Parser)]
#[command(name = "yolo5", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Detect objects in image files.
    Detect(DetectArgs),
    /// Print speed figures: forward pass, whole pipeline, worker throughput.
    Bench(crate::bench::BenchArgs),
    /// Run the queue worker until SIGTERM.
    Serve(crate::worker::serve::ServeArgs),
    /// Exit 0 when the worker on this machine answers `GET /health`, 1 otherwise (for container checks).
    Healthcheck {
        /// The worker's health port.
        #[arg(long, env = "YOLO5_HEALTH_PORT", default_value_t = 8081)]
        port: u16,
    },
}

/// The model and how to run it: shared by every subcommand.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// The YOLOv5 TorchScript model (the default, relative to the working directory, is the YOLOv5n
    /// committed in the repository).
    #[arg(long, env = "YOLO5_MODEL", default_value = "models/yolov5n.torchscript")]
    pub model: PathBuf,
    /// Minimum confidence of a detection.
    #[arg(long, default_value_t = 0.25, value_parser = fraction)]
    pub conf: f32,
    /// IoU above which a less confident box of the same class is dropped.
    #[arg(long, default_value_t = 0.45, value_parser = fraction)]
    pub iou: f32,
    /// Input side in pixels; must match the model's export (the default reads it from the model).
    #[arg(long)]
    pub imgsz: Option<u32>,
    /// At most this many detections per image.
    #[arg(long, default_value_t = 1000)]
    pub max_det: usize,
    /// Keep only these class ids (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub classes: Option<Vec<u32>>,
    /// Where the model runs.
    #[arg(long, value_enum, env = "YOLO5_DEVICE", default_value_t)]
    pub device: DeviceChoice,
    /// How images are letterboxed: `auto` as YOLOv5's detect.py does for the model (the smallest
    /// stride-multiple rectangle around each photo when the model takes any size, as the committed one
    /// does; the square when it takes only that), `square`, or `rect`.
    #[arg(long, env = "YOLO5_LETTERBOX", value_enum, default_value_t)]
    pub letterbox: LetterboxMode,
}

impl ModelArgs {
    /// The detector settings these arguments name.
    pub fn settings(&self) -> DetectorSettings {
        DetectorSettings {
            model: self.model.clone(),
            device: self.device,
            thresholds: Thresholds {
                conf: self.conf,
                iou: f64::from(self.iou),
                max_det: self.max_det,
                classes: self.classes.clone(),
            },
            imgsz: self.imgsz,
            letterbox: self.letterbox,
        }
    }
}

fn fraction(text: &str) -> Result<f32, String> {
    let value: f32 = text.parse().map_err(|_| format!("{text:?} is not a number"))?;
    (0.0..=1.0).contains(&value).then_some(value).ok_or_else(|| format!("{value} is not between 0 and 1"))
}

#[derive(Debug, Args)]
struct DetectArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Write each annotated image as DIR/<name>.jpg.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print one JSON document with every detection instead of a line per image.
    #[arg(long)]
    json: bool,
    /// The images.
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<PathBuf>,
}

/// Runs the command; the exit code is non-zero when any image failed.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Detect(args) => detect(&args),
        Command::Bench(args) => crate::bench::bench(&args).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => {
            common::telemetry::init("yolo5");
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(crate::worker::serve::serve(args))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Healthcheck { port } => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let healthy = runtime.block_on(async {
                let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(3)).build()?;
                let response = client.get(format!("http://127.0.0.1:{port}/health")).send().await?;
                anyhow::Ok(response.status().is_success())
            });
            Ok(if healthy.unwrap_or(false) { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

fn detect(args: &DetectArgs) -> anyhow::Result<ExitCode> {
    let detector = YoloDetector::load(&args.model.settings())?;
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).with_context(|| format!("could not create {}", out.display()))?;
    }
    let mut failed = 0;
    let mut images = Map::new();
    for path in &args.images {
        let name = file_name(path);
        match detect_one(&detector, path, args.out.as_deref()) {
            Ok((width, height, detections)) => {
                if args.json {
                    images.insert(name, image_json(width, height, &detections, detector.names()));
                } else {
                    println!("{name}: {width}×{height}, {}", summary(&detections, detector.names()));
                }
            }
            Err(error) => {
                failed += 1;
                eprintln!("error: {}: {error:#}", path.display());
            }
        }
    }
    if args.json {
        let thresholds = detector.thresholds();
        let document = json!({
            "model": detector.model_name(),
            "imgsz": detector.input_size(),
            "letterbox": detector.letterbox_name(),
            "conf": thresholds.conf,
            "iou": thresholds.iou,
            "images": images,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn detect_one(
    detector: &YoloDetector,
    path: &Path,
    out: Option<&Path>,
) -> anyhow::Result<(u32, u32, Vec<Detection>)> {
    let bytes = std::fs::read(path).context("could not read the file")?;
    let decoded = decode(&bytes, &DecodeLimits::default())?;
    let (width, height) = decoded.original;
    let detections = detector.detect(&[&decoded.image])?.remove(0);
    let in_original =
        detections.iter().map(|d| Detection { xyxy: decoded.to_original(d.xyxy), ..*d }).collect();
    if let Some(out) = out {
        let stem = path.file_stem().map_or_else(|| "image".into(), |s| s.to_string_lossy());
        let target = out.join(format!("{stem}.jpg"));
        std::fs::write(&target, annotated_jpeg(decoded.image, &detections, detector.names()))
            .with_context(|| format!("could not write {}", target.display()))?;
    }
    Ok((width, height, in_original))
}

/// One image in the golden file's format.
fn image_json(width: u32, height: u32, detections: &[Detection], names: &[String]) -> Value {
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

/// "4 objects: 3 person, 1 bus".
fn summary(detections: &[Detection], names: &[String]) -> String {
    common::schema::count_objects(
        detections.iter().map(|d| names.get(d.class_id as usize).map_or("?", String::as_str)),
    )
}
