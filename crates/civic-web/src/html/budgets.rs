//! `/{tenant}/budgets/{id}`: a participatory budget's page (its phases, the
//! projects, the ballot as a plain form), proposing a project, a project's
//! page with the city's review and building status, the results with the
//! reason each project is or is not funded (also as CSV), and the staff
//! forms: set up a budget, move its phase, review, enter paper ballots.

use super::form_errors as errors_of;
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
use civic_app::budgets::{self, BudgetInput, NotFunded, PaperVoter, ProjectInput, Results};
use civic_core::SpaceId;
use civic_core::budgets::{BallotChoice, BallotType, Budget, BudgetPhase, Project};
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/budgets/new", get(new_form).post(create))
        .route("/{tenant}/budgets/{budget}", get(show))
        .route("/{tenant}/budgets/{budget}/ballot", post(vote))
        .route("/{tenant}/budgets/{budget}/ballot/cancel", post(cancel))
        .route(
            "/{tenant}/budgets/{budget}/projects/new",
            get(propose_form).post(propose),
        )
        .route("/{tenant}/budgets/{budget}/results", get(results))
        .route("/{tenant}/budgets/{budget}/results.csv", get(results_csv))
        .route("/{tenant}/budgets/{budget}/pabulib", get(pabulib))
        .route("/{tenant}/budgets/{budget}/phase", post(set_phase))
        .route("/{tenant}/budgets/{budget}/paper-ballots", get(paper_form).post(paper))
        .route("/{tenant}/budgets/{budget}/paper-ballots/bulk", post(paper_bulk))
        .route("/{tenant}/budget-projects/{project}", get(project))
        .route("/{tenant}/budget-projects/{project}/review", post(review))
        .route(
            "/{tenant}/budget-projects/{project}/implementation",
            post(implementation),
        )
}

/// "1 250 000 грн" / "UAH 1,250,000".
fn money(shell: &Layout, amount: i64) -> String {
    shell.i.with("budget-money", "amount", &shell.i.number(amount as f64))
}

/// A phase of the budget as the steps list shows it.
pub struct Step {
    pub key: String,
    pub current: bool,
}

/// A project as a card or a ballot line.
pub struct ProjectItem {
    pub id: i64,
    pub title: String,
    pub cost: String,
    pub cost_value: i64,
    pub category: Option<String>,
    pub district: Option<String>,
    pub status: &'static str,
    pub status_key: String,
    /// The status in the page's language.
    pub status_text: String,
    pub review: Option<String>,
    pub implementation_key: Option<String>,
    pub checked: bool,
    pub points: String,
    pub rank: String,
}

/// The words every project line repeats, translated once per page (a
/// budget of 400 projects would otherwise format them 800 times).
struct LineWords {
    /// "{amount} грн" with a marker where the amount goes.
    money: String,
    statuses: Vec<(&'static str, String)>,
}

const AMOUNT: &str = "\u{E000}";

impl LineWords {
    fn of(shell: &Layout) -> LineWords {
        LineWords {
            money: shell.i.with("budget-money", "amount", AMOUNT),
            statuses: civic_core::budgets::ProjectStatus::ALL
                .iter()
                .map(|s| (s.as_str(), shell.i.t(&format!("budget-project-status-{}", s.as_str()))))
                .collect(),
        }
    }

