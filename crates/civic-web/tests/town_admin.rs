//! The town administrator's home and settings on both backends: the home
//! counts what waits (a reported post, an overdue petition) from arranged
//! data and links to where each is handled; only administrators see it;
//! the settings page changes the name and the accent colour at once,
//! refuses a low-contrast colour and a bad logo with 422 changing nothing,
//! and records each change in the audit log.

mod common;

use civic_testkit::testing::{execute, query_i64};
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

both_backends!(
    the_home_shows_what_waits,
    only_administrators_see_the_home,
    settings_change_the_town_at_once,
    refused_settings_change_nothing,
    the_time_zone_moves_dates_on_pages,
);

const DAY_MS: i64 = 86_400_000;

async fn admin(app: &TestApp) -> (reqwest::Client, String) {
    person(app, "bucha", "mayor@example.org", "admin").await;
    session(app, "bucha", "mayor@example.org").await
}

async fn page(who: &(reqwest::Client, String), app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = who.0.get(app.url(path)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn the_home_shows_what_waits(app: TestApp) {
    let town = town(&app, "Парк").await;
    let mayor = admin(&app).await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    // Nothing waits yet: a calm line, no links to queues.
    let (status, html) = page(&mayor, &app, "/bucha/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Нічого не чекає"), "{html}");
    assert!(!html.contains("id=\"attention\""), "{html}");
    // A reported idea and a petition past its answer deadline.
    let idea = idea(&app.db, t, civic_core::SpaceId(town.space), "Лавки").await.0;
    let (status, d) = send(
        &app,
        &town.olena,
        "POST",
        "/api/v1/bucha/flags",
        json!({"item_type": "idea", "item_id": idea, "reason": "spam", "text": ""}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let author = query_i64(&app.db, &format!("SELECT MIN(id) FROM users WHERE tenant_id = {}", t.0)).await;
    let petition = civic_testkit::petitions::Petitions::of(&app.db, t)
        .create(
            civic_core::UserId(author),
            "Освітлення парку",
            "Просимо освітлити центральну алею парку.",
            10,
            civic_core::Timestamp::now(),
        )
        .await
        .unwrap();
    let now = civic_core::Timestamp::now().0;
    execute(
        &app.db,
        &format!(
            "UPDATE petitions SET status = 'succeeded', succeeded_at = {}, answer_due_at = {} WHERE id = {petition}",
            now - 40 * DAY_MS,
            now - 3 * DAY_MS
        ),
    )
    .await
    .unwrap();
    // Another town's waiting items are not this town's.
    let other = tenant(&app.db, "irpin", None).await.tenant_id();
    let other_space = space(&app.db, other, "Сквер").await;
    common::idea(&app.db, other, other_space, "Фонтан").await;
    let (status, html) = page(&mayor, &app, "/bucha/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Нічого не чекає"), "{html}");
    assert!(
        html.contains("<a href=\"/bucha/moderation/flags\">1 скарга на допис модераторам цього тижня</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/bucha/petitions/queue\">1 петиція без відповіді після строку</a>"),
        "{html}"
    );
    // Lateness is said in words, not only by colour.
    assert!(html.contains("Прострочено:"), "{html}");
    // Participation this month: the one idea of this town (not irpin's).
    assert!(
        html.contains("<th scope=\"row\">Ідеї</th><td>1</td><td>0</td>"),
        "{html}"
    );
    // Links to every admin page.
    for link in [
        "/bucha/admin/settings",
        "/bucha/admin/people",
        "/bucha/admin/audit",
        "/bucha/admin/spaces",
        "/bucha/admin/petitions",
        "/bucha/admin/reports",
        "/bucha/moderation/flags",
    ] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(
        html.contains("<title>Адміністрування — Громада bucha — Civic Space</title>"),
        "{html}"
    );
}

async fn only_administrators_see_the_home(app: TestApp) {
    let town = town(&app, "Парк").await;
    let mayor = admin(&app).await;
    for path in ["/bucha/admin", "/bucha/admin/settings"] {
        assert_eq!(app.get(path).await.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(page(&town.olena, &app, path).await.0, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(page(&town.clerk, &app, path).await.0, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(page(&mayor, &app, path).await.0, StatusCode::OK, "{path}");
    }
    // Administrators reach the home from the header of any page.
    let (_, html) = page(&mayor, &app, "/bucha/").await;
    assert!(html.contains("<a href=\"/bucha/admin\">"), "{html}");
    let (_, html) = page(&town.olena, &app, "/bucha/").await;
    assert!(!html.contains("/bucha/admin"), "{html}");
    // A resident cannot change the settings.
    let r = post_settings(&app, &town.olena, &[("name", "Захоплена громада")], None).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(name_of(&app).await, "Громада bucha");
}

/// The settings form as a browser posts it (multipart/form-data): the
/// given text fields over the current values, and a logo file if any.
async fn post_settings(
    app: &TestApp,
    who: &(reqwest::Client, String),
    fields: &[(&str, &str)],
    logo: Option<&[u8]>,
) -> reqwest::Response {
    let mut all = vec![
        ("csrf", who.1.as_str()),
        ("name", "Громада bucha"),
        ("locale", "uk"),
        ("host", ""),
        ("accent", ""),
    ];
    for (k, v) in fields {
        match all.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => all.push((k, v)),
        }
    }
    let mut body = Vec::new();
    for (k, v) in all {
        body.extend(format!("--b0undary\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").into_bytes());
    }
    body.extend(
        b"--b0undary\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n\
          Content-Type: application/octet-stream\r\n\r\n",
    );
    body.extend(logo.unwrap_or_default());
    body.extend(b"\r\n--b0undary--\r\n");
    who.0
        .post(app.url("/bucha/admin/settings"))
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn name_of(app: &TestApp) -> String {
    civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .name
}

async fn accent_of(app: &TestApp) -> Option<String> {
    civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .accent_color
}

async fn settings_change_the_town_at_once(app: TestApp) {
    town(&app, "Парк").await;
    let mayor = admin(&app).await;
    // Read once, so the node keeps the tenant as it was.
    let (_, html) = page(&mayor, &app, "/bucha/admin/settings").await;
    assert!(html.contains("value=\"Громада bucha\""), "{html}");
    let r = post_settings(
        &app,
        &mayor,
        &[("name", "Бучанська громада"), ("accent", "#0B5CAD")],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        "/bucha/admin/settings?done=saved"
    );
    assert_eq!(name_of(&app).await, "Бучанська громада");
    assert_eq!(accent_of(&app).await.as_deref(), Some("#0b5cad"));
    // At once, on the admin home and for every visitor.
    let (_, html) = page(&mayor, &app, "/bucha/admin").await;
    assert!(html.contains("Бучанська громада"), "{html}");
    let html = app.get("/bucha/").await.text().await.unwrap();
    assert!(html.contains("Бучанська громада"), "{html}");
    assert!(
        html.contains("<meta name=\"theme-color\" content=\"#0b5cad\">"),
        "{html}"
    );
    // A logo, then its removal.
    let png = b"\x89PNG\r\n\x1a\nsmall logo".to_vec();
    let kept = [("name", "Бучанська громада"), ("accent", "#0b5cad")];
    let r = post_settings(&app, &mayor, &kept, Some(&png)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let logo = app.get("/bucha/brand/logo").await;
    assert_eq!(logo.status(), StatusCode::OK);
    assert_eq!(logo.headers()["content-type"], "image/png");
    let r = post_settings(&app, &mayor, &[kept[0], kept[1], ("remove_logo", "1")], None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/bucha/brand/logo").await.status(), StatusCode::NOT_FOUND);
    // Each change is in the audit log, naming the administrator.
    let details = query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings' AND actor = 'mayor@example.org'",
    )
    .await;
    assert_eq!(details, 3);
    let (status, html) = page(&mayor, &app, "/bucha/admin/audit?action=tenant_settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Змінено налаштування громади"), "{html}");
    assert!(html.contains("name: Громада bucha → Бучанська громада"), "{html}");
    assert!(html.contains("accent: none → #0b5cad"), "{html}");
    assert!(html.contains("logo: removed"), "{html}");
    // Saving the form unchanged records nothing.
    let r = post_settings(&app, &mayor, &kept, None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings'"
        )
        .await,
        3
    );
    // The command line uses the same use case and is audited as the operator.
    let cli = civic_app::tenants::update(
        &app.platform,
        "bucha",
        civic_app::tenants::UpdateTenant {
            accent: Some(""),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(cli.accent_color, None);
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings' AND actor = 'operator'"
        )
        .await,
        1
    );
}

async fn refused_settings_change_nothing(app: TestApp) {
    town(&app, "Парк").await;
    let mayor = admin(&app).await;
    assert_eq!(
        post_settings(&app, &mayor, &[("accent", "#0b5cad")], None)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // A light colour, with a new name: neither is saved, each problem by its field.
    let r = post_settings(
        &app,
        &mayor,
        &[("name", "Нова назва"), ("accent", "#ffcc00"), ("locale", "de")],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("<p class=\"field-error\" id=\"accent-error\">Цей колір надто світлий"),
        "{html}"
    );
    assert!(html.contains("4,5:1"), "{html}");
    assert!(html.contains("id=\"locale-error\""), "{html}");
    // The form comes back as typed.
    assert!(html.contains("value=\"Нова назва\""), "{html}");
    assert!(html.contains("value=\"#ffcc00\""), "{html}");
    assert!(html.contains("<title>Помилка: Налаштування"), "{html}");
    assert_eq!(name_of(&app).await, "Громада bucha");
    assert_eq!(accent_of(&app).await.as_deref(), Some("#0b5cad"));
    // A logo that is not an image, and one too large.
    let r = post_settings(&app, &mayor, &[], Some(b"<svg onload=alert(1)>")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"logo-error\">Логотип має бути зображенням PNG, JPEG або WebP")
    );
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(civic_core::brand::LOGO_MAX_BYTES + 1, 0);
    let r = post_settings(&app, &mayor, &[], Some(&big)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"logo-error\">Логотип більший за 200 КБ")
    );
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM tenant_logos").await, 0);
    // A bad host name.
    let r = post_settings(&app, &mayor, &[("host", "https://bucha.example/path")], None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Another town's host name is a conflict, shown by the field.
    tenant(&app.db, "irpin", Some("irpin.example.org")).await;
    let r = post_settings(&app, &mayor, &[("host", "irpin.example.org")], None).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("id=\"host-error\""));
    // An expired form and a body that is not the upload form.
    let stale = (mayor.0.clone(), "not-the-token".to_string());
    assert_eq!(
        post_settings(&app, &stale, &[("name", "Інша")], None).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = mayor
        .0
        .post(app.url("/bucha/admin/settings"))
        .form(&[("csrf", mayor.1.as_str()), ("name", "Інша")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(name_of(&app).await, "Громада bucha");
    // Only the first, accepted change is in the audit log.
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings'"
        )
        .await,
        1
    );
}

/// 2026-11-27T22:55:27Z: already the 28th in Kyiv, still the 27th in UTC.
const LATE_EVENING_UTC: i64 = 1_795_820_127_000;

async fn the_time_zone_moves_dates_on_pages(app: TestApp) {
    let town = town(&app, "Парк").await;
    let mayor = admin(&app).await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let idea = idea(&app.db, t, civic_core::SpaceId(town.space), "Лавки").await.0;
    execute(
        &app.db,
        &format!("UPDATE ideas SET created_at = {LATE_EVENING_UTC} WHERE id = {idea}"),
    )
    .await
    .unwrap();
    let path = format!("/bucha/ideas/{idea}");
    // A new town is on Kyiv time; the settings form shows it.
    let (_, html) = page(&mayor, &app, &path).await;
    assert!(html.contains("datetime=\"2026-11-28\">28 листопада 2026"), "{html}");
    let (_, form) = page(&mayor, &app, "/bucha/admin/settings").await;
    assert!(
        form.contains("name=\"time_zone\" type=\"text\" value=\"Europe/Kyiv\""),
        "{form}"
    );
    // Not a zone: 422 with the problem at the field, nothing changed.
    for bad in ["Europe/Nowhere", "", "Kyiv"] {
        let r = post_settings(&app, &mayor, &[("time_zone", bad)], None).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = r.text().await.unwrap();
        assert!(html.contains("Такого часового поясу немає"), "{html}");
    }
    let zone = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            civic_testkit::tenants::by_slug(&db, "bucha")
                .await
                .unwrap()
                .unwrap()
                .time_zone
        }
    };
    assert_eq!(zone(&app).await, "Europe/Kyiv");
    // UTC: the idea was made on the 27th; the change is in the audit log.
    let r = post_settings(&app, &mayor, &[("time_zone", "UTC")], None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(zone(&app).await, "UTC");
    let (_, html) = page(&mayor, &app, &path).await;
    assert!(html.contains("datetime=\"2026-11-27\">27 листопада 2026"), "{html}");
    let logged = query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'tenant_settings' AND detail LIKE '%time zone: Europe/Kyiv → UTC%'",
    )
    .await;
    assert_eq!(logged, 1);
}
