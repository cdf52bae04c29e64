//! The HTTP application: routes, shared state, start-up (setWebhook or polling) and graceful shutdown.

use std::{
    future::{Future, IntoFuture},
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{
    Router,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderName, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use common::{
    queue::JobQueue,
    schema::{RESULTS_PATH, RESULTS_TOKEN_HEADER},
    store::ObjectStore,
    table::PredictionTable,
};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;
use teloxide_core::{
    payloads::{GetUpdatesSetters, SetWebhookSetters},
    prelude::Requester,
    requests::Request,
    types::{AllowedUpdate, InputFile, Update},
};
use tokio::{
    net::TcpListener,
    runtime::{Handle, Runtime},
    sync::Semaphore,
};
use tokio_util::task::TaskTracker;
use tower_http::{
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};
use uuid::Uuid;

use crate::{
    conversation,
    results::{self, Delivered, ResultsError},
    settings::Mode,
    telegram::Telegram,
};

/// The route Telegram POSTs updates to.
pub const WEBHOOK_PATH: &str = "/webhook";
/// The header Telegram sends the webhook's secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// Updates being handled at once; beyond it the webhook waits before answering, which slows Telegram down.
const MAX_IN_FLIGHT: usize = 512;
/// Photos being downloaded, stored and queued at once: each may hold up to 20 MB.
const MAX_PHOTOS_IN_HAND: usize = 32;
/// What the bot asks Telegram for; other kinds are not sent at all.
const ALLOWED_UPDATES: [AllowedUpdate; 1] = [AllowedUpdate::Message];

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The Bot API client.
    pub telegram: Telegram,
    /// Photos and annotated images.
    pub store: Arc<dyn ObjectStore>,
    /// The job queue.
    pub queue: Arc<dyn JobQueue>,
    /// Predictions.
    pub table: Arc<dyn PredictionTable>,
    results_token: SecretString,
    webhook_secret: Option<SecretString>,
    tasks: TaskTracker,
    /// The runtime the updates and deliveries run on (see [`Application`]).
    background: Handle,
    in_flight: Arc<Semaphore>,
    /// Bounds the memory photos take: [`MAX_PHOTOS_IN_HAND`] at 20 MB at most.
    pub(crate) photos_in_hand: Arc<Semaphore>,
    metrics: PrometheusHandle,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("telegram", &self.telegram)
            .field("tasks", &self.tasks)
            .finish_non_exhaustive()
    }
}

/// The outside services the bot uses: AWS (or fakes) and Telegram.
pub struct Dependencies {
    /// The Bot API client.
    pub telegram: Telegram,
    /// Photos and annotated images.
    pub store: Arc<dyn ObjectStore>,
    /// The job queue.
    pub queue: Arc<dyn JobQueue>,
    /// Predictions.
    pub table: Arc<dyn PredictionTable>,
}

impl std::fmt::Debug for Dependencies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dependencies").field("telegram", &self.telegram).finish_non_exhaustive()
    }
}

/// A bound, not yet running bot.
///
/// The routes answer on the caller's runtime; the work they hand off (updates, deliveries) runs on a
/// runtime of its own. Telegram waits for each webhook answer, and teloxide's throttle releases the
/// replies in bursts (every 250 ms): on one runtime a burst queues ahead of the webhook's requests and
/// its p99 latency grows tenfold (`make bench-bot`).
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    state: AppState,
    mode: Mode,
    background: Background,
}

/// The background runtime. Dropping a runtime waits for its threads, which an async context may not
/// do; this one is stopped without waiting (once [`Application::run_until`] has drained it).
#[derive(Debug)]
struct Background(Option<Runtime>);

impl Background {
    fn start() -> std::io::Result<Self> {
        low_priority_runtime("polybot-updates", None).map(|runtime| Self(Some(runtime)))
    }

    fn handle(&self) -> Handle {
        self.0.as_ref().expect("running until dropped").handle().clone()
    }
}