    fn money(&self, shell: &Layout, amount: i64) -> String {
        self.money.replace(AMOUNT, &shell.i.number(amount as f64))
    }
}

fn item(shell: &Layout, words: &LineWords, p: &Project) -> ProjectItem {
    let status = p.status.as_str();
    ProjectItem {
        id: p.id,
        title: p.title.clone(),
        cost: words.money(shell, p.cost),
        cost_value: p.cost,
        category: p.category.clone(),
        district: p.district.clone(),
        status,
        status_key: format!("budget-project-status-{status}"),
        status_text: words
            .statuses
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, t)| t.clone())
            .unwrap_or_default(),
        review: p.review.clone().filter(|r| !r.is_empty()),
        implementation_key: p
            .implementation
            .map(|i| format!("budget-implementation-{}", i.as_str())),
        checked: false,
        points: String::new(),
        rank: String::new(),
    }
}

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetPage {
    shell: Layout,
    slug: String,
    b: Budget,
    amount: String,
    description_html: String,
    steps: Vec<Step>,
    phase_key: String,
    submission_ends: Option<String>,
    voting_ends: Option<String>,
    rules_text: String,
    takes_projects: bool,
    takes_ballots: bool,
    /// False in a space for verified residents only, for anyone else: the
    /// page asks them to verify instead of showing forms that would be
    /// refused (403 `verified_only`).
    admitted: bool,
    results_public: bool,
    manages: bool,
    csrf: String,
    on_ballot: Vec<ProjectItem>,
    others: Vec<ProjectItem>,
    /// The person's ballot: when, what, and whether it was cast online
    /// (only an online ballot is cancelled by its voter).
    my_ballot: Option<(String, Vec<String>, bool)>,
    ranks: Vec<i64>,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    phases: Vec<(&'static str, String)>,
    submission_ends_value: String,
    voting_ends_value: String,
}

impl BudgetPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn is_ballot(&self, kind: &str) -> bool {
        self.b.ballot_type.as_str() == kind
    }
}

const NOTICES: [(&str, &str); 7] = [
    ("bulk", "budget-notice-bulk"),
    ("voted", "budget-notice-voted"),
    ("cancelled", "budget-notice-cancelled"),
    ("proposed", "budget-notice-proposed"),
    ("phase", "budget-notice-phase"),
    ("created", "budget-notice-created"),
    ("paper", "budget-notice-paper"),
];

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

fn notice(shell: &Layout, done: Option<&str>) -> Option<String> {
    let done = done?;
    NOTICES.iter().find(|(k, _)| *k == done).map(|(_, key)| shell.i.t(key))
}

/// The ballot's rules in words: what a voter must do.
fn rules_text(shell: &Layout, b: &Budget) -> String {
    let min = b.min_choices.max(1).to_string();
    let max = b.max_choices.to_string();
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("min", min);
    args.set("max", max);
    args.set("points", b.points_total.to_string());
    args.set("amount", money(shell, b.amount));
    let key = match (b.ballot_type, b.max_choices > 0) {
        (BallotType::Approval, true) => "budget-rules-approval",
        (BallotType::Approval, false) => "budget-rules-approval-any",
        (BallotType::Knapsack, _) => "budget-rules-knapsack",
        (BallotType::Cumulative, _) => "budget-rules-cumulative",
        (BallotType::Ranked, true) => "budget-rules-ranked",
        (BallotType::Ranked, false) => "budget-rules-ranked-any",
    };
    shell.i.with_args(key, &args)
}

/// The results' score column: votes, or points for ballots that give them.
fn score_key(b: &Budget) -> &'static str {
    match b.ballot_type {
        BallotType::Approval | BallotType::Knapsack => "budget-col-votes",
        BallotType::Cumulative | BallotType::Ranked => "budget-col-points",
    }
}

/// What a ballot form sent: `project=ID` boxes, `points-ID` numbers or
/// `rank-ID` positions.
fn ballot_from(b: &Budget, fields: &[(String, String)]) -> BallotChoice {
    match b.ballot_type {
        BallotType::Approval | BallotType::Knapsack => BallotChoice::Projects(
            fields
                .iter()
                .filter(|(k, _)| k == "project")
                .map(|(_, v)| v.trim().parse::<i64>().unwrap_or(-1))
                .collect(),
        ),
        BallotType::Cumulative => BallotChoice::Points(
            fields
                .iter()
                .filter_map(|(k, v)| {
                    let id = k.strip_prefix("points-")?.parse::<i64>().ok()?;
                    let v = v.trim();
                    (!v.is_empty()).then(|| (id, v.parse::<i64>().unwrap_or(-1)))
                })
                .collect(),
        ),
        BallotType::Ranked => {
            let mut ranked: Vec<(i64, i64)> = fields
                .iter()
                .filter_map(|(k, v)| {
                    let id = k.strip_prefix("rank-")?.parse::<i64>().ok()?;
                    let rank = v.trim().parse::<i64>().ok().filter(|r| *r > 0)?;
                    Some((rank, id))
                })
                .collect();
            ranked.sort();
            // Two projects given the same rank: the ballot names one twice
            // at that place, which the rules refuse with a clear message.
            if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                return BallotChoice::Ranking(vec![ranked[0].1, ranked[0].1]);
            }
            BallotChoice::Ranking(ranked.into_iter().map(|(_, id)| id).collect())
        }
    }
}

