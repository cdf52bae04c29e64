//! Test support for every crate of the workspace (feature `testing`): a real `moto_server` and the
//! resources the services expect on it.
//!
//! The server is a child process on a free loopback port; it ends when the process that started it
//! ends. Each test provisions its own resources under unique names, so tests share one server.
//!
//! Also [`contract`], what every store, queue and table must do (run on the fakes and on moto), [`mutated`],
//! how the property tests change a valid body byte by byte, [`many_scan_jpeg`], a crafted JPEG, and [`Tapped`],
//! a prediction table a test watches or fails call by call.

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, ChildStdin, Command, Stdio},
    sync::{Mutex, OnceLock},
    time::Duration,
};

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
};
use aws_sdk_s3::config::Credentials;
use aws_sdk_sqs::types::QueueAttributeName;
use uuid::Uuid;

use crate::aws::{Aws, AwsSettings};

pub mod contract;
mod tapped;

pub use tapped::{TableCall, Tap, Tapped};

/// The region every emulated resource lives in.
pub const REGION: &str = "us-east-1";

/// A running `moto_server`.
#[derive(Debug)]
pub struct MotoServer {
    endpoint: String,
    child: Mutex<Child>,
    // Held open: the server exits when it closes.
    _stdin: ChildStdin,
}

/// The Python that has moto: `$POLYBOT_VENV/bin/python`, else the workspace's `.venv` (`make venv`).
fn python() -> PathBuf {
    let venv = std::env::var_os("POLYBOT_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv"));
    let python = venv.join("bin/python");
    assert!(python.exists(), "moto is not installed: {} is missing; run `make venv`", python.display());
    python
}

impl MotoServer {
    /// Starts a new server and waits until it listens. Panics with the reason if it cannot.
    pub fn start() -> Self {
        let mut child = Command::new(python())
            .args(["-c", include_str!("moto_server.py")])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("moto_server could not be started");
        let stdin = child.stdin.take().expect("stdin is piped");
        let mut port = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut port)
            .expect("moto_server's port could not be read");
        let port: u16 = port.trim().parse().unwrap_or_else(|_| panic!("moto_server did not start: {port:?}"));
        Self { endpoint: format!("http://127.0.0.1:{port}"), child: Mutex::new(child), _stdin: stdin }
    }

    /// One server for the whole test binary, started on first use.
    pub fn shared() -> &'static Self {
        static SERVER: OnceLock<MotoServer> = OnceLock::new();
        SERVER.get_or_init(Self::start)
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The settings the services need to reach this server, as environment variables.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_REGION", REGION.to_owned()),
            ("AWS_ACCESS_KEY_ID", "testing".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "testing".to_owned()),
            ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ]
    }

    /// An [`Aws`] factory pointed at this server, with fake credentials.
    pub async fn aws(&self) -> Aws {
        let settings =
            AwsSettings { region: Some(REGION.to_owned()), endpoint_url: Some(self.endpoint.clone()) };
        Aws::connect_with(&settings, Some(Credentials::new("testing", "testing", None, None, "moto")))
            .await
            .expect("the region is set")
    }

    /// Creates the bucket, the job queue with its dead-letter queue, the table and the token secret
    /// under names that start with `prefix` and end with a random suffix.
    pub async fn provision(&self, prefix: &str, options: Options) -> Resources {
        let aws = self.aws().await;
        let config = aws.sdk_config();
        let suffix = Uuid::new_v4().simple().to_string()[..12].to_owned();
        let name = |what: &str| format!("{prefix}-{what}-{suffix}");

        let bucket = name("photos");
        let s3 = aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(config).force_path_style(true).build(),
        );
        s3.create_bucket().bucket(&bucket).send().await.expect("CreateBucket");

        let sqs = aws_sdk_sqs::Client::new(config);
        let dlq_url = sqs
            .create_queue()
            .queue_name(name("jobs-dlq"))
            .send()
            .await
            .expect("CreateQueue (DLQ)")
            .queue_url
            .expect("a queue URL");
        let dlq_arn = sqs
            .get_queue_attributes()
            .queue_url(&dlq_url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .expect("GetQueueAttributes")
            .attributes
            .and_then(|mut attributes| attributes.remove(&QueueAttributeName::QueueArn))
            .expect("a queue ARN");
        let redrive = format!(
            r#"{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"{}"}}"#,
            options.max_receive_count
        );
        let queue_url = sqs
            .create_queue()
            .queue_name(name("jobs"))
            .attributes(QueueAttributeName::RedrivePolicy, redrive)
            .attributes(
                QueueAttributeName::VisibilityTimeout,
                options.visibility_timeout.as_secs().to_string(),
            )
            .send()
            .await
            .expect("CreateQueue")
            .queue_url
            .expect("a queue URL");

        let table = name("predictions");
        aws_sdk_dynamodb::Client::new(config)
            .create_table()
            .table_name(&table)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("prediction_id")
                    .key_type(KeyType::Hash)
                    .build()
                    .expect("a key schema"),
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("prediction_id")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .expect("an attribute definition"),
            )
            .send()
            .await
            .expect("CreateTable");

        let token_secret_id = name("telegram-token");
        aws_sdk_secretsmanager::Client::new(config)
            .create_secret()
            .name(&token_secret_id)
            .secret_string(&options.telegram_token)
            .send()
            .await
            .expect("CreateSecret");

        Resources { aws, bucket, queue_url, dlq_url, table, token_secret_id }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // Closing stdin would do; killing does not wait for the server's threads.
        let mut child = self.child.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// How [`MotoServer::provision`] sets the resources up.
