//! Maps (issue 20) on both backends: the administrators set where the
//! municipality's maps open (centre and zoom, validated, audited, inside
//! the area for problem reports when one is set), the pages with a map load
//! Leaflet and the others do not, and the map's data endpoint answers the
//! reports of a box compactly, with the list's filters, refusing a bad box
//! and sending at most 1,000 reports.

mod common;

use civic_testkit::testing::{execute, query_i64};
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::Value;

both_backends!(
    the_admin_sets_the_maps_view_and_bad_input_stores_nothing,
    map_pages_load_leaflet_and_other_pages_do_not,
    the_map_endpoint_filters_refuses_bad_boxes_and_is_capped,
);

async fn audited(app: &TestApp) -> i64 {
    query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'map_view_changed'",
    )
    .await
}

async fn the_admin_sets_the_maps_view_and_bad_input_stores_nothing(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "admin@example.org", "admin").await;
    person(&app, "bucha", "clerk@example.org", "official").await;
    let admin = session(&app, "bucha", "admin@example.org").await;
    let clerk = session(&app, "bucha", "clerk@example.org").await;

    // Nothing set: the country, and the page says so.
    let (status, page) = html(&app, &admin, "/bucha/admin/map").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-zoom=\"6\""), "the fallback view");
    assert!(
        page.contains("/bucha/admin/map\" aria-current=\"page\""),
        "the admin tab"
    );

    // Bad input: every field named, 422, the values kept, nothing stored.
    for (lat, lon, zoom, errors) in [
        ("", "", "", vec!["lat", "zoom"]),
        ("91", "30.2", "14", vec!["lat"]),
        ("50.5", "181", "14", vec!["lon"]),
        ("50.5", "30.2", "0", vec!["zoom"]),
        ("50.5", "30.2", "20", vec!["zoom"]),
        ("50.5", "30.2", "13.5", vec!["zoom"]),
        ("north", "east", "far", vec!["lat", "zoom"]),
        ("NaN", "30.2", "14", vec!["lat"]),
    ] {
        let (status, page) = post_form(
            &app,
            &admin,
            "/bucha/admin/map",
            &[("lat", lat), ("lon", lon), ("zoom", zoom)],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{lat} {lon} {zoom}");
        for field in errors {
            assert!(
                page.contains(&format!("id=\"{field}-error\"")),
                "{lat} {lon} {zoom}: {field}"
            );
        }
        assert!(page.contains(&format!("value=\"{zoom}\"")), "the value typed is kept");
    }
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM tenant_maps").await, 0);
    assert_eq!(audited(&app).await, 0);

    // Staff who are not administrators: 403, nothing stored.
    let (status, _) = post_form(
        &app,
        &clerk,
        "/bucha/admin/map",
        &[("lat", "50.5"), ("lon", "30.2"), ("zoom", "14")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM tenant_maps").await, 0);

    // Saved (a comma for the decimal point is fine), audited, shown on the
    // maps; saved again it replaces the first.
    let (status, _) = post_form(
        &app,
        &admin,
        "/bucha/admin/map",
        &[("lat", "50,5437"), ("lon", "30.2128"), ("zoom", "14")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = html(&app, &admin, "/bucha/admin/map?done=saved").await;
    assert!(page.contains("role=\"status\""), "a notice says it is saved");
    assert!(page.contains("value=\"50.5437\"") && page.contains("value=\"14\""));
    let (_, list) = html(&app, &admin, "/bucha/reports").await;
    assert!(
        list.contains("data-lat=\"50.5437\" data-lon=\"30.2128\" data-zoom=\"14\""),
        "the reports map opens there"
    );
    let (status, _) = post_form(
        &app,
        &admin,
        "/bucha/admin/map",
        &[("lat", "50.55"), ("lon", "30.21"), ("zoom", "15")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM tenant_maps").await, 1);
    assert_eq!(query_i64(&app.db, "SELECT zoom FROM tenant_maps").await, 15);
    assert_eq!(audited(&app).await, 2);
    let detail = query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'map_view_changed' AND detail = '50.55,30.21 zoom 15' \
         AND actor = 'admin@example.org'",
    )
    .await;
    assert_eq!(detail, 1, "the audit entry says who set what");

    // With an area for problem reports, a centre outside it is refused.
    let (status, _) = post_form(
        &app,
        &admin,
        "/bucha/admin/reports/area",
        &[("area", "30.16,50.51,30.27,50.58")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = post_form(
        &app,
        &admin,
        "/bucha/admin/map",
        &[("lat", "49.8"), ("lon", "24.0"), ("zoom", "12")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"lat-error\""));
    assert_eq!(
        query_i64(&app.db, "SELECT zoom FROM tenant_maps").await,
        15,
        "unchanged"
    );
    assert_eq!(audited(&app).await, 2);
}

async fn map_pages_load_leaflet_and_other_pages_do_not(app: TestApp) {
    tenant(&app.db, "bucha", None).await;
    person(&app, "bucha", "olena@example.org", "citizen").await;
    let olena = session(&app, "bucha", "olena@example.org").await;
    for (path, map) in [
        ("/bucha/reports", true),
        ("/bucha/reports/new", true),
        ("/bucha/", false),
        ("/bucha/petitions", false),
    ] {
        let (status, page) = html(&app, &olena, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(page.contains("/static/leaflet-"), map, "{path}");
        assert_eq!(page.contains("data-map="), map, "{path}");
        if map {
            // The container is hidden until the script shows it, and named.
            assert!(page.contains("role=\"region\" aria-label="), "{path}");
            for url in page.split("src=\"").skip(1).chain(page.split("href=\"").skip(1)) {
                let url = url.split('"').next().unwrap();
                if url.starts_with("/static/leaflet-") || url.starts_with("/static/map-") {
                    let r = app.get(url).await;
                    assert_eq!(r.status(), StatusCode::OK, "{url}");
                    assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
                }
            }
        }
    }
    // The tiles' host is allowed for images, and only for images.
    let r = app.get("/bucha/reports").await;
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self';") && csp.contains("script-src 'self';"),
        "{csp}"
    );
}

async fn pins(app: &TestApp, query: &str) -> (StatusCode, Value) {
    let r = app.get(&format!("/api/v1/bucha/reports/map{query}")).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn the_map_endpoint_filters_refuses_bad_boxes_and_is_capped(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.id;
    let department = civic_testkit::reports::Departments::of(&app.db, t)
        .create("Служба доріг")
        .await
        .unwrap();
    let mut categories = Vec::new();
    for (uk, en) in [("Ями на дорогах", Some("Potholes")), ("Освітлення", None)] {
        categories.push(
            civic_testkit::reports::Categories::of(&app.db, t)
                .create(&civic_testkit::reports::NewCategory {
                    name_uk: uk,
                    name_en: en,
                    department,
                    target_days: 10,
                })
                .await
                .unwrap(),
        );
    }
    let reports = civic_testkit::reports::Reports::of(&app.db, t);
    let now = civic_core::Timestamp::now();
    let mut ids = Vec::new();
    for (i, (lat, lon)) in [(50.54, 30.21), (50.55, 30.22), (50.60, 30.40), (0.0, 0.0)]
        .into_iter()
        .enumerate()
    {
        let id = reports
            .create(&civic_testkit::reports::NewReport {
                category: categories[i % 2],
                department,
                author: None,
                anonymous: false,
                body: "Глибока яма біля зупинки.",
                address: "",
                point: Some(civic_core::reports::Point::from_degrees(lat, lon).unwrap()),
                status: if i == 1 {
                    civic_core::reports::ReportStatus::Resolved
                } else {
                    civic_core::reports::ReportStatus::Received
                },
                deadline_at: now.0 + 864_000_000,
                at: now,
            })
            .await
            .unwrap();
        ids.push(id);
    }
    // One without a point: never on a map.
    reports
        .create(&civic_testkit::reports::NewReport {
            category: categories[0],
            department,
            author: None,
            anonymous: false,
            body: "Без точки, лише адреса.",
            address: "вул. Вокзальна, 12",
            point: None,
            status: civic_core::reports::ReportStatus::Received,
            deadline_at: now.0 + 864_000_000,
            at: now,
        })
        .await
        .unwrap();

    // Everything with a point, newest first, compact.
    let (status, all) = pins(&app, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["truncated"], false);
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["id"], ids[3]);
    let first = items.iter().find(|i| i["id"] == ids[0]).unwrap();
    assert_eq!(first["lat"], 50.54);
    assert_eq!(first["lon"], 30.21);
    assert_eq!(first["status"], "received");
    assert_eq!(first["title"], "Ями на дорогах");
    assert_eq!(first["title_en"], "Potholes");
    assert_eq!(first.as_object().unwrap().len(), 6, "only what a marker needs: {first}");
    let second = items.iter().find(|i| i["id"] == ids[1]).unwrap();
    assert_eq!(second["title_en"], "Освітлення", "no English name: the Ukrainian one");

    // The box (GeoJSON order) and the list's filters.
    let ids_of = |v: &Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    let (_, boxed) = pins(&app, "?bbox=30.2,50.5,30.3,50.6").await;
    assert_eq!(ids_of(&boxed), [ids[1], ids[0]]);
    let (_, received) = pins(&app, "?bbox=30.2,50.5,30.3,50.6&status=received").await;
    assert_eq!(ids_of(&received), [ids[0]]);
    let (_, lights) = pins(&app, &format!("?category={}", categories[1])).await;
    assert_eq!(ids_of(&lights), [ids[3], ids[1]]);
    let (_, empty) = pins(&app, "?bbox=-10,-10,-5,-5&status=&category=").await;
    assert_eq!(ids_of(&empty), Vec::<i64>::new(), "empty filters are no filters");

    // Bad boxes and filters: 422 naming them.
    for (query, code) in [
        ("?bbox=30.2,50.5,30.3", "invalid_bbox"),
        ("?bbox=30.2,50.5,30.3,50.6,1", "invalid_bbox"),
        ("?bbox=a,b,c,d", "invalid_bbox"),
        ("?bbox=30.3,50.5,30.2,50.6", "invalid_bbox"),
        ("?bbox=-181,50,30,51", "invalid_bbox"),
        ("?bbox=30,-91,31,51", "invalid_bbox"),
        ("?bbox=NaN,50,31,51", "invalid_bbox"),
        ("?status=lost", "invalid_report_status"),
        ("?category=x", "invalid_report_category"),
    ] {
        let (status, e) = pins(&app, query).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(e["error"]["fields"][0]["code"], code, "{query}: {e}");
    }
    assert_eq!(
        app.get("/api/v1/nowhere/reports/map").await.status(),
        StatusCode::NOT_FOUND
    );

    // A hidden report is not on the map.
    execute(
        &app.db,
        &format!(
            "INSERT INTO moderated_items (tenant_id, item_type, item_id, state, created_at, updated_at) \
             VALUES ({}, 'report', {}, 'hidden_by_moderator', 0, 0)",
            t.0, ids[2]
        ),
    )
    .await
    .unwrap();
    let (_, after) = pins(&app, "").await;
    assert!(!ids_of(&after).contains(&ids[2]));
    assert_eq!(ids_of(&after).len(), 3);

    // The cap: at most 1,000, and `truncated` says more matched.
    execute(
        &app.db,
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
             INSERT INTO reports (tenant_id, category_id, department_id, anonymous, body, address, lat_e6, lon_e6, \
             status, deadline_at, created_at, updated_at) \
             SELECT {}, {}, {department}, 0, 'Яма', '', 50540000 + i, 30210000 + i, 'received', 0, 0, 0 FROM n",
            t.0, categories[0]
        ),
    )
    .await
    .unwrap();
    let (status, capped) = pins(&app, "?bbox=30,50,31,51").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(capped["items"].as_array().unwrap().len(), 1_000);
    assert_eq!(capped["truncated"], true);
}
