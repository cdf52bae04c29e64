//! `yolo5 bench`: speed figures of one run on the same images, as ratios against the forward pass.

#![allow(clippy::print_stdout)] // A command-line tool: the figures are its output.

use std::{
    io::{BufRead, BufReader, Read, Write},
    path::PathBuf,
    process::{Child, ChildStdin, ChildStdout, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use bytes::Bytes;
use clap::{Args, ValueEnum};
use common::{
    queue::{JobQueue, MemoryJobQueue},
    schema::Job,
    store::{MemoryObjectStore, ObjectStore},
    table::MemoryPredictionTable,
};
use tch::{Device, Kind, Tensor};
use uuid::Uuid;

use crate::{
    annotate::annotated_jpeg,
    detector::{Detector, ModelArgs, YoloDetector},
    image::{DecodeLimits, decode},
    worker::{Worker, WorkerConfig, notify::RecordingNotifier},
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

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Timed repetitions of each measurement.
    #[arg(long, default_value_t = 10)]
    iterations: usize,
    /// Jobs the worker path runs through the in-memory queue.
    #[arg(long, default_value_t = 24)]
    jobs: usize,
    /// Photos in the smaller folder of the `yolo5 detect` / `yolov5 detect` race; the larger has twice as
    /// many, and their difference is what each photo costs without the start-up (whose noise, a second or
    /// more, needs a few seconds of photos to stand out of).
    #[arg(long, default_value_t = 96)]
    folder: usize,
    /// Rounds of the worker path, 2 loops, each followed by AutoShape on as many photos, for their ratio.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// A Python with torch and yolov5 (`make bench-venv`) for the reference figures; skipped when missing.
    #[arg(long, default_value = ".venv-ref/bin/python")]
    python: PathBuf,
    /// The `.pt` weights the Python side (AutoShape, `yolov5 detect`) loads (default: beside the model, with
    /// the `.pt` extension). Not `--weights`, which is detect.py's name for `--model`.
    #[arg(long, value_name = "PT")]
    python_weights: Option<PathBuf>,
    /// The images (each is used in turn).
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<PathBuf>,
}

/// Seconds per call of `f`, the best of `iterations` after one warm-up (the least disturbed run).
fn time(iterations: usize, mut f: impl FnMut()) -> Duration {
    f();
    (0..iterations.max(1))
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// [`time`] for two functions whose ratio matters, called in turn so that both see the same machine.
fn time_pair(iterations: usize, mut f: impl FnMut(), mut g: impl FnMut()) -> (Duration, Duration) {
    let (mut best_f, mut best_g) = (Duration::MAX, Duration::MAX);
    f();
    g();
    for _ in 0..iterations.max(1) {
        let started = Instant::now();
        f();
        best_f = best_f.min(started.elapsed());
        let started = Instant::now();
        g();
        best_g = best_g.min(started.elapsed());
    }
    (best_f, best_g)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let detector = Arc::new(YoloDetector::load(&args.model.settings())?);
    let files: Vec<Bytes> = args
        .images
        .iter()
        .map(|path| std::fs::read(path).map(Bytes::from).with_context(|| format!("{}", path.display())))
        .collect::<Result<_, _>>()?;
    // As `yolo5 serve` decodes: large JPEGs reduced in their DCT to what the model needs.
    let limits = DecodeLimits { reduce_to: Some(detector.input_size()), ..DecodeLimits::default() };
    let decoded: Vec<_> =
        files.iter().map(|bytes| decode(bytes, &limits).map(|d| d.image)).collect::<Result<_, _>>()?;
    let n = args.iterations;
    println!(
        "yolo5 bench: {} on {} image(s), {}, {} threads, best of {n}",
        detector.model_name(),
        files.len(),
        if detector.rect() { "detect.py's rectangles" } else { "the square input" },
        tch::get_num_threads()
    );

    // The CPU's fp32 peak as libtorch reaches it: a large matrix product.
    let (a, b) = (
        Tensor::randn([1024, 1024], (Kind::Float, Device::Cpu)),
        Tensor::randn([1024, 1024], (Kind::Float, Device::Cpu)),
    );
    let matmul = time(n, || drop(a.matmul(&b)));
    let peak = 2.0 * 1024f64.powi(3) / matmul.as_secs_f64() / 1e9;

    let one: Vec<_> = decoded.iter().take(1).collect();
    let batch1 = detector.prepare(&one);
    // The same values in planar (NCHW) memory order, as golden.py feeds them: the reference for the
    // channels-last input `prepare` makes.
    let planar1 = batch1.contiguous();
    let (forward1, forward_planar) = time_pair(
        n,
        || drop(detector.forward(&batch1).expect("forward")),
        || drop(detector.forward(&planar1).expect("forward")),
    );
    let batch4 = detector.prepare(&[&decoded[0]; 4]);
    let forward4 = time(n, || drop(detector.forward(&batch4).expect("forward"))) / 4;

    let mut i = 0;
    let pipeline = time(n, || {
        let bytes = &files[i % files.len()];
        i += 1;
        let image = decode(bytes, &limits).expect("decodes").image;
        let found = detector.detect(&[&image]).expect("detects").remove(0);
        drop(annotated_jpeg(image, &found, detector.names()));
    });
    // Four photos as one batch, as the worker runs a receive of equal shapes; per photo.
    let mut i = 0;
    let pipeline4 = time(n, || {
        let bytes = &files[i % files.len()];
        i += 1;
        let images: Vec<_> = (0..4).map(|_| decode(bytes, &limits).expect("decodes").image).collect();
        let found = detector.detect(&images.iter().collect::<Vec<_>>()).expect("detects");
        for (image, found) in images.into_iter().zip(found) {
            drop(annotated_jpeg(image, &found, detector.names()));
        }
    }) / 4;
    let preprocess = time(n, || drop(detector.prepare(&one)));
    let decode_time = time(n, || drop(decode(&files[0], &limits).expect("decodes")));
    let detect_time = time(n, || drop(detector.detect(&one).expect("detects")));
    let found = detector.detect(&one).expect("detects").remove(0);
    let annotate_time = time(n, || {
        drop(annotated_jpeg(decoded[0].clone(), &found, detector.names()));
    });

    let runtime = tokio::runtime::Runtime::new()?;
    let throughput = runtime.block_on(worker_path(detector.clone(), &files, args.jobs, 1))?;
    let throughput2 = runtime.block_on(worker_path(detector.clone(), &files, args.jobs, 2))?;

    // The convolutions' cost grows with the input's area.
    let input = detector.letterbox(&decoded[0]);
    let area = f64::from(input.input_width * input.input_height) / (640.0 * 640.0);
    let rate = gflops_at_640(detector.model_name()).map_or_else(
        || "(GFLOP/s: not an official YOLOv5 model)".to_owned(),
        |gflops| {
            let rate = gflops * area / forward1.as_secs_f64();
            format!("{rate:.1} GFLOP/s = {:.0} % of peak", 100.0 * rate / peak)
        },
    );
    println!("fp32 peak (1024² matmul)         {peak:8.1} GFLOP/s");
    println!(
        "forward, batch 1, {:>4}×{:<4}      {:8.1} ms/img   {rate}",
        input.input_width,
        input.input_height,
        ms(forward1),
    );
    println!(
        "forward, batch 1, planar input   {:8.1} ms/img   channels-last takes {:.2}× its time",
        ms(forward_planar),
        forward1.as_secs_f64() / forward_planar.as_secs_f64()
    );
    println!(
        "forward, batch 4                 {:8.1} ms/img   {:.2}× batch 1",
        ms(forward4),
        forward4.as_secs_f64() / forward1.as_secs_f64()
    );
    let ratio = |d: Duration| d.as_secs_f64() / forward1.as_secs_f64();
    for (what, took) in [
        ("  decode", decode_time),
        ("  letterbox to tensor", preprocess),
        ("  detect (letterbox → NMS)", detect_time),
        ("  annotate + JPEG", annotate_time),
    ] {
        println!("{what:<33}{:8.1} ms/img   {:.2}× forward", ms(took), ratio(took));
    }
    println!(
        "pipeline (decode → JPEG out)     {:8.1} ms/img   {:.2}× forward",
        ms(pipeline),
        pipeline.as_secs_f64() / forward1.as_secs_f64()
    );
    println!(
        "pipeline, batches of 4           {:8.1} ms/img   {:.2}× forward at batch 4",
        ms(pipeline4),
        pipeline4.as_secs_f64() / forward4.as_secs_f64()
    );
    for (what, rate) in [("worker path, 1 loop", throughput), ("worker path, 2 loops", throughput2)] {
        println!("{what:<33}{rate:8.1} img/s    {:.2}× 1/forward", rate * forward1.as_secs_f64());
    }
    compare_with_python(args, &detector, &files, &runtime, forward1, pipeline)
}

/// The Python YOLOv5's figures on the same model and images, and our worker path against AutoShape.
fn compare_with_python(
    args: &BenchArgs,
    detector: &Arc<YoloDetector>,
    files: &[Bytes],
    runtime: &tokio::runtime::Runtime,
    forward1: Duration,
    pipeline: Duration,
) -> anyhow::Result<()> {
    let Some(mut python) = PythonReference::start(args)? else {
        println!(
            "python reference                 skipped: {} not found (make bench-venv)",
            args.python.display()
        );
        return Ok(());
    };
    let forward = python.figure("forward_b1_ms")?;
    let pipeline_py = python.figure("pipeline_ms")?;
    println!(
        "python: forward, 640×640 planar  {forward:8.1} ms/img   ours {:.2}× faster",
        forward / ms(forward1)
    );
    println!(
        "python: golden.py steps           {pipeline_py:8.1} ms/img   ours {:.2}× faster",
        pipeline_py / ms(pipeline)
    );
    python.expect_line("ready")?;
    // Our worker path and AutoShape in turn, on the same photos, so that each ratio compares the same minute
    // of a machine whose speed drifts.
    let mut rounds = Vec::new();
    for _ in 0..args.rounds.max(1) {
        let ours = runtime.block_on(worker_path(detector.clone(), files, args.jobs, 2))?;
        let autoshape = python.autoshape_ms(args.jobs)?;
        rounds.push((ours, autoshape, ours * autoshape / 1e3));
    }
    rounds.sort_by(|a, b| a.2.total_cmp(&b.2));
    let (ours, autoshape, median) = rounds[rounds.len() / 2];
    println!(
        "python: AutoShape, median round  {autoshape:8.1} ms/img   = {:.1} img/s (ours {ours:.1} img/s)",
        1e3 / autoshape
    );
    println!(
        "worker 2 loops vs AutoShape       {median:8.2}×           median of {} paired rounds ({:.2}–{:.2}×)",
        rounds.len(),
        rounds[0].2,
        rounds[rounds.len() - 1].2
    );
    drop(python);
    compare_detect_commands(args)
}

/// `yolo5 detect` against Python's `yolov5 detect` on the same folder, each as a process writing annotated
/// images, as a user runs them: photos per second with start-up cancelled (each on `jobs` and on twice as
/// many photos; the difference is the photos' own time), the runs alternating so both see the same minutes.
fn compare_detect_commands(args: &BenchArgs) -> anyhow::Result<()> {
    let yolov5 = args.python.with_file_name("yolov5");
    let weights = args.python_weights.clone().unwrap_or_else(|| args.model.model.with_extension("pt"));
    if !yolov5.exists() || !weights.exists() {
        println!(
            "python: yolov5 detect            skipped: {} or {} not found",
            yolov5.display(),
            weights.display()
        );
        return Ok(());
    }
    let scratch = std::env::temp_dir().join(format!("yolo5-bench-{}", std::process::id()));
    let folder = |photos: usize| -> anyhow::Result<PathBuf> {
        let folder = scratch.join(format!("photos-{photos}"));
        std::fs::create_dir_all(&folder)?;
        for i in 0..photos {
            let source = &args.images[i % args.images.len()];
            let extension = source.extension().and_then(|e| e.to_str()).unwrap_or("jpg");
            std::fs::copy(source, folder.join(format!("photo-{i:04}.{extension}")))?;
        }
        Ok(folder)
    };
    let (small, large) = (folder(args.folder)?, folder(2 * args.folder)?);
    let ours = |source: &PathBuf| -> anyhow::Result<Duration> {
        let mut command = std::process::Command::new(std::env::current_exe()?);
        command.arg("detect").arg("--model").arg(&args.model.model);
        command.arg("--letterbox").arg(args.model.letterbox.to_possible_value().expect("a value").get_name());
        command.arg("--out").arg(scratch.join("ours")).arg(source);
        run_timed(command)
    };
    let theirs = |source: &PathBuf| -> anyhow::Result<Duration> {
        let mut command = std::process::Command::new(&yolov5);
        command.env("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1").arg("detect").arg("--weights").arg(&weights);
        command.arg("--source").arg(source).arg("--device").arg("cpu");
        command.arg("--project").arg(&scratch).arg("--name").arg("theirs").arg("--exist-ok");
        run_timed(command)
    };
    let (mut best_ours, mut best_theirs) = ([Duration::MAX; 2], [Duration::MAX; 2]);
    for _ in 0..2 {
        for (slot, source) in [&small, &large].into_iter().enumerate() {
            best_ours[slot] = best_ours[slot].min(ours(source)?);
            best_theirs[slot] = best_theirs[slot].min(theirs(source)?);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let per_photo = |best: [Duration; 2]| best[1].saturating_sub(best[0]).as_secs_f64() / args.folder as f64;
    let (ours, theirs) = (per_photo(best_ours), per_photo(best_theirs));
    println!(
        "python: yolov5 detect on a folder {:8.1} ms/img   = {:.1} img/s, start-up {:.1} s",
        theirs * 1e3,
        1.0 / theirs,
        (best_theirs[0].as_secs_f64() - theirs * args.folder as f64).max(0.0)
    );
    println!(
        "yolo5 detect on the same folder   {:8.1} ms/img   = {:.1} img/s, start-up {:.1} s",
        ours * 1e3,
        1.0 / ours,
        (best_ours[0].as_secs_f64() - ours * args.folder as f64).max(0.0)
    );
    println!(
        "yolo5 detect vs yolov5 detect     {:8.2}×           photos per second, best of 2 of {} and {} photos",
        theirs / ours,
        args.folder,
        2 * args.folder
    );
    Ok(())
}

/// How long `command` takes, its output discarded; an error when it fails.
fn run_timed(mut command: std::process::Command) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let output =
        command.stdin(Stdio::null()).output().with_context(|| format!("could not run {command:?}"))?;
    let took = started.elapsed();
    anyhow::ensure!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or_default()
    );
    Ok(took)
}

/// `tools/bench_reference.py` on the same model and images, kept running so that its AutoShape rounds can
/// alternate with ours.
struct PythonReference {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Its standard error, read on a thread so that a chatty run cannot fill the pipe and stall it.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl PythonReference {
    /// Starts the script; `None` when there is no such Python.
    fn start(args: &BenchArgs) -> anyhow::Result<Option<Self>> {
        if !args.python.exists() {
            return Ok(None);
        }
        let weights = args.python_weights.clone().unwrap_or_else(|| args.model.model.with_extension("pt"));
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/bench_reference.py");
        let mut child = std::process::Command::new(&args.python)
            .arg(script)
            .arg(&args.model.model)
            .arg(weights)
            .arg(args.iterations.to_string())
            .args(&args.images)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("could not run the Python reference")?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut pipe = child.stderr.take().expect("piped");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        });
        Ok(Some(Self { child, stdin, stdout, stderr: Some(stderr) }))
    }

    /// The script's next line; its standard error when it ended instead.
    fn line(&mut self) -> anyhow::Result<String> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            let stderr = self.stderr.take().and_then(|thread| thread.join().ok()).unwrap_or_default();
            anyhow::bail!("the Python reference ended ({}): {stderr}", self.child.wait()?);
        }
        Ok(line.trim_end().to_owned())
    }

    /// Skips to the line `expected` (yolov5 may print along the way).
    fn expect_line(&mut self, expected: &str) -> anyhow::Result<()> {
        while self.line()? != expected {}
        Ok(())
    }

    /// The value on the next line `key value`.
    fn figure(&mut self, key: &str) -> anyhow::Result<f64> {
        loop {
            let line = self.line()?;
            if let Some(value) = line.strip_prefix(key).and_then(|rest| rest.strip_prefix(' ')) {
                return value.parse().with_context(|| format!("the Python reference printed {line:?}"));
            }
        }
    }

    /// AutoShape's mean time on `photos` photos, taken from the images in turn.
    fn autoshape_ms(&mut self, photos: usize) -> anyhow::Result<f64> {
        writeln!(self.stdin, "{photos}")?;
        self.stdin.flush()?;
        self.figure("autoshape_ms")
    }
}

