//! `/{tenant}/petitions`: the public list with its filters, a petition's
//! page (progress toward the threshold, the days left, every transition
//! with its date, the signing step, and the officials' forms), the form a
//! resident drafts in, the author's own petitions, the officials' queue
//! sorted by deadline, the signer list for the council (CSV), and the
//! administrators' rules with the calendar of days off. All plain forms.

use super::form_errors as errors_of;
use super::form_field as field;
use super::register::localised;
use super::{Layout, render};
use crate::auth::{MaybeUser, actor};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{Admins, CsrfForm, Officials, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::petitions::{self, AnswerInput, PetitionInput, PetitionView, Review, Signature};
use civic_core::Timestamp;
use civic_core::petitions::{CouncilDecision, Petition, PetitionFilter, PetitionRules, PetitionStatus};
use civic_core::user::Principal;
use http::{StatusCode, header};
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/petitions", get(list))
        .route("/{tenant}/petitions/new", get(new_form).post(create))
        .route("/{tenant}/petitions/mine", get(mine))
        .route("/{tenant}/petitions/queue", get(queue))
        .route("/{tenant}/petitions/{petition}", get(show))
        .route("/{tenant}/petitions/{petition}/edit", get(edit_form).post(edit))
        .route("/{tenant}/petitions/{petition}/submit", post(submit))
        .route("/{tenant}/petitions/{petition}/sign", post(sign))
        .route("/{tenant}/petitions/{petition}/review", post(review))
        .route("/{tenant}/petitions/{petition}/forward", post(forward))
        .route("/{tenant}/petitions/{petition}/answer", post(answer))
        .route("/{tenant}/petitions/{petition}/close", post(close))
        .route("/{tenant}/petitions/{petition}/signatures.csv", get(signatures_csv))
        .route("/{tenant}/admin/petitions", get(rules_form).post(save_rules))
}

fn viewer(user: &MaybeUser) -> Option<(civic_core::UserId, civic_core::Role)> {
    user.0.as_ref().map(|(p, _)| (p.user_id, p.role))
}

fn signed_in(user: &MaybeUser) -> Result<&Principal, WebError> {
    user.0.as_ref().map(|(p, _)| p).ok_or(WebError::Unauthorized)
}

/// A petition as a list shows it.
pub struct PetitionCard {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub status_label: String,
    /// "123 of 250 signatures".
    pub progress: String,
    pub threshold: i64,
    pub count: i64,
    /// Days left, the deadline, or how late the answer is.
    pub when: Option<String>,
    pub overdue: bool,
}

fn card(shell: &Layout, p: &Petition, now: Timestamp) -> PetitionCard {
    let status = p.status_at(now);
    let overdue = p.answer_overdue_days(now) > 0 || p.check_overdue_days(now) > 0;
    let when = match status {
        PetitionStatus::Collecting => Some(shell.i.count("petition-days-left", p.days_left(now))),
        s if s.awaits_answer() && p.answer_overdue_days(now) > 0 => {
            Some(shell.i.count("petition-answer-overdue", p.answer_overdue_days(now)))
        }
        s if s.awaits_answer() => p
            .answer_due_at
            .map(|d| shell.i.with("petition-answer-due", "date", &shell.i.date(d))),
        PetitionStatus::Submitted if p.check_overdue_days(now) > 0 => {
            Some(shell.i.count("petition-check-overdue", p.check_overdue_days(now)))
        }
        PetitionStatus::Submitted => p
            .check_due_at
            .map(|d| shell.i.with("petition-check-due", "date", &shell.i.date(d))),
        _ => None,
    };
    PetitionCard {
        id: p.id,
        title: p.title.clone(),
        status: status.as_str(),
        status_label: shell.i.t(&format!("petition-status-{}", status.as_str())),
        progress: {
            // Fluent numbers: plural forms follow the count, digits grouped.
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("count", p.signature_count);
            args.set("threshold", p.threshold);
            shell.i.with_args("petition-progress", &args)
        },
        threshold: p.threshold,
        count: p.signature_count,
        when,
        overdue,
    }
}

