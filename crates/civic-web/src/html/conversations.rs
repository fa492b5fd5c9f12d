//! `/{tenant}/conversations/{id}`: voting on statements one at a time (plain
//! forms, no JavaScript needed), adding statements, the results page with
//! the opinion map drawn as SVG on the server, and the staff pages to open
//! and moderate a conversation.

use super::register::localised;
use super::{Layout, render};
use crate::auth::{CurrentUser, MaybeUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id as id};
use crate::extract::{AnyStaff, CsrfForm, Path as TypedPath, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::conversations::{self, NewConversationInput, Results};
use civic_core::SpaceId;
use civic_core::conversations::Statement as StatementRecord;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/spaces/{space}/conversations/new", get(new_form).post(create))
        .route("/{tenant}/conversations/{conversation}", get(show))
        .route("/{tenant}/conversations/{conversation}/vote", post(vote))
        .route("/{tenant}/conversations/{conversation}/statements", post(add_statement))
        .route("/{tenant}/conversations/{conversation}/results", get(results))
        .route("/{tenant}/conversations/{conversation}/votes.csv", get(votes_csv))
        .route("/{tenant}/conversations/{conversation}/moderate", get(moderation))
        .route("/{tenant}/conversations/{conversation}/status", post(set_status))
        .route(
            "/{tenant}/conversations/{conversation}/statements/{statement}/moderate",
            post(moderate),
        )
}

#[derive(Template)]
#[template(path = "conversation.html")]
struct ConversationPage {
    shell: Layout,
    slug: String,
    id: i64,
    question: String,
    description_html: String,
    open: bool,
    manages: bool,
    /// Signed in and admitted by the space: the forms are offered.
    may_write: bool,
    /// Whether the space admits the viewer (false: only verified residents
    /// take part, and the viewer is not one).
    admitted: bool,
    csrf: String,
    statement: Option<StatementRecord>,
    remaining: i64,
    notice: Option<String>,
    error: Option<String>,
    draft: String,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    added: Option<String>,
}

struct Draft {
    error: Option<String>,
    text: String,
}

