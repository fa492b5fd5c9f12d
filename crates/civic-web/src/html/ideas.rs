//! `/{tenant}/ideas/{idea}`: an idea, the city's answer and the discussion,
//! with the forms to support, comment, reply and answer; proposing an idea
//! (`/{tenant}/spaces/{space}/ideas/new`), the officials' review queue
//! (`/{tenant}/review`) and search (`/{tenant}/search`). Every form is a
//! plain POST answered with a 303, or with the page and its errors (422).

use super::{IdeaCard, Shell, render};
use crate::auth::{CurrentUser, MaybeUser, require_csrf, require_role};
use crate::error::WebError;
use crate::i18n::Messages;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use civic_app::AppError;
use civic_core::ideas::IdeaStatus;
use civic_core::{IdeaId, Invalid, Role, SpaceId, Timestamp, UserId};
use civic_store::comments::{CommentRecord, Comments};
use civic_store::ideas::{IdeaRecord, Ideas};
use civic_store::sessions::Principal;
use http::StatusCode;
use serde::Deserialize;
use std::collections::HashMap;

/// Comments shown on the page; pagination of longer threads comes with the
/// comments module.
const COMMENT_LIMIT: u32 = 500;

pub struct AnswerView {
    pub status: String,
    pub status_key: String,
    pub role_key: String,
    pub body: String,
    pub created_at: i64,
}

pub struct CommentView {
    pub id: i64,
    pub depth: usize,
    /// Replies may be added under it (not too deep).
    pub can_reply: bool,
    /// The reply form is shown under it (`?reply_to=ID`).
    pub reply_open: bool,
    pub author_name: Option<String>,
    pub official: bool,
    pub alignment: String,
    pub alignment_key: String,
    pub body: String,
    pub body_html: String,
    pub created_at: i64,
}

/// What the idea page shows about the visitor and their forms.
#[derive(Default)]
pub struct Participation {
    pub signed_in: bool,
    pub csrf: String,
    pub supported: bool,
    /// The space is open and the idea not withdrawn.
    pub can_support: bool,
    /// The idea is not withdrawn.
    pub can_comment: bool,
    /// Officials and administrators, with the statuses they may choose now.
    pub answer_choices: Vec<(String, String)>,
    pub reply_to: Option<i64>,
    /// `(field id, message)` of the comment or answer form just sent.
    pub errors: Vec<(String, String)>,
    pub comment_body: String,
    pub answer_text: String,
    pub answer_status: String,
}

#[derive(Template)]
#[template(path = "idea.html")]
struct IdeaPage {
    shell: Shell,
    slug: String,
    idea: IdeaRecord,
    status_key: String,
    space_title: String,
    body_html: String,
    osm_link: Option<(String, String)>,
    answers: Vec<AnswerView>,
    comments: Vec<CommentView>,
    me: Participation,
}

impl IdeaPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.me.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct IdeaQuery {
    reply_to: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    MaybeUser(user): MaybeUser,
    Path((_, idea)): Path<(String, String)>,
    Query(query): Query<IdeaQuery>,
) -> Result<Html<String>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let me = Participation {
        reply_to: query.reply_to.as_deref().and_then(|r| r.parse().ok()),
        ..Participation::default()
    };
    idea_page(&state, &tenant, shell, user.as_ref().map(|u| &u.0), id, me).await
}

