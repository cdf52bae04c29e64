//! An HTTP proxy in front of moto that makes AWS slow and flaky on a schedule: every `fail_every`-th
//! request is answered 503 (`ServiceUnavailable`, which the SDKs retry) without reaching moto, and every
//! `slow_every`-th waits `delay` first. Counting instead of dice keeps the tests repeatable.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    Router,
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode},
    response::{IntoResponse, Response},
};

/// How to misbehave; 0 turns a fault off.
#[derive(Clone, Copy, Debug)]
pub struct Faults {
    /// Answer every n-th request 503 without forwarding it.
    pub fail_every: u64,
    /// Hold every n-th request for `delay` before forwarding it.
    pub slow_every: u64,
    /// How long a slow request waits.
    pub delay: Duration,
}

#[derive(Debug)]
struct Proxy {
    upstream: String,
    faults: Faults,
    client: reqwest::Client,
    seen: AtomicU64,
    failed: AtomicU64,
    slowed: AtomicU64,
}

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
    /// Starts a proxy to `upstream` (e.g. moto's `http://127.0.0.1:port`).
    pub async fn start(upstream: &str, faults: Faults) -> anyhow::Result<Self> {
        let proxy = Arc::new(Proxy {
            upstream: upstream.trim_end_matches('/').to_owned(),
            faults,
            client: reqwest::Client::builder().pool_max_idle_per_host(16).build()?,
            seen: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            slowed: AtomicU64::new(0),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let router = Router::new().fallback(forward).with_state(proxy.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(Self { url, proxy, server })
    }

    /// The endpoint to give the services as `AWS_ENDPOINT_URL`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Requests seen, failed and slowed so far.
    pub fn counts(&self) -> (u64, u64, u64) {
        let p = &self.proxy;
        (p.seen.load(Ordering::Relaxed), p.failed.load(Ordering::Relaxed), p.slowed.load(Ordering::Relaxed))
    }
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let n = proxy.seen.fetch_add(1, Ordering::Relaxed) + 1;
    // n starts at 1, so an `every` of 0 never matches.
    if n.is_multiple_of(proxy.faults.fail_every) {
        proxy.failed.fetch_add(1, Ordering::Relaxed);
        let body =
            "<Error><Code>ServiceUnavailable</Code><Message>injected by the fault proxy</Message></Error>";
        return (StatusCode::SERVICE_UNAVAILABLE, [("content-type", "application/xml")], body)
            .into_response();
    }
    if n.is_multiple_of(proxy.faults.slow_every) {
        proxy.slowed.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(proxy.faults.delay).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 64 << 20).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    match send(&proxy, parts.method, &format!("{}{path}", proxy.upstream), parts.headers, body).await {
        Ok(response) => response,
        Err(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
    }
}

async fn send(
    proxy: &Proxy,
    method: Method,
    url: &str,
    headers: HeaderMap,
    body: Bytes,
) -> anyhow::Result<Response> {
    // The Host header stays as the client signed it; moto does not check signatures.
    let upstream = proxy.client.request(method, url).headers(headers).body(body).send().await?;
    let mut response = Response::builder().status(upstream.status().as_u16());
    for (name, value) in upstream.headers() {
        if name != "transfer-encoding" && name != "connection" {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    Ok(response.body(Body::from(upstream.bytes().await?))?)
}
