//! `POST /results` ([`common::schema::ResultsQuery`]): the worker's callback. Reads the prediction, tells the user once,
//! and answers so the worker knows whether to call again.
//!
//! Once per prediction comes from the table's fenced claim ([`common::table`]): a delivery claims the
//! prediction under an owner id of its own, renews the claim while it sends (so no other caller sends
//! however long Telegram takes), marks it notified after, and releases only its own claim when sending
//! failed. A send whose answer was lost counts as sent ([`TelegramError::is_ambiguous`]).

use std::{future::Future, sync::Arc, time::Duration};

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use common::{
    retry::{Backoff, Transient},
    schema::{Prediction, Status, unix_now},
    store::StoreError,
    table::{Claim, Mark, PredictionTable, TableError},
};
use teloxide_core::types::{ChatId, MessageId};
use uuid::Uuid;

use crate::{state::AppState, telegram::TelegramError, words};

/// How long a claim on telling the user lasts unless renewed: a delivery renews it every third of this
/// while it sends; a bot that died holding it lets another caller send this long after.
pub const NOTIFY_LEASE: Duration = Duration::from_secs(60);

/// How the mark after a send is retried: about 80 s of attempts (twice that at most with the jitter).
const MARK_RETRIES: Backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(10), 12);

/// What the callback did; every variant is a success for the worker.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivered {
    /// The user was told now.
    Sent,
    /// The user had been told before; nothing was sent.
    AlreadyNotified,
    /// Telegram refused for good (the user blocked the bot, the chat is gone); marked done, logged.
    Undeliverable,
    /// The reply went out but its answer was lost; Telegram may have sent it, so it is marked done
    /// rather than sent again.
    Unconfirmed,
}

