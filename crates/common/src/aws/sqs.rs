use std::time::{Duration, UNIX_EPOCH};

use async_trait::async_trait;
use aws_sdk_sqs::{
    Client,
    types::{MessageSystemAttributeName, QueueAttributeName},
};

use super::describe;
use crate::queue::{Delivery, JobQueue, QueueDepth, QueueError, Receipt};

/// An SQS queue as a [`JobQueue`].
#[derive(Clone, Debug)]
pub struct SqsJobQueue {
    client: Client,
    url: String,
}

impl SqsJobQueue {
    pub(super) fn new(client: Client, url: &str) -> Self {
        Self { client, url: url.to_owned() }
    }
}

fn backend(operation: &'static str, error: &(dyn std::error::Error + 'static)) -> QueueError {
    QueueError::Backend { operation, message: describe(error) }
}

/// Seconds for SQS, which counts in whole seconds up to 12 hours.
fn seconds(duration: Duration) -> i32 {
    i32::try_from(duration.as_secs()).unwrap_or(i32::MAX).min(43_200)
}

#[async_trait]
impl JobQueue for SqsJobQueue {
    async fn send(&self, body: &str) -> Result<String, QueueError> {
        let output = self
            .client
            .send_message()
            .queue_url(&self.url)
            .message_body(body)
            .send()
            .await
            .map_err(|error| backend("SendMessage", &error))?;
        Ok(output.message_id.unwrap_or_default())
    }

    async fn receive(&self, max: u8, wait: Duration) -> Result<Vec<Delivery>, QueueError> {
        let output = self
            .client
            .receive_message()
            .queue_url(&self.url)
            .max_number_of_messages(i32::from(max.clamp(1, 10)))
            .wait_time_seconds(seconds(wait).min(20))
            .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
            .message_system_attribute_names(MessageSystemAttributeName::SentTimestamp)
            .send()
            .await
            .map_err(|error| backend("ReceiveMessage", &error))?;
        let deliveries = output
            .messages
            .unwrap_or_default()
            .into_iter()
            .filter_map(|message| {
                let attribute = |name| message.attributes.as_ref()?.get(&name)?.parse::<u64>().ok();
                let receive_count = attribute(MessageSystemAttributeName::ApproximateReceiveCount)?;
                let sent_ms = attribute(MessageSystemAttributeName::SentTimestamp).unwrap_or_default();
                Some(Delivery {
                    receipt: Receipt { message_id: message.message_id?, handle: message.receipt_handle? },
                    body: message.body.unwrap_or_default(),
                    receive_count: u32::try_from(receive_count).unwrap_or(u32::MAX),
                    sent_at: UNIX_EPOCH + Duration::from_millis(sent_ms),
                })
            })
            .collect();
        Ok(deliveries)
    }

    async fn delete(&self, receipt: &Receipt) -> Result<(), QueueError> {
        self.client
            .delete_message()
            .queue_url(&self.url)
            .receipt_handle(&receipt.handle)
            .send()
            .await
            .map_err(|error| {
                if error.as_service_error().is_some_and(|e| e.is_receipt_handle_is_invalid()) {
                    QueueError::StaleReceipt { message_id: receipt.message_id.clone() }
                } else {
                    backend("DeleteMessage", &error)
                }
            })?;
        Ok(())
    }

    async fn set_visibility(&self, receipt: &Receipt, timeout: Duration) -> Result<(), QueueError> {
        self.client
            .change_message_visibility()
            .queue_url(&self.url)
            .receipt_handle(&receipt.handle)
            .visibility_timeout(seconds(timeout))
            .send()
            .await
            .map_err(|error| match error.as_service_error() {
                Some(e) if e.is_receipt_handle_is_invalid() || e.is_message_not_inflight() => {
                    QueueError::StaleReceipt { message_id: receipt.message_id.clone() }
                }
                _ => backend("ChangeMessageVisibility", &error),
            })?;
        Ok(())
    }

    async fn depth(&self) -> Result<QueueDepth, QueueError> {
        let output = self
            .client
            .get_queue_attributes()
            .queue_url(&self.url)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
            .send()
            .await
            .map_err(|error| backend("GetQueueAttributes", &error))?;
        let attributes = output.attributes.unwrap_or_default();
        let count = |name| attributes.get(&name).and_then(|value| value.parse().ok()).unwrap_or_default();
        Ok(QueueDepth {
            visible: count(QueueAttributeName::ApproximateNumberOfMessages),
            in_flight: count(QueueAttributeName::ApproximateNumberOfMessagesNotVisible),
        })
    }

    async fn max_receive_count(&self) -> Result<Option<u32>, QueueError> {
        let output = self
            .client
            .get_queue_attributes()
            .queue_url(&self.url)
            .attribute_names(QueueAttributeName::RedrivePolicy)
            .send()
            .await
            .map_err(|error| backend("GetQueueAttributes", &error))?;
        let Some(policy) = output.attributes.unwrap_or_default().remove(&QueueAttributeName::RedrivePolicy)
        else {
            return Ok(None);
        };
        redrive_count(&policy).map(Some).ok_or_else(|| QueueError::Backend {
            operation: "GetQueueAttributes",
            message: format!("the queue's RedrivePolicy has no maxReceiveCount: {policy}"),
        })
    }
}

/// `maxReceiveCount` of a RedrivePolicy, which SQS writes as a string and Terraform as a number.
fn redrive_count(policy: &str) -> Option<u32> {
    let policy: serde_json::Value = serde_json::from_str(policy).ok()?;
    match &policy["maxReceiveCount"] {
        serde_json::Value::Number(n) => n.as_u64()?.try_into().ok(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redrive_policys_count_is_read_as_a_string_or_a_number() {
        let arn = "arn:aws:sqs:eu-west-1:1:jobs-dlq";
        assert_eq!(
            redrive_count(&format!(r#"{{"deadLetterTargetArn":"{arn}","maxReceiveCount":"5"}}"#)),
            Some(5)
        );
        assert_eq!(
            redrive_count(&format!(r#"{{"deadLetterTargetArn":"{arn}","maxReceiveCount":3}}"#)),
            Some(3)
        );
        assert_eq!(redrive_count(r#"{"deadLetterTargetArn":"x"}"#), None);
        assert_eq!(redrive_count("not json"), None);
    }
}
