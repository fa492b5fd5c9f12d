//! `/{tenant}/contests/{id}`: a contest's page (the brief, the phases with
//! their dates, the criteria, the submissions once public, the submission
//! form while submissions are open, the public vote, the winners), the
//! juror's sheet, the results page, and what officials do (set a contest
//! up from the space page, appoint jurors, end a phase early, announce the
//! winners). All plain forms.

use super::register::localised;
use super::{Layout, render};
use crate::auth::{MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{CsrfForm, Officials, Path as TypedPath, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::contests::{self, ContestInput, ContestView, CriteriaInput, SubmissionInput};
use civic_core::contests::{Contest, Criterion, Phase, Ranked, Submission};
use civic_core::user::Principal;
use civic_core::{SpaceId, Timestamp};
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/contests/new", get(new_form).post(create))
        .route("/{tenant}/contests/{contest}", get(show))
        .route("/{tenant}/contests/{contest}/submissions", post(submit))
        .route("/{tenant}/contests/{contest}/vote", post(vote))
        .route("/{tenant}/contests/{contest}/advance", post(advance))
        .route("/{tenant}/contests/{contest}/jurors", post(add_juror))
        .route("/{tenant}/contests/{contest}/winners", post(announce))
        .route("/{tenant}/contests/{contest}/jury", get(jury))
        .route("/{tenant}/contests/{contest}/results", get(results))
        .route("/{tenant}/contests/{contest}/submissions.csv", get(submissions_csv))
        .route("/{tenant}/submissions/{submission}/scores", post(score))
        .route("/{tenant}/submissions/{submission}/conflict", post(conflict))
}

type Fields = Vec<(String, String)>;

/// The value of a form field (the first of its name), or "".
pub(super) fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn errors_of(shell: &Layout, e: &AppError, form: &str) -> Option<Vec<(String, String)>> {
    e.problems().map(|p| {
        p.iter()
            .map(|i| (form.to_string(), localised(shell, i.code, &i.message)))
            .collect()
    })
}

/// A date for people: the day of `at`.
fn day_of(shell: &Layout, at: i64) -> String {
    shell.i.date(at)
}

/// The last day of an exclusive end.
fn last_day_of(shell: &Layout, end: i64) -> String {
    shell.i.date(end - 1)
}

fn signed_in(user: &MaybeUser) -> Result<&Principal, WebError> {
    user.0.as_ref().map(|(p, _)| p).ok_or(WebError::Unauthorized)
}

/// One phase in the contest's timeline.
pub struct PhaseRow {
    pub key: &'static str,
    pub dates: String,
    pub current: bool,
}

fn phase_rows(shell: &Layout, c: &Contest, now: Phase) -> Vec<PhaseRow> {
    let span = |from: i64, to: i64| format!("{} – {}", day_of(shell, from), last_day_of(shell, to));
    let mut rows = vec![PhaseRow {
        key: "contest-phase-submissions",
        dates: span(c.opens_at, c.submissions_end),
        current: now == Phase::Submissions,
    }];
    if let (true, Some(v)) = (c.has_public_vote(), c.vote_end) {
        rows.push(PhaseRow {
            key: "contest-phase-vote",
            dates: span(c.submissions_end, v),
            current: now == Phase::Vote,
        });
    }
    rows.push(PhaseRow {
        key: "contest-phase-jury",
        dates: span(c.jury_start(), c.jury_end),
        current: now == Phase::Jury,
    });
    rows.push(PhaseRow {
        key: "contest-phase-announced",
        dates: c.announced_at.map(|at| day_of(shell, at)).unwrap_or_else(|| "—".into()),
        current: matches!(now, Phase::Deciding | Phase::Announced),
    });
    rows
}

fn phase_key(p: Phase) -> &'static str {
    match p {
        Phase::Upcoming => "contest-phase-upcoming",
        Phase::Submissions => "contest-phase-submissions",
        Phase::Vote => "contest-phase-vote",
        Phase::Jury => "contest-phase-jury",
        Phase::Deciding => "contest-phase-deciding",
        Phase::Announced => "contest-phase-announced",
    }
}

