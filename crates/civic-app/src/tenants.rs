//! Creating and listing municipalities (an operator's work).

use crate::AppError;
use civic_core::{HostName, Locale, TenantName, TenantSlug};
use civic_store::Db;
use civic_store::tenants::{self, NewTenant, TenantRecord};

/// What an operator typed to create a tenant, before it is parsed.
pub struct CreateTenant<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub locale: Option<&'a str>,
    pub host: Option<&'a str>,
}

pub async fn create(db: &Db, input: &CreateTenant<'_>) -> Result<TenantRecord, AppError> {
    let new = NewTenant {
        slug: TenantSlug::parse(input.slug)?,
        name: TenantName::parse(input.name)?,
        default_locale: match input.locale {
            None => Locale::Uk,
            Some(raw) => Locale::parse(raw).ok_or_else(|| {
                civic_core::Invalid::new(
                    "locale",
                    "invalid_locale",
                    format!("unsupported locale '{raw}'; use uk or en"),
                )
            })?,
        },
        host: input.host.map(HostName::parse).transpose()?,
    };
    tenants::create(db, &new).await.map_err(|e| {
        if e.is_conflict_on("tenants_slug_key", "tenants.slug") {
            AppError::conflict(
                "slug_taken",
                format!("a tenant with slug '{}' exists already", new.slug),
            )
        } else if e.is_conflict_on("tenants_host_key", "tenants.host") {
            let host = new.host.as_ref().map(HostName::as_str).unwrap_or_default();
            AppError::conflict(
                "host_taken",
                format!("host '{host}' already serves another tenant"),
            )
        } else {
            e.into()
        }
    })
}

pub async fn list(db: &Db) -> Result<Vec<TenantRecord>, AppError> {
    Ok(tenants::list(db).await?)
}
