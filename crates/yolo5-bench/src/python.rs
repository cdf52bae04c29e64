//! The Python YOLOv5's side of the bench, run only where `make bench-venv` made it: its figures alternating
//! with ours in one process (`tools/bench_reference.py`), and `yolov5 detect` racing `yolo5 detect` on a folder.

use std::{
    io::{BufRead, BufReader, Read, Write},
    path::PathBuf,
    process::{Child, ChildStdin, ChildStdout, Stdio},
    time::{Duration, Instant},
};

use anyhow::Context;
use clap::ValueEnum;

use crate::BenchArgs;

/// `yolo5 detect` against Python's `yolov5 detect` on the same folder, each as a process writing annotated
/// images, as a user runs them: photos per second with start-up cancelled (each on `jobs` and on twice as
/// many photos; the difference is the photos' own time), the runs alternating so all see the same minutes:
/// ours once in each of `precisions`.
pub(crate) fn compare_detect_commands(args: &BenchArgs, precisions: &[&str]) -> anyhow::Result<()> {
    let yolov5 = args.python.with_file_name("yolov5");
    let weights = args.python_weights.clone().unwrap_or_else(|| args.model.model.with_extension("pt"));
    let yolo5 = match &args.yolo5 {
        Some(yolo5) => yolo5.clone(),
        None => std::env::current_exe()?.with_file_name("yolo5"),
    };
    for needed in [&yolov5, &weights, &yolo5] {
        if !needed.exists() {
            println!("python: yolov5 detect                 skipped: {} not found", needed.display());
            return Ok(());
        }
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
    let ours = |precision: &str, source: &PathBuf| -> anyhow::Result<Duration> {
        let mut command = std::process::Command::new(&yolo5);
        command.arg("detect").arg("--model").arg(&args.model.model).arg("--precision").arg(precision);
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
    // The best time of each command on each folder: [small, large].
    let (mut best_ours, mut best_theirs) = (vec![[Duration::MAX; 2]; precisions.len()], [Duration::MAX; 2]);
    for _ in 0..2 {
        for (slot, source) in [&small, &large].into_iter().enumerate() {
            for (best, precision) in best_ours.iter_mut().zip(precisions) {
                best[slot] = best[slot].min(ours(precision, source)?);
            }
            best_theirs[slot] = best_theirs[slot].min(theirs(source)?);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let per_photo = |best: [Duration; 2]| best[1].saturating_sub(best[0]).as_secs_f64() / args.folder as f64;
    let start_up =
        |best: [Duration; 2]| (best[0].as_secs_f64() - per_photo(best) * args.folder as f64).max(0.0);
    let theirs = per_photo(best_theirs);
    if theirs <= 0.0 || best_ours.iter().any(|best| per_photo(*best) <= 0.0) {
        println!(
            "yolo5 detect vs yolov5 detect          unmeasured: {} photo(s) more did not outlast the start-up's \
             noise (raise --folder)",
            args.folder
        );
        return Ok(());
    }
    let print = |what: &str, per_photo: f64, start_up: f64| {
        println!(
            "{what:<38}{:8.1} ms/img   = {:.1} img/s, start-up {start_up:.1} s",
            per_photo * 1e3,
            1.0 / per_photo
        );
    };
    print("python: yolov5 detect on a folder", theirs, start_up(best_theirs));
    for (best, precision) in best_ours.iter().zip(precisions) {
        print(&format!("yolo5 detect, {precision}, on the same folder"), per_photo(*best), start_up(*best));
    }
    for (best, precision) in best_ours.iter().zip(precisions) {
        println!(
            "{:<38}{:8.2}×           photos per second, best of 2 of {} and {} photos",
            format!("yolo5 detect, {precision}, vs yolov5 detect"),
            theirs / per_photo(*best),
            args.folder,
            2 * args.folder
        );
    }
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
pub(crate) struct PythonReference {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Its standard error, read on a thread so that a chatty run cannot fill the pipe and stall it.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl PythonReference {
    /// Starts the script and waits until it is ready; `None` when there is no such Python.
    pub(crate) fn start(args: &BenchArgs, rect: bool) -> anyhow::Result<Option<Self>> {
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
    pub(crate) fn time(&mut self, command: &str, count: usize) -> anyhow::Result<Duration> {
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
