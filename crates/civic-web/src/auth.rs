//! Who is asking: a bearer token (API clients) or a session cookie
//! (browsers), always within the tenant of the URL — a session or token of
//! another tenant is simply not found. Cookie-authenticated state changes
//! must carry the session's CSRF token; token-authenticated ones need none.

use crate::error::WebError;
use crate::state::{AppState, WebConfig};
use crate::tenant::Tenant;
use axum::extract::FromRequestParts;
use civic_core::user::Principal;
use http::header;
use http::request::Parts;

pub const SESSION_COOKIE: &str = "civic_session";
/// The name over https: the `__Host-` prefix makes browsers refuse it unless
/// it is `Secure`, host-only and `Path=/`.
pub const SECURE_SESSION_COOKIE: &str = "__Host-civic_session";

fn session_cookie_name(config: &WebConfig) -> &'static str {
    if config.secure_cookies() {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// `Set-Cookie` for a new session.
pub fn session_cookie(config: &WebConfig, token: &str) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
        session_cookie_name(config)
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn expired_session_cookie(config: &WebConfig) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        session_cookie_name(config)
    )
}

/// How the caller proved who they are: a browser session (its token), or
/// a personal access token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignedInWith {
    Session(String),
    Token,
}

/// The signed-in account, if any.
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<(Principal, SignedInWith)>);

pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(found) = parts.extensions.get::<MaybeUser>() {
            return Ok(found.clone());
        }
        let tenant = Tenant::from_request_parts(parts, state).await?;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let found = if let Some(token) = bearer {
            // A bearer that is not valid is an error, not an anonymous call:
            // the client meant to authenticate.
            let principal = civic_app::auth::token_principal(&state.platform, tenant.tenant_id(), token)
                .await?
                .ok_or(WebError::Unauthorized)?;
            Some((principal, SignedInWith::Token))
        } else if let Some(token) = cookie(parts, session_cookie_name(&state.config)) {
            civic_app::auth::session_principal(&state.platform, tenant.tenant_id(), token, &state.config.sessions)
                .await?
                .map(|p| (p, SignedInWith::Session(token.to_string())))
        } else {
            None
        };
        if let Some((principal, _)) = &found
            && principal.password_change_required
            && !open_before_the_password_is_changed(parts, &tenant.slug)
        {
            return Err(change_password_first(parts, &tenant.slug));
        }
        if let Some((principal, _)) = &found
            && principal.documents_pending
            && !open_before_acceptance(parts, &tenant.slug)
        {
            return Err(accept_documents_first(parts, &tenant.slug));
        }
        let user = MaybeUser(found);
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// What an account with a handed-out password may still do: see its
/// account page, change the password there (or through the API), sign out.
fn open_before_the_password_is_changed(parts: &Parts, slug: &str) -> bool {
    let path = parts.uri.path();
    let is = |method: http::Method, expected: String| parts.method == method && path == expected;
    is(http::Method::GET, format!("/{slug}/account"))
        || is(http::Method::HEAD, format!("/{slug}/account"))
        // A session also held for new terms reads and accepts them first.
        || path == format!("/{slug}/terms/accept")
        || is(http::Method::POST, format!("/{slug}/account/password"))
        || is(http::Method::POST, format!("/{slug}/logout"))
        || is(http::Method::GET, format!("/api/v1/{slug}/me"))
        || is(http::Method::PUT, format!("/api/v1/{slug}/me/password"))
}

/// What a session held for the town's new terms or privacy notice may
/// still do: read them, accept them, read and delete the account, sign
/// out. The API keeps working (its callers cannot show the page).
fn open_before_acceptance(parts: &Parts, slug: &str) -> bool {
    let path = parts.uri.path();
    let read = parts.method.is_safe();
    let post = parts.method == http::Method::POST;
    path.starts_with("/api/")
        || path == format!("/{slug}/terms/accept")
        || (read
            && ["terms", "privacy", "accessibility", "account", "account/export"]
                .iter()
                .any(|page| path == format!("/{slug}/{page}")))
        || (post && (path == format!("/{slug}/logout") || path == format!("/{slug}/account/delete")))
}

/// Pages, and forms sent, lead to the acceptance page (a page asked for is
/// where it goes on to afterwards).
fn accept_documents_first(parts: &Parts, slug: &str) -> WebError {
    let back = parts
        .method
        .is_safe()
        .then(|| {
            let asked = parts.uri.path_and_query().map_or(parts.uri.path(), |p| p.as_str());
            crate::return_path::ReturnPath::parse(slug, asked)
        })
        .flatten();
    WebError::SeeOther(crate::html::terms_acceptance::acceptance_path(
        slug,
        back.as_ref(),
        false,
    ))
}

/// Pages lead to the password form; anything else is refused with a reason.
fn change_password_first(parts: &Parts, slug: &str) -> WebError {
    let page = !parts.uri.path().starts_with("/api/") && parts.method.is_safe();
    if page {
        WebError::SeeOther(format!("/{slug}/account?done=choose-password#password-title"))
    } else {
        civic_app::auth::password_change_required().into()
    }
}

/// A signed-in account, or 401. On `/api/` routes a call that changes
/// state with a session cookie must carry the session's CSRF token in
/// `X-CSRF-Token` (403 otherwise); a bearer-token call needs none. HTML
/// forms are checked by [`CsrfForm`](crate::extract::CsrfForm).
pub struct CurrentUser(pub Principal, pub SignedInWith);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let MaybeUser(Some((principal, with))) = MaybeUser::from_request_parts(parts, state).await? else {
            return Err(WebError::Unauthorized);
        };
        if parts.uri.path().starts_with("/api/") && !parts.method.is_safe() {
            let submitted = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            require_csrf(&principal, &with, submitted)?;
        }
        Ok(CurrentUser(principal, with))
    }
}

/// Checks the CSRF token of a cookie-authenticated state change.
pub fn require_csrf(principal: &Principal, via: &SignedInWith, submitted: &str) -> Result<(), WebError> {
    match via {
        SignedInWith::Token => Ok(()),
        SignedInWith::Session(_)
            if !principal.csrf_token.is_empty()
                && constant_time_eq(principal.csrf_token.as_bytes(), submitted.as_bytes()) =>
        {
            Ok(())
        }
        SignedInWith::Session(_) => Err(WebError::forbidden(
            "form_expired",
            "the form has expired; reload the page and try again",
        )),
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// For forms that anyone may send (signing in, registering, resets): the
/// browser's `Origin` must be this site; a browser that sends no `Origin`
/// is judged by its `Referer` instead. A request with neither comes from a
/// program, not from a page of another site (browsers send at least one of
/// them with every cross-site form post), so it carries nobody's cookies
/// and is let through.
pub fn require_same_origin(parts: &http::HeaderMap) -> Result<(), WebError> {
    let header_text = |name| parts.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok());
    let Some(source) = header_text(header::ORIGIN).or_else(|| header_text(header::REFERER)) else {
        return Ok(());
    };
    let host = header_text(header::HOST).unwrap_or_default();
    // "https://town.example:8443/path" → "town.example:8443"
    let source_host = source
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default())
        .unwrap_or(source);
    if !host.is_empty() && source_host.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err(WebError::forbidden(
            "other_site",
            "this form can only be sent from this site",
        ))
    }
}

/// The audit log's name for the signed-in person.
pub fn actor(principal: &Principal, address: &crate::client_address::ClientAddress) -> civic_app::audit::Actor {
    civic_app::audit::Actor::user(principal.user_id, &principal.email, &address.0)
}
