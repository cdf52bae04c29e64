//! The bot's settings, read once at start: [`SettingsArgs`] from flags or the environment (clap, so
//! `polybot --help` lists them), the secrets from the environment only, then checked into [`Settings`].
//!
//! Every problem is reported, each as one [`SettingsError`] naming the variable, and no message ever
//! contains a secret's value.

use std::{net::IpAddr, path::PathBuf, time::Duration};

use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};

/// Telegram's Bot API, used unless `TELEGRAM_API_URL` says otherwise.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org";
const DEFAULT_MODE: &str = "webhook";
const DEFAULT_MAX_CONNECTIONS: &str = "40";
const DEFAULT_MESSAGES_PER_SECOND: &str = "30";
const DEFAULT_ACKNOWLEDGE: &str = "reaction";
const DEFAULT_TELEGRAM_TIMEOUT: &str = "60";
const DEFAULT_PORT: &str = "8443";
const DEFAULT_MAX_WAITING_PHOTOS: &str = "10";
const DEFAULT_SLOW_ANSWER_SECONDS: &str = "30";
/// The fewest characters `WEBHOOK_SECRET` may have: a guessable one would let anyone post updates
/// (`RESULTS_TOKEN`'s rule, shared with the worker, is `common::schema::is_results_token`).
pub const MIN_SECRET_CHARS: usize = 16;

/// A setting that stops the start.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    /// A required variable is unset or empty.
    #[error("setting {name} is missing: {what}")]
    Missing {
        /// The variable.
        name: &'static str,
        /// What it should hold.
        what: &'static str,
    },
    /// A variable holds something unusable.
    #[error("setting {name} is invalid: {reason}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// Why, without the value when it is a secret.
        reason: String,
    },
}

/// How updates reach the bot.
#[derive(Clone, Debug)]
pub enum Mode {
    /// Telegram POSTs updates to `{app_url}/webhook` with the secret header.
    Webhook {
        /// The public HTTPS base URL (the ALB).
        app_url: Url,
        /// The `X-Telegram-Bot-Api-Secret-Token` Telegram sends and the route checks.
        secret: SecretString,
        /// A self-signed certificate (PEM) to upload with setWebhook.
        certificate: Option<PathBuf>,
        /// At most this many connections from Telegram at once (1..=100).
        max_connections: u8,
    },
    /// The bot long-polls getUpdates: no public URL needed.
    Polling,
}

/// How a photo is acknowledged once it is queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Acknowledge {
    /// A 👀 reaction on the photo and the "sending photo" chat action: no message, so the answer is
    /// the photo's one message (Telegram allows a bot about 30 messages a second, and one a second a
    /// chat).
    #[default]
    Reaction,
    /// The course's text reply, "Got it, detecting objects…": a second message per photo.
    Message,
}

/// Where the Telegram token comes from.
#[derive(Clone, Debug)]
pub enum TokenSource {
    /// `TELEGRAM_TOKEN`.
    Plain(SecretString),
    /// `TELEGRAM_TOKEN_SECRET_ID`: a Secrets Manager secret holding the token or `{"TELEGRAM_TOKEN": "…"}`.
    SecretsManager(String),
}

/// Everything the bot reads from its environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Webhook or polling.
    pub mode: Mode,
    /// The token, or where to read it.
    pub token: TokenSource,
    /// The Bot API base URL.
    pub api_url: Url,
    /// The bucket for photos and annotated images.
    pub bucket: String,
    /// The job queue.
    pub queue_url: String,
    /// The prediction table.
    pub table: String,
    /// The shared secret the worker sends on `/results`.
    pub results_token: SecretString,
    /// The HTTP port.
    pub port: u16,
    /// Messages a second to all chats together (`TELEGRAM_MESSAGES_PER_SECOND`, default 30: Telegram's
    /// limit for bots without paid broadcasts); the per-chat limits are Telegram's.
    pub messages_per_second: u32,
    /// The longest one Bot API request may take (`TELEGRAM_TIMEOUT`, seconds, 15..=600, default 60); a
    /// send that takes longer counts as sent, since Telegram may have carried it out. At least 15:
    /// teloxide waits 10 s after Telegram's 5xx before reading its answer, and that must not time out.
    pub telegram_timeout: Duration,
    /// How a queued photo is acknowledged (`TELEGRAM_ACKNOWLEDGE`: `reaction`, the default, or `message`).
    pub acknowledge: Acknowledge,
    /// Photos one chat may have waiting for their answer (`MAX_WAITING_PHOTOS`, 1..=1000, default 10); past
    /// them its photos are refused, in words, until some are answered.
    pub max_waiting_photos: usize,
    /// Past this typical wait of the last minute's answers (`SLOW_ANSWER_SECONDS`, 5..=3600, default 30) a
    /// photo's sender is told the wait instead of a reaction.
    pub slow_answer: Duration,
}