async fn page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    user: &MaybeUser,
    conversation: i64,
    notice: Option<String>,
    draft: Draft,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let principal = user.0.as_ref().map(|(p, _)| p);
    let (c, statement, remaining) =
        conversations::page(&state.platform, t, conversation, principal.map(|p| p.user_id)).await?;
    let admitted = civic_app::spaces::admits_in(
        &state.platform,
        t,
        civic_core::SpaceId(c.space_id),
        principal.map(|p| p.user_id),
    )
    .await?;
    render(&ConversationPage {
        slug: tenant.slug.clone(),
        id: c.id,
        description_html: crate::markdown::to_safe_html(&c.description),
        open: c.status == "open",
        manages: principal.is_some_and(|p| conversations::may_manage(p.role)),
        may_write: principal.is_some() && admitted,
        admitted,
        csrf: principal.map(|p| p.csrf_token.clone()).unwrap_or_default(),
        statement,
        remaining,
        notice,
        error: draft.error,
        draft: draft.text,
        shell: shell.titled(c.question.clone()),
        question: c.question,
    })
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    Path((_, conversation)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> Result<Html<String>, WebError> {
    let notice = match query.added.as_deref() {
        Some("published") => Some(shell.i.t("statement-added")),
        Some("pending") => Some(shell.i.t("statement-pending")),
        _ => None,
    };
    let draft = Draft {
        error: None,
        text: String::new(),
    };
    page(&state, &tenant, shell, &user, id(&conversation)?, notice, draft).await
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    statement_id: String,
    #[serde(default)]
    vote: String,
}

pub async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
    Form(input): Form<VoteForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let conversation = id(&conversation)?;
    let statement = input.statement_id.parse::<i64>().map_err(|_| {
        WebError::from(civic_core::Invalid::new(
            "statement_id",
            "unknown_statement",
            "there is no such statement in this conversation",
        ))
    })?;
    let vote = input.vote.parse::<i64>().unwrap_or(i64::MAX);
    conversations::vote(
        &state.platform,
        tenant.tenant_id(),
        principal.user_id,
        conversation,
        statement,
        vote,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/conversations/{conversation}#vote-heading", tenant.slug)).into_response())
}

#[derive(Deserialize)]
pub struct StatementForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

pub async fn add_statement(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    user: MaybeUser,
    CurrentUser(principal, via): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
    Form(input): Form<StatementForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let conversation = id(&conversation)?;
    let t = tenant.tenant_id();
    match conversations::add_statement(&state.platform, t, principal.user_id, conversation, &input.body).await {
        Ok((_, published)) => {
            let added = if published { "published" } else { "pending" };
            Ok(Redirect::to(&format!("/{}/conversations/{conversation}?added={added}", tenant.slug)).into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let draft = Draft {
                error: Some(localised(&shell, invalid.code, &invalid.message)),
                text: input.body.chars().take(conversations::STATEMENT_MAX).collect(),
            };
            let html = page(&state, &tenant, shell, &user, conversation, None, draft).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "conversation_results.html")]
struct ResultsPage {
    shell: Layout,
    slug: String,
    r: Results,
    map_svg: String,
}

impl ResultsPage {
    fn group_name(&self, id: &usize) -> String {
        group_label(*id)
    }

    fn percent(&self, share: &f64) -> String {
        format!("{:.0}%", share * 100.0)
    }

    fn lean_key(&self, direction: &str) -> String {
        format!("results-lean-{direction}")
    }

    fn when(&self, at: &i64) -> String {
        self.shell.i.ago(at)
    }

    fn participants(&self) -> i64 {
        self.r.participants as i64
    }

    fn votes(&self) -> i64 {
        self.r.votes as i64
    }

    fn size(&self, size: &usize) -> i64 {
        *size as i64
    }
}

/// Groups are named by letter: A, B, C…
fn group_label(id: usize) -> String {
    char::from(b'A' + (id % 26) as u8).to_string()
}

/// Colours of groups, distinguishable also in grey and by the letter drawn
/// at each group's centre.
const GROUP_COLOURS: [&str; 6] = ["#1b6ca8", "#c0392b", "#2e7d32", "#8e44ad", "#b9770e", "#555555"];

/// The opinion map as an SVG: every participant a dot in their group's
/// colour, each group's letter at its centre. `role="img"` with a title; the
/// table beside it carries the same facts for screen readers.
fn map_svg(r: &Results, title: &str) -> String {
    const W: f64 = 600.0;
    const H: f64 = 360.0;
    const PAD: f64 = 24.0;
    let xs = r.points.iter().map(|p| p.x).chain(r.groups.iter().map(|g| g.x));
    let ys = r.points.iter().map(|p| p.y).chain(r.groups.iter().map(|g| g.y));
    let (min_x, max_x) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (min_y, max_y) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span_x = (max_x - min_x).max(1e-9);
    let span_y = (max_y - min_y).max(1e-9);
    let sx = |x: f64| PAD + (x - min_x) / span_x * (W - 2.0 * PAD);
    let sy = |y: f64| H - PAD - (y - min_y) / span_y * (H - 2.0 * PAD);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"map-title\" class=\"map\">\
         <title id=\"map-title\">{}</title><rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\" stroke=\"#767676\"/>",
        askama::filters::escape(title, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    );
    for p in &r.points {
        let colour = p.group.map_or("#9e9e9e", |g| GROUP_COLOURS[g % GROUP_COLOURS.len()]);
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\" fill-opacity=\"0.7\"/>",
            sx(p.x),
            sy(p.y)
        ));
    }
    for g in &r.groups {
        let colour = GROUP_COLOURS[g.id % GROUP_COLOURS.len()];
        svg.push_str(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"14\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <text x=\"{x:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"700\" fill=\"#000000\">{}</text>",
            group_label(g.id),
            x = sx(g.x),
            y = sy(g.y),
            ty = sy(g.y) + 5.5,
        ));
    }
    svg.push_str("</svg>");
    svg
}

pub async fn results(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let r = conversations::results(&state.platform, tenant.tenant_id(), id(&conversation)?).await?;
    let title = shell.i.t("results-title");
    let map_svg = map_svg(&r, &shell.i.t("results-map"));
    render(&ResultsPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        r,
        map_svg,
    })
}

