use async_trait::async_trait;
use aws_sdk_secretsmanager::Client;
use secrecy::SecretString;

use super::describe;
use crate::secrets::{SecretError, SecretSource};

/// AWS Secrets Manager as a [`SecretSource`].
#[derive(Clone, Debug)]
pub struct SecretsManagerSource {
    client: Client,
}

impl SecretsManagerSource {
    pub(super) fn new(client: Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl SecretSource for SecretsManagerSource {
    async fn get(&self, id: &str) -> Result<SecretString, SecretError> {
        let output = self.client.get_secret_value().secret_id(id).send().await.map_err(|error| {
            if error.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) {
                SecretError::NotFound { id: id.to_owned() }
            } else {
                SecretError::Backend { id: id.to_owned(), message: describe(&error) }
            }
        })?;
        let value = output.secret_string.ok_or_else(|| SecretError::NotAString { id: id.to_owned() })?;
        Ok(SecretString::from(value))
    }
}
