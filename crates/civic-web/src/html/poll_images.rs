//! Staff add pictures to poll options (`/{tenant}/polls/{poll}/images`):
//! one upload form per option, each with the description people who
//! cannot see the picture hear instead. Options are numbered from 1 in
//! paths, as questions are.

use super::{Layout, render};
use crate::auth::{CurrentUser, MaybeUser, actor, require_csrf};
use crate::client_address::ClientAddress;
use crate::error::{WebError, path_id};
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_app::AppError;
use civic_app::poll_images;
use civic_core::Invalid;
use civic_core::user::Principal;
use http::StatusCode;
use serde::Deserialize;

/// The routes of this feature.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{tenant}/polls/{poll}/images", get(page))
        .route(
            "/{tenant}/polls/{poll}/images/{question}/{option}",
            get(picture).post(upload),
        )
        .route("/{tenant}/polls/{poll}/images/{question}/{option}/remove", post(remove))
}

pub struct OptionSlot {
    /// 1-based, as in the paths.
    pub number: usize,
    pub label: String,
    /// (address, description) of the picture it has.
    pub image: Option<(String, String)>,
    pub error: Option<String>,
    /// The description as typed when the upload was refused.
    pub alt: String,
}

pub struct QuestionSlot {
    pub id: i64,
    pub text: String,
    pub options: Vec<OptionSlot>,
}

#[derive(Template)]
#[template(path = "poll_images.html")]
struct ImagesPage {
    shell: Layout,
    slug: String,
    poll: i64,
    title: String,
    csrf: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    questions: Vec<QuestionSlot>,
}

/// A refused upload: which option, what was typed, what is wrong.
struct Refused {
    question: i64,
    number: usize,
    alt: String,
    problem: Invalid,
}

async fn images_page(
    state: &AppState,
    tenant: &Tenant,
    shell: Layout,
    principal: &Principal,
    poll: i64,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Response, WebError> {
    let t = tenant.tenant_id();
    let (p, questions) = civic_app::polls::get_for_staff(&state.platform, t, principal.role, poll).await?;
    let pictures = poll_images::of_poll(&state.platform, t, poll).await?;
    let mut errors = Vec::new();
    let questions: Vec<QuestionSlot> = questions
        .iter()
        .filter(|q| poll_images::takes_images(q.kind))
        .map(|q| QuestionSlot {
            id: q.id,
            text: q.text.clone(),
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let number = i + 1;
                    let here = refused.as_ref().filter(|r| r.question == q.id && r.number == number);
                    let error = here.map(|r| shell.i.t(&format!("field-error-{}", r.problem.code)));
                    if let Some(e) = &error {
                        let field = if here.is_some_and(|r| r.problem.field == "alt") {
                            "alt"
                        } else {
                            "image"
                        };
                        errors.push((format!("q{}-o{number}-{field}", q.id), e.clone()));
                    }
                    OptionSlot {
                        number,
                        label: label.clone(),
                        image: pictures.get(&(q.id, label.clone())).map(|pic| {
                            (
                                format!(
                                    "/{}/polls/{poll}/images/{}/{number}?v={}",
                                    tenant.slug, q.id, pic.updated_at
                                ),
                                pic.alt.clone(),
                            )
                        }),
                        error,
                        alt: here.map(|r| r.alt.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let heading = shell.i.with("poll-images-title", "title", &p.title);
    let page = ImagesPage {
        slug: tenant.slug.clone(),
        poll,
        title: heading.clone(),
        csrf: principal.csrf_token.clone(),
        notice,
        errors,
        questions,
        shell: shell.titled(heading),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// `GET /{tenant}/polls/{poll}/images` (staff).
pub async fn page(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, _): CurrentUser,
    Path((_, poll)): Path<(String, String)>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, WebError> {
    let notice = match query.done.as_deref() {
        Some(d @ ("saved" | "removed")) => Some(shell.i.t(&format!("poll-images-done-{d}"))),
        _ => None,
    };
    images_page(&state, &tenant, shell, &principal, path_id(&poll)?, notice, None).await
}

/// (poll, question, 0-based option) from the path.
fn option_path(poll: &str, question: &str, option: &str) -> Result<(i64, i64, i64), WebError> {
    Ok((path_id(poll)?, path_id(question)?, path_id(option)? - 1))
}

/// `POST /{tenant}/polls/{poll}/images/{question}/{option}` (multipart:
/// `csrf`, `image`, `alt`).
pub async fn upload(
    State(state): State<AppState>,
    tenant: Tenant,
    shell: Layout,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, poll, question, option)): Path<(String, String, String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    // Refused before the body is read, as every staff route is.
    if !civic_app::polls::may_manage(principal.role) {
        return Err(WebError::forbidden(
            "staff_only",
            "only the municipality's officials can add pictures to polls",
        ));
    }
    let mut multipart =
        multipart.map_err(|_| WebError::BadRequest("send the image as a form upload (multipart/form-data)".into()))?;
    let (mut csrf, mut image, mut alt) = (String::new(), Vec::new(), String::new());
    let bad = |_| WebError::BadRequest("the upload was cut off; try again".into());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(bad)?,
            Some("image") => image = field.bytes().await.map_err(bad)?.to_vec(),
            Some("alt") => alt = field.text().await.map_err(bad)?,
            _ => {}
        }
    }
    require_csrf(&principal, &via, &csrf)?;
    let (poll, question, option) = option_path(&poll, &question, &option)?;
    let t = tenant.tenant_id();
    let who = actor(&principal, &address);
    match poll_images::set(
        &state.platform,
        t,
        &who,
        principal.role,
        poll,
        question,
        option,
        &image,
        &alt,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/{}/polls/{poll}/images?done=saved", tenant.slug)).into_response()),
        Err(AppError::Invalid(problems)) => {
            let problem = problems.into_first();
            let refused = Refused {
                question,
                number: (option + 1) as usize,
                alt,
                problem,
            };
            images_page(&state, &tenant, shell, &principal, poll, None, Some(refused)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{tenant}/polls/{poll}/images/{question}/{option}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    tenant: Tenant,
    CurrentUser(principal, via): CurrentUser,
    address: ClientAddress,
    Path((_, poll, question, option)): Path<(String, String, String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    require_csrf(&principal, &via, &form.csrf)?;
    let (poll, question, option) = option_path(&poll, &question, &option)?;
    let who = actor(&principal, &address);
    poll_images::remove(
        &state.platform,
        tenant.tenant_id(),
        &who,
        principal.role,
        poll,
        question,
        option,
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/polls/{poll}/images?done=removed", tenant.slug)).into_response())
}

/// `GET /{tenant}/polls/{poll}/images/{question}/{option}`: the picture,
/// for anyone who may see the poll.
pub async fn picture(
    State(state): State<AppState>,
    tenant: Tenant,
    MaybeUser(user): MaybeUser,
    Path((_, poll, question, option)): Path<(String, String, String, String)>,
) -> Result<Response, WebError> {
    let (poll, question, option) = option_path(&poll, &question, &option)?;
    let role = user.as_ref().map(|(p, _)| p.role);
    let p = poll_images::picture(&state.platform, tenant.tenant_id(), role, poll, question, option).await?;
    Ok(super::brand::uploaded_image(p.content_type, p.bytes, p.public))
}
