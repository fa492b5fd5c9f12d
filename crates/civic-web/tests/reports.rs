//! Problem reports on both backends: an administrator sets up departments,
//! their staff and categories; a resident reports a problem (after seeing
//! the open reports of its kind nearby), others add their voice once; staff
//! of the department change its status, hand it to another category's
//! department, answer in public and keep internal notes; the reporter
//! reopens and confirms the fix. Bad input is refused with a clear code and
//! stores nothing; staff of another department are refused; the pages work
//! as plain forms.

mod common;

use civic_core::working_days::{day_of, end_of_day};
use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    report_reassign_resolve_reopen_and_confirm,
    bad_input_is_refused_and_stores_nothing,
    lists_filter_page_and_count_overdue,
    the_pages_work_without_javascript,
);

struct City {
    admin: (Client, String),
    roads_clerk: (Client, String),
    lights_clerk: (Client, String),
    olena: (Client, String),
    petro: (Client, String),
    roads: i64,
    lights: i64,
    /// Potholes (roads, 10 working days) and streetlights (lights, 5).
    potholes: i64,
    streetlights: i64,
}

/// Bucha with two departments set up through the admin page, a clerk in
/// each, and two residents.
async fn city(app: &TestApp) -> City {
    tenant(&app.db, "bucha", None).await;
    person(app, "bucha", "admin@example.org", "admin").await;
    person(app, "bucha", "roads@example.org", "official").await;
    person(app, "bucha", "lights@example.org", "moderator").await;
    person(app, "bucha", "olena@example.org", "citizen").await;
    person(app, "bucha", "petro@example.org", "citizen").await;
    let admin = session(app, "bucha", "admin@example.org").await;
    for name in ["Служба доріг", "Міське світло"] {
        let (status, _) = post_form(app, &admin, "/bucha/admin/reports/departments", &[("name", name)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let id_of = |table: &str, column: &str, value: &str| format!("SELECT id FROM {table} WHERE {column} = '{value}'");
    let roads = query_i64(&app.db, &id_of("departments", "name", "Служба доріг")).await;
    let lights = query_i64(&app.db, &id_of("departments", "name", "Міське світло")).await;
    for (department, email) in [(roads, "roads@example.org"), (lights, "lights@example.org")] {
        let (status, body) = post_form(
            app,
            &admin,
            "/bucha/admin/reports/members",
            &[("department", &department.to_string()), ("email", email)],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    for (uk, en, department, days) in [
        ("Ями на дорогах", "Potholes", roads, "10"),
        ("Вуличне освітлення", "", lights, "5"),
    ] {
        let (status, body) = post_form(
            app,
            &admin,
            "/bucha/admin/reports/categories",
            &[
                ("name_uk", uk),
                ("name_en", en),
                ("department", &department.to_string()),
                ("target_days", days),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    City {
        potholes: query_i64(&app.db, &id_of("report_categories", "name_uk", "Ями на дорогах")).await,
        streetlights: query_i64(&app.db, &id_of("report_categories", "name_uk", "Вуличне освітлення")).await,
        admin,
        roads_clerk: session(app, "bucha", "roads@example.org").await,
        lights_clerk: session(app, "bucha", "lights@example.org").await,
        olena: session(app, "bucha", "olena@example.org").await,
        petro: session(app, "bucha", "petro@example.org").await,
        roads,
        lights,
    }
}

async fn report(app: &TestApp, who: &(Client, String), body: Value) -> (StatusCode, Value) {
    send(app, who, "POST", "/api/v1/bucha/reports", body).await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    query_i64(&app.db, &format!("SELECT COUNT(*) FROM {table}")).await
}

async fn report_reassign_resolve_reopen_and_confirm(app: TestApp) {
    let c = city(&app).await;
    // The categories, with their departments and target times.
    let (status, cats) = get_json(&app, "/api/v1/bucha/report-categories").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cats["items"].as_array().unwrap().len(), 2);
    let potholes = cats["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == c.potholes)
        .unwrap();
    assert_eq!(potholes["department"], "Служба доріг");
    assert_eq!(potholes["target_working_days"], 10);
    assert_eq!(potholes["name_en"], "Potholes");

    // Olena reports a streetlight that is out, but in the potholes category
    // (a mistake the department fixes), anonymously.
    let (status, r) = report(
        &app,
        &c.olena,
        json!({"category": c.potholes, "body": "Ліхтар не світить уже тиждень.", "lat": 50.5437, "lon": 30.2128,
               "address": "вул. Вокзальна, 12", "anonymous": true}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["status"], "received");
    assert_eq!(r["department_id"], c.roads);
    assert_eq!(r["lat"], 50.5437);
    assert_eq!(r["history"].as_array().unwrap().len(), 1);
    // Anonymous to the public; staff see the name.
    let (_, public) = get_json(&app, &format!("/api/v1/bucha/reports/{id}")).await;
    assert_eq!(public["author_name"], Value::Null);
    assert_eq!(public["anonymous"], true);
    let (_, staff) = send(
        &app,
        &c.roads_clerk,
        "GET",
        &format!("/api/v1/bucha/reports/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(staff["author_name"], "Тестова особа");

    // Me too: once per person; the reporter's own is refused.
    let voice = format!("/api/v1/bucha/reports/{id}/voice");
    let (status, v) = send(&app, &c.petro, "PUT", &voice, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!((v["added"].clone(), v["voices"].clone()), (json!(true), json!(1)));
    let (status, v) = send(&app, &c.petro, "PUT", &voice, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((v["added"].clone(), v["voices"].clone()), (json!(false), json!(1)));
    let (status, v) = send(&app, &c.olena, "PUT", &voice, json!({})).await;
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("own_report"))
    );
    assert_eq!(count(&app, "report_voices").await, 1);

    // Staff of another department may not touch it; the roads clerk may.
    let status_path = format!("/api/v1/bucha/reports/{id}/status");
    let (status, e) = send(
        &app,
        &c.lights_clerk,
        "POST",
        &status_path,
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(e["error"]["message"].as_str().unwrap().contains("department"), "{e}");
    let (status, e) = send(&app, &c.olena, "POST", &status_path, json!({"status": "in_progress"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{e}");
    let (status, r) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &status_path,
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "in_progress");
    let (status, e) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &status_path,
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("report_status_fixed"))
    );

    // Not ours: without the category it belongs to, refused; with it, the
    // report goes to the lights department and starts again as received.
    let (status, e) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &status_path,
        json!({"status": "not_ours"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["fields"][0]["code"], "reassign_category_required");
    let (status, r) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &status_path,
        json!({"status": "not_ours", "category_id": c.streetlights, "reason": "Це освітлення."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "received");
    assert_eq!(r["department_id"], c.lights);
    assert_eq!(r["category_id"], c.streetlights);
    // Now the roads clerk is out, the lights clerk (a moderator) in.
    let (status, _) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &status_path,
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, r) = send(
        &app,
        &c.lights_clerk,
        "POST",
        &status_path,
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "resolved");

    // A public reply and an internal note: the public sees only the reply.
    let (status, _) = send(
        &app,
        &c.lights_clerk,
        "POST",
        &format!("/api/v1/bucha/reports/{id}/replies"),
        json!({"body": "Лампу замінено."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, v) = send(
        &app,
        &c.lights_clerk,
        "POST",
        &format!("/api/v1/bucha/reports/{id}/notes"),
        json!({"body": "Бригада Іванова, наряд 17."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(v["history"].as_array().unwrap().iter().any(|e| e["kind"] == "note"));
    let (_, public) = get_json(&app, &format!("/api/v1/bucha/reports/{id}")).await;
    let kinds: Vec<&str> = public["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["status", "status", "status", "reassigned", "status", "reply"]);
    assert!(!public.to_string().contains("Бригада"));

    // Only the reporter answers the fix: Olena reopens it.
    let feedback = format!("/api/v1/bucha/reports/{id}/feedback");
    let (status, e) = send(&app, &c.petro, "POST", &feedback, json!({"action": "confirm"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(e["error"]["message"].as_str().unwrap().contains("reported"), "{e}");
    let (status, e) = send(&app, &c.olena, "POST", &feedback, json!({"action": "maybe"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let (status, r) = send(
        &app,
        &c.olena,
        "POST",
        &feedback,
        json!({"action": "reopen", "body": "Знову темно."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        (r["status"].clone(), r["reopened"].clone()),
        (json!("reopened"), json!(1))
    );
    let (_, stats) = get_json(&app, "/api/v1/bucha/report-stats").await;
    let lights = stats["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["department_id"] == c.lights)
        .unwrap();
    assert_eq!(
        (lights["open"].clone(), lights["reopened"].clone()),
        (json!(1), json!(1))
    );
    // The admin resolves it again (administrators handle every report),
    // Olena confirms, once.
    let (status, _) = send(&app, &c.admin, "POST", &status_path, json!({"status": "resolved"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, r) = send(&app, &c.olena, "POST", &feedback, json!({"action": "confirm"})).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert!(r["confirmed_at"].is_i64());
    let (status, e) = send(&app, &c.olena, "POST", &feedback, json!({"action": "reopen"})).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("feedback_closed"))
    );
    // A resolved report takes no more voices or moves.
    let (status, _) = send(&app, &c.petro, "PUT", &voice, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = send(
        &app,
        &c.admin,
        "POST",
        &status_path,
        json!({"status": "rejected", "reason": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Every status change is audited; the set-up too.
    let audited = query_i64(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'report_status'").await;
    assert_eq!(audited, 4);
    let set_up = query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('report_department_created', 'report_category_created', 'department_member_added')",
    )
    .await;
    assert_eq!(set_up, 6);

    // A rejection says why.
    let (_, r) = report(
        &app,
        &c.petro,
        json!({"category": c.potholes, "body": "Яма на приватному подвір'ї.", "address": "пров. Тихий, 3"}),
    )
    .await;
    let other = r["id"].as_i64().unwrap();
    let path = format!("/api/v1/bucha/reports/{other}/status");
    let (status, e) = send(&app, &c.roads_clerk, "POST", &path, json!({"status": "rejected"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["fields"][0]["code"], "reason_required");
    let (status, r) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &path,
        json!({"status": "rejected", "reason": "Приватна територія."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (r["status"].clone(), r["reason"].clone()),
        (json!("rejected"), json!("Приватна територія."))
    );
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let c = city(&app).await;
    let before = (count(&app, "reports").await, count(&app, "report_events").await);
    let cases = [
        (
            json!({"category": c.potholes, "body": "Яма", "address": "центр"}),
            "body",
            "report_too_short",
        ),
        (
            json!({"body": "Глибока яма на дорозі.", "address": "центр"}),
            "category",
            "invalid_report_category",
        ),
        (
            json!({"category": 999_999, "body": "Глибока яма на дорозі.", "address": "центр"}),
            "category",
            "invalid_report_category",
        ),
        (
            json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": 91.0, "lon": 30.0}),
            "lat",
            "invalid_latitude",
        ),
        (
            json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": 50.0, "lon": 181.0}),
            "lon",
            "invalid_longitude",
        ),
        (
            json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": 50.0}),
            "lon",
            "invalid_longitude",
        ),
        (
            json!({"category": c.potholes, "body": "Глибока яма на дорозі."}),
            "address",
            "report_place_missing",
        ),
        (
            json!({"category": c.potholes, "body": "Яма".repeat(700), "address": "центр"}),
            "body",
            "report_too_long",
        ),
    ];
    for (body, field, code) in cases {
        let (status, e) = report(&app, &c.olena, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        let fields = e["error"]["fields"].as_array().unwrap();
        assert!(
            fields.iter().any(|f| f["field"] == field && f["code"] == code),
            "{body}: {e}"
        );
    }
    // Not numbers: refused by the JSON reader.
    let (status, _) = report(
        &app,
        &c.olena,
        json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": "north", "lon": 30}),
    )
    .await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::BAD_REQUEST,
        "{status}"
    );
    // Signed out: 401.
    let anonymous = (common::client(), String::new());
    let (status, _) = report(
        &app,
        &anonymous,
        json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "address": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        (count(&app, "reports").await, count(&app, "report_events").await),
        before
    );

    // Bad filters: 422 naming them; a cursor we did not make: 400.
    for (query, field) in [
        ("bbox=30.1,50.5,30.3", "bbox"),
        ("bbox=30.3,50.5,30.1,50.6", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=30.1,95,30.3,96", "bbox"),
        ("status=lost", "status"),
        ("category=potholes", "category"),
    ] {
        let (status, e) = get_json(&app, &format!("/api/v1/bucha/reports?{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {e}");
        assert_eq!(e["error"]["fields"][0]["field"], field, "{query}");
    }
    let (status, _) = get_json(&app, "/api/v1/bucha/reports?cursor=zzz").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Set-up: only administrators; a resident's account cannot join a
    // department; a category needs a department and a target time.
    let (status, _) = post_form(
        &app,
        &c.olena,
        "/bucha/admin/reports/departments",
        &[("name", "Моя служба")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_form(
        &app,
        &c.admin,
        "/bucha/admin/reports/members",
        &[("department", &c.roads.to_string()), ("email", "olena@example.org")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("error-summary"), "{body}");
    let (status, _) = post_form(
        &app,
        &c.admin,
        "/bucha/admin/reports/categories",
        &[("name_uk", "Сміття"), ("department", "999999"), ("target_days", "0")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post_form(
        &app,
        &c.admin,
        "/bucha/admin/reports/departments",
        &[("name", "Служба доріг")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "departments").await, 2);
    assert_eq!(count(&app, "report_categories").await, 2);
    assert_eq!(count(&app, "department_members").await, 2);

    // The city's area: a point outside it is refused; a bad area too.
    let (status, _) = post_form(
        &app,
        &c.admin,
        "/bucha/admin/reports/area",
        &[("area", "30.1,50.5,30.3")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post_form(
        &app,
        &c.admin,
        "/bucha/admin/reports/area",
        &[("area", "30.16,50.51,30.27,50.58")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, cats) = get_json(&app, "/api/v1/bucha/report-categories").await;
    assert_eq!(cats["area"]["min_lat"], 50.51);
    let far = json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": 49.84, "lon": 24.03});
    let (status, e) = report(&app, &c.olena, far.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["fields"][0]["code"], "outside_area");
    let (status, _) = report(
        &app,
        &c.olena,
        json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "lat": 50.54, "lon": 30.21}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = post_form(&app, &c.admin, "/bucha/admin/reports/area", &[("area", "")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = report(&app, &c.olena, far).await;
    assert_eq!(status, StatusCode::CREATED, "no area: any point");

    // Another tenant's report is a missing one.
    tenant(&app.db, "irpin", None).await;
    person(&app, "irpin", "admin@irpin.example.org", "admin").await;
    let stranger = session(&app, "irpin", "admin@irpin.example.org").await;
    let (_, r) = report(
        &app,
        &c.olena,
        json!({"category": c.potholes, "body": "Глибока яма на дорозі.", "address": "центр"}),
    )
    .await;
    let id = r["id"].as_i64().unwrap();
    let (status, _) = send(
        &app,
        &stranger,
        "GET",
        &format!("/api/v1/irpin/reports/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = send(
        &app,
        &stranger,
        "POST",
        &format!("/api/v1/irpin/reports/{id}/status"),
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get_json(&app, "/api/v1/bucha/reports/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn lists_filter_page_and_count_overdue(app: TestApp) {
    let c = city(&app).await;
    // 23 potholes along a street and 2 streetlights elsewhere.
    for n in 0..23 {
        let (status, _) = report(
            &app,
            &c.petro,
            json!({"category": c.potholes, "body": format!("Яма номер {n} на вулиці."), "lat": 50.54 + n as f64 * 0.001, "lon": 30.21}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    for n in 0..2 {
        report(
            &app,
            &c.olena,
            json!({"category": c.streetlights, "body": format!("Ліхтар {n} не світить."), "lat": 50.60, "lon": 30.30 + n as f64 * 0.001}),
        )
        .await;
    }
    // Pages of 20, newest first, with a cursor to the next.
    let (_, first) = get_json(&app, "/api/v1/bucha/reports").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (_, second) = get_json(&app, &format!("/api/v1/bucha/reports?cursor={cursor}")).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 5);
    assert_eq!(second["next_cursor"], Value::Null);
    let first_ids: Vec<i64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(first_ids.windows(2).all(|w| w[0] > w[1]));
    // By category, by status, by box (minLon,minLat,maxLon,maxLat).
    let (_, lights) = get_json(&app, &format!("/api/v1/bucha/reports?category={}", c.streetlights)).await;
    assert_eq!(lights["items"].as_array().unwrap().len(), 2);
    let (_, boxed) = get_json(&app, "/api/v1/bucha/reports?bbox=30.20,50.539,30.22,50.5445").await;
    assert_eq!(boxed["items"].as_array().unwrap().len(), 5, "{boxed}");
    let (_, resolved) = get_json(&app, "/api/v1/bucha/reports?status=resolved").await;
    assert_eq!(resolved["items"].as_array().unwrap().len(), 0);

    // A report past its target time: overdue in its own right, in the
    // statistics, and first in the queue.
    let oldest = query_i64(
        &app.db,
        &format!("SELECT MIN(id) FROM reports WHERE category_id = {}", c.streetlights),
    )
    .await;
    civic_testkit::testing::execute(
        &app.db,
        &format!(
            "UPDATE reports SET deadline_at = {} WHERE id = {oldest}",
            // The end of the day three days ago: three days overdue today.
            end_of_day(day_of(civic_core::Timestamp::now().0) - 3)
        ),
    )
    .await
    .unwrap();
    let (_, r) = get_json(&app, &format!("/api/v1/bucha/reports/{oldest}")).await;
    assert_eq!(r["days_overdue"], 3);
    let (_, stats) = get_json(&app, "/api/v1/bucha/report-stats").await;
    let lights = stats["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["department_id"] == c.lights)
        .unwrap();
    assert_eq!(
        (lights["open"].clone(), lights["overdue"].clone()),
        (json!(2), json!(1))
    );
    let (status, queue) = send(&app, &c.lights_clerk, "GET", "/api/v1/bucha/report-queue", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "only the clerk's department");
    assert_eq!(items[0]["id"], oldest);
    let (_, queue) = send(&app, &c.admin, "GET", "/api/v1/bucha/report-queue", json!({})).await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 25);
    assert_eq!(queue["items"][0]["id"], oldest);
    let (status, _) = send(&app, &c.olena, "GET", "/api/v1/bucha/report-queue", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn the_pages_work_without_javascript(app: TestApp) {
    let c = city(&app).await;
    let (_, r) = report(
        &app,
        &c.petro,
        json!({"category": c.potholes, "body": "Глибока яма біля зупинки.", "lat": 50.5437, "lon": 30.2128, "address": "вул. Вокзальна, 12"}),
    )
    .await;
    let existing = r["id"].as_i64().unwrap();

    // The list and its statistics, to anyone.
    let response = app.get("/bucha/reports").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains(&format!("/bucha/reports/{existing}")));
    assert!(page.contains("Служба доріг"));
    let (status, _) = html(&app, &(common::client(), String::new()), "/bucha/reports/new").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, form) = html(&app, &c.olena, "/bucha/reports/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("name=\"category\""));

    // A report 50 m away of the same kind: "is it one of these?" first.
    let fields = [
        ("category", c.potholes.to_string()),
        ("body", "Яма на дорозі, колесо пробила.".to_string()),
        ("address", "".to_string()),
        ("lat", "50.5441".to_string()),
        ("lon", "30.2128".to_string()),
    ];
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = count(&app, "reports").await;
    let (status, page) = post_form(&app, &c.olena, "/bucha/reports", &borrowed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("/bucha/reports/{existing}/voice")), "{page}");
    assert!(page.contains("name=\"step\" value=\"new\""));
    assert_eq!(count(&app, "reports").await, before);
    // She adds her voice instead…
    let (status, _) = post_form(&app, &c.olena, &format!("/bucha/reports/{existing}/voice"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "report_voices").await, 1);
    // …or sends it as new all the same.
    let mut again = borrowed.clone();
    again.push(("step", "new"));
    let response = c
        .olena
        .0
        .post(app.url("/bucha/reports"))
        .form(
            &[("csrf", c.olena.1.as_str())]
                .iter()
                .chain(again.iter())
                .collect::<Vec<_>>(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/bucha/reports/"), "{location}");
    assert_eq!(count(&app, "reports").await, before + 1);
    // A refused form keeps what was typed and names the problem.
    let (status, page) = post_form(
        &app,
        &c.olena,
        "/bucha/reports",
        &[("category", ""), ("body", "Коротко"), ("address", "вул. Тиха")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("error-summary") && page.contains("вул. Тиха"));

    // The clerk's queue, its CSV, and the report's forms.
    let (status, queue) = html(&app, &c.roads_clerk, "/bucha/reports/queue").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains(&format!("/bucha/reports/{existing}")));
    let (status, csv) = html(&app, &c.roads_clerk, "/bucha/reports/queue.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with("id,category,department"));
    assert_eq!(csv.lines().count(), 3);
    let (status, _) = html(&app, &c.olena, "/bucha/reports/queue").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = html(&app, &c.roads_clerk, &format!("/bucha/reports/{existing}")).await;
    assert!(page.contains("/status\"") && page.contains("/notes\""));
    let (_, page) = html(&app, &c.lights_clerk, &format!("/bucha/reports/{existing}")).await;
    assert!(!page.contains("/notes\""), "another department's staff get no forms");
    // Rejecting without a reason: the page again, 422, nothing changed.
    let path = format!("/bucha/reports/{existing}/status");
    let (status, page) = post_form(&app, &c.roads_clerk, &path, &[("status", "rejected"), ("reason", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#status-reason\""), "{page}");
    let (status, _) = post_form(&app, &c.roads_clerk, &path, &[("status", "resolved")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = post_form(
        &app,
        &c.roads_clerk,
        &format!("/bucha/reports/{existing}/replies"),
        &[("body", "Яму залатано.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = post_form(
        &app,
        &c.roads_clerk,
        &format!("/bucha/reports/{existing}/notes"),
        &[("body", "Асфальт холодний, перевірити навесні.")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The reporter sees the confirm and reopen forms; the public sees the
    // reply but not the note.
    let (_, page) = html(&app, &c.petro, &format!("/bucha/reports/{existing}")).await;
    assert!(page.contains("value=\"confirm\"") && page.contains("Яму залатано."));
    assert!(!page.contains("перевірити навесні"));
    let (status, _) = post_form(
        &app,
        &c.petro,
        &format!("/bucha/reports/{existing}/feedback"),
        &[("action", "confirm")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = html(&app, &c.roads_clerk, &format!("/bucha/reports/{existing}")).await;
    assert!(page.contains("перевірити навесні"));

    // The administrators' page.
    let (status, page) = html(&app, &c.admin, "/bucha/admin/reports").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Міське світло") && page.contains("roads@example.org"));
    let (status, _) = html(&app, &c.roads_clerk, "/bucha/admin/reports").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The demo city has data behind every reports path, ids found from lists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_has_reports_behind_every_path() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let (status, list) = get_json(&app, "/api/v1/demo/reports").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 20);
    let cursor = list["next_cursor"].as_str().unwrap();
    let (_, more) = get_json(&app, &format!("/api/v1/demo/reports?cursor={cursor}")).await;
    assert_eq!(more["items"].as_array().unwrap().len(), 20);
    let id = list["items"][0]["id"].as_i64().unwrap();
    let (status, one) = get_json(&app, &format!("/api/v1/demo/reports/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!one["history"].as_array().unwrap().is_empty());
    let (_, cats) = get_json(&app, "/api/v1/demo/report-categories").await;
    assert_eq!(cats["items"].as_array().unwrap().len(), 4);
    let (_, stats) = get_json(&app, "/api/v1/demo/report-stats").await;
    let overdue: i64 = stats["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["overdue"].as_i64().unwrap())
        .sum();
    assert!(overdue > 0);
    // Around the centre: a box of about 3 km holds them all.
    let (status, boxed) = get_json(
        &app,
        "/api/v1/demo/reports?bbox=30.18,50.52,30.24,50.57&status=received",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!boxed["items"].as_array().unwrap().is_empty());
    for path in ["/demo/reports", &format!("/demo/reports/{id}")] {
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "{path}");
    }
}
