use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::{
    Client,
    error::SdkError,
    operation::update_item::UpdateItemError,
    types::{AttributeValue, ReturnValuesOnConditionCheckFailure},
};
use uuid::Uuid;

use super::describe;
use crate::{
    schema::Prediction,
    table::{Admission, Claim, Mark, PredictionTable, Put, TableError, WAITING_EXPIRES_AFTER},
};

/// A DynamoDB table keyed by `prediction_id` (string) as a [`PredictionTable`].
///
/// Items are the [`Prediction`] schema mapped by `serde_dynamo`: numbers are `N` written in their
/// shortest exact decimal form, so floats come back bit for bit.
#[derive(Clone, Debug)]
pub struct DynamoPredictionTable {
    client: Client,
    table: String,
}

const KEY: &str = "prediction_id";
/// The claim's expiry and owner, outside the [`Prediction`] schema: only the table's conditions read them.
const LEASE: &str = "notify_lease_until";
const OWNER: &str = "notify_lease_owner";

fn key(prediction_id: Uuid) -> AttributeValue {
    AttributeValue::S(prediction_id.to_string())
}

/// A chat's waiting photos are one item beside the predictions, `chat:<id>`, whose key is never a UUID: a map
/// `waiting` from prediction id to when it was admitted, and `expires_at` (the table's TTL) a day after the
/// last admission, so that the item of a chat gone quiet goes.
fn chat_key(chat_id: i64) -> AttributeValue {
    AttributeValue::S(format!("chat:{chat_id}"))
}
const WAITING: &str = "waiting";
const EXPIRES: &str = "expires_at";
/// How long a chat's item outlives its last admission.
const CHAT_ITEM_TTL: f64 = 86_400.0;

/// An update that removes something and whose condition refused it had nothing to do; any other failure is the
/// table's.
fn unless_failed<O, R>(
    result: Result<O, SdkError<UpdateItemError, R>>,
    prediction_id: Uuid,
) -> Result<(), TableError>
where
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match result {
        Ok(_) => Ok(()),
        Err(error) if is_conditional(&error) => Ok(()),
        Err(error) => Err(backend("UpdateItem", prediction_id, &error)),
    }
}

fn is_conditional<E, R>(error: &aws_sdk_dynamodb::error::SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    error.as_service_error().and_then(|e| e.code()) == Some("ConditionalCheckFailedException")
}

