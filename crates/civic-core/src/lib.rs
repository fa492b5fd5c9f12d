//! Domain types and rules of Civic Space. No I/O lives here: every type
//! parses its input once ("parse, don't validate"), so code that holds one
//! may rely on it being valid.

pub mod brand;
pub mod ideas;
pub mod ids;
pub mod locale;
pub mod notifications;
pub mod password;
pub mod polls;
pub mod screening;
pub mod spaces;
pub mod tenant;
pub mod text;
pub mod time;
pub mod user;

pub use ids::{CommentId, IdeaId, SpaceId, TenantId, UserId};
pub use locale::Locale;
pub use tenant::{HostName, TenantName, TenantSlug};
pub use time::Timestamp;
pub use user::{DisplayName, Email, Role};

/// A value a person typed that the domain refuses. The message is for people
/// (English; the web layer maps `field` + `code` to a localised message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    /// Stable snake_case code, the key of a localised message.
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field,
            code,
            message: message.into(),
        }
    }
}
