//! Who did what, recorded for the tenant's administrators.

use crate::AppError;
use crate::Platform;
pub use civic_core::audit::{AuditEntry, AuditFilter};
use civic_core::{TenantId, UserId};
use civic_store::audit::{Audit, NewAuditEntry};

/// The person (or process) acting, as the audit log names them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// Their e-mail, or "anonymous" / "operator".
    pub label: String,
    /// The client's network address, as the web layer saw it.
    pub address: String,
}

impl Actor {
    pub fn anonymous(address: &str) -> Actor {
        Actor {
            user_id: None,
            label: "anonymous".into(),
            address: address.to_string(),
        }
    }

    pub fn user(id: UserId, email: &str, address: &str) -> Actor {
        Actor {
            user_id: Some(id),
            label: email.to_string(),
            address: address.to_string(),
        }
    }
}

/// Actions recorded; the audit page filters by these names.
pub mod action {
    pub const ROLE_CHANGED: &str = "role_changed";
    pub const STAFF_INVITED: &str = "staff_invited";
    pub const LOGIN_FAILURE_BURST: &str = "login_failure_burst";
    pub const PASSWORD_RESET: &str = "password_reset";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    pub const EMAIL_CHANGED: &str = "email_changed";
    pub const NAME_CHANGED: &str = "name_changed";
    pub const SESSIONS_ENDED: &str = "sessions_ended";
    pub const ACCOUNT_DELETED: &str = "account_deleted";
    pub const TOKEN_CREATED: &str = "token_created";
    pub const TOKEN_REVOKED: &str = "token_revoked";
    pub const STATEMENT_MODERATED: &str = "statement_moderated";
    pub const IDEA_ANSWERED: &str = "idea_answered";
    pub const CONVERSATION_STATUS: &str = "conversation_status";
    pub const POLL_CREATED: &str = "poll_created";
    pub const SPACE_CREATED: &str = "space_created";
    pub const SPACE_UPDATED: &str = "space_updated";
    pub const SPACE_STATUS: &str = "space_status";
    pub const POLL_UPDATED: &str = "poll_updated";
    pub const POLL_PUBLISHED: &str = "poll_published";
    pub const BUDGET_CREATED: &str = "budget_created";
    pub const BUDGET_PHASE: &str = "budget_phase";
    pub const BUDGET_PROJECT_REVIEWED: &str = "budget_project_reviewed";
    pub const BUDGET_PROJECT_IMPLEMENTATION: &str = "budget_project_implementation";
    pub const BUDGET_PAPER_BALLOT: &str = "budget_paper_ballot";
    pub const CONSULTATION_CREATED: &str = "consultation_created";
    pub const CONSULTATION_PHASE: &str = "consultation_phase";
    pub const AMENDMENT_ANSWERED: &str = "amendment_answered";
    pub const DEBATE_CREATED: &str = "debate_created";
    pub const DEBATE_CONCLUDED: &str = "debate_concluded";
    pub const DAYS_OFF_CHANGED: &str = "days_off_changed";
    pub const PETITION_RULES: &str = "petition_rules";
    pub const PETITION_REVIEWED: &str = "petition_reviewed";
    pub const PETITION_FORWARDED: &str = "petition_forwarded";
    pub const PETITION_ANSWERED: &str = "petition_answered";
    pub const PETITION_CLOSED: &str = "petition_closed";
    // Contests and joint projects (issue 19).
    pub const CONTEST_CREATED: &str = "contest_created";
    pub const CONTEST_PHASE: &str = "contest_phase";
    pub const CONTEST_JUROR: &str = "contest_juror";
    pub const CONTEST_ANNOUNCED: &str = "contest_announced";
    pub const PROJECT_CREATED: &str = "project_created";
    pub const PROJECT_UPDATED: &str = "project_updated";
    // Problem reports (issue 20).
    pub const REPORT_STATUS: &str = "report_status";
    pub const REPORT_DEPARTMENT_CREATED: &str = "report_department_created";
    pub const REPORT_CATEGORY_CREATED: &str = "report_category_created";
    pub const DEPARTMENT_MEMBER_ADDED: &str = "department_member_added";
    pub const REPORT_AREA_CHANGED: &str = "report_area_changed";
    pub const MAP_VIEW_CHANGED: &str = "map_view_changed";
    // Open data (issue 24).
    pub const OPEN_DATA_LICENCE: &str = "open_data_licence";
    pub const IDEAS_MERGED: &str = "ideas_merged";
    pub const DUPLICATE_DISMISSED: &str = "duplicate_dismissed";
    pub const TOPICS_RECOMPUTED: &str = "topics_recomputed";
    pub const TOPIC_RENAMED: &str = "topic_renamed";
    // Town administration (issue 22).
    pub const TENANT_SETTINGS: &str = "tenant_settings";
    pub const ACCESSIBILITY_STATEMENT: &str = "accessibility_statement";
    pub const TERMS_PUBLISHED: &str = "terms_published";
    pub const PRIVACY_NOTICE_PUBLISHED: &str = "privacy_notice_published";
    // Moderation (issue 21).
    pub const ITEM_RESTORED: &str = "item_restored";
    pub const ITEM_HIDDEN: &str = "item_hidden";
    pub const USER_BLOCKED: &str = "user_blocked";
    pub const APPEAL_DECIDED: &str = "appeal_decided";
    pub const MODERATION_SETTINGS: &str = "moderation_settings";
    // Verified residents (issue 21).
    pub const RESIDENT_VERIFIED: &str = "resident_verified";
    pub const VERIFICATION_REVOKED: &str = "verification_revoked";
    pub const CENSUS_REPLACED: &str = "census_replaced";
    pub const ALL: &[&str] = &[
        ROLE_CHANGED,
        STAFF_INVITED,
        LOGIN_FAILURE_BURST,
        PASSWORD_RESET,
        PASSWORD_CHANGED,
        EMAIL_CHANGED,
        NAME_CHANGED,
        SESSIONS_ENDED,
        ACCOUNT_DELETED,
        TOKEN_CREATED,
        TOKEN_REVOKED,
        STATEMENT_MODERATED,
        IDEA_ANSWERED,
        CONVERSATION_STATUS,
        POLL_CREATED,
        SPACE_CREATED,
        SPACE_UPDATED,
        SPACE_STATUS,
        POLL_UPDATED,
        POLL_PUBLISHED,
        BUDGET_CREATED,
        BUDGET_PHASE,
        BUDGET_PROJECT_REVIEWED,
        BUDGET_PROJECT_IMPLEMENTATION,
        BUDGET_PAPER_BALLOT,
        CONSULTATION_CREATED,
        CONSULTATION_PHASE,
        AMENDMENT_ANSWERED,
        DEBATE_CREATED,
        DEBATE_CONCLUDED,
        DAYS_OFF_CHANGED,
        PETITION_RULES,
        PETITION_REVIEWED,
        PETITION_FORWARDED,
        PETITION_ANSWERED,
        PETITION_CLOSED,
        // Contests and joint projects (issue 19).
        CONTEST_CREATED,
        CONTEST_PHASE,
        CONTEST_JUROR,
        CONTEST_ANNOUNCED,
        PROJECT_CREATED,
        PROJECT_UPDATED,
        // Problem reports (issue 20).
        REPORT_STATUS,
        REPORT_DEPARTMENT_CREATED,
        REPORT_CATEGORY_CREATED,
        DEPARTMENT_MEMBER_ADDED,
        REPORT_AREA_CHANGED,
        MAP_VIEW_CHANGED,
        // Open data (issue 24).
        OPEN_DATA_LICENCE,
        IDEAS_MERGED,
        DUPLICATE_DISMISSED,
        TOPICS_RECOMPUTED,
        TOPIC_RENAMED,
        // Town administration (issue 22).
        TENANT_SETTINGS,
        ACCESSIBILITY_STATEMENT,
        TERMS_PUBLISHED,
        PRIVACY_NOTICE_PUBLISHED,
        // Moderation (issue 21).
        ITEM_RESTORED,
        ITEM_HIDDEN,
        USER_BLOCKED,
        APPEAL_DECIDED,
        MODERATION_SETTINGS,
        // Verified residents (issue 21).
        RESIDENT_VERIFIED,
        VERIFICATION_REVOKED,
        CENSUS_REPLACED,
    ];
}

/// A page of the tenant's audit log, newest first (administrators only).
pub async fn entries(
    db: &Platform,
    tenant: TenantId,
    role: civic_core::Role,
    filter: &AuditFilter,
    limit: u32,
) -> Result<Vec<AuditEntry>, AppError> {
    if role != civic_core::Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can read the audit log",
        ));
    }
    Ok(Audit::of(db, tenant).list(filter, limit).await?)
}

pub async fn record(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), AppError> {
    Audit::of(db, tenant)
        .record(&NewAuditEntry {
            actor_id: actor.user_id,
            actor: &actor.label,
            action,
            subject,
            detail,
            address: &actor.address,
        })
        .await?;
    Ok(())
}
