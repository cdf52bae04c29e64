//! The secret source: the Telegram token, read once at start.

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

/// Secret strings by id: Secrets Manager in production, `MemorySecrets` in tests (the `testing` feature).
#[async_trait]
pub trait SecretSource: Send + Sync + 'static {
    /// The secret's string value.
    async fn get(&self, id: &str) -> Result<SecretString, SecretError>;
}

#[cfg(any(test, feature = "testing"))]
mod memory;
#[cfg(any(test, feature = "testing"))]
pub use memory::MemorySecrets;
