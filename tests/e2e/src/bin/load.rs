//! `make load RATE=10 SECONDS=20`: photo updates at a fixed rate to the whole system on this machine.
//!
//! Starts moto, the simulated Telegram, polybot and one `yolo5 serve` (as `make demo` does), posts
//! `RATE` photo updates a second for `SECONDS` (at most `MAX_PHOTOS`) to the bot's webhook on loopback,
//! each from its own chat (Telegram's per-chat limit of one message a second would otherwise set the
//! pace), then waits for the answers. Prints the queue depth each second, the webhook's acceptance,
//! the end-to-end latency from update to annotated reply (measured here, and as the bot's `/metrics` has it),
//! and what was not answered.
//!
//! Usage: `load RATE SECONDS [IMAGE...]` (default: the sample photos), with `YOLO5_MODEL` naming the model
//! (as for the demo).

#![allow(clippy::print_stdout)] // The report is the output.

use std::{
    path::PathBuf,
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use anyhow::Context;
use common::queue::JobQueue;
use e2e::{Settings, System, chart::Second};
use tokio::time::Instant;

/// The bound on one run's photos, whatever the rate and duration.
const MAX_PHOTOS: u32 = 3_000;
/// How long to wait for the last answers after the last photo.
const DRAIN: Duration = Duration::from_secs(300);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("load failed: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize].as_secs_f64()
}

/// A summary's quantile in Prometheus's text format: the value of `name{quantile="q"}`.
fn quantile(metrics: &str, name: &str, q: &str) -> Option<f64> {
    let series = format!("{name}{{quantile=\"{q}\"}} ");
    metrics.lines().find_map(|line| line.strip_prefix(&series)?.trim().parse().ok())
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rate, seconds, images @ ..] = args.as_slice() else {
        anyhow::bail!("usage: load RATE SECONDS [IMAGE...]");
    };
    let rate: u32 = rate.parse().context("RATE is photos a second")?;
    let seconds: u32 = seconds.parse().context("SECONDS is the length of the run")?;
    anyhow::ensure!(rate > 0 && seconds > 0, "RATE and SECONDS must be positive");
    let total = (rate * seconds).min(MAX_PHOTOS);
    let images: Vec<PathBuf> = if images.is_empty() {
        ["bus.jpg", "zidane.jpg"].into_iter().map(e2e::sample).collect()
    } else {
        images.iter().map(PathBuf::from).collect()
    };
    let photos: Vec<bytes::Bytes> = images
        .iter()
        .map(|p| std::fs::read(p).map(bytes::Bytes::from).with_context(|| p.display().to_string()))
        .collect::<Result<_, _>>()?;

    let model = e2e::model();
    let out = PathBuf::from("out/load");
    // Telegram allows a bot 30 messages a second in all (a photo's answer is one): the run lifts the
    // bot's global limit to measure the system, not that policy.
    let env = vec![("TELEGRAM_MESSAGES_PER_SECOND".to_owned(), "1000".to_owned())];
    let settings =
        Settings { model, logs: out.join("logs"), visibility_timeout: Duration::from_secs(30), env };
    println!(
        "==> Starting moto, the simulated Telegram, polybot and one yolo5 (logs in {})",
        settings.logs.display()
    );
    let system = Arc::new(System::start(settings).await?);
    let queue = system.resources.aws.job_queue(&system.resources.queue_url);

    println!("==> {rate} photos/s for {seconds} s: {total} photos, each from its own chat");
    println!("{:>6} {:>6} {:>9} {:>10} {:>9}", "second", "sent", "visible", "in flight", "answered");
    let started = Instant::now();
    let posted = Arc::new(AtomicUsize::new(0));
    let sender = {
        let system = system.clone();
        let posted = posted.clone();
        tokio::spawn(async move {
            let mut sends = Vec::with_capacity(total as usize);
            for i in 0..total {
                tokio::time::sleep_until(started + Duration::from_secs_f64(f64::from(i) / f64::from(rate)))
                    .await;
                let (system, posted) = (system.clone(), posted.clone());
                let photo = photos[i as usize % photos.len()].clone();
                sends.push(tokio::spawn(async move {
                    let file_id = system.telegram.add_file(photo.clone());
                    let update = polybot::testing::updates::photo(
                        i + 1,
                        100_000 + i64::from(i),
                        1,
                        &file_id,
                        photo.len(),
                    );
                    let sent_at = std::time::Instant::now();
                    let status = system.post_update(&update).await;
                    posted.fetch_add(1, Ordering::Relaxed);
                    (i, sent_at, status.map_or(0, |s| s), sent_at.elapsed())
                }));
            }
            let mut results = Vec::with_capacity(sends.len());
            for send in sends {
                results.push(send.await.expect("joined"));
            }
            results
        })
    };
    let mut tick = 0;
    let mut per_second = Vec::new();
    let (mut sent_before, mut answered_before) = (0, 0);
    while !sender.is_finished()
        || (system.results().len() < total as usize
            && started.elapsed() < Duration::from_secs(seconds.into()) + DRAIN)
    {
        tokio::time::sleep_until(started + Duration::from_secs(tick + 1)).await;
        tick += 1;
        let depth = queue.depth().await?;
        let sent = posted.load(Ordering::Relaxed);
        let answered = system.results().len();
        println!("{tick:>6} {sent:>6} {:>9} {:>10} {answered:>9}", depth.visible, depth.in_flight);
        per_second.push(Second {
            offered: sent - sent_before,
            queued: depth.visible + depth.in_flight,
            answered: answered - answered_before,
        });
        (sent_before, answered_before) = (sent, answered);
    }
    let sends = sender.await?;
    let elapsed = started.elapsed();

    let first_sent = sends[0].1;
    let accepted = sends.iter().filter(|(_, _, status, _)| *status == 200).count();
    let send_window = sends.iter().map(|(_, at, _, _)| (*at - first_sent).as_secs_f64()).fold(0.0, f64::max);
    let mut webhook: Vec<Duration> = sends.iter().map(|(_, _, _, took)| *took).collect();
    webhook.sort();
    let results = system.results();
    let mut end_to_end = Vec::new();
    let mut latencies = Vec::new();
    let mut last_answer = first_sent;
    let mut duplicates = 0;
    for (i, sent_at, _, _) in &sends {
        let chat = 100_000 + i64::from(*i);
        let answers: Vec<_> = results.iter().filter(|r| r.chat_id() == Some(chat)).collect();
        if let Some(first) = answers.first() {
            end_to_end.push(first.at - *sent_at);
            latencies.push(((first.at - first_sent).as_secs_f64(), (first.at - *sent_at).as_secs_f64()));
            last_answer = last_answer.max(first.at);
            duplicates += answers.len() - 1;
        }
    }
    end_to_end.sort();
    let answered = end_to_end.len();
    let ms = |d: &[Duration], q| percentile(d, q) * 1e3;
    println!("\n==> Results ({:.0} s in all)", elapsed.as_secs_f64());
    println!(
        "accepted by the webhook: {accepted} of {total} ({:.1}/s); webhook p50 {:.1} ms, p99 {:.1} ms",
        accepted as f64 / (send_window + 1.0 / f64::from(rate)),
        ms(&webhook, 0.5),
        ms(&webhook, 0.99)
    );
    println!(
        "end to end, update → annotated reply: p50 {:.2} s, p95 {:.2} s, p99 {:.2} s",
        percentile(&end_to_end, 0.5),
        percentile(&end_to_end, 0.95),
        percentile(&end_to_end, 0.99)
    );
    // The bot's own figure, from the photo's update taken to the answer sent: what CloudWatch gets on AWS.
    let metrics = reqwest::get(format!("{}/metrics", system.bot_url())).await?.text().await?;
    let bot = |q: &str| quantile(&metrics, "polybot_end_to_end_seconds", q).unwrap_or(f64::NAN);
    println!(
        "end to end, the bot's own (its /metrics, answers of the last minute): p50 {:.2} s, p95 {:.2} s, p99 {:.2} s",
        bot("0.5"),
        bot("0.95"),
        bot("0.99")
    );
    println!(
        "answered: {answered} of {total}; duplicates: {duplicates}; lost (not answered within {DRAIN:?} of the end): {}",
        total as usize - answered
    );
    // Telegram allows a bot about 30 messages a second in all: what each photo costs of them.
    let messages = system.telegram.replies().len();
    println!(
        "messages sent: {messages}, {:.2} a photo (the answer; an acknowledgement by message would add one)",
        messages as f64 / f64::from(total)
    );
    println!(
        "answered per second, first photo to last answer: {:.2} (one worker process)",
        answered as f64 / (last_answer - first_sent).as_secs_f64().max(1e-9)
    );
    let chart = out.join(format!("load-{rate}-per-s-{seconds}-s.svg"));
    e2e::chart::draw(
        &chart,
        &format!("make load: {rate} photos/s for {seconds} s, one worker"),
        &per_second,
        &latencies,
    )?;
    println!("chart: {}", chart.display());
    Arc::try_unwrap(system).map_err(|_| anyhow::anyhow!("the system is still shared"))?.stop().await?;
    Ok(())
}
