//! The bot's HTTP API against a fake Bot API: with memory fakes for AWS, and once on moto.

mod helpers;
mod moto;
mod results;
mod webhook;
