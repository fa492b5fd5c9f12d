//! `GET /api/v1/{tenant}/statistics`: the participation figures everyone
//! may see (issue 24), for a period and optionally a public space.

use crate::error::WebError;
use crate::html::statistics::{PeriodQuery, today};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use civic_app::statistics;
use civic_core::statistics::Preset;
use serde::Serialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/{tenant}/statistics", get(statistics))
}

/// Contributions in one week.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WeekCount {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub contributions: i64,
}

/// The public participation figures of a period.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicStatistics {
    /// First and last day of the period (`YYYY-MM-DD`, both included, in
    /// the municipality's time zone).
    pub from: String,
    pub to: String,
    /// The space the figures are limited to, if any.
    pub space: Option<i64>,
    /// Accounts with at least one contribution in the period.
    pub people: i64,
    /// Of them, those whose first contribution is in the period.
    pub new_people: i64,
    pub returning_people: i64,
    /// Ideas, comments, supports, poll responses, votes, ballots,
    /// signatures, reports… made in the period.
    pub contributions: i64,
    pub weeks: Vec<WeekCount>,
    /// The city's answers to ideas given in the period.
    pub answers: i64,
    /// Median days from an idea reaching its support threshold to its
    /// first answer (ideas first answered in the period); null without any.
    pub median_answer_days: Option<f64>,
    /// Ideas implemented (to date).
    pub ideas_implemented: i64,
}

#[utoipa::path(get, path = "/api/v1/{tenant}/statistics", tag = "statistics", params(("tenant" = String, Path, description = "the municipality's slug"), ("from" = Option<String>, Query, description = "first day, YYYY-MM-DD (default: the first of January)"), ("to" = Option<String>, Query, description = "last day, YYYY-MM-DD (default: today); at most five years after from"), ("space" = Option<i64>, Query, description = "only this public space's figures")), responses((status = 200, description = "the public participation figures of the period", body = PublicStatistics), (status = 404, description = "no such municipality or public space", body = super::openapi::ErrorEnvelope), (status = 422, description = "a date that is not one, from after to, more than five years, or a space that is not a number", body = super::openapi::ErrorEnvelope)))]
pub async fn statistics(
    State(state): State<AppState>,
    tenant: Tenant,
    Query(query): Query<PeriodQuery>,
) -> Result<Json<PublicStatistics>, WebError> {
    let period = query.period(today(&tenant), Preset::ThisYear)?;
    let space = query.space()?;
    let f = statistics::public(&state.platform, tenant.tenant_id(), &tenant.zone(), period, space).await?;
    Ok(Json(PublicStatistics {
        from: f.period.from.iso(),
        to: f.period.to.iso(),
        space: f.space.map(|s| s.0),
        people: f.people.total,
        new_people: f.people.new,
        returning_people: f.people.total - f.people.new,
        contributions: f.contributions,
        weeks: f
            .weeks
            .iter()
            .map(|(w, c)| WeekCount {
                week: w.iso(),
                contributions: *c,
            })
            .collect(),
        answers: f.answers.count,
        median_answer_days: f.answers.median_days.map(|m| (m * 10.0).round() / 10.0),
        ideas_implemented: f.implemented,
    }))
}
