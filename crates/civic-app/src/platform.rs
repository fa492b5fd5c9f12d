//! The handle every use case takes: the platform's database, or one
//! transaction on it.

use crate::AppError;
use civic_store::Db;

/// What use cases reach the platform's data through. The HTTP layer and the
/// CLI hold one and pass it to use cases; only this crate hands it on to
/// the store's repositories (through `Deref`).
///
/// A write use case begins a transaction ([`Platform::begin`]), runs every
/// statement of the action on it (the change, follows, notifications, mail,
/// audit) and commits once; an error on the way drops it, which rolls all
/// of it back. A use case called from another joins the caller's
/// transaction.
#[derive(Clone, Debug)]
pub struct Platform {
    db: Db,
}

impl Platform {
    pub fn new(db: Db) -> Platform {
        Platform { db }
    }

    /// A handle on a new transaction, or on this handle's own.
    pub async fn begin(&self) -> Result<Platform, AppError> {
        Ok(Platform {
            db: self.db.begin().await?,
        })
    }

    /// Commits what [`Platform::begin`] began (a joined handle leaves it to
    /// the outermost).
    pub async fn commit(self) -> Result<(), AppError> {
        Ok(self.db.commit().await?)
    }

    /// True when reads may be sent to streaming replicas.
    pub fn has_replicas(&self) -> bool {
        self.db.has_replicas()
    }

    /// True when the database answers: the readiness probe.
    pub async fn ready(&self) -> bool {
        self.db.ping().await
    }
}

impl std::ops::Deref for Platform {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

/// Runs `work` (a request of a visitor who is not signed in) allowing its
/// reads to come from a replica a moment behind the primary.
pub async fn with_stale_reads<F: std::future::Future>(work: F) -> F::Output {
    civic_store::Db::with_stale_reads(work).await
}

/// Runs `work` (a request for `tenant`) with its statements on the
/// PostgreSQL cluster that holds the tenant's rows (`civic_store::clusters`).
pub async fn for_tenant<F: std::future::Future>(
    platform: &Platform,
    tenant: civic_core::TenantId,
    work: F,
) -> Result<F::Output, AppError> {
    Ok(platform.db.for_tenant(tenant.0, work).await?)
}
