//! Server-rendered pages. Every page embeds a [`Layout`]: what the base layout
//! needs (language, titles, the tenant in the header).

mod account;
mod admin;
mod admin_spaces;
mod brand;
mod budgets;
mod comments;
mod consultations;
mod conversations;
mod debates;
mod duplicates;
mod flags;
// Contests and joint projects (issue 19).
mod contests;
mod ideas;
mod joint_projects;
mod landing;
mod login;
// Maps (issue 20).
pub(crate) mod maps;
mod moderation;
mod notifications;
mod operator;
// Open data (issue 24).
mod open_data;
// The town's documents: accessibility statement, terms, privacy (issue 22).
mod documents;
// Accepting a new version of the terms and the privacy notice (issue 22).
mod password;
mod petitions;
mod poll_builder;
mod poll_images;
mod polls;
mod register;
pub(crate) mod statistics;
pub(crate) mod terms_acceptance;
// Inviting people to the town's staff (issue 22).
mod invitations;
// Problem reports (issue 20).
mod reports;
mod review;
mod search;
mod spaces;
pub(crate) use spaces::formula_guard;
mod styleguide;
mod tenant_home;
mod topics;
mod town_admin;
mod verification;

use crate::assets::{SCRIPT, STYLESHEET};
use crate::error::WebError;
use crate::i18n::Messages;
use crate::locale::RequestLocale;
use crate::state::AppState;
use crate::tenant::Tenant;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::response::Html;
use axum::routing::get;
use http::request::Parts;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::router())
        .merge(admin::router())
        .merge(admin_spaces::router())
        .merge(brand::router())
        .merge(budgets::router())
        .merge(consultations::router())
        .merge(comments::router())
        .merge(conversations::router())
        .merge(debates::router())
        .merge(duplicates::router())
        .merge(topics::router())
        .merge(flags::router())
        .merge(moderation::router())
        // Contests and joint projects (issue 19).
        .merge(contests::router())
        .merge(joint_projects::router())
        .merge(ideas::router())
        .merge(landing::router())
        .merge(login::router())
        // Maps (issue 20).
        .merge(maps::router())
        .merge(notifications::router())
        .merge(operator::router())
        // Open data (issue 24).
        .merge(open_data::router())
        .merge(documents::router())
        .merge(terms_acceptance::router())
        .merge(invitations::router())
        .merge(statistics::router())
        .merge(password::router())
        .merge(petitions::router())
        .merge(poll_builder::router())
        .merge(poll_images::router())
        .merge(polls::router())
        .merge(register::router())
        // Problem reports (issue 20).
        .merge(reports::router())
        .merge(review::router())
        .merge(search::router())
        .merge(spaces::router())
        .merge(styleguide::router())
        .merge(tenant_home::router())
        .merge(town_admin::router())
        .merge(verification::router())
        .route("/language", get(crate::locale::switch))
}

/// The tenant as the header shows it.
#[derive(Clone)]
pub struct Site {
    pub slug: String,
    pub name: String,
    pub accent: Option<String>,
    /// The tenant's stylesheet (its accent colour), versioned by content.
    pub theme_url: Option<String>,
    /// The tenant's logo, versioned by when it was set.
    pub logo_url: Option<String>,
    /// Suspended by the platform's operator: read-only.
    pub suspended: bool,
}

impl Site {
    pub fn of(tenant: &civic_core::tenant::Tenant) -> Site {
        Site {
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
            accent: tenant.accent_color.clone(),
            theme_url: tenant.accent_color.as_ref().map(|accent| {
                format!(
                    "/{}/brand/theme.css?v={}",
                    tenant.slug,
                    crate::assets::fingerprint(accent.as_bytes())
                )
            }),
            logo_url: tenant
                .logo_updated_at
                .map(|at| format!("/{}/brand/logo?v={at}", tenant.slug)),
            suspended: tenant.suspended_at.is_some(),
        }
    }
}

/// The signed-in person as the header shows them.
#[derive(Clone)]
pub struct HeaderUser {
    pub name: String,
    pub csrf: String,
    /// Administrators see the administration link.
    pub admin: bool,
    /// Officials and administrators see the review queue.
    pub reviewer: bool,
    /// Unread notifications (counted up to a cap).
    pub unread: i64,
}

impl HeaderUser {
    /// "3", or "99+" at the cap.
    /// From this many on, the header says "99+".
    pub fn unread_cap(&self) -> i64 {
        civic_app::notifications::UNREAD_CAP
    }

    pub fn unread_label(&self) -> String {
        if self.unread >= civic_app::notifications::UNREAD_CAP {
            format!("{}+", civic_app::notifications::UNREAD_CAP - 1)
        } else {
            self.unread.to_string()
        }
    }
}

