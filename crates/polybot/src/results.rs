//! `POST /results?predictionId=…`: the worker's callback. Reads the prediction, tells the user once,
//! and answers so the worker knows whether to call again.

use std::time::Duration;

use common::{
    schema::{Prediction, Status, count_objects, unix_now},
    store::StoreError,
    table::{Claim, Mark, TableError},
};
use teloxide_core::types::{ChatId, MessageId};
use uuid::Uuid;

use crate::{app::AppState, telegram::TelegramError};

/// How long one caller may hold the right to tell the user before another may try.
pub const NOTIFY_LEASE: Duration = Duration::from_secs(120);

/// What the callback did; every variant is a success for the worker.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivered {
    /// The user was told now.
    Sent,
    /// The user had been told before; nothing was sent.
    AlreadyNotified,
    /// Telegram refused for good (the user blocked the bot, the chat is gone); marked done, logged.
    Undeliverable,
}

/// Why the callback could not finish; the worker retries on all but [`ResultsError::NotFound`].
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// No prediction with this id.
    #[error("prediction {0} not found")]
    NotFound(Uuid),
    /// Another call is telling the user right now.
    #[error("prediction {0} is being delivered by another call")]
    Busy(Uuid),
    /// The table could not be read or written.
    #[error(transparent)]
    Table(#[from] TableError),
    /// The annotated image could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Telegram could not be reached or failed.
    #[error("telegram: {0}")]
    Telegram(#[from] TelegramError),
}

/// The words of a prediction: `"I found 4 objects: 3 × person, 1 × bus"`.
pub fn summary(prediction: &Prediction) -> String {
    match prediction.status {
        Status::Failed => format!(
            "Sorry, I couldn't look at that photo: {}. Please try another one.",
            prediction.reason.as_deref().unwrap_or("something went wrong").trim_end_matches('.')
        ),
        Status::Done if prediction.labels.is_empty() => {
            "I didn't find any objects I know in this photo.".to_owned()
        }
        Status::Done => {
            format!("I found {}", count_objects(prediction.labels.iter().map(|l| l.class.as_str())))
        }
    }
}

/// Tells the user about prediction `id` unless they were told; see the module docs of
/// [`common::table`] for the claim that keeps concurrent callbacks from sending twice.
pub async fn deliver(state: &AppState, id: Uuid) -> Result<Delivered, ResultsError> {
    let prediction = state.table.get(id).await?.ok_or(ResultsError::NotFound(id))?;
    if prediction.notified_at.is_some() {
        return Ok(Delivered::AlreadyNotified);
    }
    let now = unix_now();
    match state.table.claim_notification(id, now, now + NOTIFY_LEASE.as_secs_f64()).await {
        Ok(Claim::Claimed) => {}
        Ok(Claim::AlreadyNotified) => return Ok(Delivered::AlreadyNotified),
        Ok(Claim::Busy) => return Err(ResultsError::Busy(id)),
        Err(TableError::NotFound { .. }) => return Err(ResultsError::NotFound(id)),
        Err(error) => return Err(error.into()),
    }
    let delivered = match send(state, &prediction).await {
        Ok(()) => Delivered::Sent,
        Err(ResultsError::Telegram(error)) if !error.is_transient() => {
            tracing::warn!(message = "Telegram refused the reply for good; not retrying.",
                prediction_id = %id, chat_id = prediction.chat_id, error = %error);
            Delivered::Undeliverable
        }
        Err(error) => {
            if let Err(release) = state.table.release_notification(id).await {
                tracing::warn!(message = "Could not release a claim; it expires by itself.",
                    prediction_id = %id, error = %release);
            }
            return Err(error);
        }
    };
    if state.table.mark_notified(id, unix_now()).await? == Mark::AlreadyNotified {
        // Only possible when our claim expired while sending and another call sent too.
        tracing::warn!(message = "Prediction was marked by another call while this one sent.", prediction_id = %id);
    }
    metrics::counter!("polybot_results_delivered_total", "outcome" => match delivered {
        Delivered::Sent => "sent",
        Delivered::Undeliverable => "undeliverable",
        Delivered::AlreadyNotified => "already",
    })
    .increment(1);
    Ok(delivered)
}

async fn send(state: &AppState, prediction: &Prediction) -> Result<(), ResultsError> {
    let (chat, to) = (ChatId(prediction.chat_id), MessageId(prediction.message_id));
    let text = summary(prediction);
    match (&prediction.status, &prediction.predicted_img_path) {
        (Status::Done, Some(key)) if !prediction.labels.is_empty() => {
            let jpeg = state.store.get(key).await?;
            let name = format!("{}.jpg", prediction.prediction_id);
            state.telegram.reply_image(chat, to, jpeg, &name, &text).await?;
        }
        _ => state.telegram.reply_text(chat, to, &text).await?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use common::schema::{Job, Label};

    use super::*;

    fn label(class: &str) -> Label {
        Label {
            class: class.to_owned(),
            class_id: 0,
            confidence: 0.9,
            cx: 0.5,
            cy: 0.5,
            width: 0.1,
            height: 0.1,
            xyxy: [0.0, 0.0, 1.0, 1.0],
        }
    }

    #[test]
    fn summaries_count_classes_largest_first() {
        let job = Job::new(Uuid::new_v4(), 1, 2, "jpg");
        let mut prediction = Prediction::failed(&job, "m", "the file is not an image.");
        assert_eq!(
            summary(&prediction),
            "Sorry, I couldn't look at that photo: the file is not an image. Please try another one."
        );
        prediction.status = Status::Done;
        prediction.reason = None;
        assert_eq!(summary(&prediction), "I didn't find any objects I know in this photo.");
        prediction.labels = ["person", "bus", "person", "person"].map(label).to_vec();
        assert_eq!(summary(&prediction), "I found 4 objects: 3 × person, 1 × bus");
    }
}
