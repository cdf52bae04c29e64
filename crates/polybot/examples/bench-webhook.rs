//! Webhook throughput, latency and memory with in-memory fakes (`make bench-bot`).
//!
//! The bot runs in a child process (this program with `--bot`): memory fakes for AWS, the Bot API at
//! the fake Telegram this parent runs, so the child's RSS is the bot's own. The parent loads it:
//! `GET /` as the reference, then text updates on `POST /webhook` at a fixed `RATE` (latency from the
//! scheduled send time, so a stall counts in full), then as fast as `CONNECTIONS` keep-alive connections
//! go (Telegram opens up to 40). Telegram's throttle is lifted in the child: the fake has no
//! limits, and the figures are the bot's own. Every update is answered through the fake (equal replies
//! waiting for one chat once). `GET /` is the reference, as fast as it goes and at the same fixed rate.

#![allow(clippy::print_stdout)] // The report is the output.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::Arc,
    time::Duration,
};

use common::{queue::MemoryJobQueue, store::MemoryObjectStore, table::MemoryPredictionTable};
use polybot::{
    app::{Application, Dependencies, SECRET_HEADER, WEBHOOK_PATH, low_priority_runtime},
    settings::Mode,
    telegram::{Limits, Options as TelegramOptions, Telegram},
    testing::{FakeTelegram, updates},
};
use secrecy::SecretString;
use tokio::{sync::Semaphore, time::Instant};

const TOKEN: &str = "4242:AAbench-token-value_0123456789abcdef";
const SECRET: &str = "bench-secret";
const CONNECTIONS: usize = 32;
const DURATION: Duration = Duration::from_secs(5);
const RATE: u32 = 1000;

struct Run {
    requests: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    fn of(mut latencies: Vec<Duration>, seconds: f64) -> Self {
        latencies.sort();
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
        Self { requests: latencies.len(), seconds, p50_ms: at(0.5), p99_ms: at(0.99) }
    }
}

type MakeRequest = Arc<dyn Fn(&reqwest::Client, u32) -> reqwest::RequestBuilder + Send + Sync>;

async fn send(make: &MakeRequest, client: &reqwest::Client, id: u32) {
    let response = make(client, id).send().await.expect("the bot answers");
    assert!(response.status().is_success(), "{}", response.status());
}

