//! The Telegram bot: takes photos from chats (webhook or long polling), stores them and queues a
//! detection job ([`conversation`]); answers the worker's callback with the annotated picture and a
//! summary in words ([`results`]). [`app`] holds the routes and the start-up (polling mode in `polling`), [`state`] what the
//! handlers share; [`outbox`] each chat's replies, in order; [`turns`] each chat's admissions, one at
//! a time; [`telegram`] the Bot API client, [`update`] how updates are read, [`waits`] what a sender
//! can expect; [`words`] what the bot says, in each user's language; [`settings`] and [`cli`] the settings.

pub mod app;
pub mod cli;
pub mod conversation;
pub mod outbox;
mod polling;
pub mod results;
pub mod settings;
pub mod startup;
pub mod state;
pub mod telegram;
#[cfg(feature = "testing")]
pub mod testing;
pub mod turns;
pub mod update;
pub mod waits;
pub mod words;
