use common::{
    store::{ObjectStore, StoreError},
    testing::Options,
};

use crate::provision;

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
