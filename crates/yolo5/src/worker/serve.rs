//! `yolo5 serve`: the worker process, with a health and metrics endpoint.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use axum::{Router, routing::get};
use clap::Args;
use common::{
    aws::{Aws, AwsSettings},
    queue::JobQueue,
    retry::Backoff,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::SecretString;
use tokio::{net::TcpListener, sync::watch};

use crate::{
    detector::{Detector, ModelArgs, YoloDetector},
    image::DecodeLimits,
    inference::{Inference, libtorch_threads_per_loop},
    video::VideoLimits,
    worker::{Worker, WorkerConfig, notify::HttpNotifier},
};

/// The worker's settings; each flag can be given by the environment variable named with it. The
/// shared secret for the bot's `/results` is read from `RESULTS_TOKEN` alone, never a flag, so that it
/// shows in no process list.
#[derive(Debug, Args)]
#[command(
    after_help = "Environment only:\n  RESULTS_TOKEN  the secret the bot expects on POST /results (16-256 visible ASCII characters)"
)]
pub struct ServeArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The job queue.
    #[arg(long, env = "SQS_QUEUE_URL")]
    queue_url: String,
    /// The bucket with the photos and the annotated images.
    #[arg(long, env = "BUCKET_NAME")]
    bucket: String,
    /// The prediction table.
    #[arg(long, env = "DYNAMODB_TABLE")]
    table: String,
    /// The bot's base URL for the results callback.
    #[arg(long, env = "POLYBOT_URL")]
    polybot_url: String,
    /// Batch loops running at once (each receives, detects and answers on its own); two overlap one
    /// batch's decoding and annotating with the other's forward pass (`make bench` shows the gain).
    #[arg(long, env = "YOLO5_CONCURRENCY", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=16))]
    concurrency: u8,
    /// Messages per receive; the decodable ones run through the model as one batch.
    #[arg(long, env = "YOLO5_BATCH_SIZE", default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=10))]
    batch_size: u8,
    /// Seconds a received job stays hidden; the heartbeat renews it while the job runs.
    #[arg(long, env = "YOLO5_VISIBILITY_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(3..=43_200))]
    visibility_timeout: u64,
    /// MiB that decoding photos may take at once, for every loop together; a photo whose decode would
    /// need more is answered as too large. Large JPEGs are decoded reduced, so few ever come close.
    #[arg(long, env = "YOLO5_DECODE_MEMORY_MB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(32..=65_536))]
    decode_memory_mb: u64,
    /// Seconds one photo may take to decode; one still decoding then is answered as too slow to open.
    #[arg(long, env = "YOLO5_DECODE_TIMEOUT", default_value_t = WorkerConfig::DEFAULT_DECODE_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=600))]
    decode_timeout: u64,
    /// Frames of a video looked at per second of it (the model runs on each): more finds what passes quickly,
    /// fewer answers sooner.
    #[arg(long, env = "YOLO5_VIDEO_FPS", default_value_t = 2.0, value_parser = video_fps)]
    video_fps: f32,
    /// The longest video looked at, in seconds; a longer one is answered as too long.
    #[arg(long, env = "YOLO5_VIDEO_MAX_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=600))]
    video_max_seconds: u32,
    /// Seconds reading one video may take; one still being read then is answered as too long.
    #[arg(long, env = "YOLO5_VIDEO_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    video_timeout: u64,
    /// Days the prediction table keeps a prediction (its `expires_at`, DynamoDB's time to live); 0 keeps
    /// them for ever. The bucket's lifecycle rules should expire the images alike.
    #[arg(long, env = "PREDICTION_TTL_DAYS", default_value_t = 30)]
    prediction_ttl_days: u32,
    /// Seconds to finish the jobs in progress after SIGTERM before releasing them.
    #[arg(long, env = "YOLO5_DRAIN_TIMEOUT", default_value_t = 20)]
    drain_timeout: u64,
    /// Port of `GET /health` and `GET /metrics`.
    #[arg(long, env = "YOLO5_HEALTH_PORT", default_value_t = 8081)]
    health_port: u16,
}

