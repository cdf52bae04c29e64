//! The HTTP application: routes, start-up (setWebhook or polling) and graceful shutdown; what the
//! handlers share is [`AppState`], in [`crate::state`].

use std::{
    future::Future,
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{
    Router,
    body::Bytes,
    extract::{Query, Request, State},
    http::{HeaderMap, HeaderName, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use common::{
    queue::JobQueue,
    schema::{PREDICTION_ID_PARAMETER, RESULTS_PATH, RESULTS_TOKEN_HEADER, ResultsQuery},
    store::ObjectStore,
    table::PredictionTable,
};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;
use teloxide_core::types::AllowedUpdate;
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
    conversation, results,
    settings::{Acknowledge, Mode},
    state::AppState,
    telegram::Telegram,
    words,
};

/// The route Telegram POSTs updates to.
pub const WEBHOOK_PATH: &str = "/webhook";
/// The header Telegram sends the webhook's secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// Photos being taken at once (replies wait in [`crate::outbox`], holding none of these); beyond it the webhook
/// waits before answering, which slows Telegram down.
const MAX_IN_FLIGHT: usize = 512;
/// Photos a chat may have waiting for their answer unless set (`MAX_WAITING_PHOTOS`).
pub const DEFAULT_MAX_WAITING_PHOTOS: usize = 10;
/// Past this typical wait of the last minute's answers a photo's sender is told the wait, unless set
/// (`SLOW_ANSWER_SECONDS`).
pub const DEFAULT_SLOW_ANSWER: Duration = Duration::from_secs(30);
/// Photos being downloaded, stored and queued at once: each may hold up to 20 MB.
const MAX_PHOTOS_IN_HAND: usize = 32;
/// What the bot asks Telegram for; other kinds are not sent at all.
pub(crate) const ALLOWED_UPDATES: [AllowedUpdate; 1] = [AllowedUpdate::Message];

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
/// The routes answer on the caller's runtime; the work they hand off (photos, replies, deliveries) runs on a
/// runtime of its own. Telegram waits for each webhook answer, and teloxide's throttle releases the
/// replies in bursts (every 250 ms): on one runtime a burst queues ahead of the webhook's requests and
/// its p99 latency grows many times over (`make bench-bot`; docs/capacity.md).
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
    /// Binds `0.0.0.0:port` (port 0 picks a free one) and asks Telegram who the bot is (getMe).
    pub async fn build(
        mode: Mode,
        port: u16,
        results_token: SecretString,
        deps: Dependencies,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(("0.0.0.0", port)).await?;
        // Asked once: groups address the bot by its username. A token Telegram refuses stops here.
        let bot = deps
            .telegram
            .identity()
            .await
            .map_err(|error| anyhow::anyhow!("getMe (who the bot is) failed: {error}"))?;
        let background = Background::start()?;
        let webhook_secret = match &mode {
            Mode::Webhook { secret, .. } => Some(secret.clone()),
            Mode::Polling => None,
        };
        let state = AppState {
            telegram: deps.telegram,
            bot,
            store: deps.store,
            queue: deps.queue,
            table: deps.table,
            results_token,
            webhook_secret,
            tasks: TaskTracker::new(),
            background: background.handle(),
            in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            outbox: Arc::default(),
            max_waiting_photos: DEFAULT_MAX_WAITING_PHOTOS,
            turns: Arc::default(),
            waits: Arc::default(),
            slow_answer: DEFAULT_SLOW_ANSWER,
            photos_in_hand: Arc::new(Semaphore::new(MAX_PHOTOS_IN_HAND)),
            acknowledge: Acknowledge::default(),
            metrics: metrics_handle(),
        };
        Ok(Self { listener, state, mode, background })
    }

    /// Acknowledges queued photos so (a reaction by default).
    pub fn acknowledging(mut self, acknowledge: Acknowledge) -> Self {
        self.state.acknowledge = acknowledge;
        self
    }

    /// Lets a chat have at most `photos` waiting for their answer.
    pub fn waiting_at_most(mut self, photos: usize) -> Self {
        self.state.max_waiting_photos = photos;
        self
    }

    /// Tells a photo's sender the wait once the last minute's answers typically waited longer than `wait`.
    pub fn telling_waits_over(mut self, wait: Duration) -> Self {
        self.state.slow_answer = wait;
        self
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Registers the webhook (or starts polling) and the bot's commands, serves until `shutdown`
    /// resolves, then finishes the updates in hand (up to `drain`) and returns.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
        drain: Duration,
    ) -> anyhow::Result<()> {
        let Self { listener, state, mode, background } = self;
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        // Connections get the drain bound to finish, whatever a client does (a request sent half way included).
        let limits = common::http::Limits { drain, ..common::http::Limits::default() };
        let server = tokio::spawn(common::http::serve(listener, router(state.clone()), limits, {
            let mut stop = stop_rx.clone();
            async move {
                let _ = stop.wait_for(|s| *s).await;
            }
        }));
        state.spawn(register_commands(state.telegram.clone()));
        let updates = match mode {
            Mode::Webhook { app_url, secret, certificate, max_connections } => {
                set_webhook(&state, &app_url, &secret, certificate.as_deref(), max_connections).await?;
                None
            }
            Mode::Polling => Some(tokio::spawn(crate::polling::poll(state.clone(), stop_rx))),
        };
        tracing::info!(message = "Bot started.", bot_id = state.bot.id.0, username = state.bot.username);
        shutdown.await;
        tracing::info!(message = "Shutting down: finishing the updates in hand.");
        let deadline = tokio::time::Instant::now() + drain;
        let _ = stop_tx.send(true);
        server.await?;
        if let Some(polling) = updates {
            polling.await?;
        }
        state.tasks.close();
        if tokio::time::timeout_at(deadline, state.tasks.wait()).await.is_err() {
            tracing::warn!(
                message = "Drain timeout: some updates were not finished.",
                left = state.tasks.len()
            );
        }
        drop(background);
        Ok(())
    }
}

/// The metrics recorder (`/metrics`, and CloudWatch's lines where configured), installed once per process.
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            common::telemetry::install_metrics("polybot", PrometheusBuilder::new()).unwrap_or_else(|_| {
                // Another recorder is installed (a test harness): keep an unattached one for /metrics.
                PrometheusBuilder::new().build_recorder().handle()
            })
        })
        .clone()
}

