//! The services' metrics as CloudWatch's embedded metric format (EMF): every [`FLUSH_INTERVAL`], one JSON line a
//! label set on stdout, which the container's log driver ships to CloudWatch Logs, which turns them into metrics.
//! No agent and no `cloudwatch:PutMetricData` permission: the log stream the services already write is the path.
//!
//! The figures are the ones `/metrics` shows, under the same names, recorded through the same `metrics` macros
//! (a fan-out recorder feeds both). Each line has the dimensions `Service` and the metric's label keys; counters
//! are written as what they counted since the last line (CloudWatch sums them), gauges as their value, histograms
//! as their raw values, up to [`MAX_VALUES`] a line as the format allows, so CloudWatch's percentiles are exact.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex, atomic::Ordering},
    time::Duration,
};

use metrics::{Counter, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit};
use metrics_util::registry::{AtomicStorage, Registry};
use serde_json::{Map, Value, json};

/// How often the lines are written: CloudWatch's standard resolution.
pub const FLUSH_INTERVAL: Duration = Duration::from_secs(60);
/// The most values one metric may carry in one EMF line.
pub const MAX_VALUES: usize = 100;

/// A metric's labels, sorted by key: its dimensions besides `Service`.
type Labels = Vec<(String, String)>;
/// A metric's name and the value a line gives it.
type Figure = (String, Value);

/// A `metrics` recorder that keeps what it is given for [`EmfRecorder::lines`].
#[derive(Clone, Debug)]
pub struct EmfRecorder {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    namespace: String,
    service: &'static str,
    registry: Registry<Key, AtomicStorage>,
    /// Each counter's total at the last flush, to write what it counted since.
    flushed: Mutex<HashMap<Key, u64>>,
}

impl EmfRecorder {
    /// A recorder whose lines go to `namespace`, with the dimension `Service=service`.
    pub fn new(namespace: impl Into<String>, service: &'static str) -> Self {
        Self {
            inner: Arc::new(Inner {
                namespace: namespace.into(),
                service,
                registry: Registry::atomic(),
                flushed: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The EMF documents for what was recorded since the last call, stamped `timestamp_ms`: one for each label set
    /// that has a figure, and more where a histogram has over [`MAX_VALUES`] values. Empties the histograms.
    pub fn lines(&self, timestamp_ms: u64) -> Vec<Value> {
        // Each label set's figures, in a stable order; then the histograms' values past the first line's.
        let mut sets: BTreeMap<Labels, Vec<Figure>> = BTreeMap::new();
        let mut extra: Vec<(Labels, Figure)> = Vec::new();
        let labels = |key: &Key| -> Labels {
            let mut labels: Vec<_> =
                key.labels().map(|l| (l.key().to_owned(), l.value().to_owned())).collect();
            labels.sort();
            labels
        };
        {
            let mut flushed = self.inner.flushed.lock().expect("never poisoned: no panics while held");
            self.inner.registry.visit_counters(|key, counter| {
                let total = counter.load(Ordering::Relaxed);
                let before = flushed.insert(key.clone(), total).unwrap_or(0);
                sets.entry(labels(key))
                    .or_default()
                    .push((key.name().to_owned(), json!(total.saturating_sub(before))));
            });
        }
        self.inner.registry.visit_gauges(|key, gauge| {
            let value = f64::from_bits(gauge.load(Ordering::Relaxed));
            sets.entry(labels(key)).or_default().push((key.name().to_owned(), json!(value)));
        });
        self.inner.registry.visit_histograms(|key, bucket| {
            let mut values = Vec::new();
            bucket.clear_with(|chunk| values.extend_from_slice(chunk));
            let mut chunks = values.chunks(MAX_VALUES);
            if let Some(first) = chunks.next() {
                sets.entry(labels(key)).or_default().push((key.name().to_owned(), json!(first)));
            }
            for chunk in chunks {
                extra.push((labels(key), (key.name().to_owned(), json!(chunk))));
            }
        });
        let mut lines: Vec<Value> =
            sets.into_iter().map(|(labels, metrics)| self.document(timestamp_ms, &labels, metrics)).collect();
        lines.extend(
            extra.into_iter().map(|(labels, figure)| self.document(timestamp_ms, &labels, vec![figure])),
        );
        lines
    }

    fn document(
        &self,
        timestamp_ms: u64,
        labels: &[(String, String)],
        metrics: Vec<(String, Value)>,
    ) -> Value {
        let dimensions: Vec<&str> =
            std::iter::once("Service").chain(labels.iter().map(|(key, _)| key.as_str())).collect();
        let definitions: Vec<Value> =
            metrics.iter().map(|(name, _)| json!({ "Name": name, "Unit": unit(name) })).collect();
        let mut document = Map::new();
        document.insert(
            "_aws".to_owned(),
            json!({
                "Timestamp": timestamp_ms,
                "CloudWatchMetrics": [{
                    "Namespace": self.inner.namespace,
                    "Dimensions": [dimensions],
                    "Metrics": definitions,
                }],
            }),
        );
        document.insert("Service".to_owned(), json!(self.inner.service));
        for (key, value) in labels {
            document.insert(key.clone(), json!(value));
        }
        for (name, value) in metrics {
            document.insert(name, value);
        }
        Value::Object(document)
    }
}

/// CloudWatch's unit, from the name's Prometheus suffix.
fn unit(name: &str) -> &'static str {
    if name.ends_with("_seconds") {
        "Seconds"
    } else if name.ends_with("_total") {
        "Count"
    } else {
        "None"
    }
}

impl Recorder for EmfRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        self.inner.registry.get_or_create_counter(key, |counter| Counter::from_arc(counter.clone()))
    }

    fn register_gauge(&self, key: &Key, _: &Metadata<'_>) -> Gauge {
        self.inner.registry.get_or_create_gauge(key, |gauge| Gauge::from_arc(gauge.clone()))
    }

    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        self.inner.registry.get_or_create_histogram(key, |bucket| Histogram::from_arc(bucket.clone()))
    }
}

