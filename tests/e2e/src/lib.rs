//! The whole system as real processes on one machine: a `moto_server` for AWS, a simulated Telegram
//! ([`FakeTelegram`], which also plays the user and posts updates to the bot's webhook with the
//! secret), and the `polybot` and `yolo5 serve` binaries built next to this crate's.
//!
//! The demo (`make demo`), the load generator and the end-to-end tests drive a [`System`];
//! [`fault_proxy`] puts a misbehaving AWS between the services and moto.

pub mod chart;
pub mod fault_proxy;

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use anyhow::{Context, bail};
use common::testing::{MotoServer, Options, Resources};
use polybot::{
    app::{SECRET_HEADER, WEBHOOK_PATH},
    testing::{Call, FakeTelegram, updates},
};
use tokio::process::{Child, Command};

const WEBHOOK_SECRET: &str = "demo-webhook-secret";
const RESULTS_TOKEN: &str = "demo-results-token";

/// How to start a [`System`].
#[derive(Clone, Debug)]
pub struct Settings {
    /// The TorchScript model the worker loads.
    pub model: PathBuf,
    /// Where the services' logs go (`polybot.log`, `yolo5.log`).
    pub logs: PathBuf,
    /// The job queue's visibility timeout (the worker's too).
    pub visibility_timeout: Duration,
    /// More environment for both services, applied last (it overrides what [`System`] sets), e.g.
    /// `TELEGRAM_MESSAGES_PER_SECOND`, or `MODE=polling` with a real token for `make up`.
    pub env: Vec<(String, String)>,
}

impl Settings {
    /// The model from [`model`], logs under `logs`, and no extra environment.
    pub fn new(logs: PathBuf, visibility_timeout: Duration) -> Self {
        Self { model: model(), logs, visibility_timeout, env: Vec::new() }
    }
}

/// The repository's root, two folders above this crate's.
fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("tests/e2e lies two folders down")
}

/// The sample photos' folder, `tests/samples` (`bus.jpg`, `zidane.jpg` and the Python YOLOv5's detections on
/// them; its README says where they come from).
pub fn samples() -> PathBuf {
    repository().join("tests/samples")
}

/// A sample photo: `sample("bus.jpg")`.
pub fn sample(name: &str) -> PathBuf {
    samples().join(name)
}

/// The model the worker loads: `YOLO5_MODEL`, else the committed `models/yolov5n.torchscript`.
pub fn model() -> PathBuf {
    std::env::var_os("YOLO5_MODEL")
        .map_or_else(|| repository().join("models/yolov5n.torchscript"), PathBuf::from)
}

/// A running service process.
#[derive(Debug)]
pub struct Service {
    name: &'static str,
    child: Child,
}

impl Service {
    /// Asks it to stop (SIGTERM) and waits up to `grace` before killing it; returns its exit status.
    pub async fn stop(mut self, grace: Duration) -> anyhow::Result<std::process::ExitStatus> {
        if let Some(pid) = self.child.id() {
            // tokio cannot send SIGTERM itself; `kill` can, without unsafe code.
            let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status().await;
        }
        match tokio::time::timeout(grace, self.child.wait()).await {
            Ok(status) => Ok(status?),
            Err(_) => {
                self.child.kill().await?;
                bail!("{} did not stop within {grace:?} of SIGTERM; killed", self.name)
            }
        }
    }

    /// Kills it at once (SIGKILL), as a lost instance.
    pub async fn kill(mut self) -> anyhow::Result<()> {
        Ok(self.child.kill().await?)
    }

    /// The most memory it has held so far (its peak resident set, `VmHWM`), in bytes.
    pub fn peak_rss(&self) -> anyhow::Result<u64> {
        let pid = self.child.id().context("the process has exited")?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).context("no VmHWM in /proc status")?;
        let kib: u64 = line.split_whitespace().nth(1).context("no VmHWM value")?.parse()?;
        Ok(kib * 1024)
    }
}

/// Posts updates to the bot's webhook as Telegram does, re-sending what got no 2xx answer (an error
/// status, or a connection that failed) once a second until it does. Cheap to clone, and independent of
/// the [`System`], so a delivery can go on while the bot is killed and restarted.
#[derive(Clone, Debug)]
pub struct Webhook {
    url: String,
    client: reqwest::Client,
}

impl Webhook {
    /// Posts `update` once; its status, or the transport error.
    pub async fn post(&self, update: &serde_json::Value) -> anyhow::Result<u16> {
        let response = self
            .client
            .post(&self.url)
            .header(SECRET_HEADER, WEBHOOK_SECRET)
            .header("content-type", "application/json")
            .body(update.to_string())
            .send()
            .await?;
        Ok(response.status().as_u16())
    }