/// A submission as a card shows it.
pub struct SubmissionCard {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub author: String,
    pub date: String,
    /// Public votes, once the vote is over.
    pub votes: Option<i64>,
    /// "contest-award-winner" / "contest-award-mention".
    pub award_key: Option<&'static str>,
    pub award_reason: String,
    /// It won (officials may start a joint project from it).
    pub winner: bool,
    /// The viewer voted for it.
    pub voted: bool,
    /// The viewer's own.
    pub own: bool,
}

fn award_key(s: &Submission) -> Option<&'static str> {
    s.award.map(|a| match a {
        civic_core::contests::Award::Winner => "contest-award-winner",
        civic_core::contests::Award::Mention => "contest-award-mention",
    })
}

fn card(shell: &Layout, s: &Submission, phase: Phase, my_vote: Option<i64>, me: Option<i64>) -> SubmissionCard {
    SubmissionCard {
        id: s.id,
        title: s.title.clone(),
        description: s.description.clone(),
        author: s.author_name.clone().unwrap_or_else(|| shell.i.t("contest-someone")),
        date: shell.i.date(s.created_at),
        votes: matches!(phase, Phase::Jury | Phase::Deciding | Phase::Announced).then_some(s.votes),
        award_key: award_key(s),
        award_reason: s.award_reason.clone().unwrap_or_default(),
        winner: s.award == Some(civic_core::contests::Award::Winner),
        voted: my_vote == Some(s.id),
        own: me.is_some() && s.author_id == me,
    }
}

#[derive(Template)]
#[template(path = "contest.html")]
struct ContestPage {
    shell: Layout,
    slug: String,
    c: Contest,
    brief_html: String,
    rules_html: String,
    announcement_html: String,
    phase: &'static str,
    phase_key: &'static str,
    phases: Vec<PhaseRow>,
    criteria: Vec<Criterion>,
    cards: Vec<SubmissionCard>,
    submissions_public: bool,
    may_submit: bool,
    voting: bool,
    juror: bool,
    manages: bool,
    deciding: bool,
    announced: bool,
    jurors: Vec<String>,
    /// Signed in and admitted by the space: the forms are offered.
    may_write: bool,
    /// Whether the space admits the viewer (false: only verified residents
    /// take part, and the viewer is not one).
    admitted: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    /// The refused form and what was typed in it.
    form: String,
    typed: Fields,
}

impl ContestPage {
    fn typed(&self, name: &str) -> &str {
        field(&self.typed, name)
    }

    /// The first problem of the form `form` when it was the one refused.
    fn form_error(&self, form: &str) -> Option<&str> {
        (self.form == form)
            .then(|| self.errors.first().map(|(_, m)| m.as_str()))
            .flatten()
    }
}

const NOTICES: [(&str, &str); 7] = [
    ("created", "contest-notice-created"),
    ("submitted", "contest-notice-submitted"),
    ("voted", "contest-notice-voted"),
    ("withdrawn", "contest-notice-withdrawn"),
    ("advanced", "contest-notice-advanced"),
    ("juror", "contest-notice-juror"),
    ("announced", "contest-notice-announced"),
];

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

fn notice(shell: &Layout, done: Option<&str>) -> Option<String> {
    let done = done?;
    NOTICES.iter().find(|(k, _)| *k == done).map(|(_, key)| shell.i.t(key))
}

/// A refused form: its id, its problems, what was typed.
struct Refused {
    form: String,
    errors: Vec<(String, String)>,
    typed: Fields,
}

