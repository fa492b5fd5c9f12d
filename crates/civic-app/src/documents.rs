//! The documents a municipality publishes about itself: the accessibility
//! statement, the terms of use and the privacy notice. Anyone reads the
//! newest version; administrators publish a new one, audited. Residents
//! accept the terms and the privacy notice by registering, and a newer
//! version at their next sign-in.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::documents::{DocumentKind, DocumentText};
use civic_core::{Role, TenantId, Timestamp, UserId};
use civic_store::documents::Documents;
pub use civic_store::documents::{AcceptanceRow, DocumentRow};
use civic_store::sessions::Sessions;
use civic_store::users::Users;

/// The version of `kind` the town published last, `None` while it has
/// published none (the page then shows the platform's own text).
pub async fn current(db: &Platform, tenant: TenantId, kind: DocumentKind) -> Result<Option<DocumentRow>, AppError> {
    Ok(Documents::of(db, tenant).current(kind).await?)
}

/// What the audit log calls a publication of `kind`, and the entry's subject.
fn audit_of(kind: DocumentKind) -> (&'static str, &'static str) {
    match kind {
        DocumentKind::Accessibility => (audit::action::ACCESSIBILITY_STATEMENT, "accessibility statement"),
        DocumentKind::Terms => (audit::action::TERMS_PUBLISHED, "terms of use"),
        DocumentKind::Privacy => (audit::action::PRIVACY_NOTICE_PUBLISHED, "privacy notice"),
    }
}

/// Publishes a new version of `kind`. Administrators only; an empty or
/// over-long text is 422 and nothing is stored. Returns the version's
/// number. A new version of the terms or the privacy notice is put to
/// every resident who joined before it at their next sign-in.
pub async fn publish(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    actor: &Actor,
    kind: DocumentKind,
    raw: &str,
) -> Result<i64, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can publish the town's documents",
        ));
    }
    let text = DocumentText::parse(raw)?;
    let tx = db.begin().await?;
    let version = Documents::of(&tx, tenant)
        .publish(kind, &text, Timestamp::now())
        .await?;
    let (action, subject) = audit_of(kind);
    audit::record(&tx, tenant, actor, action, subject, &format!("version {version}")).await?;
    tx.commit().await?;
    Ok(version)
}

/// A document a person has still to accept.
#[derive(Debug, Clone)]
pub struct Pending {
    pub kind: DocumentKind,
    pub version: i64,
    pub body: String,
    pub published_at: i64,
}

/// The newest terms and privacy notice `user` has to accept before going
/// on: versions published since they joined and not yet accepted. Empty
/// for an unknown account.
pub async fn pending(db: &Platform, tenant: TenantId, user: UserId) -> Result<Vec<Pending>, AppError> {
    let Some(account) = Users::of(db, tenant).get(user).await? else {
        return Ok(Vec::new());
    };
    let rows = Documents::of(db, tenant).pending(user, account.created_at).await?;
    let mut pending: Vec<Pending> = rows
        .into_iter()
        .filter_map(|row| {
            Some(Pending {
                kind: DocumentKind::parse(&row.kind)?,
                version: row.version,
                body: row.body,
                published_at: row.published_at,
            })
        })
        .collect();
    // In the order residents read them: the terms first.
    pending.sort_by_key(|p| DocumentKind::ACCEPTED.iter().position(|k| *k == p.kind));
    Ok(pending)
}

/// At sign-in: when `user` has something to accept, the session opened
/// with `session_token` leads to the acceptance page until they do.
/// Returns whether it does.
pub async fn hold_session_until_accepted(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    session_token: &str,
) -> Result<bool, AppError> {
    if pending(db, tenant, user).await?.is_empty() {
        return Ok(false);
    }
    Sessions::of(db, tenant)
        .mark_documents_pending(&crate::auth::digest(session_token))
        .await?;
    Ok(true)
}

/// Records that `user` accepts the given versions, which must be the
/// newest: when the town published another since the page was shown, the
/// answer is 409 `document_changed` and nothing is recorded, so nobody
/// accepts a text they did not see. Once nothing is left to accept, the
/// person's sessions go on as usual. Returns whether something is left.
pub async fn accept(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    accepted: &[(DocumentKind, i64)],
) -> Result<bool, AppError> {
    let now = Timestamp::now();
    let tx = db.begin().await?;
    let documents = Documents::of(&tx, tenant);
    for &(kind, version) in accepted {
        let newest = documents.current(kind).await?.map(|d| d.version);
        if newest != Some(version) {
            return Err(AppError::Conflict {
                code: "document_changed",
                message: "the town published a newer version meanwhile; read it and accept again".into(),
            });
        }
        documents.accept(user, kind, version, now).await?;
    }
    tx.commit().await?;
    let left = !pending(db, tenant, user).await?.is_empty();
    if !left {
        release_sessions(db, tenant, user).await?;
    }
    Ok(left)
}

/// Lets every session of `user` go on as usual: nothing is left for them
/// to accept.
pub async fn release_sessions(db: &Platform, tenant: TenantId, user: UserId) -> Result<(), AppError> {
    Ok(Sessions::of(db, tenant).clear_documents_pending(user).await?)
}

/// Records that a person who has just registered accepts the terms and
/// the privacy notice in force, which the registration form linked to.
pub async fn accept_on_registration(db: &Platform, tenant: TenantId, user: UserId) -> Result<(), AppError> {
    Ok(Documents::of(db, tenant).accept_current(user, Timestamp::now()).await?)
}

/// Every acceptance of `user`, oldest first, for their data export.
pub async fn acceptances(db: &Platform, tenant: TenantId, user: UserId) -> Result<Vec<AcceptanceRow>, AppError> {
    Ok(Documents::of(db, tenant).acceptances(user).await?)
}
