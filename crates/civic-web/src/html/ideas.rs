//! `/{tenant}/ideas/{idea}`: an idea, the city's answer and the discussion,
//! with the forms the visitor may use there (support, answer, edit,
//! withdraw); proposing an idea (`/{tenant}/spaces/{space}/ideas/new`) and
//! the similar ideas shown while typing. Every form is a plain POST
//! answered with a 303, or with the page and its errors (422).

use super::{Layout, render};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::WebError;
use crate::extract::{CsrfForm, Empty, Officials, Path, Staff};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::comments::CommentView as Discussed;
use civic_core::ideas::Idea;
use civic_core::spaces::Space;
use civic_core::user::Principal;
use civic_core::{IdeaId, Invalid, Problems, Role, SpaceId};
use http::StatusCode;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/ideas/{idea}", get(show))
        .route("/{tenant}/ideas/{idea}/support", post(support))
        .route("/{tenant}/ideas/{idea}/answers", post(answer))
        .route("/{tenant}/ideas/{idea}/edit", get(edit_form).post(edit_submit))
        .route("/{tenant}/ideas/{idea}/withdraw", post(withdraw))
        .route("/{tenant}/spaces/{space}/ideas/new", get(new_form).post(new_submit))
        .route("/{tenant}/spaces/{space}/ideas/similar", get(similar))
}

pub struct AnswerView {
    pub status: String,
    pub status_key: String,
    pub role_key: String,
    pub body: String,
    pub created_at: i64,
}

/// A comment as the page shows it: its text, and which of the visitor's
/// forms are offered under it (decided by the rules, in `civic_core`).
pub struct CommentView {
    pub id: i64,
    pub depth: usize,
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
    /// The visitor's rating of it: 1, -1 or 0.
    pub my_vote: i64,
    /// The visitor wrote it (may edit it).
    pub mine: bool,
    pub can_vote: bool,
    pub can_delete: bool,
    /// The edit form is shown under it (`?edit_comment=ID`).
    pub edit_open: bool,
    /// How the moderators' hiding shows to this viewer.
    pub moderation: Hiding,
}

/// What a hidden item shows in its place, to this viewer.
#[derive(Default)]
pub struct Hiding {
    /// The item is hidden or held: the notice is shown.
    pub hidden: bool,
    /// The viewer sees its text too (staff, marked; its author).
    pub show_text: bool,
    /// The moderators' public reason, if they gave one.
    pub reason: String,
    /// The viewer wrote it and may appeal.
    pub appeal: bool,
}

impl Hiding {
    pub fn of(v: civic_core::moderation::Visibility, reason: Option<String>) -> Hiding {
        use civic_core::moderation::Visibility::*;
        Hiding {
            hidden: v != Shown,
            show_text: v != Notice,
            reason: reason.unwrap_or_default(),
            appeal: v == ShownToAuthor,
        }
    }
}

/// What the page shows about the visitor and their forms.
#[derive(Default)]
pub struct Participation {
    /// What the visitor's last write did ("Comment posted"), said once.
    pub notice: Option<String>,
    pub signed_in: bool,
    pub csrf: String,
    pub supported: bool,
    pub following: bool,
    pub can_support: bool,
    pub can_comment: bool,
    /// `(status, message key)` the visitor may answer with (officials).
    pub answer_choices: Vec<(String, String)>,
    pub reply_to: Option<i64>,
    pub edit_comment: Option<i64>,
    pub can_edit: bool,
    pub can_withdraw: bool,
    /// The order of the discussion: oldest, best or newest.
    pub comment_sort: String,
    /// The page of discussion threads being shown (`after=`), empty for the first.
    pub comments_after: String,
    /// `(field id, message)` of the form just refused.
    pub errors: Vec<(String, String)>,
    pub comment_body: String,
    pub answer_text: String,
    pub answer_status: String,
    /// The visitor is blocked from posting: until when, in words.
    pub blocked: Option<String>,
}

#[derive(Template)]
#[template(path = "idea.html")]
struct IdeaPage {
    shell: Layout,
    slug: String,
    idea: Idea,
    status_key: String,
    space_title: String,
    /// Supports the space asks for before the city answers.
    threshold: i64,
    body_html: String,
    osm_link: Option<(String, String)>,
    answers: Vec<AnswerView>,
    comments: Vec<CommentView>,
    /// The next page of discussion threads, and whether this is a later one.
    more: Option<String>,
    continued: bool,
    me: Participation,
    /// How the moderators' hiding of the idea shows to this viewer.
    hiding: Hiding,
    /// The idea this one was merged into: id and title (empty when hidden).
    merged_into: Option<(IdeaId, String)>,
}