/// Renders the idea page for `principal` (or a visitor), with `me` carrying
/// the state of a form that was just refused.
async fn idea_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Shell,
    principal: Option<&Principal>,
    id: IdeaId,
    mut me: Participation,
) -> Result<Html<String>, WebError> {
    let t = tenant.tenant_id();
    let (idea, space) = civic_app::ideas::idea_and_space(&state.db, t, id).await?;
    let ideas = Ideas::of(&state.db, t);
    let answers = ideas
        .answers(id)
        .await?
        .into_iter()
        .map(|a| AnswerView {
            status_key: format!("status-{}", a.status),
            status: a.status,
            role_key: format!("role-{}", a.author_role),
            body: a.body,
            created_at: a.created_at,
        })
        .collect();
    let status = IdeaStatus::parse(&idea.status);
    let withdrawn = status == Some(IdeaStatus::Withdrawn);
    if let Some(p) = principal {
        me.signed_in = true;
        me.csrf = p.csrf_token.clone();
        me.supported = ideas.supported_by(id, UserId(p.user_id)).await?;
        if Role::parse(&p.role).is_ok_and(civic_app::ideas::may_answer) {
            me.answer_choices = status
                .map(|s| s.answers_to())
                .unwrap_or_default()
                .iter()
                .map(|s| (s.as_str().to_string(), format!("status-{}", s.as_str())))
                .collect();
        }
    }
    me.can_support = !withdrawn && space.is_open(Timestamp::now());
    me.can_comment = !withdrawn;
    let mut comments = thread(Comments::of(&state.db, t).for_idea(id, COMMENT_LIMIT).await?);
    for c in &mut comments {
        c.can_reply = me.can_comment && (c.depth as i64) < civic_core::ideas::MAX_COMMENT_DEPTH;
        c.reply_open = c.can_reply && me.signed_in && me.reply_to == Some(c.id);
    }
    let osm_link = match (idea.latitude, idea.longitude) {
        (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => {
            let (lat, lon) = (format!("{lat:.5}"), format!("{lon:.5}"));
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("lat", lat.clone());
            args.set("lon", lon.clone());
            Some((
                format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"),
                state.catalog.message(shell.i.locale, "idea-location-link", Some(&args)),
            ))
        }
        _ => None,
    };
    render(&IdeaPage {
        slug: tenant.slug.clone(),
        status_key: format!("status-{}", idea.status),
        space_title: space.title,
        body_html: crate::markdown::to_safe_html(&idea.body),
        osm_link,
        answers,
        comments,
        me,
        shell: shell.titled(idea.title.clone()),
        idea,
    })
}

/// A refused action in the visitor's language: conflicts get their
/// `conflict-CODE` message, invalid fields their `field-error-CODE`.
fn localized(e: AppError, i: &Messages) -> WebError {
    match e {
        AppError::Conflict { code, .. } => WebError::Conflict {
            code,
            message: i.t(&format!("conflict-{code}")),
        },
        AppError::Invalid(invalid) => WebError::Invalid(Invalid {
            message: i.t(&format!("field-error-{}", invalid.code)),
            ..invalid
        }),
        other => other.into(),
    }
}

fn unprocessable(page: Html<String>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

fn to_idea(slug: &str, id: IdeaId, anchor: &str) -> Response {
    Redirect::to(&format!("/{slug}/ideas/{id}{anchor}")).into_response()
}

#[derive(Deserialize)]
pub struct SupportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
}

/// `POST /{tenant}/ideas/{id}/support` with `action=add|remove`.
pub async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<SupportForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let add = match form.action.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(WebError::BadRequest("action is add or remove".into())),
    };
    civic_app::ideas::set_support(&state.db, tenant.tenant_id(), UserId(principal.user_id), id, add)
        .await
        .map_err(|e| localized(e, &shell.i))?;
    Ok(to_idea(&tenant.slug, id, "#support"))
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    alignment: String,
}

/// `POST /{tenant}/ideas/{id}/comments`: a comment, or a reply with `parent_id`.
pub async fn comment(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let parent = match form.parent_id.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .map_err(|_| WebError::BadRequest("parent_id is a number".into()))?,
        ),
    };
    let result = civic_app::ideas::comment(
        &state.db,
        tenant.tenant_id(),
        UserId(principal.user_id),
        id,
        &civic_app::ideas::NewCommentInput {
            body: &form.body,
            parent,
            alignment: Some(form.alignment.as_str()),
        },
    )
    .await;
    match result {
        Ok(comment) => Ok(to_idea(&tenant.slug, id, &format!("#comment-{comment}"))),
        Err(AppError::Invalid(invalid)) => {
            // A reply to a comment that cannot take one is offered again as
            // a comment on the idea, the text kept.
            let in_reply = parent.is_some() && !matches!(invalid.code, "too_deep" | "invalid_parent");
            let field = if in_reply { "reply-body" } else { "comment-body" };
            let me = Participation {
                reply_to: parent.filter(|_| in_reply),
                errors: vec![(field.to_string(), shell.i.t(&format!("field-error-{}", invalid.code)))],
                comment_body: form.body.chars().take(civic_core::ideas::COMMENT_MAX).collect(),
                ..Participation::default()
            };
            let page = idea_page(&state, &tenant, shell, Some(&principal), id, me).await?;
            Ok(unprocessable(page))
        }
        Err(e) => Err(localized(e, &shell.i)),
    }
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    text: String,
}

