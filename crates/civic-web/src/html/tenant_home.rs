//! `/{tenant}/`: the municipality's home page.

use super::{IdeaCard, Layout, render};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, Redirect};
use axum::routing::get;
use civic_core::Timestamp;
use civic_core::asking::Ask;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}", get(redirect_to_slash))
        .route("/{tenant}/", get(show))
}

pub struct SpaceCard {
    pub id: i64,
    pub title: String,
    pub status_key: String,
    pub idea_count: i64,
}

/// What the town asks of residents now, for the home page: a budget, a
/// consultation, a poll, a conversation, a debate, a petition or a contest.
pub struct AskCard {
    pub href: String,
    pub title: String,
    /// What it is ("Poll", "Petition") or, for budgets and consultations,
    /// their phase's word; and its `status-…` class.
    pub label: String,
    pub status: String,
    /// "Vote until 26 December" / "Sign until …".
    pub what: String,
    /// The last day to take part, for `<time datetime>` and sorting;
    /// `None`: no deadline.
    pub last_day: Option<i64>,
    /// "3 days left" / "last day", when there is a deadline.
    pub left: Option<String>,
}

impl AskCard {
    /// A card; `end` is when taking part stops (exclusive), `last_day`
    /// a moment of the last day it may be done.
    fn new(
        shell: &Layout,
        now: Timestamp,
        href: String,
        title: String,
        (label, status): (String, String),
        key: &str,
        ends: Option<(i64, i64)>,
    ) -> AskCard {
        let what = match ends {
            Some((_, last_day)) => shell
                .i
                .with(&format!("{key}-until"), "date", &shell.i.day_month(last_day)),
            None => shell.i.t(key),
        };
        let left = ends.map(|(end, _)| {
            let days = ((end - now.0).max(0) + DAY_MS - 1) / DAY_MS;
            if days <= 1 {
                shell.i.t("home-ask-last-day")
            } else {
                shell.i.count("home-ask-days-left", days)
            }
        });
        AskCard {
            href,
            title,
            label,
            status,
            what,
            last_day: ends.map(|(_, d)| d),
            left,
        }
    }
}

const DAY_MS: i64 = 86_400_000;

/// The card of an open poll, conversation, debate, petition or contest.
fn ask_card(shell: &Layout, slug: &str, now: Timestamp, a: Ask) -> AskCard {
    let (label, key) = match a.kind.as_str() {
        "poll" => ("home-kind-poll", "home-ask-answer"),
        "conversation" => ("home-kind-conversation", "home-ask-opinion"),
        "debate" => ("home-kind-debate", "home-ask-debate"),
        "petition" => ("home-kind-petition", "home-ask-sign"),
        "contest-entries" => ("home-kind-contest", "home-ask-enter"),
        _ => ("home-kind-contest", "home-ask-vote"),
    };
    AskCard::new(
        shell,
        now,
        format!("/{slug}{}", a.path()),
        a.title,
        (shell.i.t(label), "open".into()),
        key,
        a.ends_at.map(|end| (end, end - 1)),
    )
}

#[derive(Template)]
#[template(path = "tenant_home.html")]
struct TenantHome {
    shell: Layout,
    slug: String,
    tenant_name: String,
    asks: Vec<AskCard>,
    spaces: Vec<SpaceCard>,
    ideas: Vec<IdeaCard>,
}

pub async fn show(State(state): State<AppState>, tenant: Tenant, shell: Layout) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (spaces, ideas) = civic_app::spaces::home(&state.platform, t, 10).await?;
    let now = Timestamp::now();
    // Budgets and consultations end at the start of the day after the last.
    let ends = |end: Option<i64>| end.map(|end| (end, end - DAY_MS));
    let mut asks: Vec<AskCard> = civic_app::budgets::asking_now(&state.platform, t)
        .await?
        .into_iter()
        .map(|b| {
            let (key, end) = if b.takes_ballots(now) {
                ("home-ask-vote", b.voting_ends)
            } else {
                ("home-ask-propose", b.submission_ends)
            };
            let phase = b.phase.as_str();
            AskCard::new(
                &shell,
                now,
                format!("/{}/budgets/{}", tenant.slug, b.id),
                b.title,
                (shell.i.t(&format!("budget-phase-{phase}")), phase.into()),
                key,
                ends(end),
            )
        })
        .collect();
    asks.extend(
        civic_app::consultations::asking_now(&state.platform, t)
            .await?
            .into_iter()
            .map(|c| {
                let phase = c.phase.as_str();
                AskCard::new(
                    &shell,
                    now,
                    format!("/{}/consultations/{}", tenant.slug, c.id),
                    c.title,
                    (shell.i.t(&format!("consultation-phase-{phase}")), phase.into()),
                    "home-ask-comment",
                    ends(c.comments_end),
                )
            }),
    );
    asks.extend(
        civic_app::asking::asking_now(&state.platform, t, now)
            .await?
            .into_iter()
            .map(|a| ask_card(&shell, &tenant.slug, now, a)),
    );
    asks.sort_by(|a, b| civic_core::asking::soonest_first(a.last_day, b.last_day));
    let title = shell.i.t("tenant-home-title");
    render(&TenantHome {
        asks,
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        tenant_name: tenant.name.clone(),
        spaces: spaces
            .into_iter()
            .map(|s| SpaceCard {
                id: s.id.0,
                status_key: format!("space-status-{}", s.status),
                title: s.title,
                idea_count: s.idea_count.unwrap_or_default(),
            })
            .collect(),
        ideas: ideas.iter().map(IdeaCard::from).collect(),
    })
}

/// `/{tenant}` without the slash: one canonical address per page.
pub async fn redirect_to_slash(tenant: Tenant) -> Redirect {
    Redirect::permanent(&format!("/{}/", tenant.slug))
}
