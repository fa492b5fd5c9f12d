//! One error type for every handler. A handler returns it; the response it
//! becomes carries an [`ErrorInfo`] that the `error_pages` middleware turns
//! into a localised page in the shell (HTML routes) or the JSON envelope
//! `{"error": {"code", "message"}}` (API routes). Internal details are
//! logged with the request id and never shown.

use axum::response::{IntoResponse, Response};
use civic_app::AppError;
use civic_core::Invalid;
use civic_store::StoreError;
use http::StatusCode;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthorized,
    #[error("the e-mail address or password is not right")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The status, a stable code and a message for people, attached to an error
/// response for the middleware that renders it.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: String,
    pub message: Option<String>,
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Unavailable(_) => WebError::Unavailable(Box::new(e)),
            StoreError::Unstorable(_) => WebError::BadRequest(civic_store::UNSTORABLE_MESSAGE.into()),
            // A refused write that the handler did not name: the row it
            // points at is gone or taken. Honest 409, never a 500.
            StoreError::Conflict { .. } => WebError::Conflict {
                code: "conflict",
                message: "this conflicts with data that exists (or no longer exists); reload and try again".into(),
            },
            other => WebError::Internal(Box::new(other)),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(i) => WebError::Invalid(i),
            AppError::NotFound => WebError::NotFound,
            AppError::BadRequest(m) => WebError::BadRequest(m),
            AppError::Conflict { code, message } => WebError::Conflict { code, message },
            AppError::Forbidden(m) => WebError::Forbidden(m),
            AppError::TooManyRequests { retry_after_secs } => WebError::TooManyRequests { retry_after_secs },
            AppError::Unavailable(e) => WebError::Unavailable(Box::new(e)),
            AppError::Internal(e) => WebError::Internal(e),
        }
    }
}

/// A row id taken from a path: a positive integer, or the page is simply
/// not found (never a 400 or a 500 for `/polls/abc`).
pub fn path_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or(WebError::NotFound)
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthorized | WebError::BadCredentials => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict { .. } => StatusCode::CONFLICT,
            WebError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (code, message) = match &self {
            WebError::NotFound => ("not_found".to_string(), None),
            WebError::Unauthorized => ("unauthorized".to_string(), None),
            WebError::BadCredentials => ("invalid_credentials".to_string(), Some(self.to_string())),
            WebError::Forbidden(m) => ("forbidden".to_string(), Some(m.clone())),
            WebError::BadRequest(m) => ("bad_request".to_string(), Some(m.clone())),
            WebError::Invalid(i) => (i.code.to_string(), Some(i.message.clone())),
            WebError::Conflict { code, message } => (code.to_string(), Some(message.clone())),
            WebError::TooManyRequests { .. } => ("too_many_requests".to_string(), None),
            WebError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                ("service_unavailable".to_string(), None)
            }
            WebError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                ("internal_error".to_string(), None)
            }
        };
        let mut response = status.into_response();
        if let WebError::TooManyRequests { retry_after_secs } = &self {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(*retry_after_secs));
        }
        response.extensions_mut().insert(ErrorInfo { code, message });
        response
    }
}

/// The code for a status when nothing more specific is known (errors made by
/// the router or a layer: unknown route, body too large, timeout).
pub fn default_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable_entity",
        429 => "too_many_requests",
        503 => "service_unavailable",
        _ if status.is_server_error() => "internal_error",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_ids_are_positive_integers_or_not_found() {
        assert_eq!(path_id("42").unwrap(), 42);
        for raw in ["0", "-3", "abc", "", "1e3", "99999999999999999999"] {
            assert!(matches!(path_id(raw), Err(WebError::NotFound)), "{raw}");
        }
    }
}