/// `POST /{tenant}/ideas/{id}/answers` (officials and administrators).
pub async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let role = require_role(&principal, &[Role::Official, Role::Admin])?;
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    match civic_app::ideas::answer(&state.db, tenant.tenant_id(), role, id, &form.status, &form.text).await {
        Ok(()) => Ok(to_idea(&tenant.slug, id, "#answer-heading")),
        Err(AppError::Invalid(invalid)) => {
            let field = if invalid.field == "status" {
                "answer-status"
            } else {
                "answer-text"
            };
            let me = Participation {
                errors: vec![(field.to_string(), shell.i.t(&format!("field-error-{}", invalid.code)))],
                answer_text: form.text.chars().take(civic_core::ideas::ANSWER_MAX).collect(),
                answer_status: form.status.chars().take(20).collect(),
                ..Participation::default()
            };
            let page = idea_page(&state, &tenant, shell, Some(&principal), id, me).await?;
            Ok(unprocessable(page))
        }
        Err(e) => Err(localized(e, &shell.i)),
    }
}

#[derive(Template)]
#[template(path = "idea_new.html")]
struct NewIdeaPage {
    shell: Shell,
    slug: String,
    space_id: i64,
    space_title: String,
    csrf: String,
    categories: Vec<String>,
    districts: Vec<String>,
    title: String,
    body: String,
    category: String,
    district: String,
    latitude: String,
    longitude: String,
    errors: Vec<(String, String)>,
}

impl NewIdeaPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct NewIdeaForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
}

fn new_idea_page(
    shell: Shell,
    slug: &str,
    principal: &Principal,
    space: &civic_store::spaces::SpaceRecord,
    form: NewIdeaForm,
    errors: Vec<(String, String)>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("idea-new-title");
    let cut = |s: String, n: usize| s.chars().take(n).collect::<String>();
    render(&NewIdeaPage {
        shell: shell.titled(title),
        slug: slug.to_string(),
        space_id: space.id,
        space_title: space.title.clone(),
        csrf: principal.csrf_token.clone(),
        categories: space.category_choices(),
        districts: space.district_choices(),
        title: cut(form.title, 300),
        body: cut(form.body, civic_core::ideas::BODY_MAX + 100),
        category: cut(form.category, 100),
        district: cut(form.district, 100),
        latitude: cut(form.latitude, 30),
        longitude: cut(form.longitude, 30),
        errors,
    })
}

/// `GET /{tenant}/spaces/{space}/ideas/new`: the form (signed in, open space).
pub async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, _): CurrentUser,
    Path((_, space)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let space = civic_app::ideas::open_space(&state.db, tenant.tenant_id(), space)
        .await
        .map_err(|e| localized(e, &shell.i))?;
    new_idea_page(
        shell,
        &tenant.slug,
        &principal,
        &space,
        NewIdeaForm::default(),
        Vec::new(),
    )
}

/// `POST /{tenant}/spaces/{space}/ideas/new`: 303 to the new idea, or the
/// form again with every error (422).
pub async fn new_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, space)): Path<(String, String)>,
    Form(form): Form<NewIdeaForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let space = civic_app::ideas::open_space(&state.db, t, space)
        .await
        .map_err(|e| localized(e, &shell.i))?;
    let mut errors = Vec::new();
    let coordinate = |raw: &str| {
        raw.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    let location = match (form.latitude.trim(), form.longitude.trim()) {
        ("", "") => None,
        (lat, lon) => match (coordinate(lat), coordinate(lon)) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => {
                errors.push(Invalid::new("location", "invalid_location", ""));
                None
            }
        },
    };
    let proposal = civic_app::ideas::Proposal {
        title: &form.title,
        body: &form.body,
        category: Some(form.category.as_str()),
        district: Some(form.district.as_str()),
        location,
    };
    if let Err(found) = civic_app::ideas::check_proposal(&space, &proposal) {
        errors.extend(found);
    }
    if errors.is_empty() {
        let idea = civic_app::ideas::propose(&state.db, t, UserId(principal.user_id), space.space_id(), &proposal)
            .await
            .map_err(|e| localized(e, &shell.i))?;
        return Ok(to_idea(&tenant.slug, idea.idea_id(), ""));
    }
    let errors = errors
        .into_iter()
        .map(|e| {
            let field = if e.field == "location" { "latitude" } else { e.field };
            (field.to_string(), shell.i.t(&format!("field-error-{}", e.code)))
        })
        .collect();
    let page = new_idea_page(shell, &tenant.slug, &principal, &space, form, errors)?;
    Ok(unprocessable(page))
}