struct Draft {
    fields: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

async fn budget_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    budget: i64,
    notice: Option<String>,
    draft: Option<Draft>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let principal = user.0.as_ref().map(|(p, _)| p);
    let role = principal.map(|p| p.role);
    let b = budgets::get(&state.platform, t, budget, role).await?;
    let now = civic_core::Timestamp::now();
    let all = budgets::projects(&state.platform, t, &b).await?;
    let admitted = budgets::admits(&state.platform, t, &b, principal.map(|p| p.user_id)).await?;
    let mine = match principal {
        Some(p) => budgets::my_ballot(&state.platform, t, p.user_id, b.id).await?,
        None => None,
    };
    let my_ballot = mine.map(|(ballot, marks)| {
        let names = marks
            .iter()
            .filter_map(|m| {
                let p = all.iter().find(|p| p.id == m.project_id)?;
                Some(if b.ballot_type == BallotType::Cumulative {
                    format!("{} — {}", p.title, shell.i.count("budget-points-count", m.points))
                } else {
                    p.title.clone()
                })
            })
            .collect();
        (shell.i.date(ballot.cast_at), names, ballot.channel == "online")
    });
    let draft_fields = draft.as_ref().map(|d| d.fields.as_slice()).unwrap_or_default();
    let value_of = |name: String| {
        draft_fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.chars().take(12).collect())
            .unwrap_or_default()
    };
    let words = LineWords::of(&shell);
    let (on_ballot, others): (Vec<&Project>, Vec<&Project>) = all.iter().partition(|p| p.status.on_ballot());
    let on_ballot = on_ballot
        .into_iter()
        .map(|p| {
            let mut i = item(&shell, &words, p);
            i.checked = draft_fields
                .iter()
                .any(|(k, v)| k == "project" && v.trim() == p.id.to_string());
            i.points = value_of(format!("points-{}", p.id));
            i.rank = value_of(format!("rank-{}", p.id));
            i
        })
        .collect::<Vec<_>>();
    let steps = BudgetPhase::ALL
        .iter()
        .map(|p| Step {
            key: format!("budget-phase-{}", p.as_str()),
            current: *p == b.phase,
        })
        .collect();
    let ranks = (1..=if b.max_choices > 0 {
        b.max_choices
    } else {
        on_ballot.len() as i64
    }
    .min(50))
        .collect();
    let phases = BudgetPhase::ALL
        .iter()
        .map(|p| (p.as_str(), format!("budget-phase-{}", p.as_str())))
        .collect();
    let title = b.title.clone();
    let refused = draft.as_ref().is_some_and(|d| !d.errors.is_empty());
    let shell = shell
        .titled_form(title, refused, "budget-error-prefix")
        .described(&b.description);
    render(&BudgetPage {
        slug: tenant.slug.clone(),
        amount: money(&shell, b.amount),
        description_html: crate::markdown::to_safe_html(&b.description),
        steps,
        phase_key: format!("budget-phase-{}", b.phase.as_str()),
        submission_ends: b.submission_ends.map(|e| shell.i.date(e - 86_400_000)),
        voting_ends: b.voting_ends.map(|e| shell.i.date(e - 86_400_000)),
        submission_ends_value: b.submission_ends.map(civic_core::spaces::last_day).unwrap_or_default(),
        voting_ends_value: b.voting_ends.map(civic_core::spaces::last_day).unwrap_or_default(),
        rules_text: rules_text(&shell, &b),
        takes_projects: b.takes_projects(now),
        takes_ballots: b.takes_ballots(now),
        admitted,
        results_public: b.phase.results_public(),
        manages: role.is_some_and(budgets::may_manage),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        on_ballot,
        others: others.into_iter().map(|p| item(&shell, &words, p)).collect(),
        my_ballot,
        ranks,
        notice,
        errors: draft.map(|d| d.errors).unwrap_or_default(),
        phases,
        b,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    Query(query): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    let budget = id(&budget)?;
    if user.0.is_some() || notice.is_some() {
        return budget_page(&state, &tenant, shell, &user, budget, notice, None).await;
    }
    // Every signed-out visitor sees the same page: kept for a moment.
    crate::page_cache::page_for_visitors(&state, "budget", &tenant, budget, "", shell, |shell| {
        budget_page(&state, &tenant, shell, &user, budget, None, None)
    })
    .await
}

fn to_budget(slug: &str, budget: i64, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/budgets/{budget}?done={done}#{anchor}")).into_response()
}

pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let t = tenant.tenant_id();
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    let b = budgets::get(&state.platform, t, budget, Some(principal.role)).await?;
    let choice = ballot_from(&b, &fields);
    match budgets::vote(&state.platform, t, principal.user_id, budget, &choice).await {
        Ok(_) => Ok(to_budget(&tenant.slug, budget, "voted", "ballot-section")),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let draft = Draft { fields, errors };
                let html = budget_page(&state, &tenant, shell, &user, budget, None, Some(draft)).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<crate::extract::Empty>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let Some((principal, _)) = user.0.as_ref() else {
        return Err(WebError::Unauthorized);
    };
    if !budgets::cancel(&state.platform, tenant.tenant_id(), principal.user_id, budget).await? {
        return Err(budgets::nothing_to_cancel().into());
    }
    Ok(to_budget(&tenant.slug, budget, "cancelled", "ballot-section"))
}

#[derive(Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    phase: String,
    #[serde(default)]
    submission_ends: String,
    #[serde(default)]
    voting_ends: String,
}

