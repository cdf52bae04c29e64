//! `yolo5-bench` (`make bench`): the worker's speed figures on the same images, as ratios against the forward
//! pass, beside the Python YOLOv5's where `make bench-venv` installed it. A crate of its own, so that the
//! worker's binary holds only what runs in production; the in-memory fakes it drives come with the `testing`
//! features of `common` and `yolo5`.

#![allow(clippy::print_stdout)] // A command-line tool: the figures are its output.

mod python;
mod timing;

use std::{
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use bytes::Bytes;
use clap::Parser;
use common::{
    queue::{JobQueue, MemoryJobQueue},
    schema::Job,
    store::{MemoryObjectStore, ObjectStore},
    table::MemoryPredictionTable,
};
use tch::{Device, Kind, Tensor};
use uuid::Uuid;
use yolo5::{
    annotate::annotated_jpeg,
    detector::{Detector, DetectorSettings, ModelArgs, Precision, YoloDetector},
    image::{DecodeLimits, decode},
    inference::{Inference, libtorch_threads_per_loop},
    worker::{Worker, WorkerConfig, notify::RecordingNotifier},
};

use crate::{
    python::{PythonReference, compare_detect_commands},
    timing::{Paired, ms, time, time_each},
};

/// The cost of one 640 × 640 forward pass of an official YOLOv5 v7.0 model, in GFLOPs (its README's table),
/// known by the model file's name; none for other models.
fn gflops_at_640(model_name: &str) -> Option<f64> {
    let gflops = match model_name.split('.').next()? {
        "yolov5n" => 4.5,
        "yolov5s" => 16.5,
        "yolov5m" => 49.0,
        "yolov5l" => 109.1,
        "yolov5x" => 205.7,
        _ => return None,
    };
    Some(gflops)
}

/// Speed figures of the YOLOv5 worker: forward pass, whole pipeline, worker throughput, each against its
/// reference in the same run.
#[derive(Debug, Parser)]
#[command(name = "yolo5-bench", version)]
pub struct BenchArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Calls of which each measurement takes the best.
    #[arg(long, default_value_t = 3)]
    iterations: usize,
    /// Rounds: each measures every figure beside its reference, and the bench prints the median round's.
    #[arg(long, default_value_t = 7)]
    rounds: usize,
    /// Jobs the worker path runs through the in-memory queue (and AutoShape's photos) in each round.
    #[arg(long, default_value_t = 24)]
    jobs: usize,
    /// Photos in the smaller folder of the `yolo5 detect` / `yolov5 detect` race; the larger has twice as
    /// many, and their difference is what each photo costs without the start-up (whose noise needs enough
    /// photos to stand out of: docs/capacity.md).
    #[arg(long, default_value_t = 96)]
    folder: usize,
    /// A Python with torch and yolov5 (`make bench-venv`) for the reference figures; skipped when missing.
    #[arg(long, default_value = ".venv-ref/bin/python")]
    python: PathBuf,
    /// The `.pt` weights the Python side (AutoShape, `yolov5 detect`) loads (default: beside the model, with
    /// the `.pt` extension). Not `--weights`, which is detect.py's name for `--model`.
    #[arg(long, value_name = "PT")]
    python_weights: Option<PathBuf>,
    /// The `yolo5` command that races `yolov5 detect` (default: the one beside this program, as
    /// `cargo build --release -p yolo5 -p yolo5-bench` leaves it).
    #[arg(long, value_name = "PATH")]
    yolo5: Option<PathBuf>,
    /// The images (each is used in turn).
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<PathBuf>,
}

/// Seconds per photo at `rate` photos a second.
fn per_photo(rate: f64) -> Duration {
    Duration::from_secs_f64(1.0 / rate)
}

/// One precision's rows: the pipeline and the worker path against its forward pass on the same photos, and
/// AutoShape (float32) against its worker path.
#[derive(Debug, Default)]
struct PrecisionFigures {
    pipeline: Paired,
    worker1: Paired,
    worker2: Paired,
    autoshape: Paired,
}

/// One precision the bench measures: its name, its detector, and its rows.
struct Side {
    name: &'static str,
    detector: Arc<YoloDetector>,
    figures: PrecisionFigures,
}

