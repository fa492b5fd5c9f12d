//! Domain types and rules of Civic Space. No I/O lives here: every type
//! parses its input once ("parse, don't validate"), so code that holds one
//! may rely on it being valid.

pub mod asking;
pub mod audit;
pub mod brand;
pub mod budgets;
pub mod comments;
// Contests and joint projects (issue 19).
pub mod consultations;
pub mod contests;
pub mod conversations;
pub mod debates;
pub mod documents;
pub mod flags;
pub mod ideas;
pub mod ids;
mod invalid;
pub mod joint_projects;
pub mod locale;
// Maps (issue 20).
pub mod maps;
pub mod moderation;
pub mod notifications;
pub mod open_data;
pub mod password;
pub mod petitions;
pub mod polls;
pub mod reports;
pub mod screening;
pub mod spaces;
pub mod statistics;
pub mod tenant;
pub mod text;
pub mod time;
pub mod town_admin;
pub mod user;
pub mod verification;
pub mod working_days;

pub use ids::{CommentId, ConversationId, IdeaId, NotificationId, PollId, SpaceId, StatementId, TenantId, UserId};
pub use invalid::{Invalid, Problems, UnknownValue};
pub use locale::Locale;
pub use tenant::{HostName, TenantName, TenantSlug};
pub use time::{Timestamp, Zone};
pub use user::{DisplayName, Email, Role};
