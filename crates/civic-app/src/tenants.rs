//! Creating, changing and listing municipalities (an operator's work).

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use civic_core::brand::{AccentColor, Logo};
use civic_core::{HostName, Invalid, Locale, Problems, Role, TenantName, TenantSlug};
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
    /// An IANA time zone name ("Europe/Kyiv").
    pub time_zone: Option<&'a str>,
}

/// Changes a tenant's settings from the command line (the operator's
/// `civicspace tenant update`): [`change`] with the operator as the actor.
pub async fn update<'a>(db: &Platform, slug: &str, input: UpdateTenant<'a>) -> Result<TenantRecord, AppError> {
    let tenant = tenants::by_slug(db, slug).await?.ok_or_else(|| {
        Invalid::new(
            "tenant",
            "unknown_tenant",
            format!("there is no tenant with slug '{slug}'"),
        )
    })?;
    let operator = Actor {
        user_id: None,
        label: "operator".into(),
        address: "command line".into(),
    };
    change(db, &tenant, &operator, input).await
}

/// Changes the settings of the tenant a town administrator runs (the
/// settings page): the same change as the command line's, with the
/// administrator named in the audit log.
pub async fn update_by_admin<'a>(
    db: &Platform,
    tenant: &TenantRecord,
    actor: &Actor,
    actor_role: Role,
    input: UpdateTenant<'a>,
) -> Result<TenantRecord, AppError> {
    if actor_role != Role::Admin {
        return Err(AppError::forbidden(
            "admins_only",
            "only the municipality's administrators can change its settings",
        ));
    }
    change(db, tenant, actor, input).await
}

/// Changes a tenant's settings. Everything is parsed before anything is
/// stored, and every problem is reported at once, so a refused value (a
/// colour without AA contrast, say) changes nothing. The change and its
/// audit entry are one transaction.
async fn change<'a>(
    db: &Platform,
    tenant: &TenantRecord,
    actor: &Actor,
    input: UpdateTenant<'a>,
) -> Result<TenantRecord, AppError> {
    // Some("") clears, Some(value) sets.
    let optional = |raw: Option<&'a str>| raw.map(|r| Some(r).filter(|r| !r.trim().is_empty()));
    let mut problems = Problems::new();
    let name = problems.check(input.name.map(TenantName::parse).transpose());
    let default_locale = problems.check(input.locale.map(parse_locale).transpose());
    let host = problems.check(
        optional(input.host)
            .map(|h| h.map(HostName::parse).transpose())
            .transpose(),
    );
    let accent_color = problems.check(
        optional(input.accent)
            .map(|a| a.map(AccentColor::parse).transpose())
            .transpose(),
    );
    let logo = problems.check(match input.logo {
        None => Ok(None),
        Some(bytes) if bytes.is_empty() => Ok(Some(None)),
        Some(bytes) => Logo::parse(bytes).map(|l| Some(Some(l))),
    });
    let time_zone = problems.check(input.time_zone.map(civic_core::Zone::parse).transpose());
    let (Some(name), Some(default_locale), Some(host), Some(accent_color), Some(logo), Some(time_zone)) =
        (name, default_locale, host, accent_color, logo, time_zone)
    else {
        return Err(AppError::Invalid(problems));
    };
    let changes = TenantChanges {
        name,
        default_locale,
        host,
        accent_color,
        time_zone,
    };
    let tx = db.begin().await?;
    let updated = tenants::update(&tx, tenant.tenant_id(), &changes)
        .await
        .map_err(|e| host_conflict(e, changes.host.as_ref().and_then(Option::as_ref)))?;
    if let Some(logo) = &logo {
        tenants::set_logo(&tx, tenant.tenant_id(), logo.as_ref()).await?;
    }
    let detail = describe_change(tenant, &updated, logo.as_ref().map(Option::is_some));
    if !detail.is_empty() {
        audit::record(
            &tx,
            tenant.tenant_id(),
            actor,
            audit::action::TENANT_SETTINGS,
            &tenant.slug,
            &detail,
        )
        .await?;
    }
    let updated = if logo.is_some() {
        tenants::by_slug(&tx, &tenant.slug).await?.unwrap_or(updated)
    } else {
        updated
    };
    tx.commit().await?;
    Ok(updated)
}

/// "name: A → B; accent: #0b5cad → none; logo: set", what changed.
fn describe_change(before: &TenantRecord, after: &TenantRecord, logo_set: Option<bool>) -> String {
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let mut parts = Vec::new();
    if before.name != after.name {
        parts.push(format!("name: {} → {}", before.name, after.name));
    }
    if before.default_locale != after.default_locale {
        parts.push(format!(
            "language: {} → {}",
            before.default_locale, after.default_locale
        ));
    }
    if before.host != after.host {
        parts.push(format!("host: {} → {}", shown(&before.host), shown(&after.host)));
    }
    if before.accent_color != after.accent_color {
        parts.push(format!(
            "accent: {} → {}",
            shown(&before.accent_color),
            shown(&after.accent_color)
        ));
    }
    if before.time_zone != after.time_zone {
        parts.push(format!("time zone: {} → {}", before.time_zone, after.time_zone));
    }
    match logo_set {
        Some(true) => parts.push("logo: set".into()),
        Some(false) if before.logo_updated_at.is_some() => parts.push("logo: removed".into()),
        _ => {}
    }
    parts.join("; ")
}
