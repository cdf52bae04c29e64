//! The bot's settings, read from the environment once at start.
//!
//! Every problem is reported as one [`SettingsError`] naming the variable, and no message ever
//! contains a secret's value.

use std::{net::IpAddr, path::PathBuf, time::Duration};

use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};

/// Telegram's Bot API, used unless `TELEGRAM_API_URL` says otherwise.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org";
/// The fewest characters a shared secret (`WEBHOOK_SECRET`, `RESULTS_TOKEN`) may have: a guessable one
/// would let anyone post updates or results.
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
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let get = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let require =
            |name: &'static str, what: &'static str| get(name).ok_or(SettingsError::Missing { name, what });

        let token = match (get("TELEGRAM_TOKEN"), get("TELEGRAM_TOKEN_SECRET_ID")) {
            (Some(token), _) => TokenSource::Plain(parse_token("TELEGRAM_TOKEN", token)?),
            (None, Some(id)) => TokenSource::SecretsManager(id),
            (None, None) => {
                return Err(SettingsError::Missing {
                    name: "TELEGRAM_TOKEN",
                    what: "the bot's token from @BotFather (or TELEGRAM_TOKEN_SECRET_ID naming a Secrets Manager secret)",
                });
            }
        };
        let mode = match get("MODE").as_deref().unwrap_or("webhook") {
            "webhook" => {
                let app_url = parse_url(
                    "TELEGRAM_APP_URL",
                    &require("TELEGRAM_APP_URL", "the bot's public HTTPS base URL, for setWebhook")?,
                )?;
                if app_url.scheme() != "https" {
                    return Err(invalid("TELEGRAM_APP_URL", "Telegram only calls https:// webhooks"));
                }
                let secret = webhook_secret(require(
                    "WEBHOOK_SECRET",
                    "16-256 characters of A-Z, a-z, 0-9, _ and -, e.g. from `openssl rand -hex 32`",
                )?)?;
                let certificate = get("TELEGRAM_CERT_FILE").map(PathBuf::from);
                if let Some(path) = &certificate
                    && !path.is_file()
                {
                    return Err(invalid(
                        "TELEGRAM_CERT_FILE",
                        format!("{} is not a readable file", path.display()),
                    ));
                }
                let max_connections = match get("TELEGRAM_MAX_CONNECTIONS") {
                    None => 40,
                    Some(n) => n.parse().ok().filter(|n| (1..=100).contains(n)).ok_or_else(|| {
                        invalid("TELEGRAM_MAX_CONNECTIONS", format!("{n:?} is not 1..=100"))
                    })?,
                };
                Mode::Webhook { app_url, secret, certificate, max_connections }
            }
            "polling" => Mode::Polling,
            other => return Err(invalid("MODE", format!("{other:?} is neither webhook nor polling"))),
        };
        let api_url = api_url(&get("TELEGRAM_API_URL").unwrap_or(TELEGRAM_API_URL.into()))?;
        let port = match get("PORT") {
            None => 8443,
            Some(port) => {
                port.parse().map_err(|_| invalid("PORT", format!("{port:?} is not a port number")))?
            }
        };
        let messages_per_second =
            match get("TELEGRAM_MESSAGES_PER_SECOND") {
                None => 30,
                Some(n) => n.parse().ok().filter(|n| (1..=1000).contains(n)).ok_or_else(|| {
                    invalid("TELEGRAM_MESSAGES_PER_SECOND", format!("{n:?} is not 1..=1000"))
                })?,
            };
        let telegram_timeout = match get("TELEGRAM_TIMEOUT") {
            None => Duration::from_secs(60),
            Some(n) => n
                .parse()
                .ok()
                .filter(|n| (15..=600).contains(n))
                .map(Duration::from_secs)
                .ok_or_else(|| invalid("TELEGRAM_TIMEOUT", format!("{n:?} is not 15..=600 seconds")))?,
        };
        let acknowledge = match get("TELEGRAM_ACKNOWLEDGE").as_deref() {
            None | Some("reaction") => Acknowledge::Reaction,
            Some("message") => Acknowledge::Message,
            Some(other) => {
                return Err(invalid(
                    "TELEGRAM_ACKNOWLEDGE",
                    format!("{other:?} is neither reaction nor message"),
                ));
            }
        };
        Ok(Self {
            acknowledge,
            messages_per_second,
            telegram_timeout,
            mode,
            token,
            api_url,
            bucket: require("BUCKET_NAME", "the S3 bucket for photos and annotated images")?,
            queue_url: require("SQS_QUEUE_URL", "the URL of the SQS job queue")?,
            table: require("DYNAMODB_TABLE", "the DynamoDB prediction table")?,
            results_token: results_token(require(
                "RESULTS_TOKEN",
                "the shared secret the worker sends on /results (16-256 characters)",
            )?)?,
            port,
        })
    }
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

/// `RESULTS_TOKEN`: a header value (visible ASCII) of at least [`MIN_SECRET_CHARS`].
pub fn results_token(token: String) -> Result<SecretString, SettingsError> {
    if !(MIN_SECRET_CHARS..=256).contains(&token.len()) || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid(
            "RESULTS_TOKEN",
            format!("use {MIN_SECRET_CHARS}-256 visible ASCII characters, e.g. from `openssl rand -hex 32`"),
        ));
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

    use super::*;

    const TOKEN: &str = "123456:AAbbccddeeffgghhiijjkkll-_mm";

    fn env(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let map: HashMap<String, String> = [
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
        Settings::from_lookup(|name| map.get(name).cloned())
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
        assert_eq!(
            env(&[("TELEGRAM_ACKNOWLEDGE", "message")]).expect("valid").acknowledge,
            Acknowledge::Message
        );
        assert_eq!(bot_id(&parse_token("T", TOKEN.into()).expect("valid")), 123_456);
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
            let error = env(&[(name, " ")]).expect_err(name);
            assert!(matches!(error, SettingsError::Missing { name: n, .. } if n == name), "{error}");
            assert!(error.to_string().starts_with(&format!("setting {name} is missing: ")));
        }
        let error = env(&[("TELEGRAM_TOKEN", "")]).expect_err("no token");
        assert!(error.to_string().contains("TELEGRAM_TOKEN_SECRET_ID"), "{error}");
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
            ("TELEGRAM_MAX_CONNECTIONS", "0"),
            ("TELEGRAM_CERT_FILE", "/nonexistent/cert.pem"),
            ("TELEGRAM_MESSAGES_PER_SECOND", "0"),
            ("TELEGRAM_TIMEOUT", "10"),
            ("TELEGRAM_ACKNOWLEDGE", "shout"),
        ];
        for (name, value) in cases {
            let error = env(&[(name, value)]).expect_err(name);
            assert!(matches!(error, SettingsError::Invalid { name: n, .. } if n == name), "{name}: {error}");
        }
        let bad_token = "123456:short-secret-value";
        let error = env(&[("TELEGRAM_TOKEN", bad_token)]).expect_err("bad token");
        assert!(!error.to_string().contains("short-secret-value"), "{error}");
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
            let error = env(&[(name, value)]).expect_err(name);
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
}
