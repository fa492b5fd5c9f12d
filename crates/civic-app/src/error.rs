use civic_core::Invalid;
use civic_store::StoreError;

/// What a use case can answer besides success. Each kind maps to one honest
/// HTTP status and one CLI message.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input was refused; nothing was stored.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The request itself is malformed (a cursor we did not make, say).
    #[error("{0}")]
    BadRequest(String),
    /// The thing asked for does not exist for this tenant and actor.
    #[error("not found")]
    NotFound,
    /// It exists already (a taken slug, a registered e-mail…).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Not permitted for this actor (a citizen granting roles, say).
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts; try again after this many seconds.
    #[error("too many requests; try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    /// The database cannot serve right now.
    #[error("the service is temporarily unavailable")]
    Unavailable(#[source] StoreError),
    /// A fault of ours: logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Unavailable(_) => AppError::Unavailable(e),
            StoreError::Unstorable(_) => AppError::BadRequest(civic_store::UNSTORABLE_MESSAGE.into()),
            // A conflict that reaches here unnamed by the use case is a bug
            // of ours (the use case should have said what it means).
            other => AppError::Internal(Box::new(other)),
        }
    }
}

impl AppError {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }
}
