//! Replies to each chat, in order and one at a time, without holding anything an update needs.
//!
//! Telegram lets a bot send about one message a second to a chat (twenty a minute to a group), and the Bot
//! API client waits out those limits. A chat that writes faster than that is answered as fast as Telegram
//! allows; what it asks for meanwhile waits in a short queue of its own, where a text equal to one already
//! waiting is not queued again and, past [`MAX_WAITING`] replies, the newest are dropped (counted, logged).
//! So however much one chat sends, its replies hold neither the updates' permits nor more than a few
//! messages of memory, and no other chat waits for them.

use std::{
    borrow::Cow,
    collections::{HashMap, VecDeque, hash_map::Entry},
    sync::{Mutex, PoisonError},
};

use teloxide_core::types::{ChatId, MessageId};

use crate::state::AppState;

/// Replies that may wait for one chat; past them a new one is dropped.
pub const MAX_WAITING: usize = 16;

/// One reply to a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The update it answers, for the logs.
    pub update_id: u32,
    /// The message it answers.
    pub to: MessageId,
    /// What it says.
    pub says: Says,
}

/// What a reply says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Says {
    /// A text message, in reply.
    Text(Cow<'static, str>),
    /// A reaction on the message (the photo's acknowledgement).
    Reaction(&'static str),
}

impl Reply {
    /// Whether `other` would tell the chat nothing more: the same text, or the same reaction on the same message.
    fn repeats(&self, other: &Reply) -> bool {
        match (&self.says, &other.says) {
            (Says::Text(a), Says::Text(b)) => a == b,
            (Says::Reaction(a), Says::Reaction(b)) => a == b && self.to == other.to,
            _ => false,
        }
    }
}

/// What [`Outbox::push`] did with a reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pushed {
    /// Nothing was being sent to the chat: the caller starts its sender ([`send`] does).
    Start,
    /// Queued behind the chat's replies.
    Queued,
    /// The same reply waits already.
    Repeated,
    /// The chat has [`MAX_WAITING`] replies waiting.
    Dropped,
}

/// The replies waiting, per chat. A chat is here while its sender runs: from the reply that starts it until
/// [`Outbox::next`] finds nothing left.
#[derive(Debug, Default)]
pub struct Outbox {
    chats: Mutex<HashMap<ChatId, VecDeque<Reply>>>,
}

impl Outbox {
    /// Queues `reply` for `chat`, unless it repeats one waiting or the chat has too many waiting.
    pub fn push(&self, chat: ChatId, reply: Reply) -> Pushed {
        match self.chats.lock().unwrap_or_else(PoisonError::into_inner).entry(chat) {
            Entry::Vacant(entry) => {
                entry.insert(VecDeque::from([reply]));
                Pushed::Start
            }
            Entry::Occupied(mut entry) => {
                let waiting = entry.get_mut();
                if waiting.iter().any(|queued| queued.repeats(&reply)) {
                    Pushed::Repeated
                } else if waiting.len() >= MAX_WAITING {
                    Pushed::Dropped
                } else {
                    waiting.push_back(reply);
                    Pushed::Queued
                }
            }
        }
    }

    /// The chat's next reply, or `None` once none is left: then the chat is forgotten, and the next push starts
    /// a sender again.
    pub fn next(&self, chat: ChatId) -> Option<Reply> {
        let mut chats = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        let next = chats.get_mut(&chat)?.pop_front();
        if next.is_none() {
            chats.remove(&chat);
        }
        next
    }