    /// Posts `update` until the bot answers 2xx or `timeout` passes; returns how many posts it took.
    pub async fn deliver(&self, update: &serde_json::Value, timeout: Duration) -> anyhow::Result<usize> {
        let deadline = tokio::time::Instant::now() + timeout;
        for attempt in 1.. {
            match self.post(update).await {
                Ok(status) if (200..300).contains(&status) => return Ok(attempt),
                Ok(_) | Err(_) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Ok(status) => bail!("the bot answered {status} to every post for {timeout:?}"),
                Err(error) => bail!("the bot could not be reached for {timeout:?}: {error}"),
            }
        }
        unreachable!("the loop returns")
    }
}

/// moto, the simulated Telegram, the bot and the worker.
#[derive(Debug)]
pub struct System {
    /// The AWS resources on moto.
    pub resources: Resources,
    /// The simulated Telegram.
    pub telegram: FakeTelegram,
    /// The bot process.
    pub bot: Option<Service>,
    /// The worker process.
    pub worker: Option<Service>,
    bot_port: u16,
    settings: Settings,
    moto_env: Vec<(&'static str, String)>,
    client: reqwest::Client,
}

/// A file built into the same target folder as the running binary (`polybot`, `yolo5`).
pub fn built_binary(name: &str) -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    for dir in exe.ancestors().skip(1).take(3) {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    bail!("{name} is not built next to {}: run `cargo build --workspace` first", exe.display())
}

/// A port for a child process to listen on, free when asked. Taken at random below Linux's ephemeral range
/// (32768-60999), which is where the port of every `bind(…:0)` and outgoing connection of the tests running
/// beside this one comes from: one of those took a port chosen by `bind(…:0)` before the child could listen
/// on it, and the child exited with "Address already in use".
fn free_port() -> anyhow::Result<u16> {
    use std::hash::{BuildHasher, Hasher};
    const RANGE: std::ops::Range<u16> = 20_000..32_768;
    for _ in 0..200 {
        let mut random = std::collections::hash_map::RandomState::new().build_hasher();
        random.write_u32(std::process::id());
        let port = RANGE.start + (random.finish() % u64::from(RANGE.end - RANGE.start)) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return Ok(port);
        }
    }
    bail!("no free port in {RANGE:?} after 200 tries")
}