/// Every figure of one run, round by round.
#[derive(Debug, Default)]
struct Figures {
    /// The first photo's forward pass in float32 against the 1024² matrix product that gauges the CPU's
    /// float32 peak, and the same in bfloat16.
    forward_fp32: Paired,
    forward_bf16: Paired,
    /// The bfloat16 forward pass against the float32 one, and the same for the worker path with 2 loops.
    bf16: Paired,
    bf16_worker: Paired,
    // The run's precision: the steps of one photo against its forward pass.
    planar: Paired,
    batch4: Paired,
    decode: Paired,
    letterbox: Paired,
    detect: Paired,
    annotate: Paired,
    pipeline4: Paired,
    python_forward: Paired,
    python_pipeline: Paired,
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    args.model.use_threads();
    let settings = args.model.settings();
    let detector = Arc::new(YoloDetector::load(&settings)?);
    let load =
        |precision| YoloDetector::load(&DetectorSettings { precision, ..settings.clone() }).map(Arc::new);
    // Both precisions' rows where the run computes in bfloat16 (a CPU with AMX, or asked for); elsewhere
    // bfloat16 is emulated, many times slower than float32, and only its forward pass is timed.
    let both = detector.kind() == Kind::BFloat16;
    let (fp32, bf16) = if both {
        (load(Precision::Fp32)?, detector.clone())
    } else {
        (detector.clone(), load(Precision::Bf16)?)
    };
    let mut sides = vec![Side { name: "fp32", detector: fp32.clone(), figures: PrecisionFigures::default() }];
    if both {
        sides.push(Side { name: "bf16", detector: bf16.clone(), figures: PrecisionFigures::default() });
    }
    let files: Vec<Bytes> = args
        .images
        .iter()
        .map(|path| std::fs::read(path).map(Bytes::from).with_context(|| format!("{}", path.display())))
        .collect::<Result<_, _>>()?;
    // As `yolo5 serve` decodes: large JPEGs reduced in their DCT to what the model and the answer need.
    let limits = DecodeLimits::for_detector(detector.input_size());
    let decoded: Vec<_> =
        files.iter().map(|bytes| decode(bytes, &limits).map(|d| d.image)).collect::<Result<_, _>>()?;
    let (n, rounds) = (args.iterations.max(1), args.rounds.max(1));
    println!(
        "yolo5-bench: {} on {} image(s), {}, {} ({}), {} threads; per photo, the best of {n} calls, in {rounds} \
         rounds that each measure every figure beside its reference: the median round's ratio, with the range",
        detector.model_name(),
        files.len(),
        if detector.rect() { "detect.py's rectangles" } else { "the square input" },
        detector.precision().0,
        detector.precision().1,
        tch::get_num_threads()
    );
    let mut python = PythonReference::start(args, detector.rect())?;

    // The CPU's peak in each precision as libtorch reaches it: a large matrix product.
    let operands = |kind| {
        let operand = || Tensor::randn([1024, 1024], (Kind::Float, Device::Cpu)).to_kind(kind);
        (operand(), operand())
    };
    let (fp32_operands, bf16_operands) = (operands(Kind::Float), operands(Kind::BFloat16));
    let matmul = |(a, b): &(Tensor, Tensor)| drop(a.matmul(b));

    let forward = |detector: &YoloDetector, batch: &Tensor| drop(detector.forward(batch).expect("forward"));
    let one = [&decoded[0]];
    let batch1 = detector.prepare(&one);
    // The same values in planar (NCHW) memory order, as golden.py feeds them: the reference for the
    // channels-last input `prepare` makes.
    let planar1 = batch1.contiguous();
    let batch4 = detector.prepare(&[&decoded[0]; 4]);
    // The whole pipeline's figures are per photo of the set, each photo in its own input size, and so is
    // the forward pass they are compared with.
    let singles: Vec<Tensor> = decoded.iter().map(|image| detector.prepare(&[image])).collect();
    let fours: Vec<Tensor> = decoded.iter().map(|image| detector.prepare(&[image; 4])).collect();
    let pipeline = |detector: &YoloDetector, bytes: &Bytes| {
        let image = decode(bytes, &limits).expect("decodes").image;
        let found = detector.detect(&[&image]).expect("detects").remove(0);
        drop(annotated_jpeg(image, &found, detector.names()));
    };
    // Four photos as one batch, as the worker runs a receive of equal shapes.
    let pipeline4 = |bytes: &Bytes| {
        let images: Vec<_> = (0..4).map(|_| decode(bytes, &limits).expect("decodes").image).collect();
        let found = detector.detect(&images.iter().collect::<Vec<_>>()).expect("detects");
        for (image, found) in images.into_iter().zip(found) {
            drop(annotated_jpeg(image, &found, detector.names()));
        }
    };
    let found = detector.detect(&one).expect("detects").remove(0);
    let runtime = tokio::runtime::Runtime::new()?;
    let worker = |detector: &Arc<YoloDetector>, loops| -> anyhow::Result<Duration> {
        Ok(per_photo(runtime.block_on(worker_path(
            detector.clone(),
            &files,
            args.jobs,
            loops,
            args.model.threads,
        ))?))
    };