fn backend(
    operation: &'static str,
    prediction_id: Uuid,
    error: &(dyn std::error::Error + 'static),
) -> TableError {
    TableError::Backend { operation, prediction_id, message: describe(error) }
}

impl DynamoPredictionTable {
    pub(super) fn new(client: Client, table: &str) -> Self {
        Self { client, table: table.to_owned() }
    }
}

#[async_trait]
impl PredictionTable for DynamoPredictionTable {
    async fn put_if_absent(&self, prediction: &Prediction) -> Result<Put, TableError> {
        let prediction_id = prediction.prediction_id;
        let item: HashMap<String, AttributeValue> = serde_dynamo::to_item(prediction)
            .map_err(|error| TableError::Malformed { prediction_id, message: error.to_string() })?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#key)")
            .expression_attribute_names("#key", KEY)
            .send()
            .await;
        match result {
            Ok(_) => Ok(Put::Inserted),
            Err(error) if is_conditional(&error) => Ok(Put::AlreadyExists),
            Err(error) => Err(backend("PutItem", prediction_id, &error)),
        }
    }

    async fn get(&self, prediction_id: Uuid) -> Result<Option<Prediction>, TableError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(KEY, key(prediction_id))
            .consistent_read(true)
            .send()
            .await
            .map_err(|error| backend("GetItem", prediction_id, &error))?;
        output
            .item
            .map(|item| {
                serde_dynamo::from_item(item)
                    .map_err(|error| TableError::Malformed { prediction_id, message: error.to_string() })
            })
            .transpose()
    }

    async fn mark_notified(&self, prediction_id: Uuid, at: f64) -> Result<Mark, TableError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(KEY, key(prediction_id))
            .update_expression("SET notified_at = :at REMOVE #lease, #owner")
            .condition_expression("attribute_exists(#key) AND attribute_not_exists(notified_at)")
            .expression_attribute_names("#key", KEY)
            .expression_attribute_names("#lease", LEASE)
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_values(":at", AttributeValue::N(at.to_string()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Mark::Marked),
            Err(error) if is_conditional(&error) => {
                // Either it was marked before or it does not exist; a consistent read tells which.
                match self.get(prediction_id).await? {
                    Some(_) => Ok(Mark::AlreadyNotified),
                    None => Err(TableError::NotFound { prediction_id }),
                }
            }
            Err(error) => Err(backend("UpdateItem", prediction_id, &error)),
        }
    }

    async fn claim_notification(
        &self,
        prediction_id: Uuid,
        owner: Uuid,
        now: f64,
        lease_until: f64,
    ) -> Result<Claim, TableError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(KEY, key(prediction_id))
            .update_expression("SET #lease = :until, #owner = :owner")
            .condition_expression(
                "attribute_exists(#key) AND attribute_not_exists(notified_at) \
                 AND (attribute_not_exists(#lease) OR #lease < :now OR #owner = :owner)",
            )
            .expression_attribute_names("#key", KEY)
            .expression_attribute_names("#lease", LEASE)
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_values(":until", AttributeValue::N(lease_until.to_string()))
            .expression_attribute_values(":now", AttributeValue::N(now.to_string()))
            .expression_attribute_values(":owner", AttributeValue::S(owner.to_string()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Claim::Claimed),
            Err(error) if is_conditional(&error) => match self.get(prediction_id).await? {
                None => Err(TableError::NotFound { prediction_id }),
                Some(prediction) if prediction.notified_at.is_some() => Ok(Claim::AlreadyNotified),
                Some(_) => Ok(Claim::Busy),
            },
            Err(error) => Err(backend("UpdateItem", prediction_id, &error)),
        }
    }

    async fn release_notification(&self, prediction_id: Uuid, owner: Uuid) -> Result<(), TableError> {
        let removed = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(KEY, key(prediction_id))
            .update_expression("REMOVE #lease, #owner")
            // Only our own claim: after ours expired another caller may hold one.
            .condition_expression("#owner = :owner")
            .expression_attribute_names("#lease", LEASE)
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_values(":owner", AttributeValue::S(owner.to_string()))
            .send()
            .await;
        unless_failed(removed, prediction_id)
    }

    async fn admit(
        &self,
        chat_id: i64,
        prediction_id: Uuid,
        cap: usize,
        now: f64,
    ) -> Result<Admission, TableError> {
        let photo = prediction_id.to_string();
        let at = AttributeValue::N(now.to_string());
        let expires = AttributeValue::N(format!("{:.0}", now + CHAT_ITEM_TTL));
        // Another bot may create the chat's map, or a place may expire or be given back between the calls below:
        // each such race costs a round, and three are plenty.
        for _ in 0..3 {
            let added = self
                .client
                .update_item()
                .table_name(&self.table)
                .key(KEY, chat_key(chat_id))
                .update_expression("SET #waiting.#photo = if_not_exists(#waiting.#photo, :at), #expires = :expires")
                .condition_expression(
                    "attribute_exists(#waiting) AND (size(#waiting) < :cap OR attribute_exists(#waiting.#photo))",
                )
                .expression_attribute_names("#waiting", WAITING)
                .expression_attribute_names("#photo", &photo)
                .expression_attribute_names("#expires", EXPIRES)
                .expression_attribute_values(":at", at.clone())
                .expression_attribute_values(":cap", AttributeValue::N(cap.to_string()))
                .expression_attribute_values(":expires", expires.clone())
                // A refusal carries the chat's item, so that a full chat costs one call per photo.
                .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
                .send()
                .await;
            let refused_with = match added {
                Ok(_) => return Ok(Admission::Admitted),
                Err(SdkError::ServiceError(refusal))
                    if refusal.err().is_conditional_check_failed_exception() =>
                {
                    match refusal.into_err() {
                        UpdateItemError::ConditionalCheckFailedException(refused) => refused.item,
                        _ => None,
                    }
                }
                Err(error) => return Err(backend("UpdateItem", prediction_id, &error)),
            };
            // The chat holds no map yet, or a full one.
            let places = match refused_with.and_then(places) {
                Some(places) => Some(places),
                None => self.waiting(chat_id, prediction_id).await?,
            };
            let Some(places) = places else {
                let created = self
                    .client
                    .update_item()
                    .table_name(&self.table)
                    .key(KEY, chat_key(chat_id))
                    .update_expression("SET #waiting = :places, #expires = :expires")
                    .condition_expression("attribute_not_exists(#waiting)")
                    .expression_attribute_names("#waiting", WAITING)
                    .expression_attribute_names("#expires", EXPIRES)
                    .expression_attribute_values(
                        ":places",
                        AttributeValue::M(HashMap::from([(photo.clone(), at.clone())])),
                    )
                    .expression_attribute_values(":expires", expires.clone())
                    .send()
                    .await;
                match created {
                    Ok(_) => return Ok(Admission::Admitted),
                    Err(error) if is_conditional(&error) => continue,
                    Err(error) => return Err(backend("UpdateItem", prediction_id, &error)),
                }
            };
            let oldest_kept = now - WAITING_EXPIRES_AFTER.as_secs_f64();
            let expired: Vec<&String> =
                places.iter().filter(|(_, at)| **at < oldest_kept).map(|(id, _)| id).collect();
            if expired.is_empty() {
                if places.len() >= cap && !places.contains_key(&photo) {
                    return Ok(Admission::Full { waiting: places.len() });
                }
                continue;
            }
            let mut removal = self.client.update_item().table_name(&self.table).key(KEY, chat_key(chat_id));
            let mut paths = Vec::with_capacity(expired.len());
            for (i, id) in expired.into_iter().enumerate() {
                removal = removal.expression_attribute_names(format!("#expired{i}"), id);
                paths.push(format!("#waiting.#expired{i}"));
            }
            let removed = removal
                .update_expression(format!("REMOVE {}", paths.join(", ")))
                .condition_expression("attribute_exists(#waiting)")
                .expression_attribute_names("#waiting", WAITING)
                .send()
                .await;
            unless_failed(removed, prediction_id)?;
        }
        let message = "the chat's waiting photos changed under each of three tries".to_owned();
        Err(TableError::Backend { operation: "UpdateItem", prediction_id, message })
    }

    async fn answered(&self, chat_id: i64, prediction_id: Uuid) -> Result<(), TableError> {
        let removed = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(KEY, chat_key(chat_id))
            .update_expression("REMOVE #waiting.#photo")
            // Never creates the item of a chat that holds none.
            .condition_expression("attribute_exists(#waiting)")
            .expression_attribute_names("#waiting", WAITING)
            .expression_attribute_names("#photo", prediction_id.to_string())
            .send()
            .await;
        unless_failed(removed, prediction_id)
    }
}

