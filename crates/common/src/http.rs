//! The HTTP server both services run: an axum router on hyper, as `axum::serve` runs it, with the bounds that
//! `axum::serve` leaves out. A client gets [`Limits::header_read`] to send each request's head (a request sent
//! half way holds its connection no longer), at most [`Limits::max_connections`] connections are served at once
//! (the next ones wait in the listener's backlog), and once shutdown is asked for, open connections get
//! [`Limits::drain`] to finish their requests before they are dropped: a client that never finishes its
//! request cannot keep the process from exiting.

use std::{future::Future, sync::Arc, time::Duration};

use axum::Router;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::Semaphore, task::JoinSet};

/// The route both services answer while their process serves (the bot's load balancers, the worker's launch
/// hook and both images' `HEALTHCHECK` ask it); [`health`] answers it, [`probe_health`] asks it.
pub const HEALTH_PATH: &str = "/health";

/// A router answering `GET` [`HEALTH_PATH`] with 200 `ok`, to merge into a service's own.
pub fn health<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route(HEALTH_PATH, axum::routing::get(|| async { "ok" }))
}

/// The `healthcheck` subcommands: whether `GET` [`HEALTH_PATH`] on this machine's `port` answers a 2xx within
/// 3 s (a container check's own timeout is longer).
pub async fn probe_health(port: u16) -> bool {
    let Ok(client) = reqwest::Client::builder().timeout(Duration::from_secs(3)).build() else { return false };
    let answer = client.get(format!("http://127.0.0.1:{port}{HEALTH_PATH}")).send().await;
    answer.is_ok_and(|answer| answer.status().is_success())
}

/// A server's bounds.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a client may take to send a request's head, and how long a kept-alive connection may stay idle
    /// (hyper's timer runs from when it waits for the next head).
    pub header_read: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// How long open connections may go on after shutdown is asked for.
    pub drain: Duration,
}

impl Default for Limits {
    /// 65 s for a request's head: longer than the AWS load balancer's idle timeout (60 s), as AWS asks of its
    /// targets, so that the balancer never sends a request into a kept-alive connection the server is closing.
    /// 1024 connections; 30 s to drain, within `docker stop`'s grace.
    fn default() -> Self {
        Self { header_read: Duration::from_secs(65), max_connections: 1024, drain: Duration::from_secs(30) }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then lets open connections finish
/// for at most [`Limits::drain`] and returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_read);
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: give the connections in hand a moment, as axum::serve does.
                    tracing::warn!(message = "Could not accept a connection.", %error);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(router.clone()));
        let connection = graceful.watch(connection.into_owned());
        connections.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(message = "A connection ended with an error.", %error);
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.drain, graceful.shutdown()).await.is_err() {
        tracing::warn!(
            message = "Connections still open at the drain bound were dropped.",
            connections = connections.len(),
            drain_seconds = limits.drain.as_secs_f64()
        );
    }
    connections.shutdown().await;
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use axum::{http::StatusCode, routing::get};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    async fn server(
        limits: Limits,
    ) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("bound");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = Router::new().route("/", get(|| async { "ok" }));
        let serving = tokio::spawn(serve(listener, router, limits, async move {
            let _ = stopped.await;
        }));
        (address, stop, serving)
    }

    /// Reads until the server closes the connection; how long that took.
    async fn until_closed(stream: &mut tokio::net::TcpStream) -> Duration {
        let started = Instant::now();
        let mut buffer = [0u8; 1024];
        while stream.read(&mut buffer).await.is_ok_and(|n| n > 0) {}
        started.elapsed()
    }

    #[tokio::test]
    async fn a_request_sent_half_way_is_dropped_after_the_header_read_bound() {
        let limits = Limits { header_read: Duration::from_millis(300), ..Limits::default() };
        let (address, _stop, _serving) = server(limits).await;
        let mut half = tokio::net::TcpStream::connect(address).await.expect("connects");
        half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.expect("writes");
        let closed = tokio::time::timeout(Duration::from_secs(5), until_closed(&mut half)).await;
        let closed = closed.expect("closed by the server, not left open");
        assert!(closed >= Duration::from_millis(250), "not before the bound: {closed:?}");
        let answered = reqwest::get(format!("http://{address}/")).await.expect("a whole request is served");
        assert_eq!(answered.status(), 200);
    }

    #[tokio::test]
    async fn shutdown_ends_within_the_drain_bound_whatever_a_client_does() {
        let limits = Limits { drain: Duration::from_millis(500), ..Limits::default() };
        let (address, stop, serving) = server(limits).await;
        let mut half = tokio::net::TcpStream::connect(address).await.expect("connects");
        half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.expect("writes");
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        stop.send(()).expect("the server listens for it");
        tokio::time::timeout(Duration::from_secs(5), serving).await.expect("ended").expect("no panic");
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    }

    #[tokio::test]
    async fn connections_past_the_cap_wait_for_one_to_close() {
        let limits = Limits { max_connections: 1, header_read: Duration::from_secs(1), ..Limits::default() };
        let (address, _stop, _serving) = server(limits).await;
        let mut holder = tokio::net::TcpStream::connect(address).await.expect("connects");
        holder.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.expect("writes");
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        let answered = reqwest::get(format!("http://{address}/")).await.expect("served once a slot frees");
        assert_eq!(answered.status(), 200);
        assert!(
            started.elapsed() >= Duration::from_millis(700),
            "waited for the half-sent one: {:?}",
            started.elapsed()
        );
    }

    #[tokio::test]
    async fn the_probe_asks_the_health_route_and_wants_a_2xx() {
        async fn on(router: Router) -> u16 {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
            let port = listener.local_addr().expect("bound").port();
            tokio::spawn(serve(listener, router, Limits::default(), std::future::pending()));
            port
        }
        assert!(probe_health(on(health()).await).await);
        let failing = Router::new().route(HEALTH_PATH, get(|| async { StatusCode::SERVICE_UNAVAILABLE }));
        assert!(!probe_health(on(failing).await).await);
        assert!(
            !probe_health(on(Router::new().route("/", get(|| async { "ok" }))).await).await,
            "another route"
        );
        let closed =
            TcpListener::bind("127.0.0.1:0").await.expect("a port").local_addr().expect("bound").port();
        assert!(!probe_health(closed).await, "nothing listening");
    }
}