    // TorchScript optimises its graph on the first calls of each input shape.
    for side in &sides {
        for batch in singles.iter().chain(&fours).chain([&planar1, &batch4]) {
            forward(&side.detector, batch);
            forward(&side.detector, batch);
        }
    }
    if !both {
        forward(&bf16, &batch1);
        forward(&bf16, &batch1);
    }
    let mut figures = Figures::default();
    // Each Python figure is asked for right after its counterpart of ours.
    for _ in 0..rounds {
        let fp32_1 = time(n, || forward(&fp32, &batch1));
        figures.forward_fp32.push(fp32_1, time(n, || matmul(&fp32_operands)));
        let bf16_1 = time(n, || forward(&bf16, &batch1));
        figures.forward_bf16.push(bf16_1, time(n, || matmul(&bf16_operands)));
        figures.bf16.push(bf16_1, fp32_1);
        if let Some(python) = &mut python {
            figures.python_forward.push(python.time("forward", n)?, fp32_1);
        }
        // The run's precision from here to the pipeline in batches of 4.
        let forward1 = if both { bf16_1 } else { fp32_1 };
        figures.planar.push(time(n, || forward(&detector, &planar1)), forward1);
        figures.batch4.push(time(n, || forward(&detector, &batch4)) / 4, forward1);
        figures.decode.push(time(n, || drop(decode(&files[0], &limits).expect("decodes"))), forward1);
        figures.letterbox.push(time(n, || drop(detector.prepare(&one))), forward1);
        figures.detect.push(time(n, || drop(detector.detect(&one).expect("detects"))), forward1);
        let annotate = time(n, || drop(annotated_jpeg(decoded[0].clone(), &found, detector.names())));
        figures.annotate.push(annotate, forward1);
        let forward4_each = time_each(n, &fours, |batch| forward(&detector, batch)) / 4;
        figures.pipeline4.push(time_each(n, &files, pipeline4) / 4, forward4_each);

        let mut worker2s = Vec::new();
        for side in &mut sides {
            let forward_each = time_each(n, &singles, |batch| forward(&side.detector, batch));
            let ours = time_each(n, &files, |bytes| pipeline(&side.detector, bytes));
            side.figures.pipeline.push(ours, forward_each);
            if let Some(python) = python.as_mut().filter(|_| side.name == "fp32") {
                figures.python_pipeline.push(python.time("pipeline", n)?, ours);
            }
            side.figures.worker1.push(worker(&side.detector, 1)?, forward_each);
            let worker2 = worker(&side.detector, 2)?;
            side.figures.worker2.push(worker2, forward_each);
            worker2s.push(worker2);
            if let Some(python) = &mut python {
                side.figures.autoshape.push(python.time("autoshape", args.jobs)?, worker2);
            }
        }
        if let [fp32_worker, bf16_worker] = worker2s[..] {
            figures.bf16_worker.push(bf16_worker, fp32_worker);
        }
    }
    figures.print(&detector, &decoded[0], &sides);
    if python.is_none() {
        println!(
            "python reference                      skipped: {} not found (make bench-venv)",
            args.python.display()
        );
        return Ok(());
    }
    drop(python);
    let precisions: Vec<&str> = sides.iter().map(|side| side.name).collect();
    compare_detect_commands(args, &precisions)
}

