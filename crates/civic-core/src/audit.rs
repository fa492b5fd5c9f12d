//! The audit log: who did what to what, kept for the tenant's staff.

/// One entry: when, by whom, what was done to which subject.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    /// How the actor was known at the time (an e-mail, "operator", "system").
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub address: String,
    /// The actor's display name now, when the actor is an account of the
    /// tenant; the subject's, when the subject is one (by e-mail).
    pub actor_name: Option<String>,
    pub subject_name: Option<String>,
}

/// What to show: every filter is optional; `before` pages backwards by id.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub action: Option<String>,
    /// A part of the actor's label (case-insensitive).
    pub actor: Option<String>,
    pub since: Option<crate::Timestamp>,
    pub before_id: Option<i64>,
}
