use std::{
    io::Write,
    sync::{Arc, Mutex, OnceLock, PoisonError},
    time::Duration,
};

use common::{
    queue::{JobQueue, MemoryJobQueue},
    retry::Backoff,
    schema::{self, Job, Label, Prediction, ResultsQuery, Status},
    store::{MemoryObjectStore, ObjectStore},
    table::{MemoryPredictionTable, PredictionTable},
};
use polybot::{
    app::{Application, Dependencies, SECRET_HEADER, WEBHOOK_PATH},
    settings::{Acknowledge, Mode},
    telegram::{Options as TelegramOptions, Telegram},
    testing::{Failure, FakeTelegram},
    words::{Text, english},
};
use secrecy::SecretString;
use serde_json::Value;
use tokio::sync::oneshot;

/// What the bot says in English (the tests' users have no language, or one the bot does not speak).
pub(crate) fn said(text: Text) -> &'static str {
    // Leaked: a few short strings per test process, compared as the constants they were.
    Box::leak(english().text(text).into_boxed_str())
}

pub(crate) const TOKEN: &str = "4242:AAsecret-token-value_0123456789abcdef";
/// The part of the token that must never be seen.
pub(crate) const TOKEN_SECRET: &str = "AAsecret-token-value_0123456789abcdef";
pub(crate) const WEBHOOK_SECRET: &str = "webhook-secret_1";
pub(crate) const RESULTS_TOKEN: &str = "results-token-0123";
/// The test bot's limit on one Bot API request: a send answered later counts as sent. The shortest
/// the settings allow, as teloxide waits 10 s after a 5xx before it reads the answer.
pub(crate) const TELEGRAM_TIMEOUT: Duration = Duration::from_secs(15);
pub(crate) const CHAT: i64 = 5150;
pub(crate) const REPLY_WAIT: Duration = Duration::from_secs(20);

/// Everything the process logs, for the tests that read logs.
pub(crate) fn logs() -> String {
    String::from_utf8_lossy(&log_buffer().lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
}

fn log_buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = SharedWriter(buffer.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter("debug,hyper=info,h2=info,aws=info,reqwest=info")
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        buffer
    })
}

#[derive(Clone)]
struct SharedWriter(Arc<Mutex<Vec<u8>>>);

impl Write for SharedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The outside services of a test bot; memory fakes unless a test swaps one.
pub(crate) struct Services {
    pub(crate) store: Arc<dyn ObjectStore>,
    pub(crate) queue: Arc<dyn JobQueue>,
    pub(crate) table: Arc<dyn PredictionTable>,
}

