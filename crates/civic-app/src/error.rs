use civic_core::{Invalid, Problems};
use civic_store::StoreError;

/// What a use case can answer besides success. Each kind maps to one honest
/// HTTP status and one CLI message. Codes are stable snake_case: the web
/// layer turns them into the reader's language when the error becomes a
/// response (`conflict-CODE`, `forbidden-CODE`, `field-error-CODE`); the
/// English messages here are for logs, the CLI and as a last resort.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input was refused, with every problem found; nothing was stored.
    #[error(transparent)]
    Invalid(#[from] Problems),
    /// The request itself is malformed (a cursor we did not make, say).
    #[error("{0}")]
    BadRequest(String),
    /// The thing asked for does not exist for this tenant and actor.
    #[error("not found")]
    NotFound,
    /// The action conflicts with the state of the data: it exists already
    /// (a taken slug), or no longer allows this (a closed space).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Only a signed-in person may ask this (their own ideas, say).
    #[error("sign in first")]
    SignInNeeded,
    /// Not permitted for this actor (a citizen granting roles, say).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
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

impl From<Invalid> for AppError {
    fn from(problem: Invalid) -> Self {
        AppError::Invalid(problem.into())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Unavailable(_) => AppError::Unavailable(e),
            StoreError::Unstorable(_) => AppError::BadRequest(civic_store::UNSTORABLE_MESSAGE.into()),
            // An idea withdrawn or merged between the use case's check and
            // the write (see `civic_store::ideas::IdeaLock`).
            StoreError::Conflict { constraint } if constraint == "idea_closed" => AppError::Conflict {
                code: "idea_closed",
                message: "this idea was withdrawn or merged meanwhile; reload the page".into(),
            },
            // A refused write the use case did not name: the row it points
            // at is gone, or taken meanwhile. The same 409 on every path.
            StoreError::Conflict { .. } => AppError::Conflict {
                code: "conflict",
                message: "this conflicts with data that exists (or no longer exists); reload and try again".into(),
            },
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

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Forbidden {
            code,
            message: message.into(),
        }
    }

    /// The problems of a refused input, if that is what this is.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            AppError::Invalid(problems) => Some(problems),
            _ => None,
        }
    }
}
