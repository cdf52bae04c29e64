//! The `polybot` binary's command line: its help, its settings' problems, and its health check.

use std::process::{Command, Output};

use crate::helpers::{RESULTS_TOKEN, TOKEN, TOKEN_SECRET, WEBHOOK_SECRET, spawn_app};

/// What the bot also reads from the environment, beside its settings (`polybot::settings::VARIABLES`): the AWS
/// SDK's and telemetry's variables, which `polybot --help` names too.
const ALSO_READ: [&str; 4] = ["AWS_REGION", "AWS_ENDPOINT_URL", "LOG_FORMAT", "RUST_LOG"];

/// Runs `polybot` with `args` and only the variables in `env`.
fn polybot(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polybot"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .expect("polybot runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_lists_every_setting_with_its_default_and_never_a_secret() {
    let secrets =
        [("TELEGRAM_TOKEN", TOKEN), ("WEBHOOK_SECRET", WEBHOOK_SECRET), ("RESULTS_TOKEN", RESULTS_TOKEN)];
    for args in [&["--help"][..], &["serve", "--help"]] {
        let output = polybot(args, &[secrets.as_slice(), &[("BUCKET_NAME", "photos-bucket")]].concat());
        assert!(output.status.success(), "{output:?}");
        let help = text(&output.stdout);
        for name in polybot::settings::VARIABLES.iter().chain(&ALSO_READ) {
            assert!(help.contains(name), "{args:?} names {name}:\n{help}");
        }
        for default in
            ["[default: webhook]", "[default: 8443]", "[default: 60]", "[default: https://api.telegram.org]"]
        {
            assert!(help.contains(default), "{default}:\n{help}");
        }
        assert!(help.contains("BUCKET_NAME=photos-bucket"), "a setting's value shows:\n{help}");
        for (name, secret) in secrets {
            assert!(!help.contains(secret), "{name}'s value shows:\n{help}");
        }
        assert!(!help.contains(TOKEN_SECRET));
    }
}

#[test]
fn every_bad_setting_is_reported_at_once_one_line_each_with_exit_code_2() {
    let bad_token = "4242:AAtoo-short-secret";
    let env = [
        ("TELEGRAM_TOKEN", bad_token),
        ("WEBHOOK_SECRET", "webhook-15chars"),
        ("TELEGRAM_APP_URL", "http://bot.example.com"),
        ("TELEGRAM_TIMEOUT", "5"),
        ("TELEGRAM_ACKNOWLEDGE", "shout"),
        ("RESULTS_TOKEN", "results-short"),
        ("PORT", "99999"),
    ];
    for args in [&[][..], &["serve"]] {
        let output = polybot(args, &env);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let errors = text(&output.stderr);
        let lines: Vec<_> = errors.lines().collect();
        let named = [
            ("TELEGRAM_TOKEN", "invalid"),
            ("TELEGRAM_APP_URL", "invalid"),
            ("WEBHOOK_SECRET", "invalid"),
            ("TELEGRAM_TIMEOUT", "invalid"),
            ("TELEGRAM_ACKNOWLEDGE", "invalid"),
            ("BUCKET_NAME", "missing"),
            ("SQS_QUEUE_URL", "missing"),
            ("DYNAMODB_TABLE", "missing"),
            ("RESULTS_TOKEN", "invalid"),
            ("PORT", "invalid"),
        ];
        assert_eq!(lines.len(), named.len(), "one line each:\n{errors}");
        for (line, (name, what)) in lines.iter().zip(named) {
            assert!(line.starts_with(&format!("error: setting {name} is {what}: ")), "{name}: {line}");
        }
        for secret in [bad_token, "AAtoo-short-secret", "webhook-15chars", "results-short"] {
            assert!(!errors.contains(secret), "a secret shows:\n{errors}");
        }
    }
}

#[tokio::test]
async fn the_health_check_needs_no_other_setting() {
    let app = spawn_app().await;
    let port = app.address.rsplit(':').next().expect("a port").to_owned();
    let check = |env: &'static [(&'static str, &'static str)]| {
        let port = port.clone();
        tokio::task::spawn_blocking(move || polybot(&["healthcheck", "--port", &port], env))
    };
    // Settings that would stop the bot do not stop its health check.
    let healthy = check(&[("TELEGRAM_TIMEOUT", "5"), ("MODE", "push")]).await.expect("joined");
    assert!(healthy.status.success(), "{healthy:?}");
    let from_env = tokio::task::spawn_blocking(move || polybot(&["healthcheck"], &[("PORT", "1")]));
    assert_eq!(from_env.await.expect("joined").status.code(), Some(1), "nothing answers on port 1");
}
