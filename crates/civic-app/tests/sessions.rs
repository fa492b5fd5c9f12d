//! Session lifetimes depend on the role: a staff session goes idle sooner.

use civic_app::auth::{self, SessionPolicy};
use civic_app::users::{self, CreateUser};
use civic_core::{Locale, TenantName, TenantSlug};
use civic_store::tenants::{self, NewTenant};
use civic_store::testing::TestDb;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sessions_go_idle_sooner_than_citizens() {
    let t = TestDb::sqlite().await;
    let platform = civic_app::Platform::new(t.db.clone());
    let tenant = tenants::create(
        &t.db,
        &NewTenant {
            slug: TenantSlug::parse("bucha").unwrap(),
            name: TenantName::parse("Буча").unwrap(),
            default_locale: Locale::Uk,
            host: None,
        },
    )
    .await
    .unwrap()
    .tenant_id();
    for (email, role) in [("citizen@example.org", "citizen"), ("clerk@example.org", "official")] {
        users::create(
            &platform,
            &CreateUser {
                tenant_slug: "bucha",
                email,
                display_name: None,
                role,
                password: "a long enough passphrase",
            },
        )
        .await
        .unwrap();
    }
    // Staff idle limit of zero: any staff session is already idle.
    let policy = SessionPolicy {
        staff_idle: Duration::ZERO,
        ..SessionPolicy::default()
    };
    let citizen = auth::sign_in(
        &platform,
        tenant,
        "citizen@example.org",
        "a long enough passphrase",
        &auth::Client {
            address: "127.0.0.1",
            user_agent: None,
        },
        &policy,
    )
    .await
    .unwrap();
    let clerk = auth::sign_in(
        &platform,
        tenant,
        "clerk@example.org",
        "a long enough passphrase",
        &auth::Client {
            address: "127.0.0.1",
            user_agent: None,
        },
        &policy,
    )
    .await
    .unwrap();
    assert!(
        auth::session_principal(&platform, tenant, &citizen.token, &policy)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        auth::session_principal(&platform, tenant, &clerk.token, &policy)
            .await
            .unwrap()
            .is_none()
    );
    // With the default policy the same staff session is fine.
    let default = SessionPolicy::default();
    assert!(
        auth::session_principal(&platform, tenant, &clerk.token, &default)
            .await
            .unwrap()
            .is_some()
    );
    // Signed out is gone for good.
    auth::sign_out(&platform, tenant, &citizen.token).await.unwrap();
    assert!(
        auth::session_principal(&platform, tenant, &citizen.token, &default)
            .await
            .unwrap()
            .is_none()
    );
}
