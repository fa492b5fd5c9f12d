//! Page views counted on the server (issue 24), without cookies or
//! personal data: a successful HTML GET of a public page adds one to a
//! counter of this node under (tenant, UTC day, kind of page, space), and
//! [`run`] adds the counters to the database every [`EVERY`] and once more
//! at shutdown. Nothing is written per request; nothing about the visitor
//! (address, agent, session) is kept. Requests whose agent says it is a
//! robot ("bot", "spider", "crawl") are not counted.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use civic_app::statistics::ViewCount;
use http::{Method, StatusCode, header};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// How often a node adds its counts to the database.
pub const EVERY: Duration = Duration::from_secs(45);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    slug: String,
    day: i64,
    kind: &'static str,
    space: i64,
}

/// This node's counts since they were last written.
#[derive(Default)]
pub struct Counter {
    counts: Mutex<HashMap<Key, i64>>,
}

impl Counter {
    fn add(&self, key: Key, n: i64) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        *counts.entry(key).or_insert(0) += n;
    }

    fn take(&self) -> HashMap<Key, i64> {
        std::mem::take(&mut *self.counts.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The kind of public page at `path` (`/{tenant}/…`) and its space (0 for
/// none): `None` for what is not a public page (administration, accounts,
/// forms, files, the API).
fn classify(path: &str) -> Option<(&str, &'static str, i64)> {
    let rest = path.strip_prefix('/')?;
    let mut parts = rest.split('/');
    let slug = parts.next().filter(|s| !s.is_empty())?;
    if slug == "api" || slug == "static" || slug == "operator" || slug.contains('.') {
        return None;
    }
    let section = parts.next().unwrap_or("");
    let second = parts.next();
    let kind = match section {
        "" => "home",
        "spaces" => "space",
        "ideas" => "idea",
        "polls" => "poll",
        "conversations" => "conversation",
        "budgets" | "budget-projects" => "budget",
        "consultations" | "sections" => "consultation",
        "debates" => "debate",
        "petitions" => "petition",
        "contests" => "contest",
        "projects" => "project",
        "reports" => "report",
        "search" => "search",
        "open-data" => "open_data",
        "statistics" => "statistics",
        _ => return None,
    };
    // Staff's queues and forms under a public section are not public pages.
    if matches!(second, Some("queue" | "new" | "mine")) {
        return None;
    }
    let space = if kind == "space" {
        second.and_then(|id| id.parse::<i64>().ok()).unwrap_or(0)
    } else {
        0
    };
    Some((slug, kind, space))
}

/// A robot by its own account.
fn is_robot(agent: &str) -> bool {
    let agent = agent.to_ascii_lowercase();
    ["bot", "spider", "crawl"].iter().any(|w| agent.contains(w))
}

/// The middleware: counts a successful HTML GET of a public page.
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let candidate = request.method() == Method::GET
        && !request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_robot);
    let key = if candidate {
        classify(request.uri().path()).map(|(slug, kind, space)| Key {
            slug: slug.to_string(),
            day: civic_core::statistics::Day::utc(civic_core::Timestamp::now()).0,
            kind,
            space,
        })
    } else {
        None
    };
    let response = next.run(request).await;
    if let Some(key) = key
        && response.status() == StatusCode::OK
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
    {
        state.views.add(key, 1);
    }
    response
}

/// Adds this node's counts to the database, tenant by tenant (each on its
/// cluster). Counts that could not be written are kept for the next time.
pub async fn flush(state: &AppState) {
    let taken = state.views.take();
    if taken.is_empty() {
        return;
    }
    let mut by_slug: HashMap<String, Vec<(Key, i64)>> = HashMap::new();
    for (key, n) in taken {
        by_slug.entry(key.slug.clone()).or_default().push((key, n));
    }
    for (slug, rows) in by_slug {
        let tenant = match state.tenants.by_slug(&state.platform, &slug).await {
            Ok(Some(t)) => t,
            // A tenant gone since: its counts go with it.
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!(tenant = %slug, error = %e, "page views kept for later");
                for (key, n) in rows {
                    state.views.add(key, n);
                }
                continue;
            }
        };
        let views: Vec<ViewCount> = rows
            .iter()
            .map(|(k, n)| ViewCount {
                day: k.day,
                kind: k.kind,
                space: k.space,
                count: *n,
            })
            .collect();
        let platform = &state.platform;
        let written = civic_app::platform::for_tenant(
            platform,
            tenant.id,
            civic_app::statistics::add_page_views(platform, tenant.id, &views),
        )
        .await;
        if let Err(e) = written.and_then(|r| r) {
            tracing::warn!(tenant = %slug, error = %e, "page views kept for later");
            for (key, n) in rows {
                state.views.add(key, n);
            }
        }
    }
}

/// Writes the counts every [`EVERY`] until `stop`, then once more.
pub async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await;
    loop {
        tokio::select! {
            _ = tick.tick() => flush(&state).await,
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break;
                }
            }
        }
    }
    flush(&state).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_pages_are_classified_and_the_rest_is_not() {
        assert_eq!(classify("/bucha"), Some(("bucha", "home", 0)));
        assert_eq!(classify("/bucha/"), Some(("bucha", "home", 0)));
        assert_eq!(classify("/bucha/spaces/7"), Some(("bucha", "space", 7)));
        assert_eq!(classify("/bucha/spaces/7/ideas"), Some(("bucha", "space", 7)));
        assert_eq!(classify("/bucha/ideas/3"), Some(("bucha", "idea", 0)));
        assert_eq!(classify("/bucha/petitions/2"), Some(("bucha", "petition", 0)));
        assert_eq!(classify("/bucha/statistics"), Some(("bucha", "statistics", 0)));
        for not in [
            "/bucha/admin",
            "/bucha/admin/statistics",
            "/bucha/account",
            "/bucha/login",
            "/api/v1/bucha/ideas",
            "/static/app.css",
            "/favicon.ico",
            "/bucha/reports/queue",
            "/bucha/petitions/new",
            "/",
        ] {
            assert_eq!(classify(not), None, "{not}");
        }
    }

    #[test]
    fn robots_say_so() {
        assert!(is_robot("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assert!(is_robot("Baiduspider"));
        assert!(is_robot("CCBot crawler"));
        assert!(!is_robot("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"));
    }

    #[test]
    fn counts_add_up_and_are_taken_once() {
        let c = Counter::default();
        let key = Key {
            slug: "bucha".into(),
            day: 1,
            kind: "home",
            space: 0,
        };
        c.add(key.clone(), 1);
        c.add(key.clone(), 2);
        assert_eq!(c.take().get(&key), Some(&3));
        assert!(c.take().is_empty());
    }
}
