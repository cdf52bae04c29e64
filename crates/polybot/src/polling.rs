//! Polling mode (`MODE=polling`): the bot asks Telegram for updates instead of Telegram posting them.
//!
//! The offset, which makes Telegram forget what is before it, moves past an update only once it is taken
//! ([`conversation::take_update`]); updates taken after one that was not are remembered, not taken again.
//! Every wait goes through [`common::retry`]: a getUpdates that fails for a while ([`Backoff::retry`]), one
//! refused for good (a wrong token, another poller or a webhook on the same bot), and a round that left an
//! update untaken each wait the next of [`PAUSES`] (reset by a round that took everything).

use std::{collections::BTreeSet, time::Duration};

use common::retry::Backoff;
use futures::future::join_all;
use tokio::sync::watch;

use crate::{app::ALLOWED_UPDATES, conversation, state::AppState};

/// How getUpdates is retried while it fails in a way that may pass.
const RETRIES: Backoff = Backoff::forever(Duration::from_secs(1), Duration::from_secs(30));

/// The waits after a round that went wrong: getUpdates refused for good, or an update not taken (S3, SQS or a
/// download failed), giving what failed a moment before asking again.
const PAUSES: Backoff = Backoff::forever(Duration::from_secs(2), Duration::from_secs(30));

/// Drops any webhook, then long-polls getUpdates until `stop` turns true.
pub(crate) async fn poll(state: AppState, mut stop: watch::Receiver<bool>) {
    let telegram = &state.telegram;
    tokio::select! {
        _ = RETRIES.retry("deleteWebhook", || telegram.delete_webhook()) => {}
        _ = stop.wait_for(|s| *s) => return,
    }
    let mut offset: u32 = 0;
    let mut taken_ahead = BTreeSet::new();
    let mut pauses = PAUSES.waits();
    loop {
        let offset_param = i32::try_from(offset).unwrap_or(i32::MAX);
        let updates = tokio::select! {
            updates = RETRIES.retry("getUpdates", || telegram.updates(offset_param, &ALLOWED_UPDATES)) => updates,
            _ = stop.wait_for(|s| *s) => return,
        };
        let all_taken = match updates {
            Ok(updates) => {
                let Some(last) = updates.iter().map(|u| u.id.0).max() else { continue };
                let fresh = updates.into_iter().filter(|u| !taken_ahead.contains(&u.id.0));
                let taken = join_all(fresh.map(|update| {
                    let id = update.id.0;
                    let state = &state;
                    async move { (id, conversation::take_update(state, update).await.is_ok()) }
                }))
                .await;
                let not_taken = taken.iter().filter(|(_, ok)| !ok).map(|(id, _)| *id).min();
                taken_ahead.extend(taken.iter().filter(|(_, ok)| *ok).map(|(id, _)| *id));
                offset = not_taken.unwrap_or(last.saturating_add(1));
                taken_ahead.retain(|id| *id >= offset);
                not_taken.is_none()
            }
            Err(error) => {
                tracing::error!(message = "getUpdates refused; trying again.", %error);
                false
            }
        };
        if all_taken {
            pauses = PAUSES.waits();
            continue;
        }
        let pause = pauses.next().unwrap_or(PAUSES.max);
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
