//! The discussion under an idea: commenting and replying, and the author's
//! (or staff's) edit and deletion, and ratings. Each form answers with a
//! 303 back to the comment, or the idea page with its error (422).

use super::Layout;
use super::ideas::{Participation, idea_page, to_idea, unprocessable};
use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::extract::{CsrfForm, Empty, Path};
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use civic_app::AppError;
use civic_app::comments::NewCommentInput;
use civic_core::{CommentId, IdeaId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/ideas/{idea}/comments", post(comment))
        .route("/{tenant}/comments/{comment}/edit", post(edit))
        .route("/{tenant}/comments/{comment}/delete", post(delete))
        .route("/{tenant}/comments/{comment}/vote", post(vote))
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    alignment: String,
}

/// `POST /{tenant}/ideas/{id}/comments`: a comment, or a reply with `parent_id`.
async fn comment(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, IdeaId)>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Result<Response, WebError> {
    let parent = match form.parent_id.trim() {
        "" => None,
        raw => Some(CommentId::parse(raw).ok_or_else(|| WebError::BadRequest("parent_id is a number".into()))?),
    };
    let input = NewCommentInput {
        body: &form.body,
        parent,
        alignment: Some(form.alignment.as_str()),
    };
    match civic_app::comments::comment(&state.platform, tenant.tenant_id(), principal.user_id, id, &input).await {
        Ok(comment) => Ok(to_idea(&tenant.slug, id, "commented", &format!("#comment-{comment}"))),
        Err(AppError::Invalid(problems)) => {
            // A reply to a comment that cannot take one is offered again as
            // a comment on the idea, the text kept.
            let parent_refused = problems.for_field("parent_id").is_some();
            let in_reply = parent.is_some() && !parent_refused;
            let field = if in_reply { "reply-body" } else { "comment-body" };
            let me = Participation {
                reply_to: parent.filter(|_| in_reply).map(|p| p.0),
                errors: shell
                    .i
                    .problems(&problems)
                    .into_iter()
                    .map(|(_, message)| (field.to_string(), message))
                    .collect(),
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
pub struct EditForm {
    #[serde(default)]
    body: String,
}

/// `POST /{tenant}/comments/{comment}/edit`: the author's new text.
async fn edit(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let record = civic_app::comments::visible_comment(&state.platform, t, id).await?;
    match civic_app::comments::edit_comment(&state.platform, t, principal.user_id, id, &form.body).await {
        Ok(_) => Ok(to_idea(
            &tenant.slug,
            record.idea_id,
            "comment-edited",
            &format!("#comment-{id}"),
        )),
        Err(AppError::Invalid(problems)) => {
            let me = Participation {
                edit_comment: Some(id.0),
                errors: shell
                    .i
                    .problems(&problems)
                    .into_iter()
                    .map(|(_, message)| ("edit-body".to_string(), message))
                    .collect(),
                comment_body: form.body.chars().take(civic_core::ideas::COMMENT_MAX).collect(),
                ..Participation::default()
            };
            let page = idea_page(&state, &tenant, shell, Some(&principal), record.idea_id, me).await?;
            Ok(unprocessable(page))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /{tenant}/comments/{comment}/delete`: its author or staff.
async fn delete(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
    CsrfForm(Empty {}): CsrfForm<Empty>,
) -> Result<Response, WebError> {
    let idea = civic_app::comments::delete_comment(&state.platform, tenant.tenant_id(), &principal, id).await?;
    Ok(to_idea(
        &tenant.slug,
        idea,
        "comment-deleted",
        &format!("#comment-{id}"),
    ))
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    value: String,
}

/// `POST /{tenant}/comments/{comment}/vote` with `value=1|-1|0`.
async fn vote(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, _): CurrentUser,
    Path((_, id)): Path<(String, CommentId)>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<Response, WebError> {
    let value = form
        .value
        .trim()
        .parse::<i64>()
        .map_err(|_| WebError::BadRequest("value is 1, -1 or 0".into()))?;
    let rated =
        civic_app::comments::vote_comment(&state.platform, tenant.tenant_id(), principal.user_id, id, value).await?;
    Ok(to_idea(&tenant.slug, rated.idea, "rated", &format!("#comment-{id}")))
}