async fn contest_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&Principal>,
    contest: i64,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Html<String>, WebError> {
    let who = principal.map(|p| (p.user_id, p.role));
    let v: ContestView = contests::view(&state.platform, tenant.tenant_id(), contest, who).await?;
    let admitted = civic_app::spaces::admits_in(
        &state.platform,
        tenant.tenant_id(),
        civic_core::SpaceId(v.contest.space_id),
        principal.map(|p| p.user_id),
    )
    .await?;
    let me = principal.map(|p| p.user_id.0);
    let cards = v
        .submissions
        .iter()
        .map(|s| card(&shell, s, v.phase, v.my_vote, me))
        .collect();
    let c = v.contest.clone();
    let title = c.title.clone();
    let shell = shell
        .titled_form(title, refused.is_some(), "contest-error-prefix")
        .described(&c.brief);
    let (form, errors, typed) =
        refused.map_or((String::new(), Vec::new(), Vec::new()), |r| (r.form, r.errors, r.typed));
    render(&ContestPage {
        slug: tenant.slug.clone(),
        brief_html: crate::markdown::to_safe_html(&c.brief),
        rules_html: crate::markdown::to_safe_html(&c.rules),
        announcement_html: crate::markdown::to_safe_html(c.announcement.as_deref().unwrap_or("")),
        phase: v.phase.as_str(),
        phase_key: phase_key(v.phase),
        phases: phase_rows(&shell, &c, v.phase),
        criteria: v.criteria.clone(),
        cards,
        submissions_public: v.submissions_public,
        may_submit: v.phase == Phase::Submissions && v.space_open,
        voting: v.phase == Phase::Vote && v.space_open,
        juror: v.juror,
        manages: principal.is_some_and(|p| contests::may_manage(p.role)),
        deciding: v.phase == Phase::Deciding,
        announced: v.phase == Phase::Announced,
        jurors: v.jurors.iter().map(|(_, n)| n.clone()).collect(),
        may_write: principal.is_some() && admitted,
        admitted,
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        notice,
        errors,
        form,
        typed,
        c,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    let principal = user.0.as_ref().map(|(p, _)| p);
    contest_page(&state, &tenant, shell, principal, id(&contest)?, notice, None).await
}

fn to_contest(slug: &str, contest: i64, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/contests/{contest}?done={done}#{anchor}")).into_response()
}

/// Renders the page again with a refused form's problems (422), or passes
/// any other error on.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    contest: i64,
    e: AppError,
    form: &str,
    typed: Fields,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e, form) {
        Some(errors) => {
            let typed = typed
                .into_iter()
                .filter(|(k, _)| k != "csrf")
                .map(|(k, v)| (k, v.chars().take(20_000).collect()))
                .collect();
            let refused = Refused {
                form: form.to_string(),
                errors,
                typed,
            };
            let html = contest_page(state, tenant, shell, Some(principal), contest, None, Some(refused)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    let principal = signed_in(&user)?;
    let input = SubmissionInput {
        title: field(&fields, "title"),
        description: field(&fields, "description"),
    };
    match contests::submit(&state.platform, tenant.tenant_id(), principal.user_id, contest, &input).await {
        Ok(s) => Ok(to_contest(
            &tenant.slug,
            contest,
            "submitted",
            &format!("submission-{}", s.id),
        )),
        Err(e) => refused(&state, &tenant, shell, principal, contest, e, "submit", fields).await,
    }
}

pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    let principal = signed_in(&user)?;
    let t = tenant.tenant_id();
    if field(&fields, "action") == "withdraw" {
        contests::unvote(&state.platform, t, principal.user_id, contest).await?;
        return Ok(to_contest(&tenant.slug, contest, "withdrawn", "submissions"));
    }
    let submission = field(&fields, "submission_id").trim().parse::<i64>().unwrap_or(-1);
    match contests::vote(&state.platform, t, principal.user_id, contest, submission).await {
        Ok(()) => Ok(to_contest(
            &tenant.slug,
            contest,
            "voted",
            &format!("submission-{submission}"),
        )),
        Err(e) => refused(&state, &tenant, shell, principal, contest, e, "submissions", Vec::new()).await,
    }
}

pub async fn advance(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    contests::advance(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        contest,
    )
    .await?;
    Ok(to_contest(&tenant.slug, contest, "advanced", "phases"))
}

pub async fn add_juror(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    match contests::add_juror(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        contest,
        field(&fields, "email"),
    )
    .await
    {
        Ok(_) => Ok(to_contest(&tenant.slug, contest, "juror", "jurors")),
        Err(e) => refused(&state, &tenant, shell, &principal, contest, e, "jurors", fields).await,
    }
}

pub async fn announce(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, contest)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let contest = id(&contest)?;
    // One select and one reason per submission: award-ID, reason-ID.
    let awards: Vec<(i64, String, String)> = fields
        .iter()
        .filter_map(|(k, v)| {
            let sid = k.strip_prefix("award-")?.parse::<i64>().ok()?;
            (!v.trim().is_empty()).then(|| (sid, v.clone(), field(&fields, &format!("reason-{sid}")).to_string()))
        })
        .collect();
    match contests::announce(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        contest,
        field(&fields, "text"),
        &awards,
    )
    .await
    {
        Ok(()) => Ok(to_contest(&tenant.slug, contest, "announced", "winners")),
        Err(e) => refused(&state, &tenant, shell, &principal, contest, e, "announce", fields).await,
    }
}

/// One row of the juror's sheet as the page shows it.
pub struct SheetItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// (criterion position, name, weight, the juror's score as typed, comment).
    pub scores: Vec<(i64, String, i64, String, String)>,
}

