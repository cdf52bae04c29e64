//! The object store: photos and annotated images, by key.

use async_trait::async_trait;
use bytes::Bytes;

/// Why an object store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// There is no object under the key.
    #[error("object {key} not found")]
    NotFound {
        /// The key asked for.
        key: String,
    },
    /// The store refused the call or could not be reached.
    #[error("object store call on {key} failed: {message}")]
    Backend {
        /// The key of the call.
        key: String,
        /// What the store said, with its context.
        message: String,
    },
}

/// Bytes by key: S3 in production, `MemoryObjectStore` in tests (the `testing` feature).
#[async_trait]
pub trait ObjectStore: Send + Sync + 'static {
    /// Stores `body` under `key`, replacing what was there. Writing the same bytes again is harmless,
    /// which is what makes a retried write (its answer lost) safe.
    async fn put(&self, key: &str, body: Bytes, content_type: &str) -> Result<(), StoreError>;

    /// The object under `key`, or [`StoreError::NotFound`].
    async fn get(&self, key: &str) -> Result<Bytes, StoreError>;
}

#[cfg(any(test, feature = "testing"))]
mod memory;
#[cfg(any(test, feature = "testing"))]
pub use memory::{MemoryObjectStore, StoredObject};

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_store_keeps_what_it_is_given() {
        let store = MemoryObjectStore::new();
        store.put("a/b.jpg", Bytes::from_static(b"jpeg"), "image/jpeg").await.expect("put");
        assert_eq!(store.get("a/b.jpg").await.expect("get"), Bytes::from_static(b"jpeg"));
        assert_eq!(store.object("a/b.jpg").expect("kept").content_type, "image/jpeg");
        assert!(matches!(store.get("a/c.jpg").await, Err(StoreError::NotFound { key }) if key == "a/c.jpg"));
        store.put("a/b.jpg", Bytes::from_static(b"other"), "image/png").await.expect("put");
        assert_eq!(store.object("a/b.jpg").expect("kept").body, Bytes::from_static(b"other"), "replaced");
    }
}
