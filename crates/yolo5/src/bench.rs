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
    detector::{Detector, DetectorSettings, ModelArgs, Precision, YoloDetector},
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
    /// many, and their difference is what each photo costs without the start-up (whose noise, a second or
    /// more, needs a few seconds of photos to stand out of).
    #[arg(long, default_value_t = 96)]
    folder: usize,
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

/// The best of `iterations` calls of `f` (the least disturbed run).
fn time(iterations: usize, mut f: impl FnMut()) -> Duration {
    (0..iterations.max(1))
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// [`time`] of `f` on each item, averaged over the items: what an item of the set costs. (The best of
/// `iterations` calls over items taken in turn would be the cheapest item's.)
fn time_each<T>(iterations: usize, items: &[T], mut f: impl FnMut(&T)) -> Duration {
    let total: Duration = items.iter().map(|item| time(iterations, || f(item))).sum();
    total / u32::try_from(items.len().max(1)).unwrap_or(u32::MAX)
}

/// A figure and its reference, per photo, measured one beside the other in each round, so that each ratio
/// compares the same seconds of a machine whose speed drifts (by up to 1.5× within minutes on the 2-core
/// machine this project is developed on).
#[derive(Debug, Default)]
struct Paired(Vec<(Duration, Duration)>);

/// The round whose ratio is the median, and the range of the ratios.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MedianRound {
    figure: Duration,
    reference: Duration,
    /// Figure over reference.
    ratio: f64,
    lowest: f64,
    highest: f64,
}

impl Paired {
    fn push(&mut self, figure: Duration, reference: Duration) {
        self.0.push((figure, reference));
    }

    fn median(&self) -> Option<MedianRound> {
        let ratio =
            |(figure, reference): &(Duration, Duration)| figure.as_secs_f64() / reference.as_secs_f64();
        let mut rounds = self.0.clone();
        rounds.sort_by(|a, b| ratio(a).total_cmp(&ratio(b)));
        let median @ (figure, reference) = *rounds.get(rounds.len() / 2)?;
        Some(MedianRound {
            figure,
            reference,
            ratio: ratio(&median),
            lowest: ratio(rounds.first()?),
            highest: ratio(rounds.last()?),
        })
    }