#[derive(Template)]
#[template(path = "conversation_new.html")]
struct NewPage {
    shell: Layout,
    slug: String,
    space_id: i64,
    csrf: String,
    question: String,
    description: String,
    seeds: String,
    moderation: String,
    errors: Vec<(&'static str, String)>,
}

impl NewPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
) -> Result<Html<String>, WebError> {
    civic_app::conversations::opening_in(&state.platform, tenant.tenant_id(), space).await?;
    let title = shell.i.t("conversation-new-title");
    render(&NewPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        space_id: space.0,
        csrf: principal.csrf_token.clone(),
        question: String::new(),
        description: String::new(),
        seeds: String::new(),
        moderation: "after".into(),
        errors: Vec::new(),
    })
}

#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    question: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    seed_statements: String,
    #[serde(default)]
    moderation: String,
}

pub async fn create(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(principal, _): Staff<AnyStaff>,
    TypedPath((_, space)): TypedPath<(String, SpaceId)>,
    CsrfForm(input): CsrfForm<NewForm>,
) -> Result<Response, WebError> {
    let created = conversations::open(
        &state.platform,
        tenant.tenant_id(),
        principal.role,
        space,
        &NewConversationInput {
            question: &input.question,
            description: &input.description,
            moderation: &input.moderation,
            seed_statements: &input.seed_statements,
        },
    )
    .await;
    match created {
        Ok(id) => Ok(Redirect::to(&format!("/{}/conversations/{id}", tenant.slug)).into_response()),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let field = match invalid.field {
                "question" => "question",
                "moderation" => "moderation",
                _ => "seed_statements",
            };
            let message = localised(&shell, invalid.code, &invalid.message);
            let title = shell.i.t("conversation-new-title");
            let html = render(&NewPage {
                shell: shell.titled(title),
                slug: tenant.slug.clone(),
                space_id: space.0,
                csrf: principal.csrf_token.clone(),
                question: input.question.chars().take(300).collect(),
                description: input.description.chars().take(5_000).collect(),
                seeds: input.seed_statements.chars().take(30_000).collect(),
                moderation: input.moderation.clone(),
                errors: vec![(field, message)],
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub struct ModerationSection {
    pub heading_key: &'static str,
    pub statements: Vec<StatementRecord>,
}

#[derive(Template)]
#[template(path = "conversation_moderate.html")]
struct ModeratePage {
    shell: Layout,
    slug: String,
    id: i64,
    question: String,
    open: bool,
    csrf: String,
    sections: Vec<ModerationSection>,
}

pub async fn moderation(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let queue =
        conversations::moderation_queue(&state.platform, tenant.tenant_id(), principal.role, id(&conversation)?)
            .await?;
    let c = queue.conversation;
    let sections = vec![
        ModerationSection {
            heading_key: "moderate-pending",
            statements: queue.pending,
        },
        ModerationSection {
            heading_key: "moderate-published",
            statements: queue.published,
        },
        ModerationSection {
            heading_key: "moderate-rejected",
            statements: queue.rejected,
        },
    ];
    let title = shell.i.t("moderate-title");
    render(&ModeratePage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        id: c.id,
        open: c.status == "open",
        question: c.question,
        csrf: principal.csrf_token.clone(),
        sections,
    })
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
}

/// Closes the conversation or opens it again, from the moderation page.
pub async fn set_status(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, conversation)): Path<(String, String)>,
    Form(input): Form<StatusForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let conversation = id(&conversation)?;
    conversations::set_status(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        conversation,
        &input.status,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/conversations/{conversation}/moderate", tenant.slug)).into_response())
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
}

pub async fn moderate(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, conversation, statement)): Path<(String, String, String)>,
    Form(input): Form<DecisionForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &input.csrf)?;
    let conversation = id(&conversation)?;
    conversations::moderate(
        &state.platform,
        tenant.tenant_id(),
        &actor(&principal, &address),
        principal.role,
        conversation,
        id(&statement)?,
        &input.decision,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/conversations/{conversation}/moderate", tenant.slug)).into_response())
}

/// The votes as CSV for analysts (staff only), in the format
/// `civicspace insight opinion --votes` reads: `participant,comment,vote`.
/// Participants are numbered 1, 2, … in this file only; no account id or
/// name leaves the platform.
pub async fn votes_csv(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, conversation)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (c, csv) =
        conversations::votes_csv(&state.platform, tenant.tenant_id(), principal.role, id(&conversation)?).await?;
    Ok((
        [
            (http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"conversation-{}-votes.csv\"", c.id),
            ),
        ],
        csv,
    )
        .into_response())
}