pub struct Waiting {
    pub card: IdeaCard,
    pub waited: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    shell: Shell,
    slug: String,
    waiting: Vec<Waiting>,
}

/// `GET /{tenant}/review`: ideas past their threshold without an answer,
/// oldest first (officials and administrators).
pub async fn review(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, _): CurrentUser,
) -> Result<Html<String>, WebError> {
    require_role(&principal, &[Role::Official, Role::Admin])?;
    let queue = civic_app::ideas::review_queue(&state.db, tenant.tenant_id()).await?;
    let now = Timestamp::now().0;
    let waiting = queue
        .into_iter()
        .map(|i| Waiting {
            waited: shell
                .i
                .count("review-waiting-days", (now - i.created_at).max(0) / 86_400_000),
            card: IdeaCard::from(i),
        })
        .collect();
    let title = shell.i.t("review-title");
    render(&ReviewPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        waiting,
    })
}

pub struct SearchRow {
    pub kind_key: String,
    pub idea_id: i64,
    pub comment_id: Option<i64>,
    pub title: String,
    pub snippet_html: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    shell: Shell,
    slug: String,
    q: String,
    error: Option<String>,
    searched: bool,
    results: Vec<SearchRow>,
    next_cursor: Option<String>,
}

impl SearchPage {
    /// The query for a link's query string, percent-encoded.
    fn q_encoded(&self) -> String {
        let mut out = String::new();
        for b in self.q.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    cursor: Option<String>,
}

/// `GET /{tenant}/search?q=`: the form, and results when there is a query.
pub async fn search(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    Query(query): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let title = shell.i.t("search-title");
    let mut page = SearchPage {
        slug: tenant.slug.clone(),
        q: query.q.chars().take(300).collect(),
        error: None,
        searched: false,
        results: Vec::new(),
        next_cursor: None,
        shell: shell.titled(title),
    };
    if query.q.trim().is_empty() {
        return Ok(render(&page)?.into_response());
    }
    match civic_app::ideas::search(&state.db, tenant.tenant_id(), &query.q, None, query.cursor.as_deref()).await {
        Ok(found) => {
            page.searched = true;
            page.next_cursor = found.next_cursor;
            page.results = found
                .items
                .into_iter()
                .map(|r| SearchRow {
                    kind_key: format!("search-kind-{}", r.kind),
                    idea_id: r.idea_id,
                    comment_id: r.comment_id,
                    title: r.title,
                    snippet_html: r.snippet_html,
                })
                .collect();
            Ok(render(&page)?.into_response())
        }
        Err(AppError::Invalid(invalid)) => {
            page.error = Some(page.shell.i.t(&format!("field-error-{}", invalid.code)));
            Ok(unprocessable(render(&page)?))
        }
        Err(e) => Err(e.into()),
    }
}

/// Orders comments as threads (each reply after its parent, depth ≤ 3),
/// oldest first within a level.
fn thread(comments: Vec<CommentRecord>) -> Vec<CommentView> {
    let mut children: HashMap<Option<i64>, Vec<CommentRecord>> = HashMap::new();
    let known: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
    for c in comments {
        // A reply whose parent is not on the page is shown at the top level.
        let parent = c.parent_id.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(c);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(CommentRecord, usize)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|c| (c, 0))
        .collect();
    while let Some((c, depth)) = stack.pop() {
        if let Some(replies) = children.remove(&Some(c.id)) {
            stack.extend(replies.into_iter().rev().map(|r| (r, depth + 1)));
        }
        out.push(CommentView {
            id: c.id,
            depth: depth.min(3),
            can_reply: false,
            reply_open: false,
            official: c
                .author_role
                .as_deref()
                .and_then(|r| Role::parse(r).ok())
                .is_some_and(Role::is_staff),
            author_name: c.author_name,
            alignment_key: format!("alignment-{}", c.alignment),
            alignment: c.alignment,
            body_html: crate::markdown::to_safe_html(&c.body),
            body: c.body,
            created_at: c.created_at,
        });
    }
    out
}
