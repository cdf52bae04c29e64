//! An [`ObjectStore`](super::ObjectStore) in memory, for tests: compiled only with the `testing` feature,
//! never into a service.

use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
};

use async_trait::async_trait;
use bytes::Bytes;

use super::*;

/// An [`ObjectStore`] in memory, for tests.
#[derive(Debug, Default)]
pub struct MemoryObjectStore {
    objects: Mutex<HashMap<String, StoredObject>>,
    refused: Mutex<Option<String>>,
}

/// An object kept by [`MemoryObjectStore`].
#[derive(Clone, Debug, PartialEq)]
pub struct StoredObject {
    /// The object's bytes.
    pub body: Bytes,
    /// The content type it was stored with.
    pub content_type: String,
}

impl MemoryObjectStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The object under `key` with its content type, if any.
    pub fn object(&self, key: &str) -> Option<StoredObject> {
        self.lock().get(key).cloned()
    }

    /// From now on refuses every put under `prefix`, as a store out of reach would.
    pub fn refuse_puts_under(&self, prefix: &str) {
        *self.refused.lock().unwrap_or_else(PoisonError::into_inner) = Some(prefix.to_owned());
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<_> = self.lock().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, StoredObject>> {
        self.objects.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl ObjectStore for MemoryObjectStore {
    async fn put(&self, key: &str, body: Bytes, content_type: &str) -> Result<(), StoreError> {
        let refused = self.refused.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if refused.is_some_and(|prefix| key.starts_with(&prefix)) {
            return Err(StoreError::Backend {
                key: key.to_owned(),
                message: "refused by the test".to_owned(),
            });
        }
        let object = StoredObject { body, content_type: content_type.to_owned() };
        self.lock().insert(key.to_owned(), object);
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Bytes, StoreError> {
        self.object(key).map(|object| object.body).ok_or_else(|| StoreError::NotFound { key: key.to_owned() })
    }
}
