use bytes::Bytes;
use common::{
    store::{ObjectStore, StoreError},
    testing::Options,
};

use crate::provision;

#[tokio::test]
async fn moto_s3_stores_and_returns_an_object() {
    let resources = provision(Options::default()).await;
    let store = resources.aws.object_store(&resources.bucket);
    let body = Bytes::from((0..=255u8).cycle().take(100_000).collect::<Vec<_>>());
    store.put("photos/1/a.jpg", body.clone(), "image/jpeg").await.expect("put");
    assert_eq!(store.get("photos/1/a.jpg").await.expect("get"), body);
}

#[tokio::test]
async fn moto_s3_put_replaces_what_was_there() {
    let resources = provision(Options::default()).await;
    let store = resources.aws.object_store(&resources.bucket);
    store.put("photos/1/b.jpg", Bytes::from_static(b"first"), "image/jpeg").await.expect("put");
    store.put("photos/1/b.jpg", Bytes::from_static(b"again"), "image/jpeg").await.expect("put again");
    assert_eq!(store.get("photos/1/b.jpg").await.expect("get"), Bytes::from_static(b"again"));
}

#[tokio::test]
async fn moto_s3_missing_object_is_not_found() {
    let resources = provision(Options::default()).await;
    let store = resources.aws.object_store(&resources.bucket);
    let error = store.get("photos/1/missing.jpg").await.expect_err("missing");
    assert!(matches!(&error, StoreError::NotFound { key } if key == "photos/1/missing.jpg"), "{error}");
}

#[tokio::test]
async fn moto_s3_missing_bucket_is_a_backend_error_naming_it() {
    let resources = provision(Options::default()).await;
    let store = resources.aws.object_store("no-such-bucket-polybot");
    let error = store.get("a").await.expect_err("no bucket");
    assert!(
        matches!(&error, StoreError::Backend { key, .. } if key == "s3://no-such-bucket-polybot/a"),
        "{error}"
    );
}