/// A runtime whose threads run at nice 10, below the process's other threads (on Linux a thread's
/// nice value is its own): `threads` workers, or one per core.
pub fn low_priority_runtime(name: &str, threads: Option<usize>) -> std::io::Result<Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = threads {
        builder.worker_threads(threads);
    }
    builder
        .thread_name(name)
        .on_thread_start(|| {
            let _ = rustix::process::setpriority_process(None, 10);
        })
        .enable_all()
        .build()
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Application {
    /// Binds `0.0.0.0:port` (port 0 picks a free one).
    pub async fn build(
        mode: Mode,
        port: u16,
        results_token: SecretString,
        deps: Dependencies,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(("0.0.0.0", port)).await?;
        let background = Background::start()?;
        let webhook_secret = match &mode {
            Mode::Webhook { secret, .. } => Some(secret.clone()),
            Mode::Polling => None,
        };
        let state = AppState {
            telegram: deps.telegram,
            store: deps.store,
            queue: deps.queue,
            table: deps.table,
            results_token,
            webhook_secret,
            tasks: TaskTracker::new(),
            background: background.handle(),
            in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            photos_in_hand: Arc::new(Semaphore::new(MAX_PHOTOS_IN_HAND)),
            metrics: metrics_handle(),
        };
        Ok(Self { listener, state, mode, background })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until `shutdown` resolves, then finishes the updates in hand (up to `drain`) and returns.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
        drain: Duration,
    ) -> anyhow::Result<()> {
        let Self { listener, state, mode, background } = self;
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let server = axum::serve(listener, router(state.clone()))
            .with_graceful_shutdown({
                let mut stop = stop_rx.clone();
                async move {
                    let _ = stop.wait_for(|s| *s).await;
                }
            })
            .into_future();
        let server = tokio::spawn(server);
        let updates = match mode {
            Mode::Webhook { app_url, secret, certificate, max_connections } => {
                set_webhook(&state, &app_url, &secret, certificate.as_deref(), max_connections).await?;
                None
            }
            Mode::Polling => Some(tokio::spawn(poll(state.clone(), stop_rx))),
        };
        tracing::info!(message = "Bot started.", bot_id = state.telegram.bot_id());
        shutdown.await;
        tracing::info!(message = "Shutting down: finishing the updates in hand.");
        let _ = stop_tx.send(true);
        server.await??;
        if let Some(polling) = updates {
            polling.await?;
        }
        state.tasks.close();
        if tokio::time::timeout(drain, state.tasks.wait()).await.is_err() {
            tracing::warn!(
                message = "Drain timeout: some updates were not finished.",
                left = state.tasks.len()
            );
        }
        drop(background);
        Ok(())
    }
}

/// The Prometheus recorder, installed once per process.
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new().install_recorder().unwrap_or_else(|_| {
                // Another recorder is installed (a test harness): keep an unattached one for /metrics.
                PrometheusBuilder::new().build_recorder().handle()
            })
        })
        .clone()
}

/// The routes, with tracing (and a request id), a timeout and a body limit.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let mut router = Router::new()
        .route("/", get(|| async { "Ok" }))
        .route("/ready", get(ready))
        .route(RESULTS_PATH, post(results_callback))
        .route("/metrics", get(|State(state): State<AppState>| async move { state.metrics.render() }));
    if state.webhook_secret.is_some() {
        router = router.route(WEBHOOK_PATH, post(webhook));
    }
    router
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(1024 * 1024))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

fn secret_matches(headers: &HeaderMap, name: &str, expected: &SecretString) -> bool {
    headers.get(name).is_some_and(|given| given.as_bytes().ct_eq(expected.expose_secret().as_bytes()).into())
}

/// `POST /webhook`: checks the secret, answers 200 at once and handles the update in the background.
async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let Some(secret) = &state.webhook_secret else { return StatusCode::NOT_FOUND };
    if !secret_matches(&headers, SECRET_HEADER, secret) {
        metrics::counter!("polybot_webhook_rejected_total").increment(1);
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            // Answering an error would only make Telegram send the same body again.
            tracing::warn!(message = "Webhook body is not an update; dropped.", error = %error, bytes = body.len());
            metrics::counter!("polybot_updates_malformed_total").increment(1);
            return StatusCode::OK;
        }
    };
    spawn_handling(&state, update).await;
    StatusCode::OK
}

