//! What the Polybot services share: the messages and records they exchange ([`schema`]), what a user may ask
//! with a photo ([`question`]),
//! one trait per outside service with an in-memory fake ([`store`], [`queue`], [`table`], [`secrets`]),
//! the AWS implementations of those traits ([`aws`]), the one retry policy ([`retry`]), and the
//! process plumbing ([`telemetry`], [`shutdown`]).
//!
//! AWS SDK types never leave this crate: the services see only the traits and [`aws::Aws`].

pub mod aws;
pub mod http;
pub mod question;
pub mod queue;
pub mod retry;
pub mod schema;
pub mod secrets;
pub mod shutdown;
pub mod store;
pub mod table;
pub mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