impl IdeaPage {
    /// "4 of 5 supports the city needs to answer", while short of it.
    fn progress(&self) -> Option<String> {
        (self.threshold > 0 && self.idea.support_count < self.threshold).then(|| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("count", self.idea.support_count);
            args.set("needed", self.threshold);
            self.shell.i.with_args("support-progress", &args)
        })
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.me.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }
}

#[derive(Deserialize, Default)]
pub struct IdeaQuery {
    /// Set by the redirect after a write (`IDEA_NOTICES`).
    done: Option<String>,
    reply_to: Option<String>,
    edit_comment: Option<String>,
    comments: Option<String>,
    /// Where a later page of discussion threads starts.
    after: Option<String>,
}

/// `GET /{tenant}/ideas/{idea}?comments=&after=&reply_to=&edit_comment=`.
async fn show(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    MaybeUser(user): MaybeUser,
    Path((_, idea)): Path<(String, IdeaId)>,
    Query(query): Query<IdeaQuery>,
) -> Result<Html<String>, WebError> {
    let me = Participation {
        notice: query
            .done
            .filter(|d| IDEA_NOTICES.contains(&d.as_str()))
            .map(|d| shell.i.t(&format!("idea-done-{d}"))),
        reply_to: query.reply_to.as_deref().and_then(|r| r.parse().ok()),
        edit_comment: query.edit_comment.as_deref().and_then(|r| r.parse().ok()),
        comment_sort: query.comments.unwrap_or_default(),
        comments_after: query.after.unwrap_or_default(),
        ..Participation::default()
    };
    idea_page(&state, &tenant, shell, user.as_ref().map(|u| &u.0), idea, me).await
}

/// The idea page for `viewer` (or a visitor), with `me` carrying the state
/// of a form that was just refused.
pub(super) async fn idea_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    viewer: Option<&Principal>,
    id: IdeaId,
    mut me: Participation,
) -> Result<Html<String>, WebError> {
    let page = civic_app::ideas::page(
        &state.platform,
        tenant.tenant_id(),
        viewer,
        id,
        Some(&me.comment_sort),
        Some(&me.comments_after),
    )
    .await?;
    let actions = &page.actions;
    me.signed_in = viewer.is_some();
    me.csrf = viewer.map(|v| v.csrf_token.clone()).unwrap_or_default();
    me.supported = page.supported;
    me.following = page.following;
    me.can_support = actions.support;
    me.can_comment = actions.comment;
    me.can_edit = actions.edit;
    me.can_withdraw = actions.withdraw;
    me.answer_choices = actions
        .answer_to
        .iter()
        .map(|s| (s.as_str().to_string(), format!("status-{s}")))
        .collect();
    me.comment_sort = page.order.as_str().to_string();
    me.blocked = page.block.map(|b| match b.until {
        Some(until) => shell.i.with("moderation-blocked-until", "date", &shell.i.date(until)),
        None => shell.i.t("moderation-blocked-forever"),
    });
    let comments = page.comments.into_iter().map(|d| comment_view(d, &me)).collect();
    let answers = page
        .answers
        .into_iter()
        .map(|a| AnswerView {
            status_key: format!("status-{}", a.status),
            status: a.status.to_string(),
            role_key: format!("role-{}", a.author_role),
            body: a.body,
            created_at: a.created_at,
        })
        .collect();
    let osm_link = location_link(state, &shell, &page.idea);
    let hiding = Hiding::of(page.visibility, page.idea.moderation_reason.clone());
    let title = if hiding.show_text {
        page.idea.title.clone()
    } else {
        shell.i.t("moderation-notice")
    };
    render(&IdeaPage {
        hiding,
        merged_into: page.merged_into,
        slug: tenant.slug.clone(),
        status_key: format!("status-{}", page.idea.status),
        threshold: page.space.support_threshold,
        space_title: page.space.title,
        body_html: crate::markdown::to_safe_html(&page.idea.body),
        osm_link,
        answers,
        comments,
        more: page.more,
        continued: page.continued,
        me,
        shell: shell
            .titled(title)
            .described(&crate::markdown::to_plain_text(&page.idea.body)),
        idea: page.idea,
    })
}