/// One row of a ranking table.
pub struct RankRow {
    pub rank: String,
    pub tied: bool,
    pub title: String,
    pub total: String,
    pub by_criterion: Vec<String>,
    pub votes: i64,
    pub award_key: Option<&'static str>,
    pub award_reason: String,
}

fn score_text(shell: &Layout, x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| shell.i.number((x * 100.0).round() / 100.0))
}

fn rank_rows(shell: &Layout, ranking: &[(Ranked, Submission)]) -> Vec<RankRow> {
    ranking
        .iter()
        .map(|(r, s)| RankRow {
            rank: r.rank.map_or_else(|| "—".to_string(), |n| n.to_string()),
            tied: r.tied,
            title: s.title.clone(),
            total: score_text(shell, r.total),
            by_criterion: r.by_criterion.iter().map(|x| score_text(shell, *x)).collect(),
            votes: s.votes,
            award_key: award_key(s),
            award_reason: s.award_reason.clone().unwrap_or_default(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "contest_jury.html")]
struct JuryPage {
    shell: Layout,
    slug: String,
    c: Contest,
    criteria: Vec<Criterion>,
    scoring: bool,
    closed: bool,
    rows: Vec<SheetItem>,
    conflicts: Vec<String>,
    ranking: Vec<RankRow>,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct JuryQuery {
    done: Option<String>,
}

async fn jury_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    contest: i64,
    notice: Option<String>,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let sheet = contests::jury_sheet(&state.platform, tenant.tenant_id(), principal.user_id, contest).await?;
    let rows = sheet
        .rows
        .iter()
        .map(|r| SheetItem {
            id: r.submission.id,
            title: r.submission.title.clone(),
            description: r.submission.description.clone(),
            scores: sheet
                .criteria
                .iter()
                .zip(&r.scores)
                .map(|(k, x)| {
                    let (score, comment) = x
                        .clone()
                        .map_or((String::new(), String::new()), |(s, c)| (s.to_string(), c));
                    (k.position, k.name.clone(), k.weight, score, comment)
                })
                .collect(),
        })
        .collect();
    let ranking = match &sheet.ranking {
        Some(r) => {
            let with: Vec<(Ranked, Submission)> = r
                .iter()
                .filter_map(|k| {
                    let s = sheet
                        .rows
                        .iter()
                        .map(|x| &x.submission)
                        .chain(sheet.conflicts.iter())
                        .find(|s| s.id == k.submission_id)?;
                    Some((k.clone(), s.clone()))
                })
                .collect();
            rank_rows(&shell, &with)
        }
        None => Vec::new(),
    };
    let title = shell.i.with("contest-jury-title", "title", &sheet.contest.title);
    let shell = shell.titled_form(title, !errors.is_empty(), "contest-error-prefix");
    render(&JuryPage {
        slug: tenant.slug.clone(),
        scoring: sheet.phase == Phase::Jury,
        closed: sheet.phase.jury_closed(),
        criteria: sheet.criteria.clone(),
        rows,
        conflicts: sheet.conflicts.iter().map(|s| s.title.clone()).collect(),
        ranking,
        csrf: principal.csrf_token.clone(),
        notice,
        errors,
        c: sheet.contest,
        shell,
    })
}

pub async fn jury(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
    Query(query): Query<JuryQuery>,
) -> Result<Html<String>, WebError> {
    let principal = signed_in(&user)?;
    let notice = match query.done.as_deref() {
        Some("scored") => Some(shell.i.t("contest-notice-scored")),
        Some("conflict") => Some(shell.i.t("contest-notice-conflict")),
        _ => None,
    };
    jury_page(&state, &tenant, shell, principal, id(&contest)?, notice, Vec::new()).await
}

pub async fn score(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, submission)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let principal = signed_in(&user)?;
    let submission = id(&submission)?;
    let contest = field(&fields, "contest").trim().parse::<i64>().unwrap_or(-1);
    // score-N and comment-N per criterion; an empty score leaves it.
    let scores: Vec<(i64, i64, String)> = fields
        .iter()
        .filter_map(|(k, v)| {
            let position = k.strip_prefix("score-")?.parse::<i64>().ok()?;
            let v = v.trim();
            (!v.is_empty()).then(|| {
                (
                    position,
                    v.parse::<i64>().unwrap_or(-1),
                    field(&fields, &format!("comment-{position}")).to_string(),
                )
            })
        })
        .collect();
    match contests::score(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        submission,
        &scores,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/{}/contests/{contest}/jury?done=scored#submission-{submission}",
            tenant.slug
        ))
        .into_response()),
        Err(e) => match errors_of(&shell, &e, &format!("submission-{submission}")) {
            Some(errors) if contest > 0 => {
                let html = jury_page(&state, &tenant, shell, principal, contest, None, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            _ => Err(e.into()),
        },
    }
}

