use common::{
    secrets::{SecretError, SecretSource},
    testing::Options,
};
use secrecy::ExposeSecret;

use crate::provision;

#[tokio::test]
async fn moto_secret_is_read() {
    let options = Options { telegram_token: "42:secret-value".to_owned(), ..Options::default() };
    let resources = provision(options).await;
    let secret = resources.aws.secrets().get(&resources.token_secret_id).await.expect("get");
    assert_eq!(secret.expose_secret(), "42:secret-value");
}

#[tokio::test]
async fn moto_missing_secret_is_not_found() {
    let resources = provision(Options::default()).await;
    let error = resources.aws.secrets().get("polybot/no-such-secret").await.expect_err("missing");
    assert!(matches!(&error, SecretError::NotFound { id } if id == "polybot/no-such-secret"), "{error}");
}
