//! The integration tests of `common`: the schema fixtures, and every AWS wrapper against a real
//! `moto_server` (the `moto_` modules; `make venv` installs moto).

mod moto_queue;
mod moto_secrets;
mod moto_store;
mod moto_table;
mod schema_fixtures;

use common::testing::{MotoServer, Options, Resources};

/// Fresh resources on the shared server.
async fn provision(options: Options) -> Resources {
    MotoServer::shared().provision("common", options).await
}
