use std::time::{Duration, Instant};

use common::{
    queue::{JobQueue, QueueDepth},
    testing::Options,
};

use crate::provision;

#[tokio::test]
async fn moto_long_poll_waits_on_an_empty_queue() {
    let resources = provision(Options::default()).await;
    let queue = resources.aws.job_queue(&resources.queue_url);
    let started = Instant::now();
    let got = queue.receive(10, Duration::from_secs(2)).await.expect("receive");
    assert!(got.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(1900), "returned after {:?}", started.elapsed());
}

#[tokio::test]
async fn moto_long_poll_returns_a_message_sent_while_waiting() {
    let resources = provision(Options::default()).await;
    let queue = resources.aws.job_queue(&resources.queue_url);
    let sender = resources.aws.job_queue(&resources.queue_url);
    let send = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        sender.send("late").await.expect("send")
    };
    let (got, _) = tokio::join!(queue.receive(10, Duration::from_secs(10)), send);
    let got = got.expect("receive");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].body, "late");
}

#[tokio::test]
async fn moto_visibility_expiry_redelivers_with_a_higher_receive_count() {
    let options = Options { visibility_timeout: Duration::from_secs(1), ..Options::default() };
    let resources = provision(options).await;
    let queue = resources.aws.job_queue(&resources.queue_url);
    let id = queue.send(r#"{"job":1}"#).await.expect("send");

    let first = queue.receive(10, Duration::from_secs(5)).await.expect("receive");
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].receipt.message_id.as_str(), first[0].receive_count), (id.as_str(), 1));
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth { visible: 0, in_flight: 1 });

    let started = Instant::now();
    let second = queue.receive(10, Duration::from_secs(5)).await.expect("receive");
    assert_eq!(second.len(), 1, "redelivered after the visibility timeout");
    assert_eq!(second[0].body, r#"{"job":1}"#);
    assert_eq!(second[0].receive_count, 2);
    assert!(started.elapsed() >= Duration::from_millis(500), "hidden for a while first");

    queue.delete(&second[0].receipt).await.expect("delete");
    assert_eq!(queue.depth().await.expect("depth"), QueueDepth::default());
}

#[tokio::test]
async fn moto_heartbeat_keeps_a_message_hidden() {
    let options = Options { visibility_timeout: Duration::from_secs(1), ..Options::default() };
    let resources = provision(options).await;
    let queue = resources.aws.job_queue(&resources.queue_url);
    queue.send("long job").await.expect("send");
    let delivery = queue.receive(1, Duration::from_secs(5)).await.expect("receive").remove(0);
    queue.set_visibility(&delivery.receipt, Duration::from_secs(30)).await.expect("extend");
    let during = queue.receive(1, Duration::from_secs(2)).await.expect("receive");
    assert!(during.is_empty(), "the extended message stayed hidden");

    queue.set_visibility(&delivery.receipt, Duration::ZERO).await.expect("release");
    let again = queue.receive(1, Duration::from_secs(5)).await.expect("receive");
    assert_eq!(again.len(), 1, "a released message is visible at once");
    assert_eq!(again[0].receive_count, 2);
}

#[tokio::test]
async fn moto_redrive_moves_a_message_to_the_dlq_after_max_receive_count() {
    let resources = provision(Options::default()).await;
    assert_eq!(Options::default().max_receive_count, 3);
    let queue = resources.aws.job_queue(&resources.queue_url);
    let dlq = resources.aws.job_queue(&resources.dlq_url);
    queue.send("poison").await.expect("send");
    for count in 1..=3 {
        let got = queue.receive(1, Duration::from_secs(5)).await.expect("receive");
        assert_eq!(got.len(), 1, "delivery {count}");
        assert_eq!(got[0].receive_count, count);
        queue.set_visibility(&got[0].receipt, Duration::ZERO).await.expect("release");
    }
    let fourth = queue.receive(1, Duration::from_secs(1)).await.expect("receive");
    assert!(fourth.is_empty(), "the fourth delivery went to the DLQ instead");
    let dead = dlq.receive(10, Duration::from_secs(5)).await.expect("receive DLQ");
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].body, "poison");
}

#[tokio::test]
async fn moto_queue_tells_its_redrive_count() {
    let resources = provision(Options { max_receive_count: 4, ..Options::default() }).await;
    let queue = resources.aws.job_queue(&resources.queue_url);
    assert_eq!(queue.max_receive_count().await.expect("attributes"), Some(4));
    let dlq = resources.aws.job_queue(&resources.dlq_url);
    assert_eq!(dlq.max_receive_count().await.expect("attributes"), None, "the DLQ has no redrive of its own");
}
