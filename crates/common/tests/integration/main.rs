//! The integration tests of `common`: the schema fixtures, what every store, queue and table must do on the
//! in-memory fakes and on a real `moto_server` (`contract`), and what only the AWS wrappers do (the `moto_`
//! modules; `make venv` installs moto).

mod contract;
mod moto_secrets;
mod moto_store;
mod schema_fixtures;

use common::testing::{MotoServer, Options, Resources};

/// Fresh resources on the shared server.
async fn provision(options: Options) -> Resources {
    MotoServer::shared().provision("common", options).await
}