#[derive(Clone, Debug)]
pub struct Options {
    /// The job queue's visibility timeout.
    pub visibility_timeout: Duration,
    /// Deliveries before a message moves to the dead-letter queue.
    pub max_receive_count: u32,
    /// The value of the token secret.
    pub telegram_token: String,
}

impl Default for Options {
    /// As in production: 30 s visibility, 3 deliveries, and a token of Telegram's shape.
    fn default() -> Self {
        Self {
            visibility_timeout: Duration::from_secs(30),
            max_receive_count: 3,
            telegram_token: "123456:TEST-token-not-real-0123456789abcdef".to_owned(),
        }
    }
}

/// The resources of one [`MotoServer::provision`] call.
#[derive(Clone, Debug)]
pub struct Resources {
    /// The factory for the services' clients.
    pub aws: Aws,
    /// The S3 bucket.
    pub bucket: String,
    /// The job queue.
    pub queue_url: String,
    /// The job queue's dead-letter queue.
    pub dlq_url: String,
    /// The DynamoDB table.
    pub table: String,
    /// The Secrets Manager secret holding the Telegram token.
    pub token_secret_id: String,
}

impl Resources {
    /// The names the services read from the environment.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("BUCKET_NAME", self.bucket.clone()),
            ("SQS_QUEUE_URL", self.queue_url.clone()),
            ("DYNAMODB_TABLE", self.table.clone()),
            ("TELEGRAM_TOKEN_SECRET_ID", self.token_secret_id.clone()),
        ]
    }
}

/// A progressive JPEG of a grey 1024 × 1024 frame with `scans` scans: a real first scan, then minimal ones of
/// 11 bytes each, as the crafted documents that hold a decoder for hours are made.
pub fn many_scan_jpeg(scans: usize) -> Vec<u8> {
    let mut jpeg = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 80);
    encoder.set_progressive(true);
    let pixels = vec![128_u8; 1024 * 1024 * 3];
    encoder.encode(&pixels, 1024, 1024, jpeg_encoder::ColorType::Rgb).expect("encodes");
    jpeg.truncate(jpeg.len() - 2); // its end marker, put back after the scans
    for _ in 0..scans {
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x01, 0x3F, 0x00, 0x00]);
    }
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

/// `bytes` with `edits` made in turn, as the property tests change a valid body: each `(at, byte, kind)`
/// overwrites (`kind` 0), inserts (1) or removes (2) the byte at `at` modulo the length (an edit past the end
/// that has nothing to overwrite or remove does nothing).
pub fn mutated(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, byte, kind) in edits {
        let at = at % (bytes.len() + 1);
        match kind {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    bytes
}
