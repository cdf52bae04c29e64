//! The shutdown signal both services drain on.

/// Completes when the process receives SIGTERM (as ECS, systemd and `docker stop` send) or Ctrl-C.
pub async fn signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(message = "Failed to listen for Ctrl-C.", %error);
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                tracing::error!(message = "Failed to listen for SIGTERM.", %error);
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => tracing::info!(message = "Received Ctrl-C; shutting down."),
        () = terminate => tracing::info!(message = "Received SIGTERM; shutting down."),
    }
}