fn comment_view(d: Discussed, me: &Participation) -> CommentView {
    let c = d.comment;
    let id = c.id.0;
    CommentView {
        id,
        depth: d.depth,
        can_reply: d.actions.reply,
        reply_open: d.actions.reply && me.signed_in && me.reply_to == Some(id),
        official: c.author_role.is_some_and(Role::is_staff),
        author_name: c.author_name,
        alignment_key: format!("alignment-{}", c.alignment),
        alignment: c.alignment,
        body_html: crate::markdown::to_safe_html(&c.body),
        body: c.body,
        created_at: c.created_at,
        edited_at: c.edited_at,
        deleted: c.deleted_at.is_some(),
        score: c.score,
        my_vote: d.my_vote,
        mine: d.actions.edit,
        can_vote: d.actions.vote,
        can_delete: d.actions.delete,
        edit_open: d.actions.edit && me.edit_comment == Some(id),
        moderation: Hiding::of(d.visibility, c.moderation_reason),
    }
}

/// A link to the idea's place on OpenStreetMap, when it has one.
fn location_link(state: &AppState, shell: &Layout, idea: &Idea) -> Option<(String, String)> {
    match (idea.latitude, idea.longitude) {
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
    }
}

pub(super) fn unprocessable(page: Html<String>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// What a redirect back to an idea may announce (`?done=`).
const IDEA_NOTICES: &[&str] = &[
    "appealed",
    "published",
    "edited",
    "withdrawn",
    "supported",
    "unsupported",
    "answered",
    "commented",
    "comment-edited",
    "comment-deleted",
    "rated",
    "flagged",
];

/// Back to the idea after a write, with the notice of what it did.
pub(super) fn to_idea(slug: &str, id: IdeaId, done: &str, anchor: &str) -> Response {
    debug_assert!(IDEA_NOTICES.contains(&done));
    Redirect::to(&format!("/{slug}/ideas/{id}?done={done}{anchor}")).into_response()
}

#[derive(Deserialize)]
pub struct SupportForm {
    #[serde(default)]
    action: String,
}

/// `POST /{tenant}/ideas/{id}/support` with `action=add|remove`.
async fn support(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    CsrfForm(form): CsrfForm<SupportForm>,
) -> Result<Response, WebError> {
    let add = match form.action.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(WebError::BadRequest("action is add or remove".into())),
    };
    civic_app::ideas::set_support(&state.platform, tenant.tenant_id(), principal.user_id, id, add).await?;
    Ok(to_idea(
        &tenant.slug,
        id,
        if add { "supported" } else { "unsupported" },
        "#support",
    ))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    text: String,
}

