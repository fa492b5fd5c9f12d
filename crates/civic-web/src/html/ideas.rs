//! `/{tenant}/ideas/{idea}`: an idea, the city's answer and the discussion,
//! with the forms to support, comment, reply and answer; proposing an idea
//! (`/{tenant}/spaces/{space}/ideas/new`), the officials' review queue
//! (`/{tenant}/review`) and search (`/{tenant}/search`). Every form is a
//! plain POST answered with a 303, or with the page and its errors (422).

use super::{IdeaCard, Shell, render};
use crate::auth::{CurrentUser, MaybeUser, require_csrf, require_role};
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use civic_app::AppError;
use civic_core::ideas::IdeaStatus;
use civic_core::{CommentId, IdeaId, Invalid, Role, SpaceId, Timestamp, UserId};
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
    pub edited_at: Option<i64>,
    pub deleted: bool,
    pub score: i64,
    /// The visitor's vote on it: 1, -1 or 0.
    pub my_vote: i64,
    /// The visitor wrote it (may edit it).
    pub mine: bool,
    /// The visitor may delete it (its author, or staff).
    pub can_delete: bool,
    /// The edit form is shown under it (`?edit_comment=ID`).
    pub edit_open: bool,
    author_id: Option<i64>,
}

/// What the idea page shows about the visitor and their forms.
#[derive(Default)]
pub struct Participation {
    pub signed_in: bool,
    pub csrf: String,
    pub supported: bool,
    /// Follows the idea (is notified of what happens to it).
    pub following: bool,
    /// The space is open and the idea not withdrawn.
    pub can_support: bool,
    /// The idea is not withdrawn.
    pub can_comment: bool,
    /// Officials and administrators, with the statuses they may choose now.
    pub answer_choices: Vec<(String, String)>,
    pub reply_to: Option<i64>,
    pub edit_comment: Option<i64>,
    /// The author may still edit the idea / may withdraw it.
    pub can_edit: bool,
    pub can_withdraw: bool,
    /// The order of the discussion: oldest, best or newest.
    pub comment_sort: String,
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
    edit_comment: Option<String>,
    comments: Option<String>,
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
        edit_comment: query.edit_comment.as_deref().and_then(|r| r.parse().ok()),
        comment_sort: query.comments.unwrap_or_default(),
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
    let (idea, space) = civic_app::ideas::idea_and_space(&state.platform, t, id).await?;
    let ideas = Ideas::of(&state.platform, t);
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
        me.following = civic_app::notifications::is_following(
            &state.platform,
            t,
            UserId(p.user_id),
            civic_app::notifications::FollowTarget::Idea(id),
        )
        .await?;
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
    let viewer = principal.map(|p| UserId(p.user_id));
    let staff = principal.is_some_and(|p| crate::auth::role_of(p).is_staff());
    me.can_edit = civic_app::ideas::editable(&idea, &space, viewer, Timestamp::now());
    me.can_withdraw = viewer.is_some_and(|v| idea.author_id == Some(v.0))
        && matches!(status, Some(IdeaStatus::Published | IdeaStatus::UnderReview));
    let order = civic_app::ideas::comment_order(Some(&me.comment_sort)).map_err(WebError::from)?;
    me.comment_sort = match order {
        civic_store::comments::CommentOrder::Oldest => "oldest",
        civic_store::comments::CommentOrder::Best => "best",
        civic_store::comments::CommentOrder::Newest => "newest",
    }
    .to_string();
    let comment_store = Comments::of(&state.platform, t);
    let my_votes: HashMap<i64, i64> = match viewer {
        Some(v) => comment_store.votes_on_idea(id, v).await?.into_iter().collect(),
        None => HashMap::new(),
    };
    let mut comments = thread(comment_store.for_idea_in(id, order, COMMENT_LIMIT).await?);
    for c in &mut comments {
        c.can_reply = me.can_comment && (c.depth as i64) < civic_core::ideas::MAX_COMMENT_DEPTH;
        c.reply_open = c.can_reply && me.signed_in && me.reply_to == Some(c.id);
        c.my_vote = my_votes.get(&c.id).copied().unwrap_or(0);
        c.mine = !c.deleted && viewer.is_some_and(|v| c.author_id == Some(v.0));
        c.can_delete = !c.deleted && (c.mine || staff);
        c.edit_open = c.mine && me.edit_comment == Some(c.id);
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
    civic_app::ideas::set_support(&state.platform, tenant.tenant_id(), UserId(principal.user_id), id, add)
        .await
        .map_err(WebError::from)?;
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
        &state.platform,
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
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
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
        Err(e) => Err(e.into()),
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
    address: crate::client::ClientAddress,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let role = require_role(&principal, &[Role::Official, Role::Admin])?;
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let actor = crate::auth::actor(&principal, &address);
    match civic_app::ideas::answer(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        role,
        id,
        &form.status,
        &form.text,
    )
    .await
    {
        Ok(()) => Ok(to_idea(&tenant.slug, id, "#answer-heading")),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
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
        Err(e) => Err(e.into()),
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
    /// Whether ideas like this one were looked for (and `similar` is what was found).
    checked: bool,
    similar: Vec<SimilarCard>,
}

/// An idea like the one being written, as the form suggests it.
pub struct SimilarCard {
    pub id: i64,
    pub title: String,
    pub status_key: String,
    pub support_count: i64,
}

impl From<civic_store::search::SimilarIdea> for SimilarCard {
    fn from(i: civic_store::search::SimilarIdea) -> Self {
        SimilarCard {
            id: i.id,
            status_key: format!("status-{}", i.status),
            title: i.title,
            support_count: i.support_count,
        }
    }
}

/// The list of similar ideas alone, for the script that asks while a title
/// is typed.
#[derive(Template)]
#[template(path = "idea_similar.html")]
struct SimilarFragment {
    shell: Shell,
    slug: String,
    checked: bool,
    similar: Vec<SimilarCard>,
}

#[derive(Deserialize)]
pub struct SimilarQuery {
    #[serde(default)]
    title: String,
}

/// `GET /{tenant}/spaces/{space}/ideas/similar?title=`: the fragment listing
/// ideas like the title (empty for a title of only common words).
pub async fn similar(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    Path((_, space)): Path<(String, String)>,
    Query(query): Query<SimilarQuery>,
) -> Result<Html<String>, WebError> {
    let space = SpaceId::parse(&space).ok_or(WebError::NotFound)?;
    let found = civic_app::ideas::similar_ideas(&state.platform, tenant.tenant_id(), space, &query.title)
        .await
        .map_err(WebError::from)?;
    render(&SimilarFragment {
        checked: !civic_core::text::similarity_terms(&query.title).is_empty(),
        similar: found.into_iter().map(SimilarCard::from).collect(),
        shell,
        slug: tenant.slug.clone(),
    })
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
    /// `similar`: look for ideas like this one instead of posting it.
    #[serde(default)]
    intent: String,
}

fn new_idea_page(
    shell: Shell,
    slug: &str,
    principal: &Principal,
    space: &civic_store::spaces::SpaceRecord,
    form: NewIdeaForm,
    errors: Vec<(String, String)>,
    similar: Option<Vec<SimilarCard>>,
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
        checked: similar.is_some(),
        similar: similar.unwrap_or_default(),
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
    let space = civic_app::ideas::open_space(&state.platform, tenant.tenant_id(), space)
        .await
        .map_err(WebError::from)?;
    new_idea_page(
        shell,
        &tenant.slug,
        &principal,
        &space,
        NewIdeaForm::default(),
        Vec::new(),
        None,
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
    let space = civic_app::ideas::open_space(&state.platform, t, space)
        .await
        .map_err(WebError::from)?;
    if form.intent == "similar" {
        let found = civic_app::ideas::similar_ideas(&state.platform, t, space.space_id(), &form.title)
            .await
            .map_err(WebError::from)?;
        let found = found.into_iter().map(SimilarCard::from).collect();
        return Ok(
            new_idea_page(shell, &tenant.slug, &principal, &space, form, Vec::new(), Some(found))?.into_response(),
        );
    }
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
        let idea = civic_app::ideas::propose(
            &state.platform,
            t,
            UserId(principal.user_id),
            space.space_id(),
            &proposal,
        )
        .await
        .map_err(WebError::from)?;
        return Ok(to_idea(&tenant.slug, idea.idea_id(), ""));
    }
    let errors = errors
        .into_iter()
        .map(|e| {
            let field = if e.field == "location" { "latitude" } else { e.field };
            (field.to_string(), shell.i.t(&format!("field-error-{}", e.code)))
        })
        .collect();
    let page = new_idea_page(shell, &tenant.slug, &principal, &space, form, errors, None)?;
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
    let queue = civic_app::ideas::review_queue(&state.platform, tenant.tenant_id()).await?;
    let now = Timestamp::now().0;
    let waiting = queue
        .into_iter()
        .map(|i| Waiting {
            waited: shell
                .i
                .count("review-waiting-days", (now - i.created_at).max(0) / 86_400_000),
            card: IdeaCard::from(&i),
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
    match civic_app::ideas::search(
        &state.platform,
        tenant.tenant_id(),
        &query.q,
        None,
        query.cursor.as_deref(),
    )
    .await
    {
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
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
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
            edited_at: c.edited_at,
            deleted: c.deleted_at.is_some(),
            score: c.score,
            my_vote: 0,
            mine: false,
            can_delete: false,
            edit_open: false,
            author_id: c.author_id,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// The author's edit and withdrawal; comments edited, deleted, voted on.

#[derive(Template)]
#[template(path = "idea_edit.html")]
struct EditIdeaPage {
    shell: Shell,
    slug: String,
    idea_id: i64,
    csrf: String,
    title: String,
    body: String,
    category: String,
    district: String,
    errors: Vec<(String, String)>,
    /// The space's edit window, told above the form.
    window_hours: i64,
}

impl EditIdeaPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct EditIdeaForm {
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
}

/// `GET /{tenant}/ideas/{idea}/edit`: the author's form, within the window.
pub async fn edit_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, _): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let (record, space) = civic_app::ideas::idea_and_space(&state.platform, tenant.tenant_id(), id).await?;
    if record.author_id != Some(principal.user_id) {
        return Err(WebError::forbidden("not_author", shell.i.t("idea-edit-not-yours")));
    }
    if !civic_app::ideas::editable(&record, &space, Some(UserId(principal.user_id)), Timestamp::now()) {
        return Err(AppError::conflict("edit_window_closed", "the edit window has closed").into());
    }
    let title = shell.i.t("idea-edit-title");
    render(&EditIdeaPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        idea_id: record.id,
        csrf: principal.csrf_token.clone(),
        title: record.title,
        body: record.body,
        category: record.category.unwrap_or_default(),
        district: record.district.unwrap_or_default(),
        errors: Vec::new(),
        window_hours: space.edit_window_hours,
    })
}

/// `POST /{tenant}/ideas/{idea}/edit`: 303 to the idea, or the form again
/// with its error (422).
pub async fn edit_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<EditIdeaForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    let result = civic_app::ideas::edit_idea(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        id,
        &civic_app::ideas::IdeaChanges {
            title: Some(&form.title),
            body: Some(&form.body),
            category: Some(&form.category),
            district: Some(&form.district),
        },
    )
    .await;
    match result {
        Ok(_) => Ok(to_idea(&tenant.slug, id, "")),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let errors = vec![(
                invalid.field.to_string(),
                shell.i.t(&format!("field-error-{}", invalid.code)),
            )];
            let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
            let title = shell.i.t("idea-edit-title");
            let (_, space) = civic_app::ideas::idea_and_space(&state.platform, tenant.tenant_id(), id).await?;
            let page = render(&EditIdeaPage {
                shell: shell.titled(title),
                slug: tenant.slug.clone(),
                idea_id: id.0,
                csrf: principal.csrf_token.clone(),
                title: cut(&form.title, 300),
                body: cut(&form.body, civic_core::ideas::BODY_MAX + 100),
                category: cut(&form.category, 100),
                district: cut(&form.district, 100),
                errors,
                window_hours: space.edit_window_hours,
            })?;
            Ok(unprocessable(page))
        }
        Err(AppError::Forbidden { .. }) => Err(WebError::forbidden("not_author", shell.i.t("idea-edit-not-yours"))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{tenant}/ideas/{idea}/withdraw`: the author withdraws the idea.
pub async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, idea)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = IdeaId::parse(&idea).ok_or(WebError::NotFound)?;
    civic_app::ideas::withdraw_idea(&state.platform, tenant.tenant_id(), UserId(principal.user_id), id)
        .await
        .map_err(|e| match e {
            AppError::Forbidden { .. } => WebError::forbidden("not_author", shell.i.t("idea-edit-not-yours")),
            e => e.into(),
        })?;
    Ok(to_idea(&tenant.slug, id, ""))
}

#[derive(Deserialize)]
pub struct CommentEditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

/// `POST /{tenant}/comments/{comment}/edit`: the author's new text.
pub async fn comment_edit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, comment)): Path<(String, String)>,
    Form(form): Form<CommentEditForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    let t = tenant.tenant_id();
    let record = civic_app::ideas::visible_comment(&state.platform, t, id).await?;
    let place = Comments::of(&state.platform, t)
        .place(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let idea = IdeaId(place.idea_id);
    match civic_app::ideas::edit_comment(&state.platform, t, UserId(principal.user_id), id, &form.body).await {
        Ok(_) => Ok(to_idea(&tenant.slug, idea, &format!("#comment-{}", record.id))),
        Err(AppError::Invalid(problems)) => {
            let invalid = problems.into_first();
            let me = Participation {
                edit_comment: Some(record.id),
                errors: vec![(
                    "edit-body".to_string(),
                    shell.i.t(&format!("field-error-{}", invalid.code)),
                )],
                comment_body: form.body.chars().take(civic_core::ideas::COMMENT_MAX).collect(),
                ..Participation::default()
            };
            let page = idea_page(&state, &tenant, shell, Some(&principal), idea, me).await?;
            Ok(unprocessable(page))
        }
        Err(AppError::Forbidden { .. }) => Err(WebError::forbidden("not_author", shell.i.t("idea-edit-not-yours"))),
        Err(e) => Err(e.into()),
    }
}

/// `POST /{tenant}/comments/{comment}/delete`: its author or staff.
pub async fn comment_delete(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Shell,
    CurrentUser(principal, via): CurrentUser,
    Path((_, comment)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    let idea = civic_app::ideas::delete_comment(
        &state.platform,
        tenant.tenant_id(),
        UserId(principal.user_id),
        crate::auth::role_of(&principal),
        id,
    )
    .await
    .map_err(|e| match e {
        AppError::Forbidden { .. } => WebError::forbidden("not_author", shell.i.t("idea-edit-not-yours")),
        e => e.into(),
    })?;
    Ok(to_idea(&tenant.slug, idea, &format!("#comment-{id}")))
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    value: String,
}

/// `POST /{tenant}/comments/{comment}/vote` with `value=1|-1|0`.
pub async fn comment_vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    Path((_, comment)): Path<(String, String)>,
    Form(form): Form<VoteForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let id = CommentId::parse(&comment).ok_or(WebError::NotFound)?;
    let value = form
        .value
        .trim()
        .parse::<i64>()
        .map_err(|_| WebError::BadRequest("value is 1, -1 or 0".into()))?;
    let t = tenant.tenant_id();
    civic_app::ideas::vote_comment(&state.platform, t, UserId(principal.user_id), id, value)
        .await
        .map_err(WebError::from)?;
    let place = Comments::of(&state.platform, t)
        .place(id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(to_idea(&tenant.slug, IdeaId(place.idea_id), &format!("#comment-{id}")))
}
