//! An HTTP proxy in front of moto that makes AWS misbehave on a schedule: it can fail a request
//! without forwarding it (503 `ServiceUnavailable`, which the SDKs retry), forward it and then lose the
//! answer (the write happens, the client sees a 503 or a cut connection), cut the connection without
//! forwarding, or forward late. Faults apply to every n-th request ([`FaultProxy::every`]) or to the next
//! requests of one operation ([`FaultProxy::next`]); counting instead of dice keeps the tests repeatable.

use std::{
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{
    Request, Response, StatusCode, body::Incoming, http::request::Parts, server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;

/// What to do to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer 503 without forwarding it.
    Fail,
    /// Close the connection without forwarding it or answering.
    Cut,
    /// Forward it (the write happens), then answer 503: the answer is lost.
    ForwardThenFail,
    /// Forward it, then close the connection without answering.
    ForwardThenCut,
    /// Wait this long, then forward it.
    Delay(Duration),
}

/// Which requests a fault is for: an AWS operation, as the request names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// S3 PutObject of a key starting with this prefix.
    S3Put(&'static str),
    /// An operation of the JSON protocols (SQS, DynamoDB) by its `X-Amz-Target`, e.g.
    /// `AmazonSQS.SendMessage`, whose body contains the given text ("" for any).
    Target(&'static str, &'static str),
}

impl Operation {
    fn matches(&self, parts: &Parts, body: &[u8]) -> bool {
        match self {
            Self::S3Put(prefix) => {
                // Path-style: /bucket/key.
                let key = parts.uri.path().trim_start_matches('/').split_once('/').map_or("", |(_, key)| key);
                parts.method == hyper::Method::PUT && key.starts_with(prefix)
            }
            Self::Target(target, text) => {
                parts.headers.get("x-amz-target").is_some_and(|t| t.as_bytes() == target.as_bytes())
                    && String::from_utf8_lossy(body).contains(text)
            }
        }
    }
}

#[derive(Debug)]
struct Rules {
    /// Every n-th request of all, with its fault.
    every: Vec<(u64, Fault)>,
    /// The next `count` requests of an operation.
    next: Vec<(Operation, Fault, usize)>,
}

#[derive(Debug)]
struct Proxy {
    upstream: String,
    client: reqwest::Client,
    rules: Mutex<Rules>,
    seen: AtomicU64,
    faulted: AtomicU64,
}

/// Why a connection is closed without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection cut by the fault proxy")]
struct Cut;

/// A running proxy on a loopback port; stops when dropped.
#[derive(Debug)]
pub struct FaultProxy {
    url: String,
    proxy: Arc<Proxy>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (e.g. moto's `http://127.0.0.1:port`) that forwards everything
    /// until told otherwise.
    pub async fn start(upstream: &str) -> anyhow::Result<Self> {
        let proxy = Arc::new(Proxy {
            upstream: upstream.trim_end_matches('/').to_owned(),
            client: reqwest::Client::builder().pool_max_idle_per_host(16).build()?,
            rules: Mutex::new(Rules { every: Vec::new(), next: Vec::new() }),
            seen: AtomicU64::new(0),
            faulted: AtomicU64::new(0),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let server = tokio::spawn({
            let proxy = proxy.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let proxy = proxy.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |request| {
                            let proxy = proxy.clone();
                            async move { handle(&proxy, request).await }
                        });
                        // A cut ends the connection with an error: that is the point.
                        let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                    });
                }
            }
        });
        Ok(Self { url, proxy, server })
    }

    /// Applies `fault` to every `n`-th request (the n-th, the 2n-th, …).
    pub fn every(&self, n: u64, fault: Fault) -> &Self {
        self.rules().every.push((n, fault));
        self
    }

    /// Applies `fault` to the next `count` requests of `operation`.
    pub fn next(&self, operation: Operation, fault: Fault, count: usize) -> &Self {
        self.rules().next.push((operation, fault, count));
        self
    }

    /// The endpoint to give the services as `AWS_ENDPOINT_URL`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Requests seen and faulted so far.
    pub fn counts(&self) -> (u64, u64) {
        (self.proxy.seen.load(Ordering::Relaxed), self.proxy.faulted.load(Ordering::Relaxed))
    }

    /// Whether every fault asked for with [`FaultProxy::next`] was applied.
    pub fn all_applied(&self) -> bool {
        self.rules().next.iter().all(|(_, _, count)| *count == 0)
    }

    fn rules(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.proxy.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Proxy {
    /// The fault for this request, if any, counting it.
    fn fault_for(&self, parts: &Parts, body: &[u8]) -> Option<Fault> {
        let n = self.seen.fetch_add(1, Ordering::Relaxed) + 1;
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        let by_operation =
            rules.next.iter_mut().find(|(operation, _, count)| *count > 0 && operation.matches(parts, body));
        let fault = match by_operation {
            Some((_, fault, count)) => {
                *count -= 1;
                Some(*fault)
            }
            None => rules.every.iter().find(|(every, _)| n.is_multiple_of(*every)).map(|(_, fault)| *fault),
        };
        if fault.is_some() {
            self.faulted.fetch_add(1, Ordering::Relaxed);
        }
        fault
    }
}

fn unavailable() -> Response<Full<Bytes>> {
    let body = "<Error><Code>ServiceUnavailable</Code><Message>injected by the fault proxy</Message></Error>";
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert("content-type", "application/xml".parse().expect("a header value"));
    response
}

async fn handle(proxy: &Proxy, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Cut> {
    let (parts, body) = request.into_parts();
    let Ok(body) = body.collect().await.map(|body| body.to_bytes()) else { return Err(Cut) };
    let fault = proxy.fault_for(&parts, &body);
    match fault {
        Some(Fault::Fail) => return Ok(unavailable()),
        Some(Fault::Cut) => return Err(Cut),
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::ForwardThenFail | Fault::ForwardThenCut) | None => {}
    }
    let forwarded = forward(proxy, parts, body).await;
    match (fault, forwarded) {
        (Some(Fault::ForwardThenFail), _) => Ok(unavailable()),
        (Some(Fault::ForwardThenCut), _) => Err(Cut),
        (_, Ok(response)) => Ok(response),
        (_, Err(error)) => {
            let mut response = Response::new(Full::new(Bytes::from(error.to_string())));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            Ok(response)
        }
    }
}

async fn forward(proxy: &Proxy, parts: Parts, body: Bytes) -> anyhow::Result<Response<Full<Bytes>>> {
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("{}{path}", proxy.upstream);
    // The Host header stays as the client signed it; moto does not check signatures.
    let upstream = proxy.client.request(parts.method, url).headers(parts.headers).body(body).send().await?;
    let mut response = Response::builder().status(upstream.status().as_u16());
    for (name, value) in upstream.headers() {
        if name != "transfer-encoding" && name != "connection" {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    Ok(response.body(Full::new(upstream.bytes().await?))?)
}