async fn spawn_handling(state: &AppState, update: Update) {
    let Ok(permit) = state.in_flight.clone().acquire_owned().await else { return };
    let task_state = state.clone();
    state.tasks.spawn_on(
        async move {
            conversation::handle(&task_state, update).await;
            drop(permit);
        },
        &state.background,
    );
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultsQuery {
    prediction_id: Option<String>,
}

/// `POST /results?predictionId=…`: the worker's callback.
async fn results_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ResultsQuery>,
) -> Response {
    if !secret_matches(&headers, RESULTS_TOKEN_HEADER, &state.results_token) {
        return (StatusCode::UNAUTHORIZED, "missing or wrong results token").into_response();
    }
    let Some(id) = query.prediction_id.as_deref().and_then(|id| Uuid::parse_str(id).ok()) else {
        return (StatusCode::BAD_REQUEST, "predictionId must be a UUID").into_response();
    };
    // Delivered in a task of its own: a caller that hangs up (the worker's timeout) does not cancel
    // a reply half-sent, and shutdown waits for it.
    let delivery = state.tasks.spawn_on(
        {
            let state = state.clone();
            async move { results::deliver(&state, id).await }
        },
        &state.background,
    );
    let Ok(delivered) = delivery.await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "delivery panicked").into_response();
    };
    match delivered {
        Ok(Delivered::Sent) => (StatusCode::OK, "sent").into_response(),
        Ok(Delivered::AlreadyNotified) => (StatusCode::OK, "already sent").into_response(),
        Ok(Delivered::Undeliverable) => {
            (StatusCode::OK, "undeliverable: Telegram refused it").into_response()
        }
        Err(ResultsError::NotFound(_)) => (StatusCode::NOT_FOUND, "unknown prediction").into_response(),
        Err(ResultsError::Busy(_)) => (StatusCode::CONFLICT, "being sent by another call").into_response(),
        Err(error) => {
            tracing::error!(message = "Could not deliver a result; the worker will call again.",
                prediction_id = %id, error = %error);
            (StatusCode::SERVICE_UNAVAILABLE, "could not deliver now; call again").into_response()
        }
    }
}

/// `GET /ready`: the queue and the table answer.
async fn ready(State(state): State<AppState>) -> Response {
    let checks = async {
        let (queue, table) = tokio::join!(state.queue.depth(), state.table.get(Uuid::nil()));
        let mut failures = Vec::new();
        if let Err(error) = queue {
            failures.push(format!("queue: {error}"));
        }
        if let Err(error) = table {
            failures.push(format!("table: {error}"));
        }
        failures
    };
    match tokio::time::timeout(Duration::from_secs(3), checks).await {
        Ok(failures) if failures.is_empty() => (StatusCode::OK, "ready").into_response(),
        Ok(failures) => (StatusCode::SERVICE_UNAVAILABLE, failures.join("\n")).into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "dependencies did not answer within 3 s").into_response(),
    }
}

async fn set_webhook(
    state: &AppState,
    app_url: &reqwest::Url,
    secret: &SecretString,
    certificate: Option<&std::path::Path>,
    max_connections: u8,
) -> anyhow::Result<()> {
    let url = app_url.join(WEBHOOK_PATH.trim_start_matches('/'))?;
    let mut attempt = 1;
    loop {
        let mut request = state
            .telegram
            .requester()
            .set_webhook(url.clone())
            .secret_token(secret.expose_secret())
            .allowed_updates(ALLOWED_UPDATES)
            .max_connections(max_connections);
        if let Some(path) = certificate {
            request = request.certificate(InputFile::file(path.to_owned()));
        }
        match request.send().await {
            Ok(_) => {
                tracing::info!(message = "Webhook registered.", url = %url);
                return Ok(());
            }
            Err(error) if attempt < 5 => {
                tracing::warn!(message = "setWebhook failed; retrying.", attempt, error = %error);
                tokio::time::sleep(Duration::from_secs(attempt)).await;
                attempt += 1;
            }
            Err(error) => anyhow::bail!("setWebhook for {url} failed: {error}"),
        }
    }
}

/// Polling mode: drops any webhook, then long-polls getUpdates until stopped.
async fn poll(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let bot = state.telegram.requester();
    while let Err(error) = bot.delete_webhook().send().await {
        tracing::warn!(message = "deleteWebhook failed; retrying.", error = %error);
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
    let mut offset = 0;
    loop {
        let request = bot.get_updates().offset(offset).timeout(25).allowed_updates(ALLOWED_UPDATES);
        let updates = tokio::select! {
            updates = request.send() => updates,
            _ = stop.wait_for(|s| *s) => return,
        };
        match updates {
            Ok(updates) => {
                for update in updates {
                    offset = i32::try_from(update.id.0).unwrap_or(i32::MAX).saturating_add(1);
                    spawn_handling(&state, update).await;
                }
            }
            Err(error) => {
                tracing::warn!(message = "getUpdates failed; retrying.", error = %error);
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}
