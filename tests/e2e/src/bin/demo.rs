//! `make demo`: the whole system on this machine. A simulated user sends photos and a short video to the bot; the
//! demo prints the conversation and writes the annotated pictures the bot sent back.
//!
//! Usage: `demo [IMAGE...]` (default: the sample photos, `tests/samples/*.jpg`, then one of them captioned with a
//! question, then the sample clip `tests/samples/clip.mp4`; an `.mp4` given is sent as a video), with `YOLO5_MODEL` naming
//! the model (default: the committed `models/yolov5n.torchscript`) and `DEMO_OUT` the output folder
//! (default `out/demo`).

#![allow(clippy::print_stdout)] // The conversation is the output.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use anyhow::Context;
use e2e::{Settings, System, model, samples};

const CHAT: i64 = 4242;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("demo failed: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn images() -> anyhow::Result<Vec<PathBuf>> {
    let given: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if !given.is_empty() {
        return Ok(given);
    }
    let samples = samples();
    let mut found: Vec<PathBuf> = std::fs::read_dir(&samples)
        .with_context(|| format!("no images given and {} cannot be read", samples.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "jpg" || ext == "jpeg"))
        .collect();
    found.sort();
    anyhow::ensure!(!found.is_empty(), "no .jpg in {}", samples.display());
    Ok(found)
}

/// The caption of the demo's last photo: a question that narrows the answer (common::question).
const QUESTION: &str = "/detect person";
/// The sample clip, sent after the photos.
const CLIP: &str = "clip.mp4";

fn is_video(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|extension| extension == "mp4")
}

async fn run() -> anyhow::Result<()> {
    let model = model();
    let out = PathBuf::from(std::env::var_os("DEMO_OUT").unwrap_or("out/demo".into()));
    let images = images()?;
    let given = std::env::args_os().len() > 1;
    // Each photo as it is, then the first again with a question (only the people in it), then the clip.
    let clip = samples().join(CLIP);
    let mut sends: Vec<(&PathBuf, Option<&str>)> = images.iter().map(|image| (image, None)).collect();
    if !given {
        sends.push((&images[0], Some(QUESTION)));
        sends.push((&clip, None));
    }
    std::fs::create_dir_all(&out)?;
    let settings = Settings {
        model,
        logs: out.join("logs"),
        visibility_timeout: Duration::from_secs(30),
        env: Vec::new(),
    };

    println!(
        "==> Starting moto (AWS), a simulated Telegram, polybot and yolo5 (logs in {})",
        settings.logs.display()
    );
    let system = System::start(settings).await?;
    let videos = sends.iter().filter(|(path, _)| is_video(path)).count();
    println!(
        "==> Both services are up; the user sends {} photos (one captioned {QUESTION}) and {videos} video",
        sends.len() - videos
    );
    for (i, (image, caption)) in sends.iter().enumerate() {
        let n = i32::try_from(i)? + 1;
        let status = if is_video(image) {
            system.send_video(1000 + n as u32, CHAT, n, image).await?
        } else {
            system.send_captioned_photo(1000 + n as u32, CHAT, n, image, *caption).await?
        };
        anyhow::ensure!(status == 200, "the webhook answered {status}");
    }
    print!("==> Waiting for the answers");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(180);
    while system.results().len() < sends.len() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_secs(1)).await;
        print!(".");
        use std::io::Write as _;
        std::io::stdout().flush()?;
    }
    println!();

    println!("\n==> The conversation");
    let replies = system.telegram.replies();
    for (i, (image, caption)) in sends.iter().enumerate() {
        let n = i64::try_from(i)? + 1;
        let name = image.file_name().map_or("photo".into(), |n| n.to_string_lossy());
        let kind = if is_video(image) { "video" } else { "photo" };
        println!("user   : [{kind} {name}]{}", caption.map(|c| format!(" {c}")).unwrap_or_default());
        let reactions = system.telegram.succeeded("setMessageReaction");
        for reaction in reactions.iter().filter(|r| r.about() == Some(n)) {
            println!("polybot: [reacts {}]", reaction.reaction().unwrap_or("?"));
        }
        for reply in replies.iter().filter(|r| r.reply_to() == Some(n)) {
            let text = reply.text().unwrap_or("");
            match reply.files.first() {
                Some((_, jpeg)) => {
                    let stem = image.file_stem().map_or("photo".into(), |s| s.to_string_lossy());
                    let asked = if caption.is_some() { ".asked" } else { "" };
                    let path = out.join(format!("{stem}{asked}.annotated.jpg"));
                    std::fs::write(&path, jpeg)?;
                    println!("polybot: [picture → {}] {text}", path.display());
                }
                None => println!("polybot: {text}"),
            }
        }
    }
    let answered = system.results().len();
    println!("\n==> Stopping polybot and yolo5");
    system.stop().await?;
    anyhow::ensure!(
        answered == sends.len(),
        "{answered} of {} photos and videos were answered; see the logs",
        sends.len()
    );
    println!(
        "==> Done: {answered} photos and videos answered; the annotated pictures are in {}",
        out.display()
    );
    Ok(())
}
