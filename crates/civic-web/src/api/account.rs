//! `POST /api/v1/{tenant}/tokens` and `GET /api/v1/{tenant}/me`.

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::state::AppState;
use crate::tenant::Tenant;
use axum::Json;
use axum::extract::State;
use http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct NewToken {
    email: String,
    password: String,
    name: String,
}

#[derive(Serialize)]
pub struct CreatedToken {
    token: String,
    name: String,
}

/// Creates a personal access token; it is shown in this answer only.
pub async fn create_token(
    State(state): State<AppState>,
    tenant: Tenant,
    Json(input): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), WebError> {
    let token = civic_app::auth::create_token(
        &state.db,
        tenant.tenant_id(),
        &input.email,
        &input.password,
        &input.name,
    )
    .await
    .map_err(|e| match e {
        // Wrong credentials are 401 here, with the same message either way.
        civic_app::AppError::Invalid(i) if i.code == "invalid_credentials" => WebError::BadCredentials,
        other => other.into(),
    })?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            token,
            name: input.name.trim().to_string(),
        }),
    ))
}

#[derive(Serialize)]
pub struct Me {
    id: i64,
    email: String,
    display_name: String,
    roles: Vec<String>,
}

pub async fn me(CurrentUser(principal, _): CurrentUser) -> Json<Me> {
    Json(Me {
        id: principal.user_id,
        email: principal.email,
        display_name: principal.display_name,
        roles: vec![principal.role],
    })
}
