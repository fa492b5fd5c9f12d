//! What a node tells the other nodes on the same PostgreSQL database, so
//! that what each keeps for a moment (the kept listings, pages and searches
//! of `space_listing_cache.rs`, and the tenant lookups of `tenant.rs`) is
//! dropped at once everywhere, not when its time runs out.
//!
//! Two signals, by tenant slug: "written" after a request that may have
//! changed the tenant's data (as `write_generations.rs` notes it locally),
//! and "tenant changed" after its settings, host or suspension changed.
//! Signals are gathered for [`BATCH`] and sent as one `NOTIFY`, so a burst
//! of writes costs the database one notification, not one per write. A node
//! whose listening session drops treats every tenant as written when it
//! listens again: it cannot know what it missed. On SQLite (one process)
//! nothing is sent.

use crate::state::AppState;
use civic_app::node_signals::{self, MAX_PAYLOAD};
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Duration;

pub const CHANNEL: &str = "civic_node_signals";

/// How long signals are gathered before they are sent.
const BATCH: Duration = Duration::from_millis(25);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Signal {
    Written(String),
    TenantChanged(String),
}

impl Signal {
    fn encode(&self) -> String {
        match self {
            Signal::Written(slug) => format!("w:{slug}"),
            Signal::TenantChanged(slug) => format!("t:{slug}"),
        }
    }

    fn decode(item: &str) -> Option<Signal> {
        let (kind, slug) = item.split_once(':')?;
        if slug.is_empty() {
            return None;
        }
        match kind {
            "w" => Some(Signal::Written(slug.to_string())),
            "t" => Some(Signal::TenantChanged(slug.to_string())),
            _ => None,
        }
    }
}

/// Signals waiting to be sent.
#[derive(Default)]
pub struct Outbox {
    pending: Mutex<BTreeSet<Signal>>,
    wake: tokio::sync::Notify,
}

impl Outbox {
    pub fn written(&self, slug: &str) {
        self.push(Signal::Written(slug.to_string()));
    }

    pub fn tenant_changed(&self, slug: &str) {
        self.push(Signal::TenantChanged(slug.to_string()));
    }

    fn push(&self, signal: Signal) {
        let fresh = {
            let mut pending = self.pending.lock().expect("lock");
            // Bounded: past this many distinct tenants in one batch, the rest
            // of the batch is caught by the copies' age limit.
            pending.len() < 10_000 && pending.insert(signal)
        };
        if fresh {
            self.wake.notify_one();
        }
    }

    fn take(&self) -> BTreeSet<Signal> {
        std::mem::take(&mut *self.pending.lock().expect("lock"))
    }
}

/// Payloads of at most [`MAX_PAYLOAD`] bytes, comma-separated signals.
fn payloads(signals: &BTreeSet<Signal>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for item in signals.iter().map(Signal::encode) {
        if !current.is_empty() && current.len() + 1 + item.len() > MAX_PAYLOAD {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(',');
        }
        current.push_str(&item);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Acts on a payload another node (or this one) sent.
fn receive(state: &AppState, payload: &str) {
    for signal in payload.split(',').filter_map(Signal::decode) {
        match signal {
            Signal::Written(slug) => state.writes.note(&slug),
            Signal::TenantChanged(slug) => {
                state.tenants.forget(&slug);
                state.writes.note(&slug);
            }
        }
    }
}

/// Sends and receives signals until `stop` turns true. Does nothing on
/// SQLite.
pub async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    if !node_signals::shared(&state.platform) {
        return;
    }
    let sending = {
        let state = state.clone();
        let mut stop = stop.clone();
        async move {
            loop {
                tokio::select! {
                    _ = state.signals.wake.notified() => {}
                    _ = stop.changed() => return,
                }
                tokio::time::sleep(BATCH).await;
                for payload in payloads(&state.signals.take()) {
                    if let Err(e) = node_signals::send(&state.platform, CHANNEL, &payload).await {
                        // Other nodes catch up when their copies age out.
                        tracing::warn!(error = %e, "cannot signal other nodes");
                    }
                }
            }
        }
    };
    let listening = async {
        let mut first = true;
        loop {
            match node_signals::listen(&state.platform, CHANNEL).await {
                Ok(Some(mut listener)) => {
                    if !first {
                        tracing::info!("listening to other nodes again");
                        state.writes.note_all();
                        state.tenants.forget_all();
                    }
                    loop {
                        match listener.next().await {
                            Ok(payload) => receive(&state, &payload),
                            Err(e) => {
                                tracing::warn!(error = %e, "lost the signals of other nodes; reconnecting");
                                break;
                            }
                        }
                    }
                }
                Ok(None) => return,
                Err(e) => tracing::warn!(error = %e, "cannot listen to other nodes; retrying"),
            }
            first = false;
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    };
    tokio::select! {
        _ = sending => {}
        _ = listening => {}
        _ = stop.changed() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_travel_as_short_text() {
        let sent: BTreeSet<_> = [Signal::Written("bucha".into()), Signal::TenantChanged("irpin".into())].into();
        let payload = payloads(&sent);
        assert_eq!(payload, vec!["w:bucha,t:irpin".to_string()]);
        let back: BTreeSet<_> = payload[0].split(',').filter_map(Signal::decode).collect();
        assert_eq!(back, sent);
        assert_eq!(Signal::decode("x:bucha"), None);
        assert_eq!(Signal::decode("w:"), None);
        assert_eq!(Signal::decode("junk"), None);
    }

    #[test]
    fn many_signals_are_split_under_the_payload_limit() {
        let sent: BTreeSet<_> = (0..2_000).map(|i| Signal::Written(format!("town-{i:05}"))).collect();
        let payloads = payloads(&sent);
        assert!(payloads.len() > 1);
        assert!(payloads.iter().all(|p| p.len() <= MAX_PAYLOAD));
        let count: usize = payloads.iter().map(|p| p.split(',').count()).sum();
        assert_eq!(count, 2_000, "none lost, none doubled");
    }
}