#[derive(Template)]
#[template(path = "petitions.html")]
struct ListPage {
    shell: Layout,
    slug: String,
    /// "list", "mine" or "queue".
    mode: &'static str,
    /// (filter value, label, current) for the public list's tabs.
    tabs: Vec<(&'static str, String, bool)>,
    cards: Vec<PetitionCard>,
    next: Option<String>,
    rules: PetitionRules,
    staff: bool,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (filter, page) = petitions::list(&state.platform, t, query.status.as_deref(), query.cursor.as_deref()).await?;
    let now = Timestamp::now();
    let next = page
        .next_cursor
        .map(|c| format!("/{}/petitions?status={}&cursor={c}", tenant.slug, filter.as_str()));
    let tabs = PetitionFilter::ALL
        .iter()
        .map(|f| {
            (
                f.as_str(),
                shell.i.t(&format!("petition-filter-{}", f.as_str())),
                *f == filter,
            )
        })
        .collect();
    let title = shell.i.t("petitions-title");
    let shell = shell.titled(title);
    render(&ListPage {
        slug: tenant.slug.clone(),
        mode: "list",
        tabs,
        cards: page.items.iter().map(|p| card(&shell, p, now)).collect(),
        next,
        rules: petitions::rules(&state.platform, t).await?,
        staff: viewer(&user).is_some_and(|(_, r)| civic_core::petitions::may_manage(r)),
        shell,
    })
}

pub async fn mine(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
) -> Result<Html<String>, WebError> {
    let principal = signed_in(&user)?;
    let t = tenant.tenant_id();
    let items = petitions::mine(&state.platform, t, principal.user_id).await?;
    let now = Timestamp::now();
    let title = shell.i.t("petitions-mine-title");
    let shell = shell.titled(title);
    render(&ListPage {
        slug: tenant.slug.clone(),
        mode: "mine",
        tabs: Vec::new(),
        cards: items.iter().map(|p| card(&shell, p, now)).collect(),
        next: None,
        rules: petitions::rules(&state.platform, t).await?,
        staff: civic_core::petitions::may_manage(principal.role),
        shell,
    })
}

pub async fn queue(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let items = petitions::queue(&state.platform, t, principal.role).await?;
    let now = Timestamp::now();
    let title = shell.i.t("petitions-queue-title");
    let shell = shell.titled(title);
    render(&ListPage {
        slug: tenant.slug.clone(),
        mode: "queue",
        tabs: Vec::new(),
        cards: items.iter().map(|p| card(&shell, p, now)).collect(),
        next: None,
        rules: petitions::rules(&state.platform, t).await?,
        staff: true,
        shell,
    })
}

/// One step of the petition's story, with its date.
pub struct Step {
    pub label: String,
    pub date: String,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "petition.html")]
struct PetitionPage {
    shell: Layout,
    slug: String,
    v: PetitionView,
    card: PetitionCard,
    body_html: String,
    answer_html: String,
    refusal: Option<String>,
    decision: Option<String>,
    steps: Vec<Step>,
    decisions: Vec<(&'static str, String)>,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    /// The form that was refused and what was typed in it.
    draft: (String, String),
}

impl PetitionPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn typed(&self, form: &str) -> &str {
        if self.draft.0 == form { &self.draft.1 } else { "" }
    }
}

const NOTICES: [(&str, &str); 12] = [
    ("followed", "follow-done-on"),
    ("unfollowed", "follow-done-off"),
    ("flagged", "flag-notice"),
    ("drafted", "petition-notice-drafted"),
    ("edited", "petition-notice-edited"),
    ("submitted", "petition-notice-submitted"),
    ("signed", "petition-notice-signed"),
    ("already", "petition-notice-already"),
    ("reviewed", "petition-notice-reviewed"),
    ("forwarded", "petition-notice-forwarded"),
    ("answered", "petition-notice-answered"),
    ("closed", "petition-notice-closed"),
];

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