impl DynamoPredictionTable {
    /// A chat's waiting photos, with when each was admitted; `None` when the chat holds no map yet.
    async fn waiting(
        &self,
        chat_id: i64,
        prediction_id: Uuid,
    ) -> Result<Option<HashMap<String, f64>>, TableError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(KEY, chat_key(chat_id))
            .projection_expression("#waiting")
            .expression_attribute_names("#waiting", WAITING)
            .consistent_read(true)
            .send()
            .await
            .map_err(|error| backend("GetItem", prediction_id, &error))?;
        Ok(output.item.and_then(places))
    }
}

/// The waiting places in a chat's item, with when each was admitted; `None` when it holds no map.
fn places(mut item: HashMap<String, AttributeValue>) -> Option<HashMap<String, f64>> {
    let Some(AttributeValue::M(places)) = item.remove(WAITING) else { return None };
    // A place whose time does not read counts as admitted now: it stays until answered or the item expires.
    let admitted =
        |value: &AttributeValue| value.as_n().ok().and_then(|n| n.parse().ok()).unwrap_or(f64::MAX);
    Some(places.iter().map(|(id, value)| (id.clone(), admitted(value))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Failure, Job, Label, Status};

    #[test]
    fn numbers_are_stored_as_n_in_their_shortest_exact_form() {
        let job = Job::new(Uuid::new_v4(), -5, 3, "jpg");
        let mut prediction = Prediction::failed(&job, "m", Failure::Job);
        prediction.status = Status::Done;
        prediction.reason = None;
        prediction.time = 1_795_335_330.25;
        prediction.labels.push(Label {
            class: "bus".to_owned(),
            class_id: 5,
            confidence: 0.52552,
            cx: 0.5,
            cy: 0.25,
            width: 0.125,
            height: 0.1,
            xyxy: [49.0, 237.5, 810.0, 772.0],
        });
        let item: HashMap<String, AttributeValue> = serde_dynamo::to_item(&prediction).expect("maps");
        assert_eq!(item["prediction_id"], AttributeValue::S(job.prediction_id.to_string()));
        assert_eq!(item["chat_id"], AttributeValue::N("-5".to_owned()));
        assert_eq!(item["time"], AttributeValue::N("1795335330.25".to_owned()));
        assert_eq!(item["status"], AttributeValue::S("done".to_owned()));
        assert!(!item.contains_key("notified_at"), "absent until marked, so the condition can test it");
        assert!(!item.contains_key("reason"));
        let AttributeValue::L(labels) = &item["labels"] else { panic!("labels is a list") };
        let AttributeValue::M(label) = &labels[0] else { panic!("a label is a map") };
        assert_eq!(label["confidence"], AttributeValue::N("0.52552".to_owned()));
        assert_eq!(label["height"], AttributeValue::N("0.1".to_owned()));
        let back: Prediction = serde_dynamo::from_item(item).expect("maps back");
        assert_eq!(back, prediction);
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;
        use crate::schema::{Failure, Job, Label, Status};

        fn label() -> impl Strategy<Value = Label> {
            let box_ = (any::<f32>(), any::<f32>(), any::<f32>(), any::<f32>());
            ("[a-z ]{0,12}", any::<u32>(), any::<f32>(), box_, any::<[f32; 4]>()).prop_map(
                |(class, class_id, confidence, (cx, cy, width, height), xyxy)| Label {
                    class,
                    class_id,
                    confidence,
                    cx,
                    cy,
                    width,
                    height,
                    xyxy,
                },
            )
        }

        /// Any prediction the worker could store: finite floats of every size (DynamoDB's numbers hold no NaN or infinity).
        fn prediction() -> impl Strategy<Value = Prediction> {
            let numbers = (
                any::<f64>(),
                any::<u32>(),
                any::<u32>(),
                proptest::option::of(any::<f64>()),
                proptest::option::of(any::<f64>()),
                proptest::option::of(any::<i64>()),
            );
            (
                any::<u128>(),
                any::<i64>(),
                any::<i32>(),
                proptest::collection::vec(label(), 0..4),
                numbers,
                any::<bool>(),
                ".{0,20}",
            )
                .prop_filter("finite", |(_, _, _, labels, (time, _, _, received, notified, _), _, _)| {
                    time.is_finite()
                        && received.is_none_or(f64::is_finite)
                        && notified.is_none_or(f64::is_finite)
                        && labels.iter().all(|l| {
                            [l.confidence, l.cx, l.cy, l.width, l.height]
                                .iter()
                                .chain(&l.xyxy)
                                .all(|v| v.is_finite())
                        })
                })
                .prop_map(
                    |(
                        id,
                        chat,
                        message,
                        labels,
                        (time, width, height, received, notified, expires),
                        done,
                        reason,
                    )| {
                        let job = Job::new(Uuid::from_u128(id), chat, message, "jpg");
                        let mut prediction = Prediction::failed(&job, "m", Failure::Format);
                        prediction.reason = Some(reason);
                        if done {
                            prediction.status = Status::Done;
                            (prediction.reason, prediction.failure) = (None, None);
                            prediction.predicted_img_path =
                                Some(Prediction::predicted_key_for(job.prediction_id));
                        }
                        Prediction {
                            labels,
                            time,
                            width,
                            height,
                            received_at: received,
                            notified_at: notified,
                            expires_at: expires,
                            ..prediction
                        }
                    },
                )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn every_prediction_round_trips_through_its_item(prediction in prediction()) {
                let item: HashMap<String, AttributeValue> = serde_dynamo::to_item(&prediction).expect("maps");
                let back: Prediction = serde_dynamo::from_item(item).expect("maps back");
                prop_assert_eq!(back, prediction);
            }

            /// An item with one attribute dropped or replaced reads as a prediction or a clear error; never a panic.
            #[test]
            fn a_changed_item_is_a_prediction_or_a_clear_error(
                prediction in prediction(),
                pick in any::<usize>(),
                replacement in prop_oneof![
                    Just(None),
                    any::<i64>().prop_map(|n| Some(AttributeValue::N(n.to_string()))),
                    ".{0,8}".prop_map(|text| Some(AttributeValue::N(text))),
                    ".{0,8}".prop_map(|text| Some(AttributeValue::S(text))),
                    any::<bool>().prop_map(|b| Some(AttributeValue::Bool(b))),
                    Just(Some(AttributeValue::L(vec![AttributeValue::Null(true)]))),
                ],
            ) {
                let mut item: HashMap<String, AttributeValue> = serde_dynamo::to_item(&prediction).expect("maps");
                let mut names: Vec<String> = item.keys().cloned().collect();
                names.sort();
                let name = names[pick % names.len()].clone();
                match replacement {
                    Some(value) => { item.insert(name, value); }
                    None => { item.remove(&name); }
                }
                if let Err(error) = serde_dynamo::from_item::<_, Prediction>(item) {
                    prop_assert!(!error.to_string().is_empty());
                }
            }
        }
    }
}
