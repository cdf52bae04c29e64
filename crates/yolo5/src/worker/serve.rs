//! `yolo5 serve`: the worker process, with a health and metrics endpoint.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use axum::{Router, routing::get};
use clap::Args;
use common::aws::{Aws, AwsSettings};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::SecretString;
use tokio::{net::TcpListener, sync::watch};

use crate::{
    cli::ModelArgs,
    detector::{Detector, YoloDetector},
    worker::{Worker, WorkerConfig, notify::HttpNotifier},
};

/// The worker's settings; each flag can be given by the environment variable named with it.
#[derive(Debug, Args)]
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
    /// The shared secret the bot expects on the callback.
    #[arg(long, env = "RESULTS_TOKEN", hide_env_values = true)]
    results_token: String,
    /// Batch loops running at once (each receives, detects and answers on its own); two overlap one
    /// batch's decoding and annotating with the other's forward pass (`yolo5 bench` shows the gain).
    #[arg(long, env = "YOLO5_CONCURRENCY", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=16))]
    concurrency: u8,
    /// Messages per receive; the decodable ones run through the model as one batch.
    #[arg(long, env = "YOLO5_BATCH_SIZE", default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=10))]
    batch_size: u8,
    /// Seconds a received job stays hidden; the heartbeat renews it while the job runs.
    #[arg(long, env = "YOLO5_VISIBILITY_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(3..=43_200))]
    visibility_timeout: u64,
    /// Seconds to finish the jobs in progress after SIGTERM before releasing them.
    #[arg(long, env = "YOLO5_DRAIN_TIMEOUT", default_value_t = 20)]
    drain_timeout: u64,
    /// Port of `GET /health` and `GET /metrics`.
    #[arg(long, env = "YOLO5_HEALTH_PORT", default_value_t = 8081)]
    health_port: u16,
}

/// Runs the worker until SIGTERM or Ctrl-C, then drains.
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let metrics = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("yolo5_inference_seconds".to_owned()),
            &[0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
        )?
        .install_recorder()
        .context("could not install the metrics recorder")?;
    let settings = args.model.settings();
    let detector = tokio::task::spawn_blocking(move || YoloDetector::load(&settings)).await??;
    tracing::info!(
        message = "Model loaded.",
        model = detector.model_name(),
        input = detector.input_size(),
        rect = detector.rect()
    );

    let aws = Aws::connect(&AwsSettings::from_env()).await?;
    let worker = Worker {
        queue: Arc::new(aws.job_queue(&args.queue_url)),
        store: Arc::new(aws.object_store(&args.bucket)),
        table: Arc::new(aws.prediction_table(&args.table)),
        detector: Arc::new(detector),
        notifier: Arc::new(HttpNotifier::new(
            &args.polybot_url,
            SecretString::from(args.results_token),
            5,
            Duration::from_millis(500),
        )),
        config: WorkerConfig {
            batch_size: args.batch_size,
            wait: Duration::from_secs(20),
            visibility: Duration::from_secs(args.visibility_timeout),
            drain_timeout: Duration::from_secs(args.drain_timeout),
        },
    };

    let listener = TcpListener::bind(("0.0.0.0", args.health_port))
        .await
        .with_context(|| format!("could not listen on port {}", args.health_port))?;
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, health_router(metrics)).await {
            tracing::error!(message = "The health endpoint stopped.", %error);
        }
    });

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
    Ok(())
}

/// `GET /health` for container checks and `GET /metrics` for Prometheus.
pub fn health_router(metrics: PrometheusHandle) -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/metrics", get(move || std::future::ready(metrics.render())))
}
