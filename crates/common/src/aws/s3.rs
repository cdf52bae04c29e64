use async_trait::async_trait;
use aws_sdk_s3::{Client, primitives::ByteStream};
use bytes::Bytes;

use super::describe;
use crate::store::{ObjectStore, StoreError};

/// An S3 bucket as an [`ObjectStore`].
#[derive(Clone, Debug)]
pub struct S3ObjectStore {
    client: Client,
    bucket: String,
}

impl S3ObjectStore {
    pub(super) fn new(client: Client, bucket: &str) -> Self {
        Self { client, bucket: bucket.to_owned() }
    }

    fn backend(&self, key: &str, error: &(dyn std::error::Error + 'static)) -> StoreError {
        StoreError::Backend { key: format!("s3://{}/{key}", self.bucket), message: describe(error) }
    }
}

#[async_trait]
impl ObjectStore for S3ObjectStore {
    async fn put(&self, key: &str, body: Bytes, content_type: &str) -> Result<(), StoreError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|error| self.backend(key, &error))?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Bytes, StoreError> {
        let output =
            self.client.get_object().bucket(&self.bucket).key(key).send().await.map_err(|error| {
                if error.as_service_error().is_some_and(|e| e.is_no_such_key()) {
                    StoreError::NotFound { key: key.to_owned() }
                } else {
                    self.backend(key, &error)
                }
            })?;
        let body = output.body.collect().await.map_err(|error| self.backend(key, &error))?;
        Ok(body.into_bytes())
    }
}