/// `CONNECTIONS` clients, each sending one request after another for `DURATION`.
async fn closed_loop(make: MakeRequest) -> Run {
    let started = Instant::now();
    let clients = (0..CONNECTIONS as u32).map(|c| {
        let make = make.clone();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            for n in 0.. {
                if started.elapsed() >= DURATION {
                    break;
                }
                let sent = Instant::now();
                send(&make, &client, c * 1_000_000 + n).await;
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    let mut latencies = Vec::new();
    for client in futures::future::join_all(clients).await {
        latencies.extend(client.expect("joined"));
    }
    Run::of(latencies, started.elapsed().as_secs_f64())
}

/// `RATE` requests a second for `DURATION` over at most 40 connections; latency from the scheduled time.
async fn fixed_rate(make: MakeRequest, first_id: u32) -> Run {
    let client = reqwest::Client::new();
    let connections = Arc::new(Semaphore::new(40));
    let started = Instant::now();
    let total = RATE * DURATION.as_secs() as u32;
    let mut tasks = Vec::with_capacity(total as usize);
    for i in 0..total {
        let due = started + Duration::from_secs_f64(f64::from(i) / f64::from(RATE));
        tokio::time::sleep_until(due).await;
        let (make, client, connections) = (make.clone(), client.clone(), connections.clone());
        tasks.push(tokio::spawn(async move {
            let _connection = connections.acquire_owned().await.expect("open");
            send(&make, &client, first_id + i).await;
            due.elapsed()
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    for task in tasks {
        latencies.push(task.await.expect("joined"));
    }
    Run::of(latencies, started.elapsed().as_secs_f64())
}

/// Waits until the bot has sent no reply for a second; returns how many it sent.
async fn replies_settled(telegram: &FakeTelegram) -> usize {
    let mut sent = telegram.replies().len();
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = telegram.replies().len();
        if now == sent {
            return now;
        }
        sent = now;
    }
}

fn rss_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// The child: the bot with memory fakes, its Bot API at `telegram`; prints its port, runs until killed.
async fn bot(telegram: &str) -> anyhow::Result<()> {
    // Far above any load here (the throttle preallocates per-second capacity, so not u32::MAX).
    let unlimited = Limits {
        messages_per_sec_chat: 100_000,
        messages_per_min_chat: 100_000,
        messages_per_min_channel_or_supergroup: 100_000,
        messages_per_sec_overall: 100_000,
    };
    let deps = Dependencies {
        telegram: Telegram::new(
            &SecretString::from(TOKEN.to_owned()),
            telegram.parse()?,
            TelegramOptions { limits: unlimited, ..TelegramOptions::default() },
        ),
        store: Arc::new(MemoryObjectStore::new()),
        queue: Arc::new(MemoryJobQueue::new(Duration::from_secs(30))),
        table: Arc::new(MemoryPredictionTable::new()),
    };
    let mode = Mode::Webhook {
        app_url: "https://bench.example.com".parse()?,
        secret: SecretString::from(SECRET.to_owned()),
        certificate: None,
        max_connections: 40,
    };
    let app = Application::build(mode, 0, SecretString::from("r".to_owned()), deps).await?;
    println!("{}", app.port());
    app.run_until(std::future::pending(), Duration::from_secs(1)).await
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, telegram] = args.as_slice()
        && flag == "--bot"
    {
        return tokio::runtime::Runtime::new()?.block_on(bot(telegram));
    }
    // The fake Bot API stands in for Telegram's servers, which do not share the bot's CPU: it runs on
    // a thread of its own at nice 10, taking the CPU the bot and the load leave.
    let fake = low_priority_runtime("fake-telegram", Some(1))?;
    let telegram = fake.block_on(FakeTelegram::start(TOKEN));
    tokio::runtime::Runtime::new()?.block_on(load(&telegram))
}

/// Loads the bot, which answers through `telegram`, and prints the figures.
async fn load(telegram: &FakeTelegram) -> anyhow::Result<()> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--bot", telegram.url().as_str()])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut port = String::new();
    BufReader::new(child.stdout.take().expect("piped")).read_line(&mut port)?;
    let base = format!("http://127.0.0.1:{}", port.trim());
    let pid = child.id();
    let rss_idle = rss_mib(pid, "VmRSS:");

    let health = format!("{base}/");
    let reference = closed_loop(Arc::new(move |client, _| client.get(&health))).await;
    let webhook = format!("{base}{WEBHOOK_PATH}");
    let text_update: MakeRequest = Arc::new(move |client, id| {
        let update = updates::text(id, 1_000 + i64::from(id % 5_000), 1, "hello");
        client
            .post(&webhook)
            .header(SECRET_HEADER, SECRET)
            .header("content-type", "application/json")
            .body(update.to_string())
    });
    // At a fixed rate first, then as fast as it goes; each run's replies drain before the next starts,
    // and the bot's memory is read after each.
    // The fixed-rate load runs on one thread of its own, as Telegram's servers run on machines of their
    // own: one thread keeps up with the rate, and a second would only take CPU from the bot.
    let health = format!("{base}/");
    let probe: MakeRequest = Arc::new(move |client, _| client.get(&health));
    let sender = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let fixed_reference = tokio::task::spawn_blocking(move || sender.block_on(fixed_rate(probe, 0))).await?;
    let sender = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let make = text_update.clone();
    let fixed = tokio::task::spawn_blocking(move || sender.block_on(fixed_rate(make, 2_000_000_000))).await?;
    let replies_fixed = telegram.wait_for_replies(fixed.requests, Duration::from_secs(60)).await.len();
    let rss_fixed = rss_mib(pid, "VmHWM:");
    let max = closed_loop(text_update).await;
    // Many updates per chat here: a reply equal to one its chat has waiting is sent once (polybot::outbox).
    let replies = replies_settled(telegram).await;
    let (rss_now, rss_peak) = (rss_mib(pid, "VmRSS:"), rss_mib(pid, "VmHWM:"));
    child.kill()?;
    child.wait()?;

    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "polybot webhook benchmark: {cores} cores; the bot in a child process, load and fake Bot API here"
    );
    println!("{:<44} {:>9} {:>9} {:>9}", "run", "req/s", "p50 ms", "p99 ms");
    let runs = [
        (format!("GET / (reference), {CONNECTIONS} connections"), &reference),
        (format!("GET / (reference), at {RATE}/s"), &fixed_reference),
        (format!("POST /webhook, text, at {RATE}/s"), &fixed),
        (format!("POST /webhook, text, {CONNECTIONS} connections"), &max),
    ];
    for (name, r) in runs {
        println!("{name:<44} {:>9.0} {:>9.2} {:>9.2}", r.per_second(), r.p50_ms, r.p99_ms);
    }
    println!("webhook / reference throughput: {:.2}×", max.per_second() / reference.per_second());
    println!(
        "replies the bot sent to the fake Bot API: {replies_fixed} of {} at {RATE}/s (one per chat); {replies} in \
         all (a chat's replies waiting are sent once each)",
        fixed.requests
    );
    println!(
        "bot RSS: idle {rss_idle:.1} MiB; peak {rss_fixed:.1} MiB through the {RATE}/s run, {rss_peak:.1} MiB through both; {rss_now:.1} MiB at the end"
    );
    println!("goals: ≥ 1000 updates/s at p99 < 5 ms; RSS < 30 MB");
    Ok(())
}
