//! Where a request comes from: the peer address, or — only when the
//! operator says a reverse proxy sits in front (`trust_proxy`) — the address
//! that proxy appended to `X-Forwarded-For`. Used for rate limits, the audit
//! log and the sessions page; never for access decisions.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use http::request::Parts;
use std::convert::Infallible;
use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if state.config.trust_proxy {
            // The last entry is the one our proxy added; earlier ones are
            // whatever the client claimed.
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty());
            if let Some(ip) = forwarded.and_then(|v| v.parse::<std::net::IpAddr>().ok()) {
                return Ok(ClientAddress(ip.to_string()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
        Ok(ClientAddress(peer))
    }
}

/// The browser's own description, trimmed, for the sessions page.
pub fn user_agent(headers: &http::HeaderMap) -> Option<&str> {
    headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok())
}