    /// Chats with replies waiting or being sent.
    pub fn chats(&self) -> usize {
        self.chats.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// Sends `reply` to `chat` after the replies waiting for it, from a tracked task of the chat's own.
pub(crate) fn send(state: &AppState, chat: ChatId, reply: Reply) {
    let update_id = reply.update_id;
    match state.outbox.push(chat, reply) {
        Pushed::Start => {
            let sender = state.clone();
            state.spawn(async move { drain(&sender, chat).await });
        }
        Pushed::Queued => {}
        Pushed::Repeated => metrics::counter!("polybot_replies_repeated_total").increment(1),
        Pushed::Dropped => {
            metrics::counter!("polybot_replies_dropped_total").increment(1);
            tracing::info!(
                message = "Too many replies waiting for this chat; one dropped.",
                update_id,
                chat_id = chat.0
            );
        }
    }
}

async fn drain(state: &AppState, chat: ChatId) {
    while let Some(Reply { update_id, to, says }) = state.outbox.next(chat) {
        let sent = match &says {
            Says::Text(text) => state.telegram.reply_text(chat, to, text).await,
            Says::Reaction(emoji) => state.telegram.acknowledge(chat, to, emoji).await,
        };
        match (sent, says) {
            (Ok(()), _) => {}
            (Err(error), Says::Reaction(_)) => {
                tracing::info!(message = "Could not acknowledge a photo.", update_id, chat_id = chat.0, %error);
            }
            (Err(error), Says::Text(_)) => {
                tracing::error!(message = "Could not answer a message.", update_id, chat_id = chat.0, %error);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(update_id: u32, text: &'static str) -> Reply {
        Reply { update_id, to: MessageId(update_id as i32), says: Says::Text(Cow::Borrowed(text)) }
    }

    fn reaction(update_id: u32) -> Reply {
        Reply { update_id, to: MessageId(update_id as i32), says: Says::Reaction("👀") }
    }

    #[test]
    fn a_chat_gets_its_replies_in_order_and_each_text_once_while_it_waits() {
        let (outbox, ann, bob) = (Outbox::default(), ChatId(1), ChatId(2));
        assert_eq!(outbox.push(ann, text(1, "help")), Pushed::Start);
        assert_eq!(outbox.push(bob, text(2, "help")), Pushed::Start, "chats apart");
        assert_eq!(outbox.next(ann), Some(text(1, "help")), "being sent");
        assert_eq!(outbox.push(ann, text(3, "help")), Pushed::Queued, "the one being sent is not waiting");
        assert_eq!(outbox.push(ann, text(4, "help")), Pushed::Repeated);
        assert_eq!(outbox.push(ann, reaction(5)), Pushed::Queued);
        assert_eq!(outbox.push(ann, reaction(5)), Pushed::Repeated, "a re-sent update");
        assert_eq!(outbox.push(ann, reaction(6)), Pushed::Queued, "another photo");
        assert_eq!(outbox.next(ann), Some(text(3, "help")));
        assert_eq!(outbox.next(ann), Some(reaction(5)));
        assert_eq!(outbox.next(ann), Some(reaction(6)));
        assert_eq!(outbox.chats(), 2);
        assert_eq!(outbox.next(ann), None, "done: forgotten");
        assert_eq!(outbox.chats(), 1);
        assert_eq!(outbox.push(ann, text(7, "help")), Pushed::Start, "a new sender");
    }

    #[test]
    fn past_the_bound_new_replies_are_dropped() {
        let (outbox, ann) = (Outbox::default(), ChatId(1));
        assert_eq!(outbox.push(ann, reaction(0)), Pushed::Start);
        assert_eq!(outbox.next(ann), Some(reaction(0)));
        for update in 1..=MAX_WAITING as u32 {
            assert_eq!(outbox.push(ann, reaction(update)), Pushed::Queued, "{update}");
        }
        assert_eq!(outbox.push(ann, reaction(99)), Pushed::Dropped);
        assert_eq!(outbox.push(ann, text(100, "help")), Pushed::Dropped);
        let sent: Vec<u32> = std::iter::from_fn(|| outbox.next(ann)).map(|r| r.update_id).collect();
        assert_eq!(sent, (1..=MAX_WAITING as u32).collect::<Vec<_>>(), "the oldest kept, in order");
    }
}