async fn wait_until_healthy(
    name: &str,
    url: &str,
    child: &mut Child,
    timeout: Duration,
) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if client.get(url).send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            bail!("{name} exited at start ({status}); see its log");
        }
        if tokio::time::Instant::now() > deadline {
            bail!("{name} did not answer {url} within {timeout:?}; see its log");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl System {
    /// Starts moto (shared by the process), provisions fresh resources, the simulated Telegram, the bot
    /// and the worker, and waits until both services answer their health checks.
    pub async fn start(settings: Settings) -> anyhow::Result<Self> {
        anyhow::ensure!(settings.model.is_file(), "the model {} does not exist", settings.model.display());
        std::fs::create_dir_all(&settings.logs)?;
        let moto = MotoServer::shared();
        let options = Options { visibility_timeout: settings.visibility_timeout, ..Options::default() };
        let token = options.telegram_token.clone();
        let resources = moto.provision("e2e", options).await;
        let telegram = FakeTelegram::start(&token).await;
        let mut system = Self {
            resources,
            telegram,
            bot: None,
            worker: None,
            bot_port: free_port()?,
            settings,
            moto_env: moto.env(),
            client: reqwest::Client::new(),
        };
        system.start_bot().await?;
        system.start_worker().await?;
        Ok(system)
    }

    /// A service's command: moto's and the resources' settings, then the service's own, then
    /// [`Settings::env`], which wins over all of them.
    fn command(&self, binary: &str, log: &str, own: Vec<(&str, String)>) -> anyhow::Result<Command> {
        let path = built_binary(binary)?;
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.settings.logs.join(log))?;
        let mut command = Command::new(path);
        command
            .envs(self.moto_env.iter().cloned())
            .envs(self.resources.env())
            .env("RESULTS_TOKEN", RESULTS_TOKEN)
            .env("LOG_FORMAT", "text")
            .env("RUST_LOG", "info")
            .envs(own)
            .envs(self.settings.env.iter().cloned())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .kill_on_drop(true);
        Ok(command)
    }

    /// The bot's base URL.
    pub fn bot_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.bot_port)
    }

    /// The bot's webhook, as Telegram posts to it.
    pub fn webhook(&self) -> Webhook {
        Webhook { url: format!("{}{WEBHOOK_PATH}", self.bot_url()), client: self.client.clone() }
    }

    /// Starts (or restarts) the bot on its port and waits for `GET /`.
    pub async fn start_bot(&mut self) -> anyhow::Result<()> {
        let own = vec![
            ("MODE", "webhook".to_owned()),
            ("TELEGRAM_API_URL", self.telegram.url().to_string()),
            ("TELEGRAM_APP_URL", "https://polybot.example.com".to_owned()),
            ("WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
            ("PORT", self.bot_port.to_string()),
        ];
        let mut child = self.command("polybot", "polybot.log", own)?.spawn().context("starting polybot")?;
        wait_until_healthy("polybot", &format!("{}/", self.bot_url()), &mut child, Duration::from_secs(30))
            .await?;
        self.bot = Some(Service { name: "polybot", child });
        Ok(())
    }

    /// Starts (or restarts) the worker and waits for its `/health` (the model loaded).
    pub async fn start_worker(&mut self) -> anyhow::Result<()> {
        let health_port = free_port()?;
        let own = vec![
            ("POLYBOT_URL", self.bot_url()),
            ("YOLO5_MODEL", self.settings.model.display().to_string()),
            ("YOLO5_HEALTH_PORT", health_port.to_string()),
            ("YOLO5_VISIBILITY_TIMEOUT", self.settings.visibility_timeout.as_secs().max(3).to_string()),
        ];
        let mut child =
            self.command("yolo5", "yolo5.log", own)?.arg("serve").spawn().context("starting yolo5")?;
        let url = format!("http://127.0.0.1:{health_port}/health");
        wait_until_healthy("yolo5", &url, &mut child, Duration::from_secs(120)).await?;
        self.worker = Some(Service { name: "yolo5", child });
        Ok(())
    }

    /// The user sends `photo` as a photo message: the simulated Telegram stores the file and posts the
    /// update to the bot's webhook with the secret, as Telegram does. Returns the webhook's status.
    pub async fn send_photo(
        &self,
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        photo: &Path,
    ) -> anyhow::Result<u16> {
        self.send_captioned_photo(update_id, chat_id, message_id, photo, None).await
    }

    /// [`System::send_photo`] with `caption` on the photo, as the user's question (`/detect person`).
    pub async fn send_captioned_photo(
        &self,
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        photo: &Path,
        caption: Option<&str>,
    ) -> anyhow::Result<u16> {
        let body = std::fs::read(photo).with_context(|| format!("reading {}", photo.display()))?;
        let size = body.len();
        let file_id = self.telegram.add_file(body);
        let update = updates::photo(update_id, chat_id, message_id, &file_id, size);
        let update = match caption {
            Some(caption) => updates::captioned(update, caption),
            None => update,
        };
        self.post_update(&update).await
    }

    /// The user sends the MP4 at `video` as a video; returns the webhook's status.
    pub async fn send_video(
        &self,
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        video: &Path,
    ) -> anyhow::Result<u16> {
        let body = std::fs::read(video).with_context(|| format!("reading {}", video.display()))?;
        let size = body.len();
        let file_id = self.telegram.add_file(body);
        self.post_update(&updates::video(update_id, chat_id, message_id, "video", &file_id, size)).await
    }

    /// Posts an update to the bot's webhook once, as Telegram does; returns the status.
    pub async fn post_update(&self, update: &serde_json::Value) -> anyhow::Result<u16> {
        self.webhook().post(update).await
    }

    /// The user sends `body` as a document of type `mime`; returns the update to deliver.
    pub fn document(
        &self,
        update_id: u32,
        chat_id: i64,
        message_id: i32,
        body: Vec<u8>,
        mime: &str,
    ) -> serde_json::Value {
        let size = body.len();
        let file_id = self.telegram.add_file(body);
        updates::document(update_id, chat_id, message_id, &file_id, size, mime)
    }

    /// The replies carrying a picture (the results), so far.
    pub fn results(&self) -> Vec<Call> {
        self.telegram.replies().into_iter().filter(|c| !c.files.is_empty()).collect()
    }

    /// Waits until `n` results were sent or `timeout` passed; returns them.
    pub async fn wait_for_results(&self, n: usize, timeout: Duration) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        while self.results().len() < n && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.results()
    }

    /// Stops both services with SIGTERM (each drains) and checks that they exit 0.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        for service in [self.worker.take(), self.bot.take()].into_iter().flatten() {
            let name = service.name;
            let status = service.stop(Duration::from_secs(30)).await?;
            anyhow::ensure!(status.success(), "{name} exited with {status} after SIGTERM");
        }
        Ok(())
    }
}