/// Counts every answer by route and status (`polybot_http_responses_total`), the timeouts' and the body limit's too.
/// Paths other than the webhook's and the callback's count as `other`, so that no caller can add series.
async fn count_response(request: Request, next: Next) -> Response {
    let route = match request.uri().path() {
        WEBHOOK_PATH => WEBHOOK_PATH,
        RESULTS_PATH => RESULTS_PATH,
        _ => "other",
    };
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("polybot_http_responses_total", "route" => route, "status" => status).increment(1);
    response
}

/// The routes, with tracing (and a request id), a timeout and a body limit.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let mut router = Router::new()
        .route("/", get(|| async { "Ok" }))
        .merge(common::http::health())
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
        .layer(middleware::from_fn(count_response))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

fn secret_matches(headers: &HeaderMap, name: &str, expected: &SecretString) -> bool {
    headers.get(name).is_some_and(|given| given.as_bytes().ct_eq(expected.expose_secret().as_bytes()).into())
}

/// `POST /webhook`: checks the secret and takes the update. A photo is answered 200 only once it is
/// stored and queued, and 503 when it could not be, so that Telegram sends it again; other updates are
/// answered at once and replied to in the background.
async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let Some(secret) = &state.webhook_secret else { return StatusCode::NOT_FOUND };
    if !secret_matches(&headers, SECRET_HEADER, secret) {
        metrics::counter!("polybot_webhook_rejected_total").increment(1);
        return StatusCode::UNAUTHORIZED;
    }
    let update = match crate::update::read(&body) {
        Ok(update) => update,
        Err(error) => {
            // Answering an error would only make Telegram send the same body again.
            tracing::warn!(message = "Webhook body is not an update; dropped.", error = %error, bytes = body.len());
            metrics::counter!("polybot_updates_malformed_total").increment(1);
            return StatusCode::OK;
        }
    };
    match conversation::take_update(&state, update).await {
        Ok(()) => StatusCode::OK,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// `POST /results` with the prediction's id ([`ResultsQuery`]): the worker's callback.
async fn results_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ResultsQuery>,
) -> Response {
    if !secret_matches(&headers, RESULTS_TOKEN_HEADER, &state.results_token) {
        return (StatusCode::UNAUTHORIZED, "missing or wrong results token").into_response();
    }
    let Some(id) = query.prediction_id.as_deref().and_then(|id| Uuid::parse_str(id).ok()) else {
        let refusal = format!("{PREDICTION_ID_PARAMETER} must be a UUID");
        return (StatusCode::BAD_REQUEST, refusal).into_response();
    };
    // Delivered in a task of its own: a caller that hangs up (the worker's timeout) does not cancel
    // a reply half-sent, and shutdown waits for it.
    let delivery = state.spawn({
        let state = state.clone();
        async move { results::deliver(&state, id).await }
    });
    let Ok(delivered) = delivery.await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "delivery panicked").into_response();
    };
    if let Err(error) = &delivered
        && error.status().is_server_error()
    {
        tracing::error!(message = "Could not deliver a result; the worker will call again.",
            prediction_id = %id, error = %error);
    }
    delivered.into_response()
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

/// Registers the commands Telegram's apps offer as the user types `/`: in English for every user, and in each
/// other language the bot speaks for the users whose app is in it. Best effort: without them the bot works the
/// same, so a failure is logged and the bot runs on.
async fn register_commands(telegram: Telegram) {
    for words in words::languages() {
        let language_code = (words != words::english()).then(|| words.tag());
        match telegram.set_commands(&words.commands(&conversation::COMMANDS), language_code).await {
            Ok(()) => tracing::info!(message = "Commands registered.", language = words.tag()),
            Err(error) => {
                tracing::warn!(message = "Could not register the bot's commands; running without them.",
                    language = words.tag(), %error);
            }
        }
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
    state
        .telegram
        .set_webhook(&url, secret, certificate, max_connections, &ALLOWED_UPDATES)
        .await
        .map_err(|error| anyhow::anyhow!("setWebhook for {url} failed: {error}"))?;
    tracing::info!(message = "Webhook registered.", url = %url);
    Ok(())
}