    /// `what`, the median round's figure per photo and its ratio to the reference, `against`, with the
    /// reference's time in that round and the range of the ratios.
    fn print(&self, what: &str, against: &str) {
        let Some(round) = self.median() else { return };
        println!(
            "{what:<33}{:8.1} ms/img   {:.2}× {against} ({:.1} ms; {:.2}–{:.2}×)",
            ms(round.figure),
            round.ratio,
            ms(round.reference),
            round.lowest,
            round.highest
        );
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Seconds per photo at `rate` photos a second.
fn per_photo(rate: f64) -> Duration {
    Duration::from_secs_f64(1.0 / rate)
}

/// Every figure of one run, round by round.
#[derive(Debug, Default)]
struct Figures {
    /// The first photo's forward pass against the 1024² matrix product that gauges the CPU's fp32 peak.
    forward1: Paired,
    /// The same forward pass in bfloat16 against float32, whichever the run's precision is.
    bf16: Paired,
    planar: Paired,
    batch4: Paired,
    decode: Paired,
    letterbox: Paired,
    detect: Paired,
    annotate: Paired,
    pipeline: Paired,
    pipeline4: Paired,
    worker1: Paired,
    worker2: Paired,
    python_forward: Paired,
    python_pipeline: Paired,
    autoshape: Paired,
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let detector = Arc::new(YoloDetector::load(&args.model.settings())?);
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
        "yolo5 bench: {} on {} image(s), {}, {} ({}), {} threads; per photo, the best of {n} calls, in {rounds} \
         rounds that each measure every figure beside its reference: the median round's ratio, with the range",
        detector.model_name(),
        files.len(),
        if detector.rect() { "detect.py's rectangles" } else { "the square input" },
        detector.precision().0,
        detector.precision().1,
        tch::get_num_threads()
    );
    let mut python = PythonReference::start(args, detector.rect())?;

    // The CPU's fp32 peak as libtorch reaches it: a large matrix product.
    let (a, b) = (
        Tensor::randn([1024, 1024], (Kind::Float, Device::Cpu)),
        Tensor::randn([1024, 1024], (Kind::Float, Device::Cpu)),
    );
    let matmul = || drop(a.matmul(&b));

    let forward = |batch: &Tensor| drop(detector.forward(batch).expect("forward"));
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
    let pipeline = |bytes: &Bytes| {
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
    let worker = |loops| -> anyhow::Result<Duration> {
        Ok(per_photo(runtime.block_on(worker_path(detector.clone(), &files, args.jobs, loops))?))
    };

    // The other precision beside the run's, on the same input.
    let is_bf16 = detector.precision().0 == "bf16";
    let other_precision = if is_bf16 { Precision::Fp32 } else { Precision::Bf16 };
    let other =
        YoloDetector::load(&DetectorSettings { precision: other_precision, ..args.model.settings() })?;
    let forward_other = |batch: &Tensor| drop(other.forward(batch).expect("forward"));

    // TorchScript optimises its graph on the first calls of each input shape.
    for batch in singles.iter().chain(&fours).chain([&planar1, &batch4]) {
        forward(batch);
        forward(batch);
    }
    forward_other(&batch1);
    forward_other(&batch1);
    let mut figures = Figures::default();
    // Each Python figure is asked for right after its counterpart of ours.
    for _ in 0..rounds {
        let forward1 = time(n, || forward(&batch1));
        figures.forward1.push(forward1, time(n, matmul));
        let other1 = time(n, || forward_other(&batch1));
        figures.bf16.push(if is_bf16 { forward1 } else { other1 }, if is_bf16 { other1 } else { forward1 });
        if let Some(python) = &mut python {
            figures.python_forward.push(python.time("forward", n)?, forward1);
        }
        figures.planar.push(time(n, || forward(&planar1)), forward1);
        figures.batch4.push(time(n, || forward(&batch4)) / 4, forward1);
        figures.decode.push(time(n, || drop(decode(&files[0], &limits).expect("decodes"))), forward1);
        figures.letterbox.push(time(n, || drop(detector.prepare(&one))), forward1);
        figures.detect.push(time(n, || drop(detector.detect(&one).expect("detects"))), forward1);
        let annotate = time(n, || drop(annotated_jpeg(decoded[0].clone(), &found, detector.names())));
        figures.annotate.push(annotate, forward1);

        let forward_each = time_each(n, &singles, forward);
        let ours = time_each(n, &files, pipeline);
        figures.pipeline.push(ours, forward_each);
        if let Some(python) = &mut python {
            figures.python_pipeline.push(python.time("pipeline", n)?, ours);
        }
        let forward4_each = time_each(n, &fours, forward) / 4;
        figures.pipeline4.push(time_each(n, &files, pipeline4) / 4, forward4_each);
        figures.worker1.push(worker(1)?, forward_each);
        let worker2 = worker(2)?;
        figures.worker2.push(worker2, forward_each);
        if let Some(python) = &mut python {
            figures.autoshape.push(python.time("autoshape", args.jobs)?, worker2);
        }
    }
    figures.print(&detector, &decoded[0]);
    if python.is_none() {
        println!(
            "python reference                 skipped: {} not found (make bench-venv)",
            args.python.display()
        );
        return Ok(());
    }
    drop(python);
    compare_detect_commands(args)
}

impl Figures {
    fn print(&self, detector: &YoloDetector, first: &image::RgbImage) {
        let Some(round) = self.forward1.median() else { return };
        let (forward1, peak) = (round.figure, 2.0 * 1024f64.powi(3) / round.reference.as_secs_f64() / 1e9);
        // The convolutions' cost grows with the input's area.
        let input = detector.letterbox(first);
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
            ms(forward1)
        );
        // The pipeline and the worker path against the forward pass on the same photos, each in its own size.
        let every_photo = "forward, every photo";
        for (figure, what, against) in [
            (&self.bf16, "forward, batch 1, bf16", "fp32"),
            (&self.planar, "forward, batch 1, planar input", "channels-last"),
            (&self.batch4, "forward, batch 4", "batch 1"),
            (&self.decode, "  decode", "forward"),
            (&self.letterbox, "  letterbox to tensor", "forward"),
            (&self.detect, "  detect (letterbox → NMS)", "forward"),
            (&self.annotate, "  annotate + JPEG", "forward"),
            (&self.pipeline, "pipeline (decode → JPEG out)", every_photo),
            (&self.pipeline4, "pipeline, batches of 4", "forward at batch 4, every photo"),
            (&self.worker1, "worker path, 1 loop", every_photo),
            (&self.worker2, "worker path, 2 loops", every_photo),
            (&self.python_forward, "python: forward, same input", "ours, channels-last"),
            (&self.python_pipeline, "python: golden.py steps", "our pipeline, which annotates too"),
            (&self.autoshape, "python: AutoShape", "our worker path, 2 loops"),
        ] {
            figure.print(what, against);
        }
    }
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
        // The `yolov5` command with the weights' layers fused, as YOLOv5's repository runs them.
        let mut command = std::process::Command::new(&args.python);
        command.env("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1").arg(tools().join("pip_yolov5.py"));
        command.arg("detect").arg("--weights").arg(&weights);
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
    if ours <= 0.0 || theirs <= 0.0 {
        println!(
            "yolo5 detect vs yolov5 detect     unmeasured: {} photo(s) more did not outlast the start-up's noise \
             (raise --folder)",
            args.folder
        );
        return Ok(());
    }
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

/// The repository's `tools` folder, with the Python side's scripts.
fn tools() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools")
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

/// `tools/bench_reference.py` on the same model and images, kept running so that its measurements can
/// alternate with ours.
struct PythonReference {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Its standard error, read on a thread so that a chatty run cannot fill the pipe and stall it.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl PythonReference {
    /// Starts the script and waits until it is ready; `None` when there is no such Python.
    fn start(args: &BenchArgs, rect: bool) -> anyhow::Result<Option<Self>> {
        if !args.python.exists() {
            return Ok(None);
        }
        let weights = args.python_weights.clone().unwrap_or_else(|| args.model.model.with_extension("pt"));
        let script = tools().join("bench_reference.py");
        let mut child = std::process::Command::new(&args.python)
            .arg(script)
            .arg(&args.model.model)
            .arg(weights)
            .arg(if rect { "rect" } else { "square" })
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
        let mut reference = Self { child, stdin, stdout, stderr: Some(stderr) };
        reference.expect_line("ready")?;
        Ok(Some(reference))
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

    /// Its time per photo for `command` (`forward`, `pipeline`, `autoshape`) with `count` (calls of which
    /// it takes the best, or AutoShape's photos): the line `{command}_ms X` it answers.
    fn time(&mut self, command: &str, count: usize) -> anyhow::Result<Duration> {
        writeln!(self.stdin, "{command} {count}")?;
        self.stdin.flush()?;
        let key = format!("{command}_ms ");
        loop {
            let line = self.line()?;
            if let Some(value) = line.strip_prefix(&key) {
                let ms: f64 =
                    value.parse().with_context(|| format!("the Python reference printed {line:?}"))?;
                return Ok(Duration::from_secs_f64(ms / 1e3));
            }
        }
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
    let decode = DecodeLimits::for_detector(detector.input_size());
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
    use std::time::Duration;

    use super::{Paired, gflops_at_640, time_each};

    #[test]
    fn time_each_is_the_mean_of_each_items_best_not_the_cheapest_items() {
        let naps = [Duration::from_millis(2), Duration::from_millis(10)];
        let took = time_each(3, &naps, |nap| std::thread::sleep(*nap));
        // A sleep never ends early: each item's best is at least its nap, so their mean is at least 6 ms,
        // where the best of calls over the items taken in turn would be about the 2 ms item's.
        assert!(took >= Duration::from_millis(6), "{took:?}");
    }

    #[test]
    fn paired_rounds_give_the_median_rounds_ratio_and_the_range() {
        let ms = Duration::from_millis;
        let mut paired = Paired::default();
        assert_eq!(paired.median(), None);
        for (figure, reference) in [(30, 10), (12, 10), (40, 20)] {
            paired.push(ms(figure), ms(reference));
        }
        let median = paired.median().expect("three rounds");
        assert_eq!((median.figure, median.reference), (ms(40), ms(20)));
        assert!((median.ratio - 2.0).abs() < 1e-9 && (median.lowest - 1.2).abs() < 1e-9);
        assert!((median.highest - 3.0).abs() < 1e-9, "{median:?}");
    }

    #[test]
    fn gflops_are_known_for_the_official_models_only() {
        assert_eq!(gflops_at_640("yolov5n.torchscript"), Some(4.5));
        assert_eq!(gflops_at_640("yolov5s.torchscript"), Some(16.5));
        assert_eq!(gflops_at_640("yolov5s6.torchscript"), None);
        assert_eq!(gflops_at_640("my-detector.torchscript"), None);
    }
}
