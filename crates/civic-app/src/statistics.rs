//! Participation statistics (issue 24): the staff's dashboard for a period
//! and a space, the figures everyone may see, and the page views the web
//! layer counts in memory and adds here now and then.

use crate::{AppError, Platform};
use civic_core::statistics::{DAY_MS, Day, Period, median, per_month, per_week};
use civic_core::{Role, SpaceId, TenantId, Zone};
pub use civic_store::statistics::{AnsweredIdea, AnsweredPetition, Count, DepartmentWork, Funnel, People, ViewCount};
use civic_store::statistics::{Scope, Statistics};

/// The answers the city gave in the period, and how long they took.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub count: i64,
    /// Ideas answered for the first time in the period after reaching
    /// their support threshold.
    pub timed: usize,
    /// Median days from the threshold to the first answer.
    pub median_days: Option<f64>,
}

/// Every figure of the staff's dashboard.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub period: Period,
    pub space: Option<SpaceId>,
    pub people: People,
    pub by_kind: Vec<Count>,
    pub by_district: Vec<Count>,
    pub by_channel: Vec<Count>,
    /// (Monday of the week, contributions).
    pub weeks: Vec<(Day, i64)>,
    /// (first of the month, contributions).
    pub months: Vec<(Day, i64)>,
    pub answers: Answers,
    pub funnel: Funnel,
    pub views_by_kind: Vec<Count>,
    pub implemented: i64,
}

impl Dashboard {
    pub fn contributions(&self) -> i64 {
        self.by_kind.iter().map(|c| c.count).sum()
    }

    pub fn returning(&self) -> i64 {
        self.people.total - self.people.new
    }
}

/// How many of the period's answers a report lists (the rest are counted).
pub const REPORT_ANSWERS: i64 = 300;

/// The printable participation report: the dashboard, and what the city
/// answered and did in the period.
#[derive(Debug, Clone)]
pub struct Report {
    pub dashboard: Dashboard,
    /// The answers to ideas, oldest first (at most `REPORT_ANSWERS`).
    pub answered_ideas: Vec<AnsweredIdea>,
    /// All answers to ideas in the period, listed or not.
    pub answered_ideas_total: i64,
    /// Petitions answered (the whole tenant's; none for a space).
    pub petitions: Vec<AnsweredPetition>,
    /// Problem reports by department (the whole tenant's; none for a space).
    pub departments: Vec<DepartmentWork>,
}

/// The figures a municipality shows everyone.
#[derive(Debug, Clone)]
pub struct PublicFigures {
    pub period: Period,
    pub space: Option<SpaceId>,
    pub people: People,
    pub contributions: i64,
    pub weeks: Vec<(Day, i64)>,
    pub months: Vec<(Day, i64)>,
    pub answers: Answers,
    pub implemented: i64,
}

fn scope(period: &Period, zone: &Zone, space: Option<SpaceId>) -> Scope {
    let (from, until) = period.bounds(zone);
    Scope {
        from: from.0,
        until: until.0,
        space: space.map_or(0, |s| s.0),
        offset_ms: zone.offset_ms(from),
    }
}

async fn answers(store: &Statistics<'_>, s: Scope) -> Result<Answers, AppError> {
    let count = store.answers(s).await?;
    let delays: Vec<f64> = store
        .answer_delays(s)
        .await?
        .into_iter()
        .map(|(reached, answered)| (answered - reached) as f64 / DAY_MS as f64)
        .collect();
    Ok(Answers {
        count,
        timed: delays.len(),
        median_days: median(&delays),
    })
}

/// Contributions per week and per month of the period.
type Series = (Vec<(Day, i64)>, Vec<(Day, i64)>);

async fn series(store: &Statistics<'_>, period: &Period, s: Scope) -> Result<Series, AppError> {
    let days: Vec<(Day, i64)> = store.per_day(s).await?.into_iter().map(|(d, n)| (Day(d), n)).collect();
    Ok((per_week(period, &days), per_month(period, &days)))
}

/// A space of the tenant, for the filter (404 for another tenant's).
async fn check_space(db: &Platform, tenant: TenantId, space: Option<SpaceId>) -> Result<(), AppError> {
    if let Some(id) = space
        && civic_store::spaces::Spaces::of(db, tenant).get(id).await?.is_none()
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The staff's dashboard: officials and administrators only.
pub async fn dashboard(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    zone: &Zone,
    period: Period,
    space: Option<SpaceId>,
) -> Result<Dashboard, AppError> {
    if !role.is_among(civic_core::user::StaffRoles::Officials) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's officials can read the participation statistics",
        ));
    }
    check_space(db, tenant, space).await?;
    let store = Statistics::of(db, tenant);
    let s = scope(&period, zone, space);
    let (weeks, months) = series(&store, &period, s).await?;
    Ok(Dashboard {
        period,
        space,
        people: store.people(s).await?,
        by_kind: store.by_kind(s).await?,
        by_district: store.by_district(s).await?,
        by_channel: store.by_channel(s).await?,
        weeks,
        months,
        answers: answers(&store, s).await?,
        funnel: store.funnel(s, period.from.0, period.to.0).await?,
        views_by_kind: store.views_by_kind(s.space, period.from.0, period.to.0).await?,
        implemented: store.implemented(s.space).await?,
    })
}

/// The printable report for a period and a space: officials and
/// administrators only, like the dashboard it contains.
pub async fn report(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    zone: &Zone,
    period: Period,
    space: Option<SpaceId>,
) -> Result<Report, AppError> {
    let dashboard = dashboard(db, tenant, role, zone, period, space).await?;
    let store = Statistics::of(db, tenant);
    let s = scope(&period, zone, space);
    let (answered_ideas, answered_ideas_total) = store.answered_ideas(s, REPORT_ANSWERS).await?;
    let (petitions, departments) = if space.is_none() {
        (
            store.answered_petitions(s, REPORT_ANSWERS).await?,
            store.department_work(s).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Report {
        dashboard,
        answered_ideas,
        answered_ideas_total,
        petitions,
        departments,
    })
}

/// The figures everyone may see, for the whole tenant or a public space
/// (404 for a draft or another tenant's space).
pub async fn public(
    db: &Platform,
    tenant: TenantId,
    zone: &Zone,
    period: Period,
    space: Option<SpaceId>,
) -> Result<PublicFigures, AppError> {
    if let Some(id) = space
        && civic_store::spaces::Spaces::of(db, tenant)
            .get_public(id)
            .await?
            .is_none()
    {
        return Err(AppError::NotFound);
    }
    let store = Statistics::of(db, tenant);
    let s = scope(&period, zone, space);
    let people = store.people(s).await?;
    let contributions = store.by_kind(s).await?.iter().map(|c| c.count).sum();
    let (weeks, months) = series(&store, &period, s).await?;
    Ok(PublicFigures {
        period,
        space,
        people,
        contributions,
        weeks,
        months,
        answers: answers(&store, s).await?,
        implemented: store.implemented(s.space).await?,
    })
}

/// Adds the page views a node counted (see the web layer's `page_views`).
pub async fn add_page_views(db: &Platform, tenant: TenantId, views: &[ViewCount]) -> Result<(), AppError> {
    Ok(Statistics::of(db, tenant).add_views(views).await?)
}