/// What `--help` says is read from the environment only: the secrets (a flag would show them in every
/// process list) and the AWS SDK's and telemetry's variables.
pub const SECRETS_HELP: &str = "\
Environment only (secrets: never flags, and their values are never printed):
  TELEGRAM_TOKEN  The bot's token from @BotFather (or TELEGRAM_TOKEN_SECRET_ID naming a Secrets Manager secret)
  WEBHOOK_SECRET  Webhook mode: the secret Telegram sends back with each update (16-256 characters of A-Z, a-z, 0-9, _ and -)
  RESULTS_TOKEN   The secret the worker sends on POST /results (16-256 visible ASCII characters)

Also read from the environment: AWS_REGION and AWS_ENDPOINT_URL (the AWS SDK's), LOG_FORMAT (json or text), RUST_LOG.";

/// Every variable [`SettingsArgs::settings`] reads, secrets included, in the order of `polybot --help`.
pub const VARIABLES: [&str; 17] = [
    "MODE",
    "TELEGRAM_TOKEN",
    "TELEGRAM_TOKEN_SECRET_ID",
    "TELEGRAM_APP_URL",
    "WEBHOOK_SECRET",
    "TELEGRAM_CERT_FILE",
    "TELEGRAM_MAX_CONNECTIONS",
    "TELEGRAM_MESSAGES_PER_SECOND",
    "TELEGRAM_API_URL",
    "TELEGRAM_ACKNOWLEDGE",
    "TELEGRAM_TIMEOUT",
    "MAX_WAITING_PHOTOS",
    "SLOW_ANSWER_SECONDS",
    "BUCKET_NAME",
    "SQS_QUEUE_URL",
    "DYNAMODB_TABLE",
    "RESULTS_TOKEN",
];

/// The bot's settings as given, before they are checked: each flag can be given by the environment
/// variable named with it (`polybot --help` lists them). Every value is read as text and checked by
/// [`SettingsArgs::settings`], so that all the problems are reported together rather than the first.
#[derive(Clone, Debug, clap::Args)]
pub struct SettingsArgs {
    /// How updates arrive: `webhook` (Telegram calls TELEGRAM_APP_URL) or `polling` (the bot long-polls
    /// getUpdates: no public URL needed, e.g. on a laptop).
    #[arg(long, env = "MODE", default_value = DEFAULT_MODE)]
    pub mode: String,
    /// The Secrets Manager secret holding the token (plain, or JSON `{"TELEGRAM_TOKEN": "…"}`), when
    /// TELEGRAM_TOKEN is not set.
    #[arg(long, env = "TELEGRAM_TOKEN_SECRET_ID", value_name = "ID")]
    pub telegram_token_secret_id: Option<String>,
    /// Webhook mode: the bot's public HTTPS base URL; setWebhook gets `<URL>/webhook`.
    #[arg(long, env = "TELEGRAM_APP_URL", value_name = "URL")]
    pub telegram_app_url: Option<String>,
    /// Webhook mode: a self-signed certificate (PEM) to upload with setWebhook.
    #[arg(long, env = "TELEGRAM_CERT_FILE", value_name = "FILE")]
    pub telegram_cert_file: Option<String>,
    /// Webhook mode: connections Telegram may open at once (1-100).
    #[arg(long, env = "TELEGRAM_MAX_CONNECTIONS", value_name = "N", default_value = DEFAULT_MAX_CONNECTIONS)]
    pub telegram_max_connections: String,
    /// Messages a second to all chats together (1-1000; 30 is Telegram's limit without paid
    /// broadcasts); the per-chat limits are Telegram's.
    #[arg(long, env = "TELEGRAM_MESSAGES_PER_SECOND", value_name = "N", default_value = DEFAULT_MESSAGES_PER_SECOND)]
    pub telegram_messages_per_second: String,
    /// The Bot API: HTTPS, since every request carries the token (plain HTTP only to this machine,
    /// e.g. a local Bot API server or the tests' fake).
    #[arg(long, env = "TELEGRAM_API_URL", value_name = "URL", default_value = TELEGRAM_API_URL)]
    pub telegram_api_url: String,
    /// How a queued photo is acknowledged: `reaction` (👀 on the photo and the "sending photo" chat
    /// action, so the answer is the photo's only message) or `message` ("Got it, detecting objects…").
    #[arg(long, env = "TELEGRAM_ACKNOWLEDGE", value_name = "HOW", default_value = DEFAULT_ACKNOWLEDGE)]
    pub telegram_acknowledge: String,
    /// Seconds one Bot API request may take (15-600); a reply whose answer takes longer counts as sent,
    /// as Telegram may have sent it.
    #[arg(long, env = "TELEGRAM_TIMEOUT", value_name = "SECONDS", default_value = DEFAULT_TELEGRAM_TIMEOUT)]
    pub telegram_timeout: String,
    /// Photos one chat may have waiting for their answer (1-1000); past them the chat is told how many wait,
    /// and to send more once they are answered, and nothing more of it is queued.
    #[arg(long, env = "MAX_WAITING_PHOTOS", value_name = "N", default_value = DEFAULT_MAX_WAITING_PHOTOS)]
    pub max_waiting_photos: String,
    /// Seconds (5-3600): once the answers of the last minute typically waited longer, a photo is acknowledged
    /// with the expected wait in words instead of a reaction.
    #[arg(long, env = "SLOW_ANSWER_SECONDS", value_name = "SECONDS", default_value = DEFAULT_SLOW_ANSWER_SECONDS)]
    pub slow_answer_seconds: String,
    /// The S3 bucket for photos and annotated images.
    #[arg(long, env = "BUCKET_NAME")]
    pub bucket: Option<String>,
    /// The URL of the SQS job queue.
    #[arg(long, env = "SQS_QUEUE_URL", value_name = "URL")]
    pub queue_url: Option<String>,
    /// The DynamoDB prediction table.
    #[arg(long, env = "DYNAMODB_TABLE")]
    pub table: Option<String>,
    /// The HTTP port (webhook, /results, health and metrics).
    #[arg(long, env = "PORT", default_value = DEFAULT_PORT)]
    pub port: String,
}

impl SettingsArgs {
    /// Checks every setting, with the secrets read from the process environment; every problem is
    /// returned, in the order of `polybot --help`.
    pub fn settings(self) -> Result<Settings, Vec<SettingsError>> {
        self.settings_with(|name| std::env::var(name).ok())
    }

    /// Checks every setting, with the secrets read through `env` (the environment, or a map in tests).
    pub fn settings_with(self, env: impl Fn(&str) -> Option<String>) -> Result<Settings, Vec<SettingsError>> {
        let secret = |name: &str| given(env(name));
        let mut problems = Problems::default();
        let token = self.token(&mut problems, secret("TELEGRAM_TOKEN"));
        let mode = self.mode(&mut problems, secret("WEBHOOK_SECRET"));
        let telegram = self.telegram(&mut problems);
        let fairness = self.fairness(&mut problems);
        let aws = self.aws(&mut problems);
        let results_token = problems.check(
            required(
                "RESULTS_TOKEN",
                secret("RESULTS_TOKEN"),
                "the shared secret the worker sends on /results (16-256 characters)",
            )
            .and_then(results_token),
        );
        let port = problems.check(number("PORT", or_default(self.port, DEFAULT_PORT), 0..=u16::MAX));

        // A value is `None` only where its problem was recorded.
        let settings = || {
            let (api_url, messages_per_second, telegram_timeout, acknowledge) = telegram?;
            let (max_waiting_photos, slow_answer) = fairness?;
            let (bucket, queue_url, table) = aws?;
            Some(Settings {
                mode: mode?,
                token: token?,
                api_url,
                bucket,
                queue_url,
                table,
                results_token: results_token?,
                port: port?,
                messages_per_second,
                telegram_timeout,
                acknowledge,
                max_waiting_photos,
                slow_answer,
            })
        };
        match settings() {
            Some(settings) if problems.0.is_empty() => Ok(settings),
            _ => Err(problems.0),
        }
    }

    /// `TELEGRAM_TOKEN` (`plain`, from the environment only), else `TELEGRAM_TOKEN_SECRET_ID`.
    fn token(&self, problems: &mut Problems, plain: Option<String>) -> Option<TokenSource> {
        match (plain, given(self.telegram_token_secret_id.clone())) {
            (Some(token), _) => problems.check(parse_token("TELEGRAM_TOKEN", token).map(TokenSource::Plain)),
            (None, Some(id)) => Some(TokenSource::SecretsManager(id)),
            (None, None) => problems.check(Err(SettingsError::Missing {
                name: "TELEGRAM_TOKEN",
                what: "the bot's token from @BotFather (or TELEGRAM_TOKEN_SECRET_ID naming a Secrets Manager secret)",
            })),
        }
    }

    /// `MODE`, and in webhook mode what setWebhook needs (`secret`: `WEBHOOK_SECRET`, from the environment only).
    fn mode(&self, problems: &mut Problems, secret: Option<String>) -> Option<Mode> {
        match or_default(self.mode.clone(), DEFAULT_MODE).as_str() {
            "webhook" => {
                let app_url = problems.check(
                    required(
                        "TELEGRAM_APP_URL",
                        self.telegram_app_url.clone(),
                        "the bot's public HTTPS base URL, for setWebhook",
                    )
                    .and_then(|url| app_url(&url)),
                );
                let secret = problems.check(
                    required(
                        "WEBHOOK_SECRET",
                        secret,
                        "16-256 characters of A-Z, a-z, 0-9, _ and -, e.g. from `openssl rand -hex 32`",
                    )
                    .and_then(webhook_secret),
                );
                let certificate = problems.check(certificate(given(self.telegram_cert_file.clone())));
                let max_connections = problems.check(number(
                    "TELEGRAM_MAX_CONNECTIONS",
                    or_default(self.telegram_max_connections.clone(), DEFAULT_MAX_CONNECTIONS),
                    1..=100,
                ));
                Some(Mode::Webhook {
                    app_url: app_url?,
                    secret: secret?,
                    certificate: certificate?,
                    max_connections: max_connections?,
                })
            }
            "polling" => Some(Mode::Polling),
            other => {
                problems.check(Err(invalid("MODE", format!("{other:?} is neither webhook nor polling"))))
            }
        }
    }

    /// The Bot API: its URL, the messages a second, a request's timeout, and how a photo is acknowledged.
    fn telegram(&self, problems: &mut Problems) -> Option<(Url, u32, Duration, Acknowledge)> {
        let api_url = problems.check(api_url(&or_default(self.telegram_api_url.clone(), TELEGRAM_API_URL)));
        let messages_per_second = problems.check(number(
            "TELEGRAM_MESSAGES_PER_SECOND",
            or_default(self.telegram_messages_per_second.clone(), DEFAULT_MESSAGES_PER_SECOND),
            1..=1000,
        ));
        let timeout = problems.check(number(
            "TELEGRAM_TIMEOUT",
            or_default(self.telegram_timeout.clone(), DEFAULT_TELEGRAM_TIMEOUT),
            15..=600,
        ));
        let acknowledge = match or_default(self.telegram_acknowledge.clone(), DEFAULT_ACKNOWLEDGE).as_str() {
            "reaction" => Some(Acknowledge::Reaction),
            "message" => Some(Acknowledge::Message),
            other => problems.check(Err(invalid(
                "TELEGRAM_ACKNOWLEDGE",
                format!("{other:?} is neither reaction nor message"),
            ))),
        };
        Some((api_url?, messages_per_second?, Duration::from_secs(timeout?), acknowledge?))
    }

    /// What keeps one chat from crowding the others out: its waiting photos, and when its sender is told the wait.
    fn fairness(&self, problems: &mut Problems) -> Option<(usize, Duration)> {
        let max_waiting_photos = problems.check(number(
            "MAX_WAITING_PHOTOS",
            or_default(self.max_waiting_photos.clone(), DEFAULT_MAX_WAITING_PHOTOS),
            1..=1000,
        ));
        let slow_answer = problems.check(number(
            "SLOW_ANSWER_SECONDS",
            or_default(self.slow_answer_seconds.clone(), DEFAULT_SLOW_ANSWER_SECONDS),
            5..=3600,
        ));
        Some((max_waiting_photos?, Duration::from_secs(slow_answer?)))
    }

    /// Where photos, jobs and predictions live: the bucket, the queue's URL and the table.
    fn aws(&self, problems: &mut Problems) -> Option<(String, String, String)> {
        let bucket = problems.check(required(
            "BUCKET_NAME",
            self.bucket.clone(),
            "the S3 bucket for photos and annotated images",
        ));
        let queue_url =
            problems.check(required("SQS_QUEUE_URL", self.queue_url.clone(), "the URL of the SQS job queue"));
        let table =
            problems.check(required("DYNAMODB_TABLE", self.table.clone(), "the DynamoDB prediction table"));
        Some((bucket?, queue_url?, table?))
    }
}

/// The problems found so far.
#[derive(Default)]
struct Problems(Vec<SettingsError>);

impl Problems {
    /// The value, or `None` with its problem recorded.
    fn check<T>(&mut self, result: Result<T, SettingsError>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem)).ok()
    }
}

