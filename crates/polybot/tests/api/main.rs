//! The bot against a fake Bot API: its HTTP API with memory fakes for AWS (and once on moto), and its
//! command line as a process.

mod cli;
mod fairness;
mod groups;
mod helpers;
mod languages;
mod moto;
mod questions;
mod results;
mod videos;
mod webhook;