pub async fn conflict(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, submission)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let principal = signed_in(&user)?;
    let submission = id(&submission)?;
    contests::declare_conflict(&state.platform, tenant.tenant_id(), principal.user_id, submission).await?;
    let contest = field(&fields, "contest").trim().parse::<i64>().unwrap_or(0);
    Ok(Redirect::to(&format!(
        "/{}/contests/{contest}/jury?done=conflict#conflicts",
        tenant.slug
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "contest_results.html")]
struct ResultsPage {
    shell: Layout,
    slug: String,
    c: Contest,
    announcement_html: String,
    criteria: Vec<Criterion>,
    ranking: Vec<RankRow>,
    winners: Vec<RankRow>,
    total_votes: i64,
    public_vote: bool,
}

pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let who = user.0.as_ref().map(|(p, _)| (p.user_id, p.role));
    let r = contests::results(&state.platform, tenant.tenant_id(), id(&contest)?, who).await?;
    let rows = rank_rows(&shell, &r.ranking);
    let winners = rank_rows(
        &shell,
        &r.ranking
            .iter()
            .filter(|(_, s)| s.award.is_some())
            .cloned()
            .collect::<Vec<_>>(),
    );
    let title = shell.i.with("contest-results-title", "title", &r.contest.title);
    let shell = shell.titled(title);
    render(&ResultsPage {
        slug: tenant.slug.clone(),
        announcement_html: crate::markdown::to_safe_html(r.contest.announcement.as_deref().unwrap_or("")),
        public_vote: r.contest.has_public_vote(),
        criteria: r.criteria,
        ranking: rows,
        winners,
        total_votes: r.total_votes,
        c: r.contest,
        shell,
    })
}