/// Runs the worker until SIGTERM or Ctrl-C, then drains.
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let results_token = results_token(std::env::var("RESULTS_TOKEN").ok())?;
    let metrics = common::telemetry::install_metrics(
        "yolo5",
        PrometheusBuilder::new().set_buckets_for_metric(
            Matcher::Full("yolo5_inference_seconds".to_owned()),
            &[0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
        )?,
    )?;
    // Every call into libtorch, the load's probe included, runs on the loops' fixed threads.
    let loops = usize::from(args.concurrency);
    let threads = libtorch_threads_per_loop(args.model.threads, loops);
    let inference = Inference::new(loops, threads);
    let settings = args.model.settings();
    let detector = inference
        .run(move || YoloDetector::load(&settings))
        .await
        .map_err(|_| anyhow::anyhow!("loading the model panicked"))??;
    let (precision, because) = detector.precision();
    tracing::info!(
        message = "Model loaded.",
        model = detector.model_name(),
        input = detector.input_size(),
        letterbox = detector.letterbox_name(),
        precision,
        because,
        loops,
        threads_per_loop = threads
    );

    let aws = Aws::connect(&AwsSettings::from_env()).await?;
    let queue = aws.job_queue(&args.queue_url);
    let max_receives = match queue
        .max_receive_count()
        .await
        .context("could not read the job queue's attributes")?
    {
        Some(count) => count,
        None => {
            tracing::warn!(
                message = "The job queue has no dead-letter queue; a job that keeps failing is answered as failed after a few deliveries.",
                max_receives = WorkerConfig::DEFAULT_MAX_RECEIVES
            );
            WorkerConfig::DEFAULT_MAX_RECEIVES
        }
    };
    let decode = DecodeLimits {
        max_bytes: args.decode_memory_mb << 20,
        ..DecodeLimits::for_detector(detector.input_size())
    };
    // A video's frames are kept at the detector's input size: the model needs no more.
    let video_side = detector.input_size();
    let worker = Worker {
        queue: Arc::new(queue),
        store: Arc::new(aws.object_store(&args.bucket)),
        table: Arc::new(aws.prediction_table(&args.table)),
        detector: Arc::new(detector),
        notifier: Arc::new(HttpNotifier::new(
            &args.polybot_url,
            results_token,
            Backoff::new(Duration::from_millis(500), Duration::from_secs(8), 4),
        )),
        decode_budget: Worker::decode_budget_for(&decode),
        inference,
        config: WorkerConfig {
            batch_size: args.batch_size,
            wait: Duration::from_secs(20),
            visibility: Duration::from_secs(args.visibility_timeout),
            drain_timeout: Duration::from_secs(args.drain_timeout),
            max_receives,
            decode,
            decode_timeout: Duration::from_secs(args.decode_timeout),
            keep_predictions: (args.prediction_ttl_days > 0)
                .then(|| Duration::from_secs(u64::from(args.prediction_ttl_days) * 24 * 3600)),
            video: VideoLimits {
                fps: args.video_fps,
                max_seconds: args.video_max_seconds as f32,
                side: video_side,
                timeout: Duration::from_secs(args.video_timeout),
                ..VideoLimits::default()
            },
        },
    };

    let listener = TcpListener::bind(("0.0.0.0", args.health_port))
        .await
        .with_context(|| format!("could not listen on port {}", args.health_port))?;
    // Bounded as the bot's server is (a request sent half way is dropped); it ends with the process.
    let limits = common::http::Limits::default();
    tokio::spawn(common::http::serve(listener, health_router(metrics), limits, std::future::pending()));

    let (stop, stopped) = watch::channel(false);
    let loops: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (worker, stopped) = (worker.clone(), stopped.clone());
            tokio::spawn(async move { worker.run(stopped).await })
        })
        .collect();
    tracing::info!(message = "Worker started.", concurrency = args.concurrency, batch_size = args.batch_size);
    common::shutdown::signal().await;
    stop.send_replace(true);
    for handle in loops {
        handle.await.context("a worker loop panicked")?;
    }
    tracing::info!(message = "Worker stopped.");
    common::telemetry::flush_metrics();
    Ok(())
}

/// Frames a second of video: from one every ten seconds to 30 a second.
fn video_fps(value: &str) -> Result<f32, String> {
    let fps: f32 = value.parse().map_err(|_| format!("{value:?} is not a number"))?;
    if (0.1..=30.0).contains(&fps) { Ok(fps) } else { Err(format!("{fps} is not between 0.1 and 30")) }
}

/// The shared secret for the bot's `/results`, by the rule the bot checks too
/// ([`common::schema::is_results_token`]).
fn results_token(value: Option<String>) -> anyhow::Result<SecretString> {
    let token = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let token = token.context("RESULTS_TOKEN is missing: the secret the bot expects on POST /results")?;
    anyhow::ensure!(
        common::schema::is_results_token(&token),
        "RESULTS_TOKEN is invalid: use {}",
        common::schema::RESULTS_TOKEN_RULE
    );
    Ok(SecretString::from(token))
}

/// `GET /health` for container checks and `GET /metrics` for Prometheus.
pub fn health_router(metrics: PrometheusHandle) -> Router {
    common::http::health().route("/metrics", get(move || std::future::ready(metrics.render())))
}