/// What the base layout needs on every page.
#[derive(Clone)]
pub struct Layout {
    pub user: Option<HeaderUser>,
    pub i: Messages,
    pub lang: &'static str,
    pub title: String,
    pub site: Option<Site>,
    pub css: &'static str,
    pub js: &'static str,
    path: String,
    /// The platform's public address (`https://civic.example`), for the
    /// absolute links a shared page's preview needs.
    origin: String,
    /// What the page is about, for search results and link previews.
    description: Option<String>,
    /// The page has a map (issue 20): only then are Leaflet and our map
    /// script loaded.
    pub map: bool,
    /// The map tiles' URL template and attribution (the operator's settings).
    pub map_tiles: String,
    pub map_attribution: String,
}

impl Layout {
    pub fn new(i: Messages, site: Option<Site>, path: &str) -> Layout {
        Layout {
            user: None,
            lang: i.locale.as_str(),
            i,
            title: String::new(),
            site,
            css: &STYLESHEET.url,
            js: &SCRIPT.url,
            path: path.to_string(),
            origin: String::new(),
            description: None,
            map: false,
            map_tiles: String::new(),
            map_attribution: String::new(),
        }
    }

    /// This page shows a map: the base layout loads the map's stylesheet and
    /// scripts (they are left out of every other page).
    pub fn with_map(mut self) -> Layout {
        self.map = true;
        self
    }

    pub fn map_css(&self) -> &'static str {
        &crate::assets::MAP_STYLESHEET.url
    }

    pub fn map_library(&self) -> &'static str {
        &crate::assets::MAP_LIBRARY.url
    }

    pub fn map_script(&self) -> &'static str {
        &crate::assets::MAP_SCRIPT.url
    }

    /// The page's description from a text (Markdown marks left out, one
    /// line, at most about 200 characters, cut at a word).
    pub fn described(mut self, text: &str) -> Layout {
        let plain: String = text
            .chars()
            .filter(|c| !matches!(c, '#' | '*' | '_' | '>' | '`' | '[' | ']'))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let short = if plain.chars().count() <= 200 {
            plain
        } else {
            let cut: String = plain.chars().take(200).collect();
            let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
            format!("{at_word}…")
        };
        self.description = (!short.is_empty()).then_some(short);
        self
    }

    /// The description for `<meta name="description">` and link previews:
    /// the page's own, or what the platform is for.
    pub fn page_description(&self) -> String {
        self.description.clone().unwrap_or_else(|| {
            self.i.t(if self.site.is_some() {
                "tenant-intro"
            } else {
                "landing-intro"
            })
        })
    }

    /// Whether this page is under `/{tenant}{section}` (the admin
    /// navigation marks where one is).
    pub fn in_section(&self, section: &str) -> bool {
        let Some(site) = &self.site else { return false };
        let path = self.path.split('?').next().unwrap_or_default();
        path.strip_prefix(&format!("/{}", site.slug))
            .is_some_and(|rest| rest == section || rest.starts_with(&format!("{section}/")))
    }

    /// Whether this page is `/{tenant}{page}` itself (not a page under it).
    pub fn at_page(&self, page: &str) -> bool {
        let Some(site) = &self.site else { return false };
        let path = self.path.split('?').next().unwrap_or_default();
        path.strip_prefix(&format!("/{}", site.slug)) == Some(page)
    }

    /// This page's absolute address, for `og:url`: only on pages rendered
    /// for a route (error pages, whose address is whatever was asked for,
    /// have none).
    pub fn canonical_url(&self) -> Option<String> {
        if self.origin.is_empty() {
            return None;
        }
        let path = self.path.split('?').next().unwrap_or("/");
        Some(format!("{}{path}", self.origin))
    }

    /// An absolute address on this platform, for `og:image`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// `uk_UA` / `en_GB`, for `og:locale`.
    pub fn og_locale(&self) -> &'static str {
        match self.lang {
            "uk" => "uk_UA",
            _ => "en_GB",
        }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Layout {
        self.title = title.into();
        self
    }

    /// The title of a page showing a form; when the form was refused, led
    /// by the message `prefix_key` ("Error: "), so a screen reader hears it
    /// first.
    pub fn titled_form(self, title: String, refused: bool, prefix_key: &str) -> Layout {
        if refused {
            let prefix = self.i.t(prefix_key);
            self.titled(format!("{prefix}{title}"))
        } else {
            self.titled(title)
        }
    }

    /// `Page — Municipality — Civic Space`.
    pub fn full_title(&self) -> String {
        let mut parts = Vec::new();
        if !self.title.is_empty() && self.site.as_ref().is_none_or(|s| s.name != self.title) {
            parts.push(self.title.as_str());
        }
        if let Some(site) = &self.site {
            parts.push(site.name.as_str());
        }
        parts.push("Civic Space");
        parts.join(" — ")
    }

    pub fn accent(&self) -> Option<&str> {
        self.site.as_ref().and_then(|s| s.accent.as_deref())
    }

    /// The language of `text` when it differs from the page's, for a `lang`
    /// attribute on that content.
    pub fn other_lang(&self, text: &str) -> Option<&'static str> {
        civic_core::text::guess_locale(text)
            .filter(|l| *l != self.i.locale)
            .map(civic_core::Locale::as_str)
    }

    /// The current path, percent-encoded for the language switch's `back`.
    pub fn back_path(&self) -> String {
        crate::return_path::query_value(&self.path)
    }

    /// The sign-in page, asked to bring the person back to this page.
    pub fn sign_in_href(&self) -> String {
        let Some(site) = &self.site else {
            return "/".into();
        };
        match crate::return_path::ReturnPath::parse(&site.slug, &self.path) {
            Some(back) => format!(
                "/{}/login?next={}",
                site.slug,
                crate::return_path::query_value(back.as_str())
            ),
            None => format!("/{}/login", site.slug),
        }
    }
}

