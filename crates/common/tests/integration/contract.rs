//! Every scenario of `common::testing::contract` on the in-memory fakes and on moto: one list, so that no
//! scenario runs on one side only.

macro_rules! contract {
    ($($scenario:ident),+ $(,)?) => {
        /// The in-memory fakes the other tests use.
        mod memory {
            $(
                #[tokio::test]
                async fn $scenario() {
                    common::testing::contract::$scenario(&common::testing::contract::Memory).await;
                }
            )+
        }

        /// S3, SQS and DynamoDB as moto answers them.
        mod moto {
            $(
                #[tokio::test]
                async fn $scenario() {
                    common::testing::contract::$scenario(&common::testing::contract::Moto).await;
                }
            )+
        }
    };
}

contract!(
    store_returns_the_last_put,
    store_a_missing_key_is_not_found,
    queue_a_long_poll_waits_for_a_message,
    queue_an_unfinished_message_comes_back,
    queue_a_heartbeat_keeps_a_message_and_zero_releases_it,
    queue_a_delete_with_an_earlier_receipt_takes_the_message,
    queue_a_message_received_too_often_moves_to_the_dead_letter_queue,
    queue_a_deleted_message_s_receipt_is_stale,
    table_keeps_the_first_write_as_it_was,
    table_marks_a_prediction_notified_once,
    table_claims_are_exclusive_until_released_expired_or_marked,
    table_admits_photos_up_to_the_cap_per_chat,
);