impl Figures {
    fn print(&self, detector: &YoloDetector, first: &image::RgbImage, sides: &[Side]) {
        // The convolutions' cost grows with the input's area.
        let input = detector.letterbox(first);
        let area = f64::from(input.input_width * input.input_height) / (640.0 * 640.0);
        for (name, forward) in [("fp32", &self.forward_fp32), ("bf16", &self.forward_bf16)] {
            let Some(round) = forward.median() else { return };
            let peak = 2.0 * 1024f64.powi(3) / round.reference.as_secs_f64() / 1e9;
            println!("{:<38}{peak:8.1} GFLOP/s", format!("{name} peak (1024² matmul)"));
            let rate = gflops_at_640(detector.model_name()).map_or_else(
                || "(GFLOP/s: not an official YOLOv5 model)".to_owned(),
                |gflops| {
                    let rate = gflops * area / round.figure.as_secs_f64();
                    format!("{rate:.1} GFLOP/s = {:.0} % of the {name} peak", 100.0 * rate / peak)
                },
            );
            let what = format!("forward, batch 1, {}×{}, {name}", input.input_width, input.input_height);
            println!("{what:<38}{:8.1} ms/img   {rate}", ms(round.figure));
        }
        let run = detector.precision().0;
        let batch4 = format!("forward at batch 4 ({run}), every photo");
        for (figure, what, against) in [
            (&self.bf16, "forward, batch 1, bf16".to_owned(), "fp32"),
            (&self.planar, format!("forward, batch 1, {run}, planar input"), "channels-last"),
            (&self.batch4, format!("forward, batch 4, {run}"), "batch 1"),
            (&self.decode, "  decode".to_owned(), "forward"),
            (&self.letterbox, "  letterbox to tensor".to_owned(), "forward"),
            (&self.detect, "  detect (letterbox → NMS)".to_owned(), "forward"),
            (&self.annotate, "  annotate + JPEG".to_owned(), "forward"),
            (&self.pipeline4, format!("pipeline, batches of 4, {run}"), batch4.as_str()),
        ] {
            figure.print(&what, against);
        }
        // The pipeline and the worker path against the forward pass on the same photos, each in its own size.
        for side in sides {
            let (name, figures) = (side.name, &side.figures);
            let every_photo = format!("{name} forward, every photo");
            figures.pipeline.print(&format!("pipeline (decode → JPEG out), {name}"), &every_photo);
            figures.worker1.print(&format!("worker path, 1 loop, {name}"), &every_photo);
            figures.worker2.print(&format!("worker path, 2 loops, {name}"), &every_photo);
        }
        self.bf16_worker.print("worker path, 2 loops, bf16", "fp32");
        self.python_forward.print("python: forward, same input", "ours in fp32, channels-last");
        self.python_pipeline.print("python: golden.py steps", "our fp32 pipeline, which annotates too");
        for side in sides {
            let against = format!("our worker path, 2 loops, {}", side.name);
            side.figures.autoshape.print("python: AutoShape (fp32)", &against);
        }
    }
}

/// Images per second through [`Worker`] with in-memory queue, store, table and bot, with `concurrency`
/// batch loops as `yolo5 serve --concurrency` runs them, each with its inference thread.
async fn worker_path(
    detector: Arc<YoloDetector>,
    files: &[Bytes],
    jobs: usize,
    concurrency: usize,
    threads: Option<u16>,
) -> anyhow::Result<f64> {
    let queue = Arc::new(MemoryJobQueue::new(Duration::from_secs(60)));
    let store = Arc::new(MemoryObjectStore::new());
    for i in 0..jobs {
        let job = Job::new(Uuid::new_v4(), 1, 1, "jpg");
        store.put(&job.image_key, files[i % files.len()].clone(), "image/jpeg").await?;
        queue.send(&job.to_json()).await?;
    }
    let decode = DecodeLimits::for_detector(detector.input_size());
    let worker = Worker {
        queue: queue.clone(),
        store,
        table: Arc::new(MemoryPredictionTable::new()),
        detector,
        notifier: Arc::new(RecordingNotifier::default()),
        decode_budget: Worker::decode_budget_for(&decode),
        inference: Inference::new(concurrency, libtorch_threads_per_loop(threads, concurrency)),
        config: WorkerConfig { wait: Duration::ZERO, decode, ..WorkerConfig::default() },
    };
    let started = Instant::now();
    let loops: Vec<_> = (0..concurrency)
        .map(|_| {
            let worker = worker.clone();
            tokio::spawn(async move {
                loop {
                    let report = worker.run_once().await?;
                    anyhow::ensure!(report.left == 0, "the worker path left jobs: {report:?}");
                    if report.received == 0 {
                        return Ok(());
                    }
                }
            })
        })
        .collect();
    for handle in loops {
        handle.await??;
    }
    anyhow::ensure!(queue.depth().await?.visible == 0, "jobs remain");
    Ok(jobs as f64 / started.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::{BenchArgs, gflops_at_640};

    #[test]
    fn the_flags_and_their_aliases_are_unique() {
        // clap's own checks: ModelArgs' detect.py aliases (--weights) once took a flag of the bench's own.
        BenchArgs::command().debug_assert();
    }

    #[test]
    fn gflops_are_known_for_the_official_models_only() {
        assert_eq!(gflops_at_640("yolov5n.torchscript"), Some(4.5));
        assert_eq!(gflops_at_640("yolov5s.torchscript"), Some(16.5));
        assert_eq!(gflops_at_640("yolov5s6.torchscript"), None);
        assert_eq!(gflops_at_640("my-detector.torchscript"), None);
    }
}
