//! Creating, changing and listing municipalities (an operator's work).

use crate::AppError;
use crate::Platform;
use civic_core::brand::{AccentColor, Logo};
use civic_core::{HostName, Invalid, Locale, TenantName, TenantSlug};
use civic_store::StoreError;
use civic_store::tenants::{self, NewTenant, TenantChanges, TenantRecord};

/// What an operator typed to create a tenant, before it is parsed.
pub struct CreateTenant<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub locale: Option<&'a str>,
    pub host: Option<&'a str>,
}

pub async fn create(db: &Platform, input: &CreateTenant<'_>) -> Result<TenantRecord, AppError> {
    let new = NewTenant {
        slug: TenantSlug::parse(input.slug)?,
        name: TenantName::parse(input.name)?,
        default_locale: input.locale.map(parse_locale).transpose()?.unwrap_or_default(),
        host: input.host.map(HostName::parse).transpose()?,
    };
    tenants::create(db, &new).await.map_err(|e| {
        if e.is_conflict_on("tenants_slug_key", "tenants.slug") {
            AppError::conflict(
                "slug_taken",
                format!("a tenant with slug '{}' exists already", new.slug),
            )
        } else {
            host_conflict(e, new.host.as_ref())
        }
    })
}

pub async fn list(db: &Platform) -> Result<Vec<TenantRecord>, AppError> {
    Ok(tenants::list(db).await?)
}

/// The tenant at `slug`, if there is one.
pub async fn by_slug(db: &Platform, slug: &str) -> Result<Option<TenantRecord>, AppError> {
    Ok(tenants::by_slug(db, slug).await?)
}

/// The tenant's logo: its checked content type and its bytes.
pub async fn logo(db: &Platform, tenant: civic_core::TenantId) -> Result<Option<(String, Vec<u8>)>, AppError> {
    Ok(tenants::logo(db, tenant).await?)
}

fn parse_locale(raw: &str) -> Result<Locale, Invalid> {
    Locale::parse(raw).ok_or_else(|| {
        Invalid::new(
            "locale",
            "invalid_locale",
            format!("unsupported locale '{raw}'; use uk or en"),
        )
    })
}

fn host_conflict(e: StoreError, host: Option<&HostName>) -> AppError {
    if e.is_conflict_on("tenants_host_key", "tenants.host") {
        let host = host.map(HostName::as_str).unwrap_or_default();
        AppError::conflict("host_taken", format!("host '{host}' already serves another tenant"))
    } else {
        e.into()
    }
}

/// What an operator typed to change a tenant: `None` keeps a setting, an
/// empty value clears an optional one (host, accent colour, logo).
#[derive(Default)]
pub struct UpdateTenant<'a> {
    pub name: Option<&'a str>,
    pub locale: Option<&'a str>,
    pub host: Option<&'a str>,
    pub accent: Option<&'a str>,
    /// The logo file's bytes; empty removes the logo.
    pub logo: Option<Vec<u8>>,
}

/// Changes a tenant's settings. Everything is parsed before anything is
/// stored, so a refused value (a colour without AA contrast, say) changes
/// nothing.
pub async fn update<'a>(db: &Platform, slug: &str, input: UpdateTenant<'a>) -> Result<TenantRecord, AppError> {
    let tenant = tenants::by_slug(db, slug).await?.ok_or_else(|| {
        Invalid::new(
            "tenant",
            "unknown_tenant",
            format!("there is no tenant with slug '{slug}'"),
        )
    })?;
    // Some("") clears, Some(value) sets.
    let optional = |raw: Option<&'a str>| raw.map(|r| Some(r).filter(|r| !r.trim().is_empty()));
    let changes = TenantChanges {
        name: input.name.map(TenantName::parse).transpose()?,
        default_locale: input.locale.map(parse_locale).transpose()?,
        host: optional(input.host)
            .map(|h| h.map(HostName::parse).transpose())
            .transpose()?,
        accent_color: optional(input.accent)
            .map(|a| a.map(AccentColor::parse).transpose())
            .transpose()?,
    };
    let logo = match input.logo {
        None => None,
        Some(bytes) if bytes.is_empty() => Some(None),
        Some(bytes) => Some(Some(Logo::parse(bytes)?)),
    };
    let updated = tenants::update(db, tenant.tenant_id(), &changes)
        .await
        .map_err(|e| host_conflict(e, changes.host.as_ref().and_then(Option::as_ref)))?;
    match logo {
        Some(logo) => {
            tenants::set_logo(db, tenant.tenant_id(), logo.as_ref()).await?;
            Ok(tenants::by_slug(db, slug).await?.unwrap_or(updated))
        }
        None => Ok(updated),
    }
}
