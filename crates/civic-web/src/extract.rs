//! Extractors whose types read as the route's access and input rules:
//!
//! - [`Staff<Officials>`](Staff), [`Staff<Admins>`](Staff),
//!   [`Staff<AnyStaff>`](Staff): a signed-in person of those roles, or
//!   401 / 403 before the handler runs;
//! - [`CsrfForm<T>`]: an HTML form whose `csrf` field matches the session
//!   (403 otherwise), parsed into `T`;
//! - [`ApiJson<T>`]: a JSON body, refused in the error envelope (400
//!   malformed, 422 wrong shape);
//! - [`Path<T>`]: typed path segments; an id that is not one answers 404.
//!
//! The signed-in person themselves is [`CurrentUser`](crate::auth::CurrentUser),
//! which on `/api/` routes also checks the CSRF header of cookie sessions.

use crate::auth::{CurrentUser, MaybeUser, SignedInWith, require_csrf};
use crate::error::WebError;
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use civic_core::user::{Principal, StaffRoles};
use http::request::Parts;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// Which staff a route admits; the roles come from `civic_core`'s rules.
pub trait StaffRule {
    const ROLES: StaffRoles;
}

/// Officials and administrators: they answer for the city (ideas, polls).
pub struct Officials;
/// Administrators only: people, roles, spaces, settings.
pub struct Admins;
/// Any staff: moderators, officials and administrators.
pub struct AnyStaff;

impl StaffRule for Officials {
    const ROLES: StaffRoles = StaffRoles::Officials;
}
impl StaffRule for Admins {
    const ROLES: StaffRoles = StaffRoles::Admins;
}
impl StaffRule for AnyStaff {
    const ROLES: StaffRoles = StaffRoles::Any;
}

/// A signed-in person whose role the rule `R` admits: 401 signed out, 403
/// for other roles.
pub struct Staff<R: StaffRule>(pub Principal, pub PhantomData<R>);

impl<R: StaffRule> Staff<R> {
    pub fn principal(&self) -> &Principal {
        &self.0
    }
}

impl<R: StaffRule + Send + Sync> FromRequestParts<AppState> for Staff<R> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let CurrentUser(principal, _) = CurrentUser::from_request_parts(parts, state).await?;
        if !principal.role.is_among(R::ROLES) {
            let (code, message) = match R::ROLES {
                StaffRoles::Admins => ("admins_only", "only the municipality's administrators can do this"),
                StaffRoles::Officials => ("staff_only", "only the municipality's officials can do this"),
                StaffRoles::Any => ("staff_only", "only the municipality's staff can do this"),
            };
            return Err(WebError::forbidden(code, message));
        }
        Ok(Staff(principal, PhantomData))
    }
}

/// Only the `csrf` field of a form, read before the form itself.
#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form posted by a signed-in person's browser: its `csrf` field must be
/// the session's token (403 "the form has expired" otherwise); the form is
/// then parsed into `T` (400 when it does not parse). Forms of people who
/// are not signed in check their origin instead (`require_same_origin`).
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let (principal, with) = match MaybeUser::from_request_parts(&mut parts, state).await? {
            MaybeUser(Some(found)) => found,
            MaybeUser(None) => return Err(WebError::Unauthorized),
        };
        let request = Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| WebError::BadRequest(e.body_text()))?;
        let field: CsrfField = serde_urlencoded::from_bytes(&bytes).unwrap_or(CsrfField { csrf: String::new() });
        require_csrf(&principal, &with, &field.csrf)?;
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|e| WebError::BadRequest(e.to_string()))?;
        Ok(CsrfForm(form))
    }
}

/// A form with nothing but its CSRF token (a button that does one thing).
#[derive(serde::Deserialize)]
pub struct Empty {}

/// A JSON request body: malformed JSON is 400, JSON of the wrong shape 422
/// (`invalid_json`), a body that is not JSON at all 415, all in the error
/// envelope.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::JsonDataError(e)) => {
                Err(civic_core::Invalid::new("body", "invalid_json", e.body_text()).into())
            }
            Err(e @ JsonRejection::MissingJsonContentType(_)) => Err(WebError::UnsupportedMediaType(e.body_text())),
            Err(e) => Err(WebError::BadRequest(e.body_text())),
        }
    }
}

/// Typed path segments (`Path<(String, IdeaId)>`): a segment that does not
/// parse, such as an id that is not a positive integer, answers 404.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Path<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| WebError::NotFound)
    }
}

/// For handlers that need to know how the caller signed in (sessions pages).
pub fn session_token(with: &SignedInWith) -> Option<&str> {
    match with {
        SignedInWith::Session(token) => Some(token),
        SignedInWith::Token => None,
    }
}
