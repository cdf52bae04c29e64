//! Fault scenarios on the whole system: each sends photos, breaks something, and counts the answers.
//! Every scenario must end with every photo answered exactly once. The table is printed at the end
//! (`cargo test -p e2e --test faults -- --nocapture` shows it).

#![allow(clippy::print_stdout)] // The table is the report.

use std::{path::PathBuf, time::Duration};

use common::{queue::JobQueue, schema::Job, testing::MotoServer};
use e2e::{
    Settings, System,
    fault_proxy::{FaultProxy, Faults},
    shared,
};
use polybot::testing::Failure;

fn settings(name: &str, visibility: u64) -> Settings {
    Settings::new(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name), Duration::from_secs(visibility))
}

struct Row {
    scenario: &'static str,
    sent: usize,
    answered: usize,
    duplicates: usize,
    lost: usize,
}

/// Sends `n` photos (bus.jpg) as messages 1..=n.
async fn send(system: &System, n: usize) {
    for i in 1..=n {
        let status =
            system.send_photo(i as u32, 9, i as i32, &shared("samples/bus.jpg")).await.expect("sent");
        assert_eq!(status, 200);
    }
}

/// Waits for `sent` results, then a little longer for duplicates, and counts.
async fn count(system: &System, scenario: &'static str, sent: usize, timeout: Duration) -> Row {
    system.wait_for_results(sent, timeout).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let results = system.results();
    let mut answered = 0;
    let mut duplicates = 0;
    for message in 1..=sent as i64 {
        match results.iter().filter(|r| r.reply_to() == Some(message)).count() {
            0 => {}
            n => {
                answered += 1;
                duplicates += n - 1;
            }
        }
    }
    Row { scenario, sent, answered, duplicates, lost: sent - answered }
}

async fn worker_killed_mid_job() -> Row {
    let mut system = System::start(settings("killed", 5)).await.expect("starts");
    send(&system, 2).await;
    // Kill the worker as soon as it has taken the jobs (they are hidden, not yet answered).
    let queue = system.resources.aws.job_queue(&system.resources.queue_url);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while queue.depth().await.expect("depth").visible > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    system.worker.take().expect("running").kill().await.expect("killed");
    let answered_before = system.results().len();
    system.start_worker().await.expect("a new worker starts");
    let mut row = count(&system, "worker SIGKILLed mid-job", 2, Duration::from_secs(60)).await;
    if answered_before == 2 {
        row.scenario = "worker SIGKILLed (after the jobs were done)";
    }
    system.stop().await.expect("stops");
    row
}

async fn bot_down_at_callback() -> Row {
    let mut system = System::start(settings("bot-down", 10)).await.expect("starts");
    // Hold the worker, queue the photos, stop the bot, then let the worker call back into nothing.
    system.worker.take().expect("running").stop(Duration::from_secs(30)).await.expect("stops");
    send(&system, 2).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    system.bot.take().expect("running").stop(Duration::from_secs(30)).await.expect("stops");
    system.start_worker().await.expect("starts");
    tokio::time::sleep(Duration::from_secs(8)).await;
    assert!(system.results().is_empty(), "nobody could have answered yet");
    system.start_bot().await.expect("the bot comes back");
    let row = count(&system, "polybot down when the worker calls back", 2, Duration::from_secs(90)).await;
    system.stop().await.expect("stops");
    row
}

async fn job_delivered_twice() -> Row {
    let system = System::start(settings("twice", 30)).await.expect("starts");
    send(&system, 1).await;
    system.wait_for_results(1, Duration::from_secs(60)).await;
    // The same job again, as SQS may deliver it: the bot's job for update 1 (chat 9, message 1) has
    // this prediction id. The worker must find the prediction stored, the bot its mark.
    let prediction_id = polybot::conversation::prediction_id(123_456, 1, 9, 1);
    let queue = system.resources.aws.job_queue(&system.resources.queue_url);
    queue.send(&Job::new(prediction_id, 9, 1, "jpg").to_json()).await.expect("sent again");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let depth = queue.depth().await.expect("depth");
        if depth.visible + depth.in_flight == 0 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the duplicate was not consumed: {depth:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let row = count(&system, "the same SQS message delivered twice", 1, Duration::from_secs(30)).await;
    system.stop().await.expect("stops");
    row
}

async fn telegram_flood_control_and_errors() -> Row {
    let system = System::start(settings("telegram", 30)).await.expect("starts");
    system.telegram.fail_next("sendPhoto", Failure::RetryAfter(2));
    system.telegram.fail_next("sendPhoto", Failure::ServerError);
    send(&system, 2).await;
    let row = count(&system, "Telegram answers 429 retry_after, then 500", 2, Duration::from_secs(90)).await;
    let failed =
        system.telegram.calls().iter().filter(|c| c.method == "sendPhoto" && c.status != 200).count();
    assert_eq!(failed, 2, "both failures were met");
    system.stop().await.expect("stops");
    row
}

async fn aws_slow_and_failing() -> Row {
    let faults = Faults { fail_every: 5, slow_every: 7, delay: Duration::from_millis(1500) };
    let proxy = FaultProxy::start(MotoServer::shared().endpoint(), faults).await.expect("the proxy starts");
    let mut settings = settings("aws-faults", 30);
    settings.env.push(("AWS_ENDPOINT_URL".to_owned(), proxy.url().to_owned()));
    let system = System::start(settings).await.expect("starts");
    send(&system, 3).await;
    let row =
        count(&system, "S3/SQS/DynamoDB: every 5th call 503, every 7th +1.5 s", 3, Duration::from_secs(120))
            .await;
    let (seen, failed, slowed) = proxy.counts();
    assert!(failed > 0 && slowed > 0, "faults were injected: {seen} calls, {failed} failed, {slowed} slowed");
    system.stop().await.expect("both services survive and stop cleanly");
    row
}

#[tokio::test(flavor = "multi_thread")]
async fn no_photo_is_lost_or_answered_twice_under_faults() {
    let rows = vec![
        worker_killed_mid_job().await,
        bot_down_at_callback().await,
        job_delivered_twice().await,
        telegram_flood_control_and_errors().await,
        aws_slow_and_failing().await,
    ];
    println!("\n| scenario | photos sent | answered | duplicates | lost |\n| --- | --- | --- | --- | --- |");
    for r in &rows {
        println!("| {} | {} | {} | {} | {} |", r.scenario, r.sent, r.answered, r.duplicates, r.lost);
    }
    for r in &rows {
        assert_eq!((r.lost, r.duplicates), (0, 0), "{}", r.scenario);
    }
}