pub(crate) struct TestApp {
    pub(crate) address: String,
    pub(crate) telegram: FakeTelegram,
    pub(crate) store: Arc<MemoryObjectStore>,
    pub(crate) queue: Arc<MemoryJobQueue>,
    pub(crate) table: Arc<MemoryPredictionTable>,
    pub(crate) client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

pub(crate) fn webhook_mode() -> Mode {
    Mode::Webhook {
        app_url: "https://bot.example.com:8443".parse().expect("a URL"),
        secret: SecretString::from(WEBHOOK_SECRET.to_owned()),
        certificate: None,
        max_connections: 40,
    }
}

/// A bot in webhook mode on a free port, with memory fakes and a fake Bot API.
pub(crate) async fn spawn_app() -> TestApp {
    spawn_app_with(webhook_mode(), |services| services).await
}

/// A bot that acknowledges photos as `acknowledge` says.
pub(crate) async fn spawn_app_acknowledging(acknowledge: Acknowledge) -> TestApp {
    spawn_app_configured(webhook_mode(), |app| app.acknowledging(acknowledge), |_| {}, |services| services)
        .await
}

/// A bot that lets a chat have at most `photos` waiting for their answer, with services a test may replace.
pub(crate) async fn spawn_app_waiting_at_most(
    photos: usize,
    services: impl FnOnce(Services) -> Services,
) -> TestApp {
    spawn_app_configured(webhook_mode(), |app| app.waiting_at_most(photos), |_| {}, services).await
}

/// A bot whose services a test may replace (to fail them, or to use moto).
pub(crate) async fn spawn_app_with(mode: Mode, services: impl FnOnce(Services) -> Services) -> TestApp {
    spawn_app_configured(mode, |app| app, |_| {}, services).await
}

/// A bot whose fake Bot API fails the first call of `method` as `failure`, start-up's calls included.
pub(crate) async fn spawn_app_failing(method: &str, failure: Failure) -> TestApp {
    let fail = |telegram: &FakeTelegram| telegram.fail_next(method, failure);
    spawn_app_configured(webhook_mode(), |app| app, fail, |services| services).await
}

async fn spawn_app_configured(
    mode: Mode,
    tune: impl FnOnce(Application) -> Application,
    prepare: impl FnOnce(&FakeTelegram),
    services: impl FnOnce(Services) -> Services,
) -> TestApp {
    log_buffer();
    let telegram = FakeTelegram::start(TOKEN).await;
    prepare(&telegram);
    let store = Arc::new(MemoryObjectStore::new());
    let queue = Arc::new(MemoryJobQueue::new(Duration::from_secs(30)));
    let table = Arc::new(MemoryPredictionTable::new());
    let chosen = services(Services { store: store.clone(), queue: queue.clone(), table: table.clone() });
    let deps = Dependencies {
        telegram: telegram_client(&telegram),
        store: chosen.store,
        queue: chosen.queue,
        table: chosen.table,
    };
    let app = tune(
        Application::build(mode, 0, SecretString::from(RESULTS_TOKEN.to_owned()), deps)
            .await
            .expect("the bot builds"),
    );
    let address = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = oneshot::channel();
    let running = tokio::spawn(app.run_until(
        async {
            let _ = stopped.await;
        },
        Duration::from_secs(10),
    ));
    let client = reqwest::Client::new();
    TestApp { address, telegram, store, queue, table, client, stop: Some(stop), running }
}

/// The test bot's Bot API client for `telegram`: quick retries, and the shortest timeout allowed.
pub(crate) fn telegram_client(telegram: &FakeTelegram) -> Telegram {
    let options = TelegramOptions {
        backoff: Backoff::new(Duration::from_millis(20), Duration::from_millis(80), 2),
        timeout: TELEGRAM_TIMEOUT,
        ..TelegramOptions::default()
    };
    Telegram::new(&SecretString::from(TOKEN.to_owned()), telegram.url(), options)
}

impl TestApp {
    pub(crate) async fn post_update(&self, update: &Value) -> reqwest::Response {
        self.post_webhook(update.to_string(), Some(WEBHOOK_SECRET)).await
    }

    pub(crate) async fn post_webhook(&self, body: String, secret: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}{WEBHOOK_PATH}", self.address))
            .header("content-type", "application/json")
            .body(body);
        if let Some(secret) = secret {
            request = request.header(SECRET_HEADER, secret);
        }
        request.send().await.expect("the bot answers")
    }

    pub(crate) async fn post_results(&self, prediction_id: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/results", self.address))
            .query(&ResultsQuery { prediction_id: Some(prediction_id.to_owned()) });
        if let Some(token) = token {
            request = request.header("x-results-token", token);
        }
        request.send().await.expect("the bot answers")
    }

    /// The jobs on the queue.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        self.queue.bodies().iter().map(|body| Job::from_json(body).expect("a job")).collect()
    }

    /// Stops the bot as SIGTERM would and waits until it has finished; the fake Bot API lives on.
    pub(crate) async fn stop(mut self) -> FakeTelegram {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.running.await.expect("joined").expect("the bot stops cleanly");
        self.telegram
    }
}

/// A prediction as the worker stores it, with the given classes detected.
pub(crate) fn prediction(classes: &[&str]) -> Prediction {
    let job = Job::new(uuid::Uuid::new_v4(), CHAT, 77, "jpg");
    let mut prediction = Prediction::failed(&job, "yolov5n.torchscript", schema::Failure::Job);
    prediction.status = Status::Done;
    (prediction.reason, prediction.failure) = (None, None);
    prediction.predicted_img_path = Some(Prediction::predicted_key_for(job.prediction_id));
    prediction.width = 640;
    prediction.height = 480;
    prediction.labels = classes
        .iter()
        .map(|class| Label {
            class: (*class).to_owned(),
            class_id: 0,
            confidence: 0.8,
            cx: 0.5,
            cy: 0.5,
            width: 0.2,
            height: 0.2,
            xyxy: [10.0, 10.0, 100.0, 100.0],
        })
        .collect();
    prediction
}

/// Some bytes that stand for a JPEG (the bot never decodes images).
pub(crate) fn jpeg(tag: u8) -> Vec<u8> {
    let mut body = vec![0xFF, 0xD8, 0xFF, 0xE0];
    body.extend(std::iter::repeat_n(tag, 5000));
    body
}

/// Waits a little so that anything wrongly sent would have arrived.
pub(crate) async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}