/// A value as given, trimmed; blank counts as not given.
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn required(name: &'static str, value: Option<String>, what: &'static str) -> Result<String, SettingsError> {
    given(value).ok_or(SettingsError::Missing { name, what })
}

/// A value as given, trimmed, or `default` when blank: a variable set but empty falls back to the
/// default as an unset one does (clap takes the empty text as given).
fn or_default(value: String, default: &str) -> String {
    given(Some(value)).unwrap_or_else(|| default.to_owned())
}

/// A whole number within `range`.
fn number<T>(name: &'static str, text: String, range: std::ops::RangeInclusive<T>) -> Result<T, SettingsError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    text.parse().ok().filter(|n| range.contains(n)).ok_or_else(|| {
        invalid(name, format!("{text:?} is not a whole number from {} to {}", range.start(), range.end()))
    })
}

/// `TELEGRAM_APP_URL`: Telegram only calls HTTPS webhooks.
fn app_url(value: &str) -> Result<Url, SettingsError> {
    let url = parse_url("TELEGRAM_APP_URL", value)?;
    if url.scheme() != "https" {
        return Err(invalid("TELEGRAM_APP_URL", "Telegram only calls https:// webhooks"));
    }
    Ok(url)
}

/// `TELEGRAM_CERT_FILE`: a file that exists, when given.
fn certificate(path: Option<String>) -> Result<Option<PathBuf>, SettingsError> {
    let Some(path) = path.map(PathBuf::from) else { return Ok(None) };
    if !path.is_file() {
        return Err(invalid("TELEGRAM_CERT_FILE", format!("{} is not a readable file", path.display())));
    }
    Ok(Some(path))
}

