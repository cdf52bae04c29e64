//! From settings to a running bot: connect to AWS and Telegram, bind, serve until SIGTERM.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use common::{
    aws::{Aws, AwsSettings},
    secrets::SecretSource,
};

use crate::{
    app::{Application, Dependencies},
    settings::{Settings, TokenSource, token_from_secret},
    telegram::{self, Limits, Telegram},
};

/// How long a stopping bot keeps finishing the updates it accepted.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(20);

/// Connects to AWS (reading the token from Secrets Manager when so configured) and to the Bot API.
pub async fn connect(settings: &Settings) -> anyhow::Result<Dependencies> {
    let aws = Aws::connect(&AwsSettings::from_env()).await?;
    let token = match &settings.token {
        TokenSource::Plain(token) => token.clone(),
        TokenSource::SecretsManager(id) => {
            let value =
                aws.secrets().get(id).await.with_context(|| format!("reading the token secret {id}"))?;
            token_from_secret(&value)?
        }
    };
    Ok(Dependencies {
        telegram: Telegram::new(
            &token,
            settings.api_url.clone(),
            telegram::Options {
                limits: Limits {
                    messages_per_sec_overall: settings.messages_per_second,
                    ..Limits::default()
                },
                timeout: settings.telegram_timeout,
                ..telegram::Options::default()
            },
        ),
        store: Arc::new(aws.object_store(&settings.bucket)),
        queue: Arc::new(aws.job_queue(&settings.queue_url)),
        table: Arc::new(aws.prediction_table(&settings.table)),
    })
}

/// Runs the bot until SIGTERM or Ctrl-C.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let deps = connect(&settings).await?;
    let app = Application::build(settings.mode, settings.port, settings.results_token, deps)
        .await?
        .acknowledging(settings.acknowledge)
        .waiting_at_most(settings.max_waiting_photos)
        .telling_waits_over(settings.slow_answer);
    tracing::info!(message = "Listening.", port = app.port());
    app.run_until(common::shutdown::signal(), DRAIN_TIMEOUT).await
}