fn steps(shell: &Layout, p: &Petition, now: Timestamp) -> Vec<Step> {
    let mut out = Vec::new();
    let mut push = |key: &str, at: Option<i64>, late: bool| {
        if let Some(at) = at {
            out.push(Step {
                label: shell.i.t(key),
                date: shell.i.date(at),
                late,
            });
        }
    };
    push("petition-step-created", Some(p.created_at), false);
    push("petition-step-submitted", p.submitted_at, false);
    push("petition-step-refused", p.refused_at, false);
    push("petition-step-published", p.published_at, false);
    if p.status_at(now) == PetitionStatus::Collecting {
        push("petition-step-collect-until", p.collect_until, false);
    }
    push("petition-step-failed", p.failed_at(now), false);
    push("petition-step-succeeded", p.succeeded_at, false);
    push("petition-step-forwarded", p.forwarded_at, false);
    if p.status.awaits_answer() {
        push(
            "petition-step-answer-due",
            p.answer_due_at,
            p.answer_overdue_days(now) > 0,
        );
    }
    push("petition-step-answered", p.answered_at, false);
    push("petition-step-closed", p.closed_at, false);
    out
}

/// A refused form's problems (field, message), and which form it was with
/// what was typed in it.
type Refused = (Vec<(String, String)>, (String, String));