fn invalid(name: &'static str, reason: impl Into<String>) -> SettingsError {
    SettingsError::Invalid { name, reason: reason.into() }
}

fn parse_url(name: &'static str, value: &str) -> Result<Url, SettingsError> {
    let url = Url::parse(value).map_err(|error| invalid(name, format!("{value:?} is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(name, format!("{value:?} is not an http(s) URL")));
    }
    Ok(url)
}

/// `WEBHOOK_SECRET`: what Telegram allows (A-Z, a-z, 0-9, `_`, `-`, at most 256), and at least
/// [`MIN_SECRET_CHARS`] of it.
fn webhook_secret(secret: String) -> Result<SecretString, SettingsError> {
    if !(MIN_SECRET_CHARS..=256).contains(&secret.len())
        || !secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(invalid(
            "WEBHOOK_SECRET",
            format!("use {MIN_SECRET_CHARS}-256 characters of A-Z, a-z, 0-9, _ and -"),
        ));
    }
    Ok(SecretString::from(secret))
}

/// `RESULTS_TOKEN`: as [`common::schema::is_results_token`] says, the worker checking the same rule.
pub fn results_token(token: String) -> Result<SecretString, SettingsError> {
    if !common::schema::is_results_token(&token) {
        return Err(invalid("RESULTS_TOKEN", format!("use {}", common::schema::RESULTS_TOKEN_RULE)));
    }
    Ok(SecretString::from(token))
}

/// `TELEGRAM_API_URL`: HTTPS, since every request carries the token; plain HTTP only to this machine
/// (a local Bot API server, the tests' fake).
fn api_url(value: &str) -> Result<Url, SettingsError> {
    let url = parse_url("TELEGRAM_API_URL", value)?;
    let loopback = url.host_str().is_some_and(|host| {
        host == "localhost"
            || host.trim_matches(['[', ']']).parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    });
    if url.scheme() != "https" && !loopback {
        return Err(invalid(
            "TELEGRAM_API_URL",
            "the token would travel in clear text: use https:// (http:// only for localhost)",
        ));
    }
    Ok(url)
}

/// Checks the token's shape (`<bot id>:<secret>`) without ever showing it.
pub fn parse_token(name: &'static str, token: String) -> Result<SecretString, SettingsError> {
    let token = SecretString::from(token.trim().to_owned());
    let valid = token.expose_secret().split_once(':').is_some_and(|(id, secret)| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && secret.len() >= 20
            && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if valid {
        Ok(token)
    } else {
        Err(invalid(name, "a bot token looks like 123456789:AA… (bot id, colon, secret)"))
    }
}

/// The token inside a Secrets Manager value: the plain string, or the `TELEGRAM_TOKEN` of a JSON object.
pub fn token_from_secret(value: &SecretString) -> Result<SecretString, SettingsError> {
    let text = value.expose_secret().trim();
    let token = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => map
            .get("TELEGRAM_TOKEN")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| {
                invalid("TELEGRAM_TOKEN_SECRET_ID", "the secret is JSON without a TELEGRAM_TOKEN string")
            })?
            .to_owned(),
        _ => text.to_owned(),
    };
    parse_token("TELEGRAM_TOKEN_SECRET_ID", token)
}

