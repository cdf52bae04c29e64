//! The secret source: the Telegram token, read once at start.

use std::collections::HashMap;

use async_trait::async_trait;
use secrecy::SecretString;

/// Why a secret could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No secret has this id.
    #[error("secret {id} not found")]
    NotFound {
        /// The secret id asked for.
        id: String,
    },
    /// The secret exists but holds no string (a binary secret).
    #[error("secret {id} holds no string value")]
    NotAString {
        /// The secret id asked for.
        id: String,
    },
    /// The secret service refused the call or could not be reached.
    #[error("reading secret {id} failed: {message}")]
    Backend {
        /// The secret id asked for.
        id: String,
        /// What the service said, with its context.
        message: String,
    },
}

/// Secret strings by id: Secrets Manager in production, [`MemorySecrets`] in tests.
#[async_trait]
pub trait SecretSource: Send + Sync + 'static {
    /// The secret's string value.
    async fn get(&self, id: &str) -> Result<SecretString, SecretError>;
}

/// A [`SecretSource`] in memory, for tests.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    secrets: HashMap<String, String>,
}

impl MemorySecrets {
    /// A source holding the given `(id, value)` pairs.
    pub fn new<'a>(secrets: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let secrets = secrets.into_iter().map(|(id, value)| (id.to_owned(), value.to_owned())).collect();
        Self { secrets }
    }
}

#[async_trait]
impl SecretSource for MemorySecrets {
    async fn get(&self, id: &str) -> Result<SecretString, SecretError> {
        self.secrets
            .get(id)
            .map(|value| SecretString::from(value.as_str()))
            .ok_or_else(|| SecretError::NotFound { id: id.to_owned() })
    }
}