async fn petition_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: Option<&Principal>,
    petition: i64,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Html<String>, WebError> {
    let who = principal.map(|p| (p.user_id, p.role));
    let v = petitions::view(&state.platform, tenant.tenant_id(), petition, who).await?;
    let p = &v.petition;
    let card = card(&shell, p, v.now);
    let shell = shell
        .titled_form(p.title.clone(), refused.is_some(), "petition-error-prefix")
        .described(&p.body);
    let (errors, draft) = refused.unwrap_or_default();
    render(&PetitionPage {
        slug: tenant.slug.clone(),
        body_html: crate::markdown::to_safe_html(&p.body),
        answer_html: p
            .answer
            .as_deref()
            .map(crate::markdown::to_safe_html)
            .unwrap_or_default(),
        refusal: p.refusal_reason.clone(),
        decision: p
            .decision
            .map(|d| shell.i.t(&format!("petition-decision-{}", d.as_str()))),
        steps: steps(&shell, p, v.now),
        decisions: CouncilDecision::ALL
            .iter()
            .map(|d| (d.as_str(), shell.i.t(&format!("petition-decision-{}", d.as_str()))))
            .collect(),
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        card,
        notice,
        errors,
        draft,
        v,
        shell,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, WebError> {
    let notice = query
        .done
        .as_deref()
        .and_then(|d| NOTICES.iter().find(|(k, _)| *k == d))
        .map(|(_, key)| shell.i.t(key));
    let principal = user.0.as_ref().map(|(p, _)| p);
    petition_page(&state, &tenant, shell, principal, id(&petition)?, notice, None).await
}

fn to_petition(slug: &str, petition: i64, done: &str) -> Response {
    Redirect::to(&format!("/{slug}/petitions/{petition}?done={done}#status")).into_response()
}

/// The page again with a refused form's problems (422), or the error as is.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    petition: i64,
    e: AppError,
    form: &str,
    typed: &str,
) -> Result<Response, WebError> {
    match errors_of(&shell, &e) {
        Some(errors) => {
            let draft = (form.to_string(), typed.chars().take(20_000).collect());
            let html = petition_page(
                state,
                tenant,
                shell,
                Some(principal),
                petition,
                None,
                Some((errors, draft)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        None => Err(e.into()),
    }
}

pub async fn sign(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let principal = signed_in(&user)?;
    let declared = field(&fields, "declaration") == "yes";
    let t = tenant.tenant_id();
    match petitions::sign(
        &state.platform,
        t,
        principal.user_id,
        principal.role,
        petition,
        declared,
    )
    .await
    {
        Ok(Signature::Counted(_)) => Ok(to_petition(&tenant.slug, petition, "signed")),
        Ok(Signature::Already) => Ok(to_petition(&tenant.slug, petition, "already")),
        Err(e) => refused(&state, &tenant, shell, principal, petition, e, "sign", "").await,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    tenant: Tenant,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let principal = signed_in(&user)?;
    petitions::submit(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        principal.role,
        petition,
    )
    .await?;
    Ok(to_petition(&tenant.slug, petition, "submitted"))
}

pub async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let reason = field(&fields, "reason");
    let decision = match field(&fields, "decision") {
        "publish" => Review::Publish,
        "refuse" => Review::Refuse(reason.to_string()),
        _ => return Err(WebError::BadRequest("decision is publish or refuse".into())),
    };
    let t = tenant.tenant_id();
    let who = actor(&principal, &address);
    match petitions::review(&state.platform, t, &who, principal.role, petition, &decision).await {
        Ok(()) => Ok(to_petition(&tenant.slug, petition, "reviewed")),
        Err(e) => refused(&state, &tenant, shell, &principal, petition, e, "review", reason).await,
    }
}

pub async fn forward(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let who = actor(&principal, &address);
    petitions::forward(&state.platform, tenant.tenant_id(), &who, principal.role, petition).await?;
    Ok(to_petition(&tenant.slug, petition, "forwarded"))
}

pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let input = AnswerInput {
        text: field(&fields, "text").to_string(),
        decision: field(&fields, "decision").to_string(),
    };
    let who = actor(&principal, &address);
    match petitions::answer(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        petition,
        &input,
    )
    .await
    {
        Ok(()) => Ok(to_petition(&tenant.slug, petition, "answered")),
        Err(e) => refused(&state, &tenant, shell, &principal, petition, e, "answer", &input.text).await,
    }
}

pub async fn close(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    address: ClientAddress,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let who = actor(&principal, &address);
    petitions::close(&state.platform, tenant.tenant_id(), &who, principal.role, petition).await?;
    Ok(to_petition(&tenant.slug, petition, "closed"))
}

pub async fn signatures_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    Staff(principal, _): Staff<Officials>,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (p, rows) = petitions::signers(&state.platform, tenant.tenant_id(), principal.role, id(&petition)?).await?;
    let mut bytes = String::from("number,name,email,signed_at\r\n");
    for (n, r) in rows.iter().enumerate() {
        let row = [
            (n + 1).to_string(),
            super::spaces::csv_field(r.display_name.as_deref().unwrap_or("")),
            super::spaces::csv_field(r.email.as_deref().unwrap_or("")),
            format!("{}Z", iso_minute(r.signed_at)),
        ];
        bytes.push_str(&row.join(","));
        bytes.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"petition-{}-signatures.csv\"", p.id),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `YYYY-MM-DDTHH:MM` in UTC.
fn iso_minute(at: i64) -> String {
    let minutes = at.rem_euclid(86_400_000) / 60_000;
    format!("{}T{:02}:{:02}", Timestamp(at).iso_date(), minutes / 60, minutes % 60)
}

#[derive(Template)]
#[template(path = "petition_form.html")]
struct FormPage {
    shell: Layout,
    slug: String,
    /// The draft being edited, or `None` for a new one.
    editing: Option<i64>,
    csrf: String,
    form: PetitionInput,
    rules: PetitionRules,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn form_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    editing: Option<i64>,
    form: PetitionInput,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let key = if editing.is_some() {
        "petition-edit-title"
    } else {
        "petition-new-title"
    };
    let title = shell.i.t(key);
    let shell = shell.titled_form(title, !errors.is_empty(), "petition-error-prefix");
    render(&FormPage {
        slug: tenant.slug.clone(),
        editing,
        csrf: principal.csrf_token.clone(),
        form,
        rules: petitions::rules(&state.platform, tenant.tenant_id()).await?,
        errors,
        shell,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
) -> Result<Response, WebError> {
    let principal = signed_in(&user)?;
    Ok(form_page(
        &state,
        &tenant,
        shell,
        principal,
        None,
        PetitionInput::default(),
        Vec::new(),
    )
    .await?
    .into_response())
}

fn input_of(fields: &[(String, String)]) -> PetitionInput {
    PetitionInput {
        title: field(fields, "title").to_string(),
        body: field(fields, "body").to_string(),
    }
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let principal = signed_in(&user)?;
    let input = input_of(&fields);
    match petitions::draft(&state.platform, tenant.tenant_id(), principal.user_id, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/{}/petitions/{id}?done=drafted", tenant.slug)).into_response()),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = form_page(&state, &tenant, shell, principal, None, input, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let principal = signed_in(&user)?;
    let p = petitions::get(&state.platform, tenant.tenant_id(), petition, viewer(&user)).await?;
    if p.author_id != Some(principal.user_id.0) || p.status != PetitionStatus::Draft {
        return Err(AppError::forbidden(
            "petition_not_editable",
            "only the author edits a petition, and only before it is submitted",
        )
        .into());
    }
    let form = PetitionInput {
        title: p.title,
        body: p.body,
    };
    Ok(
        form_page(&state, &tenant, shell, principal, Some(petition), form, Vec::new())
            .await?
            .into_response(),
    )
}

pub async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, petition)): Path<(String, String)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let petition = id(&petition)?;
    let principal = signed_in(&user)?;
    let input = input_of(&fields);
    let t = tenant.tenant_id();
    match petitions::edit(&state.platform, t, principal.user_id, principal.role, petition, &input).await {
        Ok(()) => Ok(to_petition(&tenant.slug, petition, "edited")),
        Err(e) => match errors_of(&shell, &e) {
            Some(errors) => {
                let html = form_page(&state, &tenant, shell, principal, Some(petition), input, errors).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "admin_petitions.html")]
struct RulesPage {
    shell: Layout,
    slug: String,
    csrf: String,
    /// The fields as shown (what was typed when refused).
    values: Vec<(&'static str, String)>,
    days_off: String,
    saved: bool,
    errors: Vec<(String, String)>,
}

impl RulesPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn value(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

const RULE_FIELDS: [&str; 5] = ["threshold", "period_days", "min_age", "check_days", "answer_days"];

#[derive(Deserialize, Default)]
pub struct RulesQuery {
    done: Option<String>,
}

pub async fn rules_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    Query(query): Query<RulesQuery>,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let r = petitions::rules(&state.platform, t).await?;
    let calendar = civic_app::working_days::calendar(&state.platform, t).await?;
    let values = vec![
        ("threshold", r.threshold.to_string()),
        ("period_days", r.period_days.to_string()),
        ("min_age", r.min_age.to_string()),
        ("check_days", r.check_days.to_string()),
        ("answer_days", r.answer_days.to_string()),
    ];
    let title = shell.i.t("petition-rules-title");
    let shell = shell.titled(title);
    render(&RulesPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        values,
        days_off: calendar.to_text(),
        saved: query.done.as_deref() == Some("saved"),
        errors: Vec::new(),
        shell,
    })
}

pub async fn save_rules(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<Admins>,
    address: ClientAddress,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let mut errors = Vec::new();
    let mut numbers = [0i64; 5];
    for (i, name) in RULE_FIELDS.iter().enumerate() {
        match field(&fields, name).trim().parse::<i64>() {
            Ok(n) => numbers[i] = n,
            Err(_) => errors.push((name.to_string(), shell.i.t("field-error-petition_rule_range"))),
        }
    }
    let rules = PetitionRules {
        threshold: numbers[0],
        period_days: numbers[1],
        min_age: numbers[2],
        check_days: numbers[3],
        answer_days: numbers[4],
    };
    if errors.is_empty()
        && let Err(problems) = rules.check()
    {
        errors.extend(
            problems
                .iter()
                .map(|p| (p.field.to_string(), localised(&shell, p.code, &p.message))),
        );
    }
    let days_off = field(&fields, "days_off").to_string();
    if civic_core::working_days::WorkingCalendar::parse(&days_off).is_err() {
        errors.push(("days_off".into(), shell.i.t("field-error-days_off_invalid")));
    }
    let who = actor(&principal, &address);
    if errors.is_empty() {
        petitions::set_rules(&state.platform, t, principal.role, &who, &rules).await?;
        civic_app::working_days::set_days_off(&state.platform, t, principal.role, &who, &days_off).await?;
        return Ok(Redirect::to(&format!("/{}/admin/petitions?done=saved", tenant.slug)).into_response());
    }
    let values = RULE_FIELDS
        .iter()
        .map(|n| (*n, field(&fields, n).chars().take(20).collect()))
        .collect();
    let title = shell.i.t("petition-rules-title");
    let shell = shell.titled_form(title, true, "petition-error-prefix");
    let html = render(&RulesPage {
        slug: tenant.slug.clone(),
        csrf: principal.csrf_token.clone(),
        values,
        days_off: days_off.chars().take(20_000).collect(),
        saved: false,
        errors,
        shell,
    })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