/// The bot's numeric id: the part of the token before the colon (not secret: it is the bot's user id).
pub fn bot_id(token: &SecretString) -> u64 {
    token.expose_secret().split_once(':').and_then(|(id, _)| id.parse().ok()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use clap::{Args, FromArgMatches};

    use super::*;

    const TOKEN: &str = "123456:AAbbccddeeffgghhiijjkkll-_mm";
    const SECRETS: [&str; 3] = ["TELEGRAM_TOKEN", "WEBHOOK_SECRET", "RESULTS_TOKEN"];

    /// The settings from these variables over a valid set: the secrets through the lookup, the others
    /// as the flags clap reads them from (this process's environment is not read).
    fn env(pairs: &[(&str, &str)]) -> Result<Settings, Vec<SettingsError>> {
        let vars: HashMap<String, String> = [
            ("TELEGRAM_TOKEN", TOKEN),
            ("TELEGRAM_APP_URL", "https://bot.example.com:8443"),
            ("WEBHOOK_SECRET", "s3cr3t_-0123456789"),
            ("BUCKET_NAME", "b"),
            ("SQS_QUEUE_URL", "http://q"),
            ("DYNAMODB_TABLE", "t"),
            ("RESULTS_TOKEN", "r3sults!token#0123"),
        ]
        .iter()
        .chain(pairs)
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let command = SettingsArgs::augment_args(clap::Command::new("polybot")).mut_args(|arg| arg.env(None));
        let flag = |name: &str| {
            let arg = SettingsArgs::augment_args(clap::Command::new("polybot"))
                .get_arguments()
                .find(|arg| arg.get_env().is_some_and(|env| env == name))
                .and_then(|arg| arg.get_long().map(str::to_owned));
            arg.unwrap_or_else(|| panic!("{name} is a flag"))
        };
        let mut argv = vec!["polybot".to_owned()];
        for (name, value) in vars.iter().filter(|(name, _)| !SECRETS.contains(&name.as_str())) {
            argv.push(format!("--{}={value}", flag(name)));
        }
        let matches = command.try_get_matches_from(argv).expect("clap takes any text");
        let args = SettingsArgs::from_arg_matches(&matches).expect("the arguments");
        args.settings_with(|name| SECRETS.contains(&name).then(|| vars.get(name).cloned()).flatten())
    }

    /// The one problem of settings that have one.
    fn problem(pairs: &[(&str, &str)]) -> SettingsError {
        let mut problems = env(pairs).expect_err("a problem");
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.remove(0)
    }

    #[test]
    fn defaults_are_webhook_mode_on_8443_against_telegram() {
        let settings = env(&[]).expect("valid");
        assert!(matches!(settings.mode, Mode::Webhook { max_connections: 40, certificate: None, .. }));
        assert_eq!(settings.port, 8443);
        assert_eq!(settings.api_url.as_str(), "https://api.telegram.org/");
        assert_eq!(settings.messages_per_second, 30);
        assert_eq!(settings.telegram_timeout, Duration::from_secs(60));
        assert_eq!(settings.acknowledge, Acknowledge::Reaction);
        assert_eq!(settings.max_waiting_photos, 10);
        assert_eq!(settings.slow_answer, Duration::from_secs(30));
        assert_eq!(env(&[("MAX_WAITING_PHOTOS", "1")]).expect("valid").max_waiting_photos, 1);
        assert_eq!(
            env(&[("TELEGRAM_ACKNOWLEDGE", "message")]).expect("valid").acknowledge,
            Acknowledge::Message
        );
        assert_eq!(bot_id(&parse_token("T", TOKEN.into()).expect("valid")), 123_456);
    }

    #[test]
    fn blank_values_fall_back_to_the_defaults() {
        let blank = ["MODE", "TELEGRAM_MAX_CONNECTIONS", "TELEGRAM_API_URL", "TELEGRAM_TIMEOUT", "PORT"]
            .map(|name| (name, " "));
        let settings = env(&blank).expect("valid");
        assert!(matches!(settings.mode, Mode::Webhook { max_connections: 40, .. }));
        assert_eq!((settings.port, settings.telegram_timeout.as_secs()), (8443, 60));
    }

    #[test]
    fn each_missing_setting_is_named() {
        for name in [
            "TELEGRAM_APP_URL",
            "WEBHOOK_SECRET",
            "BUCKET_NAME",
            "SQS_QUEUE_URL",
            "DYNAMODB_TABLE",
            "RESULTS_TOKEN",
        ] {
            let error = problem(&[(name, " ")]);
            assert!(matches!(error, SettingsError::Missing { name: n, .. } if n == name), "{error}");
            assert!(error.to_string().starts_with(&format!("setting {name} is missing: ")));
        }
        let error = problem(&[("TELEGRAM_TOKEN", "")]);
        assert!(error.to_string().contains("TELEGRAM_TOKEN_SECRET_ID"), "{error}");
        let from_secrets_manager =
            env(&[("TELEGRAM_TOKEN", ""), ("TELEGRAM_TOKEN_SECRET_ID", "polybot/token")]);
        assert!(
            matches!(from_secrets_manager.expect("valid").token, TokenSource::SecretsManager(id) if id == "polybot/token")
        );
    }

    #[test]
    fn polling_mode_needs_no_public_url_or_webhook_secret() {
        let settings =
            env(&[("MODE", "polling"), ("TELEGRAM_APP_URL", ""), ("WEBHOOK_SECRET", "")]).expect("valid");
        assert!(matches!(settings.mode, Mode::Polling));
    }

    #[test]
    fn invalid_values_are_named_and_secrets_are_not_shown() {
        let cases = [
            ("MODE", "push"),
            ("TELEGRAM_APP_URL", "http://bot.example.com"),
            ("TELEGRAM_APP_URL", "not a url"),
            ("TELEGRAM_API_URL", "ftp://x"),
            ("WEBHOOK_SECRET", "has space"),
            ("PORT", "70000"),
            ("PORT", "http"),
            ("TELEGRAM_MAX_CONNECTIONS", "0"),
            ("TELEGRAM_CERT_FILE", "/nonexistent/cert.pem"),
            ("TELEGRAM_MESSAGES_PER_SECOND", "0"),
            ("TELEGRAM_TIMEOUT", "10"),
            ("TELEGRAM_TIMEOUT", "601"),
            ("TELEGRAM_ACKNOWLEDGE", "shout"),
            ("MAX_WAITING_PHOTOS", "0"),
            ("MAX_WAITING_PHOTOS", "1001"),
            ("MAX_WAITING_PHOTOS", "ten"),
            ("SLOW_ANSWER_SECONDS", "4"),
        ];
        for (name, value) in cases {
            let error = problem(&[(name, value)]);
            assert!(matches!(error, SettingsError::Invalid { name: n, .. } if n == name), "{name}: {error}");
        }
        let bad_token = "123456:short-secret-value";
        let error = problem(&[("TELEGRAM_TOKEN", bad_token)]);
        assert!(!error.to_string().contains("short-secret-value"), "{error}");
    }

    #[test]
    fn every_problem_is_reported_at_once_one_line_each() {
        let problems = env(&[
            ("TELEGRAM_TOKEN", "123456:short-secret-value"),
            ("MODE", "webhook"),
            ("TELEGRAM_APP_URL", "http://bot.example.com"),
            ("WEBHOOK_SECRET", "only-15-chars-x"),
            ("TELEGRAM_CERT_FILE", "/nonexistent/cert.pem"),
            ("TELEGRAM_MAX_CONNECTIONS", "101"),
            ("TELEGRAM_API_URL", "http://10.0.0.5:8081"),
            ("TELEGRAM_MESSAGES_PER_SECOND", "many"),
            ("TELEGRAM_TIMEOUT", "10"),
            ("TELEGRAM_ACKNOWLEDGE", "shout"),
            ("BUCKET_NAME", ""),
            ("SQS_QUEUE_URL", ""),
            ("DYNAMODB_TABLE", ""),
            ("RESULTS_TOKEN", "short"),
            ("PORT", "-1"),
        ])
        .expect_err("problems");
        let names: Vec<_> = problems
            .iter()
            .map(|problem| match problem {
                SettingsError::Missing { name, .. } | SettingsError::Invalid { name, .. } => *name,
            })
            .collect();
        assert_eq!(
            names,
            [
                "TELEGRAM_TOKEN",
                "TELEGRAM_APP_URL",
                "WEBHOOK_SECRET",
                "TELEGRAM_CERT_FILE",
                "TELEGRAM_MAX_CONNECTIONS",
                "TELEGRAM_API_URL",
                "TELEGRAM_MESSAGES_PER_SECOND",
                "TELEGRAM_TIMEOUT",
                "TELEGRAM_ACKNOWLEDGE",
                "BUCKET_NAME",
                "SQS_QUEUE_URL",
                "DYNAMODB_TABLE",
                "RESULTS_TOKEN",
                "PORT",
            ]
        );
        for problem in &problems {
            let line = problem.to_string();
            assert!(!line.contains('\n'), "one line: {line}");
            for secret in ["short-secret-value", "only-15-chars-x", "short"] {
                assert!(!line.contains(secret), "{line}");
            }
        }
    }

    #[test]
    fn settings_that_weaken_security_are_refused() {
        for (name, value) in [
            ("WEBHOOK_SECRET", "x"),
            ("WEBHOOK_SECRET", "only-15-chars-x"),
            ("RESULTS_TOKEN", "short"),
            ("RESULTS_TOKEN", "has a space in it somewhere"),
            ("TELEGRAM_API_URL", "http://api.telegram.org"),
            ("TELEGRAM_API_URL", "http://10.0.0.5:8081"),
        ] {
            let error = problem(&[(name, value)]);
            assert!(matches!(error, SettingsError::Invalid { name: n, .. } if n == name), "{name}: {error}");
            assert!(!error.to_string().contains(value), "the value is not shown: {error}");
        }
        for local in ["http://127.0.0.1:8081", "http://localhost:8081/", "http://[::1]:8081"] {
            assert_eq!(env(&[("TELEGRAM_API_URL", local)]).expect(local).api_url.scheme(), "http");
        }
        let sixteen = env(&[("WEBHOOK_SECRET", "exactly-16-chars"), ("RESULTS_TOKEN", "exactly-16-chars")]);
        assert!(sixteen.is_ok(), "{sixteen:?}");
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let settings = env(&[]).expect("valid");
        let debug = format!("{settings:?}");
        for secret in [TOKEN, "s3cr3t_-0123456789", "r3sults!token#0123"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(!debug.contains("AAbbccddeeff"), "not even the token's secret part: {debug}");
    }

    #[test]
    fn the_secret_holds_the_token_plain_or_as_json() {
        let plain = token_from_secret(&SecretString::from(format!("{TOKEN}\n"))).expect("plain");
        assert_eq!(plain.expose_secret(), TOKEN);
        let json = token_from_secret(&SecretString::from(format!(r#"{{"TELEGRAM_TOKEN": "{TOKEN}"}}"#)))
            .expect("json");
        assert_eq!(json.expose_secret(), TOKEN);
        let error =
            token_from_secret(&SecretString::from(r#"{"token": "x"}"#.to_owned())).expect_err("wrong key");
        assert!(error.to_string().contains("TELEGRAM_TOKEN"), "{error}");
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

            /// Any text in any setting gives settings or problems that each name a variable set here; never a
            /// panic, and never a secret's value in a message.
            #[test]
            fn any_values_give_settings_or_named_problems(
                values in proptest::collection::vec((0..VARIABLES.len(), "\\PC{0,40}|[0-9:/.a-z_-]{0,30}"), 1..5),
            ) {
                let pairs: Vec<(&str, &str)> = values.iter().map(|(name, value)| (VARIABLES[*name], value.as_str())).collect();
                if let Err(problems) = env(&pairs) {
                    prop_assert!(!problems.is_empty());
                    for problem in &problems {
                        let (SettingsError::Missing { name, .. } | SettingsError::Invalid { name, .. }) = problem;
                        prop_assert!(VARIABLES.contains(name), "{problem}");
                        for (set, value) in &pairs {
                            if SECRETS.contains(set) && value.trim().len() >= 12 {
                                prop_assert!(!problem.to_string().contains(value.trim()), "{problem} shows {set}");
                            }
                        }
                    }
                }
            }
        }
    }
}