pub async fn set_phase(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<PhaseForm>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    budgets::set_phase(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        budget,
        &budgets::PhaseInput {
            phase: &input.phase,
            submission_ends: &input.submission_ends,
            voting_ends: &input.voting_ends,
        },
    )
    .await?;
    Ok(to_budget(&tenant.slug, budget, "phase", "manage"))
}

#[derive(Template)]
#[template(path = "budget_form.html")]
struct BudgetFormPage {
    shell: Layout,
    slug: String,
    space_id: i64,
    csrf: String,
    form: BudgetInput,
    errors: Vec<(String, String)>,
    ballot_types: Vec<(&'static str, String)>,
    rules: Vec<(&'static str, String)>,
}

impl BudgetFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

fn budget_form(
    shell: Layout,
    slug: &str,
    space: SpaceId,
    csrf: &str,
    form: BudgetInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("budget-new-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "budget-error-prefix");
    render(&BudgetFormPage {
        slug: slug.to_string(),
        space_id: space.0,
        csrf: csrf.to_string(),
        form,
        errors,
        ballot_types: BallotType::ALL
            .iter()
            .map(|k| (k.as_str(), format!("budget-ballot-{}", k.as_str())))
            .collect(),
        rules: budgets::RULES
            .iter()
            .map(|r| (*r, format!("budget-rule-{}", r.replace('/', "-"))))
            .collect(),
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
    budgets::setting_up_in(&state.platform, tenant.tenant_id(), space).await?;
    let form = BudgetInput {
        ballot_type: "approval".into(),
        rule: "greedy".into(),
        min_choices: "1".into(),
        max_choices: "3".into(),
        ..BudgetInput::default()
    };
    budget_form(shell, &tenant.slug, space, &principal.csrf_token, form, Vec::new())
}

#[derive(Deserialize)]
pub struct BudgetForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    ballot_type: String,
    #[serde(default)]
    min_choices: String,
    #[serde(default)]
    max_choices: String,
    #[serde(default)]
    points_total: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    exclude_own: Option<String>,
    #[serde(default)]
    submission_ends: String,
    #[serde(default)]
    voting_ends: String,
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(f): CsrfForm<BudgetForm>,
) -> Result<Response, WebError> {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let input = BudgetInput {
        title: cut(&f.title, 300),
        description: cut(&f.description, 12_000),
        amount: cut(&f.amount, 30),
        ballot_type: cut(&f.ballot_type, 20),
        min_choices: cut(&f.min_choices, 10),
        max_choices: cut(&f.max_choices, 10),
        points_total: cut(&f.points_total, 10),
        rule: cut(&f.rule, 30),
        threshold: cut(&f.threshold, 15),
        exclude_own: f.exclude_own.is_some(),
        submission_ends: cut(&f.submission_ends, 12),
        voting_ends: cut(&f.voting_ends, 12),
    };
    let t = tenant.tenant_id();
    match budgets::create(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        space,
        &input,
    )
    .await
    {
        Ok(id) => Ok(to_budget(&tenant.slug, id, "created", "main")),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = budget_form(shell, &tenant.slug, space, &principal.csrf_token, input, errors)?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "budget_project_form.html")]
struct ProposePage {
    shell: Layout,
    slug: String,
    budget_id: i64,
    budget_title: String,
    amount: String,
    csrf: String,
    form: ProjectInput,
    errors: Vec<(String, String)>,
}

impl ProposePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn propose_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    budget: i64,
    form: ProjectInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let principal = user.0.as_ref().map(|(p, _)| p).ok_or(WebError::Unauthorized)?;
    let b = budgets::get(&state.platform, tenant.tenant_id(), budget, Some(principal.role)).await?;
    if !b.takes_projects(civic_core::Timestamp::now()) {
        return Err(AppError::conflict("submission_closed", "this budget does not take projects now").into());
    }
    // Reached by its address in a space of verified residents: refused now,
    // with why and where to verify, not after the project is written.
    if !budgets::admits(&state.platform, tenant.tenant_id(), &b, Some(principal.user_id)).await? {
        return Err(civic_app::verification::required().into());
    }
    let title = shell.i.t("budget-propose-title");
    let shell = shell.titled_form(title, !errors.is_empty(), "budget-error-prefix");
    render(&ProposePage {
        slug: tenant.slug.clone(),
        budget_id: b.id,
        budget_title: b.title.clone(),
        amount: money(&shell, b.amount),
        csrf: principal.csrf_token.clone(),
        form,
        errors,
        shell,
    })
}

pub async fn propose_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    Ok(propose_page(
        &state,
        &tenant,
        shell,
        &user,
        budget,
        ProjectInput::default(),
        Vec::new(),
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    cost: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
}

pub async fn propose(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ProposeForm>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let principal = user.0.as_ref().map(|(p, _)| p).ok_or(WebError::Unauthorized)?;
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let input = ProjectInput {
        title: cut(&f.title, 300),
        body: cut(&f.body, 12_000),
        cost: cut(&f.cost, 30),
        category: cut(&f.category, 150),
        district: cut(&f.district, 150),
        latitude: cut(&f.latitude, 30),
        longitude: cut(&f.longitude, 30),
    };
    match budgets::propose(&state.platform, tenant.tenant_id(), principal.user_id, budget, &input).await {
        Ok(pid) => Ok(Redirect::to(&format!("/{}/budget-projects/{pid}?done=proposed", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = propose_page(&state, &tenant, shell, &user, budget, input, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "budget_project.html")]
struct ProjectPage {
    shell: Layout,
    slug: String,
    b: Budget,
    p: ProjectItem,
    body_html: String,
    author: Option<String>,
    location: Option<(String, String)>,
    implementation_note: Option<String>,
    may_review: bool,
    may_track: bool,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    conclusions: Vec<(&'static str, String)>,
    implementations: Vec<(&'static str, String)>,
    current_implementation: &'static str,
}

impl ProjectPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn project_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&civic_core::user::Principal>,
    project: i64,
    notice: Option<String>,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let role = principal.map(|p| p.role);
    let (b, p) = budgets::project(&state.platform, tenant.tenant_id(), project, role).await?;
    let manages = role.is_some_and(budgets::may_manage);
    let title = p.title.clone();
    let shell = shell.titled(title).described(&p.body);
    render(&ProjectPage {
        slug: tenant.slug.clone(),
        body_html: crate::markdown::to_safe_html(&p.body),
        author: p.author_name.clone(),
        location: p
            .latitude
            .zip(p.longitude)
            .map(|(a, o)| (format!("{a:.5}"), format!("{o:.5}"))),
        implementation_note: p.implementation_note.clone().filter(|n| !n.is_empty()),
        may_review: manages && matches!(b.phase, BudgetPhase::Submission | BudgetPhase::Review),
        may_track: manages && b.phase.results_public(),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        notice,
        errors,
        conclusions: ["feasible", "feasible_with_changes", "not_feasible"]
            .iter()
            .map(|c| (*c, format!("budget-project-status-{c}")))
            .collect(),
        implementations: civic_core::budgets::Implementation::ALL
            .iter()
            .map(|i| (i.as_str(), format!("budget-implementation-{}", i.as_str())))
            .collect(),
        current_implementation: p.implementation.map_or("planned", |i| i.as_str()),
        p: item(&shell, &LineWords::of(&shell), &p),
        b,
        shell,
    })
}

const PROJECT_NOTICES: [(&str, &str); 3] = [
    ("proposed", "budget-notice-proposed"),
    ("reviewed", "budget-notice-reviewed"),
    ("tracked", "budget-notice-tracked"),
];

pub async fn project(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, project)): Path<(String, String)>,
    Query(query): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query
        .done
        .as_deref()
        .and_then(|d| PROJECT_NOTICES.iter().find(|(k, _)| *k == d))
        .map(|(_, key)| shell.i.t(key));
    let principal = user.0.as_ref().map(|(p, _)| p);
    project_page(&state, &tenant, shell, principal, id(&project)?, notice, Vec::new()).await
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    conclusion: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    cost: String,
}

pub async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ReviewForm>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    let t = tenant.tenant_id();
    let done = budgets::review(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        project,
        &budgets::ReviewInput {
            conclusion: &f.conclusion,
            reason: &f.reason,
            corrected_cost: &f.cost,
        },
    )
    .await;
    finish_project_write(&state, &tenant, shell, &principal, project, done, "reviewed").await
}

async fn finish_project_write(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    project: i64,
    done: Result<(), AppError>,
    what: &str,
) -> Result<Response, WebError> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/{}/budget-projects/{project}?done={what}", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = project_page(state, tenant, shell, Some(principal), project, None, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize)]
pub struct ImplementationForm {
    #[serde(default)]
    implementation: String,
    #[serde(default)]
    note: String,
}

pub async fn implementation(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, project)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ImplementationForm>,
) -> Result<Response, WebError> {
    let project = id(&project)?;
    let done = budgets::set_implementation(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        project,
        &f.implementation,
        &f.note,
    )
    .await;
    finish_project_write(&state, &tenant, shell, &principal, project, done, "tracked").await
}

/// One line of the results table.
pub struct ResultRow {
    pub id: i64,
    pub title: String,
    pub cost: String,
    pub score: String,
    pub selected: bool,
    pub why: String,
    pub implementation_key: Option<String>,
}

#[derive(Template)]
#[template(path = "budget_results.html")]
struct ResultsPage {
    shell: Layout,
    slug: String,
    b: Budget,
    rule_key: String,
    rule_value: String,
    score_key: &'static str,
    amount: String,
    spent: String,
    left_over: String,
    voters: String,
    rows: Vec<ResultRow>,
    manages: bool,
    published: bool,
    rules: Vec<(&'static str, String)>,
}

fn why(shell: &Layout, n: &Option<NotFunded>) -> String {
    match n {
        None => shell.i.t("budget-funded"),
        Some(NotFunded::DoesNotFit { remaining }) => {
            shell
                .i
                .with("budget-reason-does_not_fit", "remaining", &money(shell, *remaining))
        }
        Some(NotFunded::BelowThreshold { threshold }) => shell.i.count("budget-reason-below_threshold", *threshold),
        Some(other) => shell.i.t(&format!("budget-reason-{}", other.code())),
    }
}

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    rule: Option<String>,
}

async fn counted(
    state: &AppState,
    tenant: &Tenant,
    user: &MaybeUser,
    budget: &str,
    rule: Option<&str>,
) -> Result<(Budget, Results), WebError> {
    let role = user.0.as_ref().map(|(p, _)| p.role);
    Ok(budgets::results(&state.platform, tenant.tenant_id(), id(budget)?, role, rule).await?)
}

pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Html<String>, WebError> {
    let (b, r) = counted(&state, &tenant, &user, &budget, query.rule.as_deref()).await?;
    let title = shell.i.with("budget-results-title", "title", &b.title);
    let shell = shell.titled(title);
    let rows = r
        .lines
        .iter()
        .map(|l| ResultRow {
            id: l.project.id,
            title: l.project.title.clone(),
            cost: money(&shell, l.project.cost),
            score: shell.i.number(l.score as f64),
            selected: l.selected,
            why: why(&shell, &l.not_funded),
            implementation_key: l
                .project
                .implementation
                .map(|i| format!("budget-implementation-{}", i.as_str())),
        })
        .collect();
    render(&ResultsPage {
        slug: tenant.slug.clone(),
        rule_key: format!("budget-rule-{}", r.rule.replace('/', "-")),
        score_key: score_key(&b),
        rule_value: r.rule.to_string(),
        amount: money(&shell, r.budget),
        spent: money(&shell, r.spent),
        left_over: money(&shell, r.left_over),
        voters: shell.i.number(r.voters as f64),
        rows,
        manages: user.0.as_ref().is_some_and(|(p, _)| budgets::may_manage(p.role)),
        published: b.phase.results_public(),
        rules: budgets::RULES
            .iter()
            .map(|r| (*r, format!("budget-rule-{}", r.replace('/', "-"))))
            .collect(),
        b,
        shell,
    })
}

/// The results as CSV: one line per project (`id,title,cost,score,selected,reason`).
pub async fn results_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, WebError> {
    let (b, r) = counted(&state, &tenant, &user, &budget, query.rule.as_deref()).await?;
    let mut bytes = String::from("id,title,cost_uah,score,selected,reason\r\n");
    for l in &r.lines {
        let row = [
            l.project.id.to_string(),
            super::spaces::csv_field(&l.project.title),
            l.project.cost.to_string(),
            l.score.to_string(),
            l.selected.to_string(),
            l.not_funded.as_ref().map(|n| n.code().to_string()).unwrap_or_default(),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"budget-{}-results.csv\"", b.id),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Form fields or errors as (name, value) pairs.
type Fields = Vec<(String, String)>;

/// The budget as a Pabulib file (open data for research and for other
/// platforms), with anonymised voters.
pub async fn pabulib(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, budget)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let role = user.0.as_ref().map(|(p, _)| p.role);
    let (b, text) = budgets::pabulib(&state.platform, tenant.tenant_id(), id(&budget)?, role).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-budget-{}.pb\"", tenant.slug, b.id),
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "budget_paper.html")]
struct PaperPage {
    shell: Layout,
    slug: String,
    b: Budget,
    csrf: String,
    on_ballot: Vec<ProjectItem>,
    rules_text: String,
    errors: Vec<(String, String)>,
    notice: Option<String>,
    voter_email: String,
    document: String,
    ranks: Vec<i64>,
    /// The bulk form's text, kept after a refusal.
    bulk: String,
}

impl PaperPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn is_ballot(&self, kind: &str) -> bool {
        self.b.ballot_type.as_str() == kind
    }
}

async fn paper_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &civic_core::user::Principal,
    budget: i64,
    draft: Option<(Fields, Fields)>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let b = budgets::get(&state.platform, t, budget, Some(principal.role)).await?;
    let (fields, errors) = draft.unwrap_or_default();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.chars().take(200).collect::<String>())
            .unwrap_or_default()
    };
    let words = LineWords::of(&shell);
    let on_ballot: Vec<ProjectItem> = budgets::projects(&state.platform, t, &b)
        .await?
        .iter()
        .filter(|p| p.status.on_ballot())
        .map(|p| {
            let mut i = item(&shell, &words, p);
            i.checked = fields
                .iter()
                .any(|(k, v)| k == "project" && v.trim() == p.id.to_string());
            i.points = field(&format!("points-{}", p.id));
            i.rank = field(&format!("rank-{}", p.id));
            i
        })
        .collect();
    let title = shell.i.t("budget-paper-title");
    let ranks = (1..=if b.max_choices > 0 {
        b.max_choices
    } else {
        on_ballot.len() as i64
    }
    .min(50))
        .collect();
    let shell = shell.titled(title);
    render(&PaperPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        rules_text: rules_text(&shell, &b),
        on_ballot,
        errors,
        notice,
        voter_email: field("voter_email"),
        document: field("document"),
        bulk: fields
            .iter()
            .find(|(k, _)| k == "csv")
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        ranks,
        b,
        shell,
    })
}