#[derive(Template)]
#[template(path = "contest_form.html")]
struct ContestFormPage {
    shell: Layout,
    slug: String,
    space_id: i64,
    csrf: String,
    form: ContestInput,
    criteria: String,
    errors: Vec<(String, String)>,
}

impl ContestFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn contest_form(
    shell: Layout,
    slug: &str,
    space: SpaceId,
    csrf: &str,
    form: ContestInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("contest-new-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "contest-error-prefix");
    render(&ContestFormPage {
        slug: slug.to_string(),
        space_id: space.0,
        csrf: csrf.to_string(),
        criteria: form.criteria.as_lines(),
        form,
        errors,
        shell,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
) -> Result<Html<String>, WebError> {
    contests::setting_up_in(&state.platform, tenant.tenant_id(), space).await?;
    let form = ContestInput {
        criteria: CriteriaInput::Lines(shell.i.t("contest-criteria-example")),
        ..ContestInput::default()
    };
    contest_form(shell, &tenant.slug, space, &principal.csrf_token, form, Vec::new())
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let cut = |name: &str, n: usize| field(&fields, name).chars().take(n).collect::<String>();
    let input = ContestInput {
        title: cut("title", 400),
        brief: cut("brief", 22_000),
        rules: cut("rules", 22_000),
        eligibility: cut("eligibility", 3_000),
        prizes: cut("prizes", 3_000),
        public_vote: field(&fields, "public_vote") == "on",
        opens: cut("opens_on", 12),
        submissions_close: cut("submissions_close_on", 12),
        vote_close: cut("vote_close_on", 12),
        jury_close: cut("jury_close_on", 12),
        criteria: CriteriaInput::Lines(cut("criteria", 3_000)),
    };
    match contests::create(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        space,
        &input,
    )
    .await
    {
        Ok(id) => Ok(to_contest(&tenant.slug, id, "created", "main")),
        Err(e) => match e.problems() {
            Some(p) => {
                let errors = p
                    .iter()
                    .map(|i| {
                        let f = if i.field == "phases" {
                            "submissions_close_on"
                        } else {
                            i.field
                        };
                        (f.to_string(), localised(&shell, i.code, &i.message))
                    })
                    .collect();
                let html = contest_form(shell, &tenant.slug, space, &principal.csrf_token, input, errors)?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

/// A contest as the space page's card shows it.
pub struct ContestCard {
    pub id: i64,
    pub title: String,
    pub phase: &'static str,
    pub phase_key: &'static str,
    pub submission_count: i64,
}

pub fn contest_card(c: &Contest) -> ContestCard {
    let phase = c.phase_at(Timestamp::now());
    ContestCard {
        id: c.id,
        title: c.title.clone(),
        phase: phase.as_str(),
        phase_key: phase_key(phase),
        submission_count: c.submission_count,
    }
}

/// Officials' export: every submission with its author, votes, award and,
/// once the jury phase is over, its rank and total.
pub async fn submissions_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, contest)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (c, submissions, ranking) =
        contests::export(&state.platform, tenant.tenant_id(), principal.role, id(&contest)?).await?;
    let mut bytes = String::from("id,title,author,submitted,votes,rank,total,award,reason\r\n");
    for s in &submissions {
        let ranked = ranking
            .as_ref()
            .and_then(|r| r.iter().find(|x| x.submission_id == s.id));
        let row = [
            s.id.to_string(),
            super::spaces::csv_field(&s.title),
            super::spaces::csv_field(s.author_name.as_deref().unwrap_or("")),
            Timestamp(s.created_at).iso_date(),
            s.votes.to_string(),
            ranked.and_then(|r| r.rank).map(|n| n.to_string()).unwrap_or_default(),
            ranked
                .and_then(|r| r.total)
                .map(|t| format!("{t:.2}"))
                .unwrap_or_default(),
            s.award.map(|a| a.as_str().to_string()).unwrap_or_default(),
            super::spaces::csv_field(s.award_reason.as_deref().unwrap_or("")),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"contest-{}-submissions.csv\"", c.id),
            ),
        ],
        bytes,
    )
        .into_response())
}
