//! One error type for every handler. A handler returns it; the response it
//! becomes carries an [`ErrorInfo`] that the `error_pages` middleware turns
//! into a localised page in the shell (HTML routes) or the JSON envelope
//! `{"error": {"code", "message"}}` (API routes). Internal details are
//! logged with the request id and never shown.

use axum::response::{IntoResponse, Response};
use civic_app::AppError;
use civic_core::{Invalid, Problems};
use http::StatusCode;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthorized,
    #[error("the e-mail address or password is not right")]
    BadCredentials,
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    #[error("{0}")]
    BadRequest(String),
    /// A body sent in a format the route does not read (JSON expected).
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error(transparent)]
    Invalid(Problems),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Not an error for the person: the page they must see first (a
    /// handed-out password to change), as a 303.
    #[error("see {0}")]
    SeeOther(String),
}

/// What the `error_pages` middleware needs to render an error response in
/// the reader's language: a stable code, the message key that translates
/// it (when there is one) and the English text to fall back on, and for a
/// refused input each field's problem.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: String,
    pub message: Option<String>,
    /// The catalogue key of the message (`conflict-CODE`…).
    pub key: Option<String>,
    pub fields: Vec<Invalid>,
}

impl From<Invalid> for WebError {
    fn from(problem: Invalid) -> Self {
        WebError::Invalid(problem.into())
    }
}

impl From<Problems> for WebError {
    fn from(problems: Problems) -> Self {
        WebError::Invalid(problems)
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(problems) => WebError::Invalid(problems),
            AppError::NotFound => WebError::NotFound,
            AppError::SignInNeeded => WebError::Unauthorized,
            AppError::BadRequest(m) => WebError::BadRequest(m),
            AppError::Conflict { code, message } => WebError::Conflict { code, message },
            AppError::Forbidden { code, message } => WebError::Forbidden { code, message },
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
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        WebError::Forbidden {
            code,
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthorized | WebError::BadCredentials => StatusCode::UNAUTHORIZED,
            WebError::Forbidden { .. } => StatusCode::FORBIDDEN,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict { .. } => StatusCode::CONFLICT,
            WebError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::SeeOther(_) => StatusCode::SEE_OTHER,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::SeeOther(location) = &self {
            return axum::response::Redirect::to(location).into_response();
        }
        let status = self.status();
        let plain = |code: &str, message: Option<String>, key: Option<String>| ErrorInfo {
            code: code.to_string(),
            message,
            key,
            fields: Vec::new(),
        };
        let info = match &self {
            WebError::NotFound => plain("not_found", None, None),
            WebError::Unauthorized => plain("unauthorized", None, None),
            WebError::BadCredentials => plain(
                "invalid_credentials",
                Some(self.to_string()),
                Some("field-error-invalid_credentials".into()),
            ),
            // The envelope's code stays `forbidden`; the reason picks the
            // message.
            WebError::Forbidden { code, message } => {
                plain("forbidden", Some(message.clone()), Some(format!("forbidden-{code}")))
            }
            WebError::BadRequest(m) => plain("bad_request", Some(m.clone()), None),
            WebError::UnsupportedMediaType(m) => plain("unsupported_media_type", Some(m.clone()), None),
            WebError::Invalid(problems) => {
                let first = problems.first();
                ErrorInfo {
                    code: first.map_or("invalid", |p| p.code).to_string(),
                    message: first.map(|p| p.message.clone()),
                    key: first.map(|p| format!("field-error-{}", p.code)),
                    fields: problems.iter().cloned().collect(),
                }
            }
            WebError::Conflict { code, message } => {
                plain(code, Some(message.clone()), Some(format!("conflict-{code}")))
            }
            WebError::TooManyRequests { .. } => plain("too_many_requests", None, None),
            WebError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                plain("service_unavailable", None, None)
            }
            WebError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                plain("internal_error", None, None)
            }
            WebError::SeeOther(_) => plain("see_other", None, None),
        };
        let mut response = status.into_response();
        if let WebError::TooManyRequests { retry_after_secs } = &self {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(*retry_after_secs));
        }
        if let WebError::Unavailable(_) = &self {
            // Busy or briefly down: a few seconds is what a pool wait, a
            // cancelled statement or a failover takes.
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("5"));
        }
        response.extensions_mut().insert(info);
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