pub async fn paper_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    Path((_, budget)): Path<(String, String)>,
    Query(query): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let notice = notice(&shell, query.done.as_deref());
    paper_page(&state, &tenant, shell, &principal, id(&budget)?, None, notice).await
}

pub async fn paper(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let t = tenant.tenant_id();
    let b = budgets::get(&state.platform, t, budget, Some(principal.role)).await?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (email, document) = (value("voter_email"), value("document"));
    let voter = match (email.is_empty(), document.is_empty()) {
        (false, true) => Some(PaperVoter::Account(&email)),
        (true, false) => Some(PaperVoter::Document(&document)),
        _ => None,
    };
    let done = match voter {
        Some(voter) => {
            let choice = ballot_from(&b, &fields);
            budgets::enter_paper_ballot(
                &state.platform,
                t,
                &actor(&principal, &address),
                principal.role,
                budget,
                voter,
                &choice,
            )
            .await
            .map(|_| ())
        }
        None => Err(AppError::from(civic_core::Invalid::new(
            "voter",
            "voter_needed",
            "give the voter's account e-mail or document number (one of them)",
        ))),
    };
    match done {
        Ok(()) => {
            Ok(Redirect::to(&format!("/{}/budgets/{budget}/paper-ballots?done=paper", tenant.slug)).into_response())
        }
        Err(e) => {
            let errors = match (&e, errors_of(&shell, &e)) {
                (_, Some(errors)) => errors,
                (AppError::Conflict { code, message }, None) if code.starts_with("already_voted") => {
                    vec![("voter".to_string(), localised_conflict(&shell, code, message))]
                }
                _ => return Err(e.into()),
            };
            let html = paper_page(&state, &tenant, shell, &principal, budget, Some((fields, errors)), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

/// A conflict's message in the page's language, with the earlier ballot's
/// date kept (it is the last word of the English message).
fn localised_conflict(shell: &Layout, code: &str, message: &str) -> String {
    let when = message
        .split(['(', ')'])
        .nth(1)
        .map(|s| s.split_whitespace().last().unwrap_or_default().trim_end_matches(')'))
        .unwrap_or_default();
    shell.i.with(&format!("budget-duplicate-{code}"), "date", when)
}

#[derive(Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    csv: String,
}

/// Many paper ballots at once, one per line; every refused line is named
/// and nothing is stored unless all are good.
pub async fn paper_bulk(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, budget)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<BulkForm>,
) -> Result<Response, WebError> {
    let budget = id(&budget)?;
    let t = tenant.tenant_id();
    let done = budgets::enter_paper_ballots(
        &state.platform,
        t,
        &actor(&principal, &address),
        principal.role,
        budget,
        &form.csv,
    )
    .await;
    let errors: Vec<(String, String)> = match done {
        Ok(budgets::Bulk::Stored(_)) => {
            return Ok(
                Redirect::to(&format!("/{}/budgets/{budget}/paper-ballots?done=bulk", tenant.slug)).into_response(),
            );
        }
        Ok(budgets::Bulk::Refused(lines)) => lines
            .iter()
            .take(100)
            .map(|l| {
                let line = shell.i.with("budget-bulk-line", "line", &l.line.to_string());
                (
                    "csv".to_string(),
                    format!("{line} {}", localised(&shell, l.code, &l.message)),
                )
            })
            .collect(),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => errors,
            None => return Err(e.into()),
        },
    };
    let kept = vec![("csv".to_string(), form.csv.chars().take(400_000).collect())];
    let html = paper_page(&state, &tenant, shell, &principal, budget, Some((kept, errors)), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