impl Drop for PythonReference {
    fn drop(&mut self) {
        // It would end when its stdin closes; it may be in the middle of a round.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Images per second through [`Worker`] with in-memory queue, store, table and bot, with `concurrency`
/// batch loops as `yolo5 serve --concurrency` runs them.
async fn worker_path(
    detector: Arc<YoloDetector>,
    files: &[Bytes],
    jobs: usize,
    concurrency: usize,
) -> anyhow::Result<f64> {
    let queue = Arc::new(MemoryJobQueue::new(Duration::from_secs(60)));
    let store = Arc::new(MemoryObjectStore::new());
    for i in 0..jobs {
        let job = Job::new(Uuid::new_v4(), 1, 1, "jpg");
        store.put(&job.image_key, files[i % files.len()].clone(), "image/jpeg").await?;
        queue.send(&job.to_json()).await?;
    }
    let decode = DecodeLimits { reduce_to: Some(detector.input_size()), ..DecodeLimits::default() };
    let worker = Worker {
        queue: queue.clone(),
        store,
        table: Arc::new(MemoryPredictionTable::new()),
        detector,
        notifier: Arc::new(RecordingNotifier::default()),
        decode_budget: Worker::decode_budget_for(&decode),
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
    use super::gflops_at_640;

    #[test]
    fn gflops_are_known_for_the_official_models_only() {
        assert_eq!(gflops_at_640("yolov5n.torchscript"), Some(4.5));
        assert_eq!(gflops_at_640("yolov5s.torchscript"), Some(16.5));
        assert_eq!(gflops_at_640("yolov5s6.torchscript"), None);
        assert_eq!(gflops_at_640("my-detector.torchscript"), None);
    }
}
