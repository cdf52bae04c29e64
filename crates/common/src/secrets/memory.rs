//! A [`SecretSource`](super::SecretSource) in memory, for tests: compiled only with the `testing` feature,
//! never into a service.

use std::collections::HashMap;

use async_trait::async_trait;
use secrecy::SecretString;

use super::*;

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
