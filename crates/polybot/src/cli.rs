//! The `polybot` command line: the bot's settings as flags or environment variables, and its
//! subcommands.

use clap::{Parser, Subcommand};

use crate::settings::{SECRETS_HELP, SettingsArgs};

/// The Polybot Telegram bot: photos in, objects named. Each flag can be given by the environment
/// variable named with it.
#[derive(Debug, Parser)]
#[command(name = "polybot", version, after_help = SECRETS_HELP,
    args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; serving is the default.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The settings, when serving without the `serve` subcommand.
    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (the default): webhook or polling, as MODE says.
    #[command(after_help = SECRETS_HELP)]
    Serve(Box<SettingsArgs>),
    /// Exit 0 when the bot on this machine answers `GET /health`, 1 otherwise (for container health checks).
    Healthcheck {
        /// The bot's port.
        #[arg(long, env = "PORT", default_value_t = 8443)]
        port: u16,
    },
}
