//! `/{tenant}/_styleguide`: every component of the design system with its
//! states, in the tenant's own look and the visitor's language, for the
//! tenant's staff (and the browser suite, which checks it with axe). The
//! rules for each component are in docs/frontend.md.

use super::{Layout, render};
use crate::error::WebError;
use crate::extract::{AnyStaff, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::response::Html;
use axum::routing::get;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/{tenant}/_styleguide", get(show))
}

#[derive(Template)]
#[template(path = "styleguide.html")]
struct StyleGuide {
    shell: Layout,
    slug: String,
    /// Every status a label exists for: (class suffix, message key).
    statuses: Vec<(&'static str, String)>,
    /// A chart as the results pages draw it.
    chart: String,
    tokens: [&'static str; 10],
}

async fn show(tenant: Tenant, shell: Layout, _staff: Staff<AnyStaff>) -> Result<Html<String>, WebError> {
    let ideas = civic_core::ideas::IdeaStatus::ALL
        .iter()
        .map(|s| (s.as_str(), format!("status-{}", s.as_str())));
    let spaces = ["draft", "published", "closed", "archived"]
        .into_iter()
        .map(|s| (s, format!("space-status-{s}")));
    let rows = [
        (shell.i.t("styleguide-chart-a"), 42.0, "42 (56%)".to_string()),
        (shell.i.t("styleguide-chart-b"), 21.0, "21 (28%)".to_string()),
        (shell.i.t("styleguide-chart-c"), 12.0, "12 (16%)".to_string()),
    ];
    let chart = super::polls::bars_svg(&rows, &shell.i.t("styleguide-chart-title"));
    let title = shell.i.t("styleguide-title");
    render(&StyleGuide {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        statuses: ideas.chain(spaces).collect(),
        chart,
        tokens: [
            "bg", "fg", "muted", "surface", "border", "accent", "focus", "ok", "warn", "bad",
        ],
    })
}