impl IntoResponse for Delivered {
    /// 200 whatever happened: the worker's job is done.
    fn into_response(self) -> Response {
        let said = match self {
            Self::Sent => "sent",
            Self::AlreadyNotified => "already sent",
            Self::Undeliverable => "undeliverable: Telegram refused it",
            Self::Unconfirmed => "sent; Telegram's answer was lost",
        };
        (StatusCode::OK, said).into_response()
    }
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

impl ResultsError {
    /// The callback's answer: 404 for an unknown prediction (the worker gives up), 409 while another call
    /// delivers it, 503 for what may pass (the worker calls again).
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Busy(_) => StatusCode::CONFLICT,
            Self::Table(_) | Self::Store(_) | Self::Telegram(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for ResultsError {
    /// [`ResultsError::status`], with words for the worker's log; what failed inside stays in the bot's.
    fn into_response(self) -> Response {
        let said = match self {
            Self::NotFound(_) => "unknown prediction",
            Self::Busy(_) => "being sent by another call",
            Self::Table(_) | Self::Store(_) | Self::Telegram(_) => "could not deliver now; call again",
        };
        (self.status(), said).into_response()
    }
}

/// The words of a prediction, in its user's language ([`Prediction::language`]): `"I found 4 objects: 3 people,
/// 1 bus"`, or what the caption asked (`"I found 2 dogs; no cat"`).
pub fn summary(prediction: &Prediction) -> String {
    let words = words::for_user(prediction.language.as_deref());
    match prediction.status {
        Status::Failed => words.failed(prediction.failure, prediction.reason.as_deref()),
        Status::Done => {
            let question = prediction.question.clone().unwrap_or_default();
            match &prediction.clip {
                Some(clip) => words.clip_answer(&question, clip),
                None => words.answer(&question, prediction.labels.iter().map(|label| label.class.as_str())),
            }
        }
    }
}

/// Tells the user about prediction `id` unless they were told.
pub async fn deliver(state: &AppState, id: Uuid) -> Result<Delivered, ResultsError> {
    let prediction = state.table.get(id).await?.ok_or(ResultsError::NotFound(id))?;
    if prediction.notified_at.is_some() {
        give_place_back(state, &prediction).await;
        return Ok(Delivered::AlreadyNotified);
    }
    let owner = Uuid::new_v4();
    match claim(state.table.as_ref(), id, owner).await {
        Ok(Claim::Claimed) => {}
        Ok(Claim::AlreadyNotified) => {
            give_place_back(state, &prediction).await;
            return Ok(Delivered::AlreadyNotified);
        }
        Ok(Claim::Busy) => return Err(ResultsError::Busy(id)),
        Err(TableError::NotFound { .. }) => return Err(ResultsError::NotFound(id)),
        Err(error) => return Err(error.into()),
    }
    let delivered = match renewing(state.table.clone(), id, owner, send(state, &prediction)).await {
        Ok(()) => Delivered::Sent,
        Err(ResultsError::Telegram(error)) if error.is_ambiguous() => {
            tracing::warn!(message = "Telegram's answer to the reply was lost; counting it as sent.",
                prediction_id = %id, chat_id = prediction.chat_id, error = %error);
            Delivered::Unconfirmed
        }
        Err(ResultsError::Telegram(error)) if !error.is_transient() => {
            tracing::warn!(message = "Telegram refused the reply for good; not retrying.",
                prediction_id = %id, chat_id = prediction.chat_id, error = %error);
            Delivered::Undeliverable
        }
        Err(error) => {
            if let Err(release) = state.table.release_notification(id, owner).await {
                tracing::warn!(message = "Could not release a claim; it expires by itself.",
                    prediction_id = %id, error = %release);
            }
            return Err(error);
        }
    };
    // The user has the answer: the mark must land, or the next callback would send it again. It is retried while
    // the claim is renewed, so that no other call sends meanwhile; only a table out of reach for longer than the
    // retries (a minute or two) lets the claim lapse: the one window ARCHITECTURE.md names.
    let table = state.table.clone();
    let marking = MARK_RETRIES.retry("mark notified", || table.mark_notified(id, unix_now()));
    if renewing(state.table.clone(), id, owner, marking).await? == Mark::AlreadyNotified {
        // Only possible when our claim expired while sending (its renewals failed) and another call sent.
        tracing::warn!(message = "Prediction was marked by another call while this one sent.", prediction_id = %id);
    }
    if let (Delivered::Sent | Delivered::Unconfirmed, Some(received_at)) =
        (&delivered, prediction.received_at)
    {
        // What the user waited: from the bot taking the photo to the answer sent.
        let waited = (unix_now() - received_at).max(0.0);
        metrics::histogram!("polybot_end_to_end_seconds").record(waited);
        state.waits.record(std::time::Instant::now(), waited);
    }
    metrics::counter!("polybot_results_delivered_total", "outcome" => match delivered {
        Delivered::Sent => "sent",
        Delivered::Undeliverable => "undeliverable",
        Delivered::Unconfirmed => "unconfirmed",
        Delivered::AlreadyNotified => "already",
    })
    .increment(1);
    give_place_back(state, &prediction).await;
    Ok(delivered)
}

/// The photo is answered: its place among its chat's waiting photos goes back (again, for a repeated callback,
/// in case the first one could not).
async fn give_place_back(state: &AppState, prediction: &Prediction) {
    if let Err(error) = state.table.answered(prediction.chat_id, prediction.prediction_id).await {
        tracing::warn!(message = "Could not give an answered photo's place back; it expires by itself.",
            prediction_id = %prediction.prediction_id, chat_id = prediction.chat_id, %error);
    }
}

/// Claims (or renews) `owner`'s lease on telling the user about `id`, for [`NOTIFY_LEASE`] from now.
async fn claim(table: &dyn PredictionTable, id: Uuid, owner: Uuid) -> Result<Claim, TableError> {
    let now = unix_now();
    table.claim_notification(id, owner, now, now + NOTIFY_LEASE.as_secs_f64()).await
}

/// Runs `sending` while renewing `owner`'s claim every third of the lease. A renewal that fails is
/// logged and tried again; the send is never cut short, as it may be under way at Telegram.
async fn renewing<T>(
    table: Arc<dyn PredictionTable>,
    id: Uuid,
    owner: Uuid,
    sending: impl Future<Output = T>,
) -> T {
    let renewals = async {
        loop {
            tokio::time::sleep(NOTIFY_LEASE / 3).await;
            match claim(table.as_ref(), id, owner).await {
                Ok(Claim::Claimed) => {}
                Ok(lost) => {
                    tracing::warn!(message = "The claim on a reply was lost while sending.", prediction_id = %id, ?lost);
                    return std::future::pending().await;
                }
                Err(error) => {
                    tracing::warn!(message = "Could not renew the claim on a reply.", prediction_id = %id, %error);
                }
            }
        }
    };
    tokio::select! {
        result = sending => result,
        never = renewals => never,
    }
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
    use std::sync::atomic::{AtomicUsize, Ordering};

    use common::{
        schema::{Failure, Job, Label},
        table::MemoryPredictionTable,
        testing::{TableCall, Tap, Tapped},
    };

    use super::*;

    /// Counts claims.
    #[derive(Default)]
    struct Claims(AtomicUsize);

    #[async_trait::async_trait]
    impl Tap for Claims {
        async fn before(&self, call: TableCall, _: Uuid) -> Result<(), TableError> {
            if call == TableCall::Claim {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
            Ok(())
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_claim_is_renewed_for_as_long_as_the_send_takes() {
        let table = Arc::new(Tapped::new(Arc::new(MemoryPredictionTable::new()), Claims::default()));
        let job = Job::new(Uuid::new_v4(), 1, 2, "jpg");
        table.put_if_absent(&Prediction::failed(&job, "m", Failure::Job)).await.expect("put");
        let owner = Uuid::new_v4();
        assert_eq!(claim(table.as_ref(), job.prediction_id, owner).await.expect("claim"), Claim::Claimed);
        // Telegram's flood control holds the reply for three leases and a second.
        let sending = tokio::time::sleep(NOTIFY_LEASE * 3 + Duration::from_secs(1));
        renewing(table.clone(), job.prediction_id, owner, sending).await;
        assert_eq!(table.tap().0.load(Ordering::SeqCst), 1 + 9, "renewed every third of the lease");
        let rival = claim(table.as_ref(), job.prediction_id, Uuid::new_v4()).await.expect("claim");
        assert_eq!(rival, Claim::Busy, "still held: nobody else sends meanwhile");
    }

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
    fn summaries_count_classes_largest_first_in_the_predictions_language() {
        let job = Job::new(Uuid::new_v4(), 1, 2, "jpg");
        let mut prediction = Prediction::failed(&job, "m", Failure::Format);
        prediction.failure = None;
        prediction.reason = Some("the file is not an image.".into());
        assert_eq!(
            summary(&prediction),
            "Sorry, I couldn't look at that photo: the file is not an image. Please try another one.",
            "a worker older than failures: its words"
        );
        prediction.status = Status::Done;
        prediction.reason = None;
        assert_eq!(summary(&prediction), "I didn't find any objects I know in this photo.");
        prediction.labels = ["person", "bus", "person", "person"].map(label).to_vec();
        assert_eq!(summary(&prediction), "I found 4 objects: 3 people, 1 bus");
        prediction.language = Some("de".into());
        assert_eq!(
            summary(&prediction),
            words::for_user(Some("de")).answer(&Default::default(), ["person", "bus", "person", "person"])
        );
        assert_ne!(summary(&prediction), "I found 4 objects: 3 people, 1 bus");
    }
}
