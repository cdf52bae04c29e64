//! The AWS implementations of the service traits, and the one factory that configures their clients.

mod dynamodb;
mod s3;
mod secretsmanager;
mod sqs;

use std::time::Duration;

use aws_config::{BehaviorVersion, Region, SdkConfig, retry::RetryConfig, timeout::TimeoutConfig};
use aws_sdk_s3::error::DisplayErrorContext;
use aws_smithy_http_client::tls;

pub use dynamodb::DynamoPredictionTable;
pub use s3::S3ObjectStore;
pub use secretsmanager::SecretsManagerSource;
pub use sqs::SqsJobQueue;

/// Where and how to reach AWS; read from the environment by [`AwsSettings::from_env`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwsSettings {
    /// `AWS_REGION`; else the SDK's chain (profile, instance metadata) decides.
    pub region: Option<String>,
    /// `AWS_ENDPOINT_URL`: one endpoint for every service, e.g. moto. Turns on S3 path-style addressing.
    pub endpoint_url: Option<String>,
}

impl AwsSettings {
    /// The settings named in the environment; empty values count as unset.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|value| !value.is_empty());
        Self {
            region: var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")),
            endpoint_url: var("AWS_ENDPOINT_URL"),
        }
    }
}

/// Why the AWS configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    /// No region in the settings, the environment, the profile or the instance metadata.
    #[error("no AWS region is configured: set AWS_REGION")]
    NoRegion,
}

/// The factory for every AWS-backed service, sharing one configuration: region, credentials, endpoint,
/// timeouts and retries.
#[derive(Clone, Debug)]
pub struct Aws {
    config: SdkConfig,
    path_style: bool,
}

/// Long enough for a 20 s SQS long poll plus the network.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Covers every retry of a call.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(90);
/// The SDK's standard mode: exponential backoff with jitter on throttling and transient errors.
pub const MAX_ATTEMPTS: u32 = 4;

impl Aws {
    /// Loads the configuration; credentials come from the SDK's default chain (environment, profile,
    /// web identity, ECS or instance role).
    pub async fn connect(settings: &AwsSettings) -> Result<Self, AwsError> {
        Self::connect_with(settings, None).await
    }

    /// As [`Aws::connect`], with fixed credentials when given (emulators take any).
    pub(crate) async fn connect_with(
        settings: &AwsSettings,
        credentials: Option<aws_sdk_s3::config::Credentials>,
    ) -> Result<Self, AwsError> {
        // HTTPS through rustls on ring (see the workspace's Cargo.toml), trusting the system's certificates.
        let http_client = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(tls::rustls_provider::CryptoMode::Ring))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .http_client(http_client)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(CONNECT_TIMEOUT)
                    .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                    .operation_timeout(OPERATION_TIMEOUT)
                    .build(),
            )
            .retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS));
        if let Some(region) = &settings.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(endpoint) = &settings.endpoint_url {
            loader = loader.endpoint_url(endpoint);
        }
        if let Some(credentials) = credentials {
            loader = loader.credentials_provider(credentials);
        }
        let config = loader.load().await;
        if config.region().is_none() {
            return Err(AwsError::NoRegion);
        }
        Ok(Self { config, path_style: settings.endpoint_url.is_some() })
    }

    /// The S3 bucket as an [`ObjectStore`](crate::store::ObjectStore).
    pub fn object_store(&self, bucket: &str) -> S3ObjectStore {
        let config =
            aws_sdk_s3::config::Builder::from(&self.config).force_path_style(self.path_style).build();
        S3ObjectStore::new(aws_sdk_s3::Client::from_conf(config), bucket)
    }

    /// The SQS queue as a [`JobQueue`](crate::queue::JobQueue).
    pub fn job_queue(&self, queue_url: &str) -> SqsJobQueue {
        SqsJobQueue::new(aws_sdk_sqs::Client::new(&self.config), queue_url)
    }

    /// The DynamoDB table as a [`PredictionTable`](crate::table::PredictionTable).
    pub fn prediction_table(&self, table: &str) -> DynamoPredictionTable {
        DynamoPredictionTable::new(aws_sdk_dynamodb::Client::new(&self.config), table)
    }

    /// Secrets Manager as a [`SecretSource`](crate::secrets::SecretSource).
    pub fn secrets(&self) -> SecretsManagerSource {
        SecretsManagerSource::new(aws_sdk_secretsmanager::Client::new(&self.config))
    }

    #[cfg(feature = "testing")]
    pub(crate) fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }
}

/// An SDK error as one line with its whole chain of causes (the SDK's own `Display` says only "service error").
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    DisplayErrorContext(error).to_string()
}
