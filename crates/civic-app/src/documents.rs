//! The documents a municipality publishes about itself: the accessibility
//! statement. Anyone reads the newest version; administrators publish a
//! new one, audited.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::documents::{DocumentKind, DocumentText};
use civic_core::{Role, TenantId, Timestamp};
pub use civic_store::documents::DocumentRow;
use civic_store::documents::Documents;

/// The accessibility statement the town published last, `None` while it
/// has published none (the page then shows the platform's own).
pub async fn accessibility(db: &Platform, tenant: TenantId) -> Result<Option<DocumentRow>, AppError> {
    Ok(Documents::of(db, tenant).current(DocumentKind::Accessibility).await?)
}

/// Publishes a new version of the accessibility statement. Administrators
/// only; an empty or over-long text is 422 and nothing is stored. Returns
/// the version's number.
pub async fn publish_accessibility(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    actor: &Actor,
    raw: &str,
) -> Result<i64, AppError> {
    if role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the tenant's administrators can publish the accessibility statement",
        ));
    }
    let text = DocumentText::parse(raw)?;
    let tx = db.begin().await?;
    let version = Documents::of(&tx, tenant)
        .publish(DocumentKind::Accessibility, &text, Timestamp::now())
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::ACCESSIBILITY_STATEMENT,
        "accessibility statement",
        &format!("version {version}"),
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}