/// `POST /{tenant}/ideas/{id}/answers` (officials and administrators).
async fn answer(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Staff(official, ..): Staff<Officials>,
    address: crate::client_address::ClientAddress,
    Path((_, id)): Path<(String, IdeaId)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, WebError> {
    let actor = crate::auth::actor(&official, &address);
    match civic_app::ideas::answer(
        &state.platform,
        tenant.tenant_id(),
        &actor,
        &official,
        id,
        &form.status,
        &form.text,
    )
    .await
    {
        Ok(()) => Ok(to_idea(&tenant.slug, id, "answered", "#answer-heading")),
        Err(AppError::Invalid(problems)) => {
            let me = Participation {
                errors: shell
                    .i
                    .problems(&problems)
                    .into_iter()
                    .map(|(field, message)| {
                        (
                            format!("answer-{}", if field == "status" { "status" } else { "text" }),
                            message,
                        )
                    })
                    .collect(),
                answer_text: form.text.chars().take(civic_core::ideas::ANSWER_MAX).collect(),
                answer_status: form.status.chars().take(20).collect(),
                ..Participation::default()
            };
            let page = idea_page(&state, &tenant, shell, Some(&official), id, me).await?;
            Ok(unprocessable(page))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------
// Proposing an idea.

#[derive(Template)]
#[template(path = "idea_new.html")]
struct NewIdeaPage {
    shell: Layout,
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

impl NewIdeaPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.0 == field).map(|e| e.1.as_str())
    }
}

/// An idea like the one being written, as the form suggests it.
pub struct SimilarCard {
    pub id: i64,
    pub title: String,
    pub status_key: String,
    pub support_count: i64,
}

impl From<civic_app::ideas::SimilarIdea> for SimilarCard {
    fn from(i: civic_app::ideas::SimilarIdea) -> Self {
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
    shell: Layout,
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
async fn similar(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    Path((_, space)): Path<(String, SpaceId)>,
    Query(query): Query<SimilarQuery>,
) -> Result<Html<String>, WebError> {
    let found = civic_app::ideas::similar_ideas(&state.platform, tenant.tenant_id(), space, &query.title).await?;
    render(&SimilarFragment {
        checked: !civic_core::text::similarity_terms(&query.title).is_empty(),
        similar: found.into_iter().map(SimilarCard::from).collect(),
        shell,
        slug: tenant.slug.clone(),
    })
}

#[derive(Deserialize, Default)]
pub struct NewIdeaForm {
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
    shell: Layout,
    slug: &str,
    principal: &Principal,
    space: &Space,
    form: NewIdeaForm,
    errors: Vec<(String, String)>,
    similar: Option<Vec<SimilarCard>>,
) -> Result<Html<String>, WebError> {
    let title = shell.i.t("idea-new-title");
    let cut = |s: String, n: usize| s.chars().take(n).collect::<String>();
    render(&NewIdeaPage {
        shell: shell.titled(title),
        slug: slug.to_string(),
        space_id: space.id.0,
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
async fn new_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, space)): Path<(String, SpaceId)>,
) -> Result<Html<String>, WebError> {
    let space = civic_app::ideas::proposing_in(&state.platform, tenant.tenant_id(), space, principal.user_id).await?;
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

/// A coordinate as typed, with a comma or a point for decimals.
fn coordinate(raw: &str) -> Option<f64> {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// `POST /{tenant}/spaces/{space}/ideas/new`: 303 to the new idea, or the
/// form again with every error (422).
async fn new_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, space)): Path<(String, SpaceId)>,
    CsrfForm(form): CsrfForm<NewIdeaForm>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let space = civic_app::ideas::proposing_in(&state.platform, t, space, principal.user_id).await?;
    if form.intent == "similar" {
        let found = civic_app::ideas::similar_ideas(&state.platform, t, space.id, &form.title).await?;
        let found = found.into_iter().map(SimilarCard::from).collect();
        return Ok(
            new_idea_page(shell, &tenant.slug, &principal, &space, form, Vec::new(), Some(found))?.into_response(),
        );
    }
    let mut typed = Problems::new();
    let location = match (form.latitude.trim(), form.longitude.trim()) {
        ("", "") => None,
        (lat, lon) => match (coordinate(lat), coordinate(lon)) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => {
                typed.push(Invalid::new("location", "invalid_location", "coordinates are numbers"));
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
    let result = if typed.is_empty() {
        civic_app::ideas::propose(&state.platform, t, principal.user_id, space.id, &proposal).await
    } else {
        // Typing errors are shown with the proposal's own problems.
        let mut all = typed;
        if let Err(found) = civic_app::ideas::check_proposal(&space, &proposal) {
            found.into_iter().for_each(|p| all.push(p));
        }
        Err(AppError::Invalid(all))
    };
    match result {
        Ok(idea) => Ok(to_idea(&tenant.slug, idea.id, "published", "")),
        Err(AppError::Invalid(problems)) => {
            let errors = shell
                .i
                .problems(&problems)
                .into_iter()
                .map(|(field, message)| (if field == "location" { "latitude".into() } else { field }, message))
                .collect();
            let page = new_idea_page(shell, &tenant.slug, &principal, &space, form, errors, None)?;
            Ok(unprocessable(page))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------
// The author edits or withdraws.

#[derive(Template)]
#[template(path = "idea_edit.html")]
struct EditIdeaPage {
    shell: Layout,
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
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    district: String,
}

/// `GET /{tenant}/ideas/{idea}/edit`: the author's form, within the window.
async fn edit_form(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
) -> Result<Html<String>, WebError> {
    let (record, space) = civic_app::ideas::editing(&state.platform, tenant.tenant_id(), principal.user_id, id).await?;
    let title = shell.i.t("idea-edit-title");
    render(&EditIdeaPage {
        shell: shell.titled(title),
        slug: tenant.slug.clone(),
        idea_id: record.id.0,
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
/// with every error (422).
async fn edit_submit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    CsrfForm(form): CsrfForm<EditIdeaForm>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let changes = civic_app::ideas::IdeaChanges {
        title: Some(&form.title),
        body: Some(&form.body),
        category: Some(&form.category),
        district: Some(&form.district),
    };
    match civic_app::ideas::edit_idea(&state.platform, t, principal.user_id, id, &changes).await {
        Ok(_) => Ok(to_idea(&tenant.slug, id, "edited", "")),
        Err(AppError::Invalid(problems)) => {
            let (_, space) = civic_app::ideas::idea_and_space(&state.platform, t, id).await?;
            let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
            let title = shell.i.t("idea-edit-title");
            let errors = shell.i.problems(&problems);
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
        Err(e) => Err(e.into()),
    }
}

/// `POST /{tenant}/ideas/{idea}/withdraw`: the author withdraws the idea.
async fn withdraw(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, WebError> {
    civic_app::ideas::withdraw_idea(&state.platform, tenant.tenant_id(), principal.user_id, id).await?;
    Ok(to_idea(&tenant.slug, id, "withdrawn", ""))
}
