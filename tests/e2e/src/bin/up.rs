//! `make up`: polybot and yolo5 against the real Telegram, by long polling (no public URL needed).
//!
//! Needs `TELEGRAM_TOKEN` (a bot from @BotFather). AWS is moto unless `BUCKET_NAME`, `SQS_QUEUE_URL`
//! and `DYNAMODB_TABLE` are all set: then the services use those resources with your AWS settings
//! (`AWS_REGION`, credentials). Runs until Ctrl-C, then stops both services.

#![allow(clippy::print_stdout)] // Tells the person at the terminal what runs.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use anyhow::Context;
use e2e::{Settings, System};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("up failed: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let token = std::env::var("TELEGRAM_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .context("set TELEGRAM_TOKEN to your bot's token from @BotFather")?;
    let logs = PathBuf::from("out/up/logs");
    let mut settings = Settings::new(logs.clone(), Duration::from_secs(30));
    settings.env = vec![
        ("MODE".to_owned(), "polling".to_owned()),
        ("TELEGRAM_TOKEN".to_owned(), token),
        // Telegram itself, unless TELEGRAM_API_URL names another Bot API server (a local one, say).
        (
            "TELEGRAM_API_URL".to_owned(),
            std::env::var("TELEGRAM_API_URL").unwrap_or(polybot::settings::TELEGRAM_API_URL.into()),
        ),
    ];
    let own_aws: Vec<(String, String)> = ["BUCKET_NAME", "SQS_QUEUE_URL", "DYNAMODB_TABLE"]
        .iter()
        .filter_map(|name| Some(((*name).to_owned(), std::env::var(name).ok().filter(|v| !v.is_empty())?)))
        .collect();
    if own_aws.len() == 3 {
        println!(
            "==> Using your AWS resources: {}",
            own_aws.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")
        );
        settings.env.extend(own_aws);
        // Empty settings count as unset: the SDK's own endpoints, region and credentials chain apply.
        for name in ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] {
            settings.env.push((name.to_owned(), std::env::var(name).unwrap_or_default()));
        }
        settings.env.push(("AWS_REGION".to_owned(), std::env::var("AWS_REGION").context("set AWS_REGION")?));
    } else {
        println!(
            "==> Using moto for AWS (set BUCKET_NAME, SQS_QUEUE_URL and DYNAMODB_TABLE to use your own)"
        );
    }
    println!("==> Starting polybot (long polling) and yolo5; logs in {}", logs.display());
    let system = System::start(settings).await?;
    println!("==> Running: send your bot a photo on Telegram. Ctrl-C stops both services.");
    tokio::signal::ctrl_c().await?;
    println!("\n==> Stopping");
    system.stop().await
}