impl FromRequestParts<AppState> for Layout {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let has_tenant_param = parts
            .extensions
            .get::<axum::extract::MatchedPath>()
            .is_some_and(|p| p.as_str().starts_with("/{tenant}"));
        let (site, user, zone) = if has_tenant_param {
            let tenant = Tenant::from_request_parts(parts, state).await?;
            let user = match crate::auth::MaybeUser::from_request_parts(parts, state).await? {
                crate::auth::MaybeUser(Some((p, _))) => Some(HeaderUser {
                    // Counted with the session (one capped COUNT over an index).
                    unread: p.unread,
                    admin: p.role == civic_core::Role::Admin,
                    reviewer: p.role.is_among(civic_core::user::StaffRoles::Officials),
                    name: p.display_name,
                    csrf: p.csrf_token,
                }),
                crate::auth::MaybeUser(None) => None,
            };
            (Some(Site::of(&tenant)), user, tenant.zone())
        } else {
            (None, None, civic_core::Zone::utc())
        };
        let RequestLocale(locale) = RequestLocale::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|e| match e {});
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.clone())
            .unwrap_or_else(|| parts.uri.clone());
        // The language switch returns to this exact page, query included.
        let path = path
            .path_and_query()
            .map_or_else(|| path.path().to_string(), |pq| pq.as_str().to_string());
        let messages = Messages::new(state.catalog.clone(), locale).in_zone(zone);
        let mut shell = Layout::new(messages, site, &path);
        shell.user = user;
        shell.origin = state.config.public_url.trim_end_matches('/').to_string();
        shell.map_tiles = state.config.map_tiles.clone();
        shell.map_attribution = state.config.map_attribution.clone();
        Ok(shell)
    }
}

/// The first `max` characters of a Markdown text as plain text, cut at a
/// word, with "…" when cut.
pub(crate) fn excerpt(markdown: &str, max: usize) -> String {
    let plain = crate::markdown::to_plain_text(markdown);
    if plain.chars().count() <= max {
        return plain;
    }
    let cut: String = plain.chars().take(max).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{at_word}…")
}

pub fn render<T: Template>(page: &T) -> Result<Html<String>, WebError> {
    page.render().map(Html).map_err(|e| WebError::Internal(Box::new(e)))
}

/// An idea as a list shows it.
pub struct IdeaCard {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub status_key: String,
    pub support_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
    /// Hidden or held by the moderators: the list shows a notice instead of its title.
    pub hidden: bool,
}

impl From<&civic_core::ideas::Idea> for IdeaCard {
    fn from(i: &civic_core::ideas::Idea) -> Self {
        IdeaCard {
            id: i.id.0,
            status_key: format!("status-{}", i.status),
            status: i.status.to_string(),
            title: i.title.clone(),
            support_count: i.support_count,
            comment_count: i.comment_count,
            created_at: i.created_at,
            hidden: i.moderation.is_some(),
        }
    }
}

/// A refused input's problems as (field, message in the reader's language),
/// for a form shown again; `None` for any other error.
pub(crate) fn form_errors(shell: &Layout, e: &civic_app::AppError) -> Option<Vec<(String, String)>> {
    e.problems().map(|p| {
        p.iter()
            .map(|i| (i.field.to_string(), register::localised(shell, i.code, &i.message)))
            .collect()
    })
}

/// The value of a posted form's field (the first of its name), or "".
pub(crate) fn form_field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}
