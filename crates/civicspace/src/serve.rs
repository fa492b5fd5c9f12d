//! `civicspace serve`: open the database, migrate, seed the demo once, serve
//! until SIGTERM or Ctrl-C, finishing requests in flight.

use crate::commands::{describe, open};
use crate::config::Settings;
use civic_web::{AppState, WebConfig};
use std::net::SocketAddr;

pub async fn run(settings: &Settings) -> Result<(), String> {
    let db = open(settings).await?;
    tracing::info!(
        database = db.redacted_url(),
        backend = db.backend().name(),
        "database ready"
    );

    let demo = if settings.demo {
        civic_seed::demo::seed_once(&db).await.map_err(describe)?
    } else {
        None
    };

    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;

    let state = AppState::new(
        db.clone(),
        WebConfig {
            body_limit: settings.body_limit_bytes,
            request_timeout: settings.request_timeout,
            public_url: settings.public_url.clone(),
            trust_proxy: settings.trust_proxy,
            map_tiles: settings.map_tiles.clone(),
            map_attribution: settings.map_attribution.clone(),
            ..WebConfig::default()
        },
    );

    // Mail leaves through the outbox worker, which stops with the server.
    let mailer = match &settings.smtp {
        Some(smtp) => civic_app::mail::Mailer::smtp(smtp)?,
        None => civic_app::mail::Mailer::Files(settings.data_dir.join("mail")),
    };
    let from: lettre::message::Mailbox = settings.mail_from.parse().map_err(|e| format!("mail_from: {e}"))?;
    let (stop_mail, mail_stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(civic_app::mail::run_outbox(
        db.clone(),
        mailer.clone(),
        from.clone(),
        mail_stopped.clone(),
    ));
    let housekeeping = tokio::spawn(civic_app::housekeeping::run(db.clone(), mail_stopped.clone()));
    // Notification mail: immediate messages and the daily digests.
    let mailing = civic_app::notifications::Mailing {
        texts: state.catalog.clone(),
        base_url: settings.public_url.clone(),
    };
    let notifications = tokio::spawn(civic_app::notifications::run(
        db.clone(),
        mailing.clone(),
        settings.digest_hour,
        mail_stopped.clone(),
    ));
    // Replicas: which are caught up, looked at every second.
    let replicas = {
        let db = db.clone();
        let stop = mail_stopped.clone();
        tokio::spawn(async move { db.watch_replicas(stop).await })
    };
    let backups = settings.backups.clone().map(|schedule| {
        tracing::info!(every = ?schedule.every, keep = schedule.keep, "scheduled backups into DATA_DIR/backups");
        tokio::spawn(crate::backups::run(
            db.clone(),
            schedule,
            settings.data_dir.join("backups"),
            mail_stopped.clone(),
        ))
    });
    // Opinion groups are computed here, off the request path.
    // Tenants on further PostgreSQL clusters: the same jobs, once per
    // cluster, each scoped to its cluster's database.
    let mut cluster_jobs = Vec::new();
    for index in db.cluster_indexes().into_iter().skip(1) {
        let scoped = |job| {
            let db = db.clone();
            tokio::spawn(async move { db.on_cluster(index, job).await })
        };
        cluster_jobs.push(scoped(Box::pin(civic_app::mail::run_outbox(
            db.clone(),
            mailer.clone(),
            from.clone(),
            mail_stopped.clone(),
        ))
            as std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>));
        cluster_jobs.push(scoped(Box::pin(civic_app::housekeeping::run(
            db.clone(),
            mail_stopped.clone(),
        ))));
        cluster_jobs.push(scoped(Box::pin(civic_app::notifications::run(
            db.clone(),
            mailing.clone(),
            settings.digest_hour,
            mail_stopped.clone(),
        ))));
        cluster_jobs.push(scoped(Box::pin(civic_app::conversations::run_recompute(
            db.clone(),
            mail_stopped.clone(),
        ))));
        cluster_jobs.push(scoped(Box::pin(civic_app::ideas::run_support_counts(
            db.clone(),
            mail_stopped.clone(),
        ))));
    }
    // Page views counted on this node, written every ~45 s and at the end.
    let page_views = tokio::spawn(civic_web::page_views::run(state.clone(), mail_stopped.clone()));
    let support_counts = tokio::spawn(civic_app::ideas::run_support_counts(db.clone(), mail_stopped.clone()));
    let insight = tokio::spawn(civic_app::conversations::run_recompute(
        db.clone(),
        mail_stopped.clone(),
    ));
    // Kept copies dropped on every node at once after a write (PostgreSQL).
    let node_signals = tokio::spawn(civic_web::node_signals::run(state.clone(), mail_stopped));
    // Metrics on their own listener, for the monitoring network only.
    let metrics = match settings.metrics_listen {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at)
                .await
                .map_err(|e| format!("cannot listen for metrics on {at}: {e}"))?;
            let metrics_app = civic_web::ops::metrics_app(state.clone());
            tracing::info!(listen = %at, "metrics served at /metrics");
            Some(tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, metrics_app)
                    .with_graceful_shutdown(shutdown_signal())
                    .await
                {
                    tracing::error!(error = %e, "the metrics listener stopped");
                }
            }))
        }
        None => None,
    };
    let app = civic_web::app(state);

    if let Some(credentials) = demo {
        println!(
            "Demo municipality: http://{addr}/{}/  administrator: {}  one-time password: {}",
            civic_seed::demo::DEMO_SLUG,
            credentials.email,
            credentials.password
        );
    }
    // Last line printed at start: scripts wait for it.
    println!("Civic Space is serving http://{addr}");

    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    let _ = stop_mail.send(true);
    let _ = worker.await;
    let _ = housekeeping.await;
    let _ = support_counts.await;
    let _ = page_views.await;
    let _ = notifications.await;
    let _ = insight.await;
    let _ = node_signals.await;
    for job in cluster_jobs {
        let _ = job.await;
    }
    let _ = replicas.await;
    if let Some(backups) = backups {
        let _ = backups.await;
    }
    if let Some(metrics) = metrics {
        metrics.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