/// Milliseconds since the Unix epoch, EMF's timestamp.
pub fn now_ms() -> u64 {
    let now = time::OffsetDateTime::now_utc();
    u64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(recorder: &EmfRecorder, record: impl FnOnce()) {
        metrics::with_local_recorder(recorder, record);
    }

    fn find<'a>(lines: &'a [Value], metric: &str) -> Vec<&'a Value> {
        lines.iter().filter(|line| line.get(metric).is_some()).collect()
    }

    #[test]
    fn a_line_is_an_emf_document_with_the_service_and_label_dimensions() {
        let recorder = EmfRecorder::new("Polybot/test", "polybot");
        recorded(&recorder, || {
            metrics::counter!("polybot_http_responses_total", "status" => "200", "route" => "/webhook")
                .increment(3);
            metrics::gauge!("yolo5_queue_lag_seconds").set(1.5);
        });
        let lines = recorder.lines(1_796_409_000_250);
        let [responses] = find(&lines, "polybot_http_responses_total")[..] else {
            panic!("one line: {lines:?}")
        };
        assert_eq!(
            responses,
            &json!({
                "_aws": {
                    "Timestamp": 1_796_409_000_250_u64,
                    "CloudWatchMetrics": [{
                        "Namespace": "Polybot/test",
                        "Dimensions": [["Service", "route", "status"]],
                        "Metrics": [{"Name": "polybot_http_responses_total", "Unit": "Count"}],
                    }],
                },
                "Service": "polybot",
                "route": "/webhook",
                "status": "200",
                "polybot_http_responses_total": 3,
            })
        );
        let [lag] = find(&lines, "yolo5_queue_lag_seconds")[..] else { panic!("one line: {lines:?}") };
        assert_eq!(lag["yolo5_queue_lag_seconds"], json!(1.5));
        assert_eq!(lag["_aws"]["CloudWatchMetrics"][0]["Dimensions"], json!([["Service"]]));
        assert_eq!(lag["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Unit"], "Seconds");
    }

    #[test]
    fn counters_are_written_as_what_they_counted_since_the_last_line() {
        let recorder = EmfRecorder::new("ns", "yolo5");
        let counter = |n| {
            recorded(&recorder, || metrics::counter!("yolo5_jobs_total", "outcome" => "done").increment(n))
        };
        counter(4);
        assert_eq!(recorder.lines(1)[0]["yolo5_jobs_total"], json!(4));
        counter(2);
        assert_eq!(recorder.lines(2)[0]["yolo5_jobs_total"], json!(2));
        assert_eq!(recorder.lines(3)[0]["yolo5_jobs_total"], json!(0), "a quiet minute is a zero, not a gap");
    }

    #[test]
    fn histograms_are_written_as_their_values_at_most_a_hundred_a_line_and_then_emptied() {
        let recorder = EmfRecorder::new("ns", "polybot");
        recorded(&recorder, || {
            metrics::counter!("polybot_photos_queued_total").increment(250);
            for i in 0..250 {
                metrics::histogram!("polybot_end_to_end_seconds").record(f64::from(i) / 100.0);
            }
        });
        let lines = recorder.lines(1);
        let chunks = find(&lines, "polybot_end_to_end_seconds");
        let mut values: Vec<f64> = Vec::new();
        for chunk in &chunks {
            let chunk = chunk["polybot_end_to_end_seconds"].as_array().expect("an array of values");
            assert!(chunk.len() <= MAX_VALUES, "{} values in one line", chunk.len());
            values.extend(chunk.iter().map(|v| v.as_f64().expect("a number")));
        }
        assert_eq!(chunks.len(), 3);
        values.sort_by(f64::total_cmp);
        assert_eq!(values, (0..250).map(|i| f64::from(i) / 100.0).collect::<Vec<_>>(), "every value, once");
        for chunk in &chunks {
            let definitions = &chunk["_aws"]["CloudWatchMetrics"][0]["Metrics"];
            let names: Vec<&str> =
                definitions.as_array().unwrap().iter().map(|d| d["Name"].as_str().unwrap()).collect();
            assert!(
                names.iter().all(|name| chunk.get(name).is_some()),
                "each defined metric has its value: {chunk}"
            );
        }
        assert!(find(&recorder.lines(2), "polybot_end_to_end_seconds").is_empty(), "written once");
    }
}
