//! One chat's photos take their places one at a time in this bot.
//!
//! A chat's cap on waiting photos is one conditional write to its item in the table, which DynamoDB applies to
//! one item one at a time. Not every backend does (moto does not), and a chat that sends forty photos at once
//! makes forty writes race for the same item, each refused write costing a round trip and a retry. So a bot
//! lets one admission per chat reach the table at a time, and other chats never wait for it: a chat is here
//! only while one of its photos is being admitted or waits to be.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use tokio::sync::{Mutex as Turn, OwnedMutexGuard};

/// The chats with an admission under way, each with its turn.
#[derive(Debug, Default)]
pub struct ChatTurns {
    chats: Mutex<HashMap<i64, Arc<Turn<()>>>>,
}

impl ChatTurns {
    /// Waits for `chat`'s turn; the chat's next admission waits until the returned guard is dropped.
    pub async fn take(&self, chat: i64) -> TurnGuard<'_> {
        let turn = self.chats.lock().unwrap_or_else(PoisonError::into_inner).entry(chat).or_default().clone();
        // Made before the wait, so that a caller that gives up waiting forgets the chat too.
        let mut guard = TurnGuard { turns: self, chat, held: None };
        guard.held = Some(turn.lock_owned().await);
        guard
    }

    /// Chats with an admission under way or waiting.
    pub fn chats(&self) -> usize {
        self.chats.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// A chat's turn, held until dropped.
#[derive(Debug)]
pub struct TurnGuard<'a> {
    turns: &'a ChatTurns,
    chat: i64,
    held: Option<OwnedMutexGuard<()>>,
}

impl Drop for TurnGuard<'_> {
    fn drop(&mut self) {
        // Each waiter holds a clone of the turn, taken under the map's lock: once ours is gone, the map's own
        // clone being the last means nobody waits, and the chat is forgotten.
        drop(self.held.take());
        let mut chats = self.turns.chats.lock().unwrap_or_else(PoisonError::into_inner);
        if chats.get(&self.chat).is_some_and(|turn| Arc::strong_count(turn) == 1) {
            chats.remove(&self.chat);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn a_chat_waits_for_its_own_turn_only_and_is_forgotten_after() {
        let turns = Arc::new(ChatTurns::default());
        let ann = turns.take(1).await;
        // Another chat goes at once.
        drop(tokio::time::timeout(Duration::from_secs(1), turns.take(2)).await.expect("not held by chat 1"));
        let waiting = {
            let turns = turns.clone();
            tokio::spawn(async move {
                let _second = turns.take(1).await;
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "the chat's second admission waits");
        assert_eq!(turns.chats(), 1);
        drop(ann);
        waiting.await.expect("its turn comes");
        assert_eq!(turns.chats(), 0, "nobody left waiting: forgotten");
    }

    #[tokio::test]
    async fn a_caller_that_gives_up_waiting_leaves_nothing_behind() {
        let turns = ChatTurns::default();
        let ann = turns.take(1).await;
        let gave_up = tokio::time::timeout(Duration::from_millis(20), turns.take(1)).await;
        assert!(gave_up.is_err(), "held by the first");
        drop(ann);
        assert_eq!(turns.chats(), 0);
    }
}
