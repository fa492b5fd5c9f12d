//! Dialogue with the city (issue 20): the author and the signers of a
//! petition, the reporter and the supporters of a problem report follow
//! it and are told — in the app, by mail as they chose — what the city did;
//! the one who acted is not, unfollowing stops it, another municipality
//! cannot follow, an anonymous reporter is told but never named, and the
//! daily mode waits for the digest. A petition that failed to reach its
//! threshold is announced once by the background sweep, however often and
//! by however many nodes it runs; a department's staff hear of a report
//! handed to them and of the reporter's word on their fix. On SQLite and on
//! PostgreSQL.

mod common;

use civic_app::notifications::{self as notify, Mailing};
use civic_core::Timestamp;
use civic_core::notifications::Mode;
use civic_testkit::mail::Message;
use civic_testkit::tenants::TenantRecord;
use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    signers_hear_of_the_answer_and_the_actor_does_not,
    a_refusal_reaches_its_author_only,
    another_municipality_cannot_follow,
    report_followers_hear_of_status_and_replies,
    an_anonymous_reporter_is_told_but_never_named,
    the_daily_mode_waits_for_the_digest,
    a_failed_petition_is_announced_once_and_its_closing_too,
    a_department_hears_of_a_report_handed_to_it_and_of_the_reporters_word,
);

const BODY: &str =
    "Щоранку понад триста дітей переходять вулицю Шкільну без світлофора. Просимо облаштувати регульований перехід.";
const ANSWER: &str = "Рада підтримала петицію: перехід облаштуємо до вересня, світлофор — у наступному році.";

type Who = (Client, String);

struct Petitioners {
    record: TenantRecord,
    olena: Who,
    petro: Who,
    ivan: Who,
    clerk: Who,
}

/// Bucha with a threshold of two signatures, a clerk and three residents.
async fn petitioners(app: &TestApp) -> Petitioners {
    let town = town(app, "Петиції").await;
    person(app, "bucha", "admin@example.org", "admin").await;
    person(app, "bucha", "ivan@example.org", "citizen").await;
    let admin = session(app, "bucha", "admin@example.org").await;
    let (status, body) = send(
        app,
        &admin,
        "PUT",
        "/api/v1/bucha/petition-rules",
        json!({"threshold": 2, "period_days": 30, "min_age": 16, "check_days": 3, "answer_days": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    Petitioners {
        record: civic_testkit::tenants::by_slug(&app.db, "bucha")
            .await
            .unwrap()
            .unwrap(),
        olena: town.olena,
        petro: town.petro,
        ivan: session(app, "bucha", "ivan@example.org").await,
        clerk: town.clerk,
    }
}

/// A petition by `author`, drafted and submitted: its id.
async fn submitted(app: &TestApp, author: &Who, title: &str) -> i64 {
    let (status, d) = send(
        app,
        author,
        "POST",
        "/api/v1/bucha/petitions",
        json!({"title": title, "body": BODY}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    let id = d["id"].as_i64().unwrap();
    let (status, d) = send(
        app,
        author,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/submit"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    id
}

/// The caller's notifications, newest first: (kind, status, detail), and
/// the unread count.
async fn told(app: &TestApp, who: &Who) -> (Vec<(String, String, String)>, i64) {
    let (status, list) = send(app, who, "GET", "/api/v1/bucha/me/notifications", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let items = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (text(&n["kind"]), text(&n["status"]), text(&n["detail"])))
        .collect();
    (items, list["unread"].as_i64().unwrap())
}

fn statuses(items: &[(String, String, String)]) -> Vec<&str> {
    items.iter().map(|(_, s, _)| s.as_str()).collect()
}

fn mailing() -> Mailing {
    Mailing {
        texts: civic_web::i18n::Catalog::load(),
        base_url: "http://civic.test".into(),
    }
}

/// Mails what waits in `mode`, then every mail of the outbox.
async fn mail(app: &TestApp, record: &TenantRecord, mode: Mode) -> Vec<Message> {
    notify::mail_waiting(&app.platform, record, mode, &mailing())
        .await
        .unwrap();
    let mut mails = civic_testkit::mail::claim(&app.db, Timestamp(i64::MAX / 2), 1, 1000)
        .await
        .unwrap();
    mails.sort_by(|a, b| a.recipient.cmp(&b.recipient));
    mails
}

fn recipients(mails: &[Message]) -> Vec<&str> {
    mails.iter().map(|m| m.recipient.as_str()).collect()
}

async fn signers_hear_of_the_answer_and_the_actor_does_not(app: TestApp) {
    let p = petitioners(&app).await;
    let id = submitted(&app, &p.olena, "Перехід біля школи № 2").await;
    let path = format!("/api/v1/bucha/petitions/{id}");
    let (status, d) = send(
        &app,
        &p.clerk,
        "POST",
        &format!("{path}/review"),
        json!({"decision": "publish"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    // The author follows from the draft on: she hears it is published.
    assert_eq!(statuses(&told(&app, &p.olena).await.0), ["collecting"]);
    assert!(
        told(&app, &p.clerk).await.0.is_empty(),
        "the clerk who published is not told"
    );

    // Two signatures reach the threshold: everyone who follows hears of it,
    // the last signer too (it is the city's event, not theirs).
    let sign = format!("{path}/signatures");
    assert_eq!(
        send(&app, &p.petro, "POST", &sign, json!({})).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&app, &p.ivan, "POST", &sign, json!({})).await.0,
        StatusCode::CREATED
    );
    for who in [&p.olena, &p.petro, &p.ivan] {
        assert_eq!(told(&app, who).await.0[0].1, "succeeded");
    }
    let before = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(
        recipients(&before),
        [
            "ivan@example.org",
            "olena@example.org",
            "olena@example.org",
            "petro@example.org"
        ]
    );

    // Petro stops following with the button on the page (a plain form).
    let (_, page) = html(&app, &p.petro, &format!("/bucha/petitions/{id}")).await;
    assert!(
        page.contains(&format!("action=\"/bucha/petitions/{id}/follow\"")),
        "the button"
    );
    assert!(
        page.contains("value=\"unfollow\""),
        "a signer follows: the button stops it"
    );
    let (status, _) = post_form(
        &app,
        &p.petro,
        &format!("/bucha/petitions/{id}/follow"),
        &[("action", "unfollow")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = html(&app, &p.petro, &format!("/bucha/petitions/{id}?done=unfollowed")).await;
    assert!(page.contains("Ви більше не стежите за цим."), "the notice: {page}");
    assert!(page.contains("value=\"follow\""));

    // Forwarded and answered by the clerk: Olena and Ivan are told, with the
    // council's words; Petro, who stopped following, and the clerk are not.
    let (status, _) = send(&app, &p.clerk, "POST", &format!("{path}/forward"), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, d) = send(
        &app,
        &p.clerk,
        "POST",
        &format!("{path}/answer"),
        json!({"decision": "supported", "text": ANSWER}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (ivan, unread) = told(&app, &p.ivan).await;
    assert_eq!(statuses(&ivan), ["answered", "forwarded", "succeeded"]);
    assert_eq!(ivan[0], ("petition_status".into(), "answered".into(), ANSWER.into()));
    assert_eq!(unread, 3, "the unread count includes them");
    assert_eq!(statuses(&told(&app, &p.olena).await.0)[..2], ["answered", "forwarded"]);
    assert_eq!(statuses(&told(&app, &p.petro).await.0), ["succeeded"]);
    assert!(told(&app, &p.clerk).await.0.is_empty());

    // Mailed at once (the default), with the answer and the link.
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(
        recipients(&mails),
        [
            "ivan@example.org",
            "ivan@example.org",
            "olena@example.org",
            "olena@example.org"
        ]
    );
    let answered = mails
        .iter()
        .find(|m| m.recipient == "ivan@example.org" && m.body_text.contains("Є відповідь"))
        .expect("the answer's mail");
    assert!(
        answered.subject.contains("Перехід біля школи № 2"),
        "{}",
        answered.subject
    );
    assert!(answered.body_text.contains(ANSWER), "{}", answered.body_text);
    assert!(
        answered
            .body_text
            .contains(&format!("http://civic.test/bucha/petitions/{id}"))
    );
    assert!(answered.body_text.contains("у громаді"), "{}", answered.body_text);

    // The notifications page says it in words and leads to the petition.
    let (status, list) = html(&app, &p.ivan, "/bucha/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        list.contains("Петиція «Перехід біля школи № 2» тепер має статус: Є відповідь"),
        "{list}"
    );
    assert!(list.contains(ANSWER) && list.contains("Петиції"));
    let (_, n) = send(&app, &p.ivan, "GET", "/api/v1/bucha/me/notifications", json!({})).await;
    assert!(n["items"][0]["space_id"].is_null() && n["items"][0]["petition_id"] == id);
    let r = p
        .ivan
        .0
        .get(app.url(&format!("/bucha/notifications/{}", n["items"][0]["id"])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/bucha/petitions/{id}").as_str());
}

async fn a_refusal_reaches_its_author_only(app: TestApp) {
    let p = petitioners(&app).await;
    let id = submitted(&app, &p.olena, "Звільнити директора підприємства").await;
    // Nobody else can follow a petition they cannot see.
    let follow = format!("/api/v1/bucha/petitions/{id}/follow");
    assert_eq!(
        send(&app, &p.petro, "PUT", &follow, json!({})).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = post_form(
        &app,
        &p.petro,
        &format!("/bucha/petitions/{id}/follow"),
        &[("action", "follow")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let reason = "Пункт 4.3 Положення: кадрові питання не є предметом петиції.";
    let (status, d) = send(
        &app,
        &p.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/review"),
        json!({"decision": "refuse", "reason": reason}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (olena, _) = told(&app, &p.olena).await;
    assert_eq!(olena, [("petition_status".into(), "refused".into(), reason.into())]);
    assert!(told(&app, &p.petro).await.0.is_empty());
    assert!(told(&app, &p.clerk).await.0.is_empty());
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(recipients(&mails), ["olena@example.org"]);
    assert!(
        mails[0].body_text.contains(reason) && mails[0].body_text.contains("Відхилено"),
        "{}",
        mails[0].body_text
    );
}

async fn another_municipality_cannot_follow(app: TestApp) {
    let p = petitioners(&app).await;
    let c = city(&app).await;
    let id = submitted(&app, &p.olena, "Укриття на зупинці «Ринок»").await;
    send(
        &app,
        &p.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/review"),
        json!({"decision": "publish"}),
    )
    .await;
    let report = report(&app, &p.olena, c.potholes, false).await;
    tenant(&app.db, "irpin", None).await;
    person(&app, "irpin", "oksana@example.org", "citizen").await;
    let oksana = session(&app, "irpin", "oksana@example.org").await;
    for path in [
        format!("/api/v1/irpin/petitions/{id}/follow"),
        format!("/api/v1/irpin/reports/{report}/follow"),
        "/api/v1/irpin/petitions/abc/follow".to_string(),
        "/api/v1/irpin/reports/999999/follow".to_string(),
    ] {
        let (status, body) = send(&app, &oksana, "PUT", &path, json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found", "{path}: {body}");
    }
    for path in [
        format!("/irpin/petitions/{id}/follow"),
        format!("/irpin/reports/{report}/follow"),
    ] {
        let (status, _) = post_form(&app, &oksana, &path, &[("action", "follow")]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM follows WHERE user_id IN (SELECT id FROM users WHERE email = 'oksana@example.org')"
        )
        .await,
        0
    );
    // In its own municipality: follow and stop, idempotent, anything else
    // than follow/unfollow is a 400.
    let path = format!("/api/v1/bucha/reports/{report}/follow");
    for (method, following) in [("PUT", true), ("PUT", true), ("DELETE", false), ("DELETE", false)] {
        let (status, body) = send(&app, &p.petro, method, &path, json!({})).await;
        assert_eq!((status, body), (StatusCode::OK, json!({"following": following})));
    }
    let (status, _) = post_form(
        &app,
        &p.petro,
        &format!("/bucha/reports/{report}/follow"),
        &[("action", "maybe")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Bucha's departments and categories for reports (roads, with a clerk).
struct City {
    roads_clerk: Who,
    potholes: i64,
}

async fn city(app: &TestApp) -> City {
    person(app, "bucha", "boss@example.org", "admin").await;
    person(app, "bucha", "roads@example.org", "official").await;
    let admin = session(app, "bucha", "boss@example.org").await;
    let (status, _) = post_form(
        app,
        &admin,
        "/bucha/admin/reports/departments",
        &[("name", "Служба доріг")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let roads = query_i64(&app.db, "SELECT id FROM departments WHERE name = 'Служба доріг'").await;
    let (status, body) = post_form(
        app,
        &admin,
        "/bucha/admin/reports/members",
        &[("department", &roads.to_string()), ("email", "roads@example.org")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, body) = post_form(
        app,
        &admin,
        "/bucha/admin/reports/categories",
        &[
            ("name_uk", "Ями на дорогах"),
            ("name_en", "Potholes"),
            ("department", &roads.to_string()),
            ("target_days", "10"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    City {
        roads_clerk: session(app, "bucha", "roads@example.org").await,
        potholes: query_i64(
            &app.db,
            "SELECT id FROM report_categories WHERE name_uk = 'Ями на дорогах'",
        )
        .await,
    }
}

/// A report by `who`: its id.
async fn report(app: &TestApp, who: &Who, category: i64, anonymous: bool) -> i64 {
    let (status, r) = send(
        app,
        who,
        "POST",
        "/api/v1/bucha/reports",
        json!({"category": category, "body": "Глибока яма посеред дороги.", "address": "вул. Вокзальна, 12",
               "anonymous": anonymous}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    r["id"].as_i64().unwrap()
}

async fn report_followers_hear_of_status_and_replies(app: TestApp) {
    let p = petitioners(&app).await;
    let c = city(&app).await;
    let id = report(&app, &p.olena, c.potholes, false).await;
    let path = format!("/api/v1/bucha/reports/{id}");
    // Petro adds his voice and so follows it.
    assert_eq!(
        send(&app, &p.petro, "PUT", &format!("{path}/voice"), json!({})).await.0,
        StatusCode::OK
    );
    let (_, page) = html(&app, &p.petro, &format!("/bucha/reports/{id}")).await;
    assert!(page.contains(&format!("action=\"/bucha/reports/{id}/follow\"")) && page.contains("value=\"unfollow\""));

    let (status, d) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let reply = "Бригада приїде в четвер, яму залатаємо.";
    let (status, d) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/replies"),
        json!({"body": reply}),
    )
    .await;
    assert!(status.is_success(), "{d}");
    // An internal note tells nobody.
    let (status, d) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/notes"),
        json!({"body": "Наряд 17."}),
    )
    .await;
    assert!(status.is_success(), "{d}");
    for who in [&p.olena, &p.petro] {
        let (items, _) = told(&app, who).await;
        assert_eq!(
            items,
            [
                ("report_reply".into(), String::new(), reply.into()),
                ("report_status".into(), "in_progress".into(), String::new()),
            ]
        );
    }
    assert!(told(&app, &c.roads_clerk).await.0.is_empty(), "the clerk who acted");
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(recipients(&mails).len(), 4);
    assert!(
        mails
            .iter()
            .any(|m| m.body_text.contains(reply)
                && m.body_text.contains(&format!("http://civic.test/bucha/reports/{id}")))
    );

    // Resolved; Olena reopens: Petro hears it, she does not (she acted).
    send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "resolved"}),
    )
    .await;
    let (status, d) = send(
        &app,
        &p.olena,
        "POST",
        &format!("{path}/feedback"),
        json!({"action": "reopen", "body": "Яма знову тут."}),
    )
    .await;
    assert!(status.is_success(), "{d}");
    assert_eq!(statuses(&told(&app, &p.petro).await.0)[..2], ["reopened", "resolved"]);
    assert_eq!(statuses(&told(&app, &p.olena).await.0)[0], "resolved");

    // Petro stops following: the next change reaches Olena only.
    assert_eq!(
        send(&app, &p.petro, "DELETE", &format!("{path}/follow"), json!({}))
            .await
            .0,
        StatusCode::OK
    );
    send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(statuses(&told(&app, &p.olena).await.0)[0], "in_progress");
    assert_eq!(statuses(&told(&app, &p.petro).await.0)[0], "reopened");
    let (list, _) = told(&app, &p.olena).await;
    assert!(list.iter().all(|(k, _, _)| k.starts_with("report_")));
    let (_, page) = html(&app, &p.olena, "/bucha/notifications").await;
    assert!(
        page.contains("Повідомлення «№") && page.contains("Ями на дорогах, вул. Вокзальна, 12"),
        "{page}"
    );
    assert!(page.contains("Повідомлення про проблеми"));
}

/// The roads clerk takes report `id` up: in progress, and a public reply.
async fn taken_up(app: &TestApp, c: &City, id: i64) {
    let path = format!("/api/v1/bucha/reports/{id}");
    let (status, d) = send(
        app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "in_progress"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (status, d) = send(
        app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/replies"),
        json!({"body": "Беремо в роботу."}),
    )
    .await;
    assert!(status.is_success(), "{d}");
}

async fn an_anonymous_reporter_is_told_but_never_named(app: TestApp) {
    let p = petitioners(&app).await;
    let c = city(&app).await;
    let id = report(&app, &p.olena, c.potholes, true).await;
    taken_up(&app, &c, id).await;
    // She hears what the service does, as any reporter (she is asked to
    // confirm the fix later)...
    let (told, _) = told(&app, &p.olena).await;
    let kinds: Vec<&str> = told.iter().map(|(kind, _, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["report_reply", "report_status"], "{told:?}");
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert!(!mails.is_empty() && recipients(&mails).iter().all(|r| *r == "olena@example.org"));
    // ...and the public still does not learn who reported it.
    let public: serde_json::Value = app
        .get(&format!("/api/v1/bucha/reports/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["author_name"], serde_json::Value::Null, "{public}");
}

async fn the_daily_mode_waits_for_the_digest(app: TestApp) {
    let p = petitioners(&app).await;
    let c = city(&app).await;
    let id = report(&app, &p.olena, c.potholes, false).await;
    let (status, s) = send(
        &app,
        &p.olena,
        "PUT",
        "/api/v1/bucha/me/notification-settings",
        json!({"modes": {"report_status": "daily", "report_reply": "never"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["modes"]["petition_status"], "immediate");
    taken_up(&app, &c, id).await;
    assert_eq!(told(&app, &p.olena).await.0.len(), 2, "the list shows both");
    assert!(
        mail(&app, &p.record, Mode::Immediate).await.is_empty(),
        "daily waits, never never mails"
    );
    let digest = mail(&app, &p.record, Mode::Daily).await;
    assert_eq!(recipients(&digest), ["olena@example.org"]);
    assert!(digest[0].subject.contains("щоденне зведення"), "{}", digest[0].subject);
    assert!(
        digest[0].body_text.contains("У роботі") && !digest[0].body_text.contains("Беремо в роботу"),
        "{}",
        digest[0].body_text
    );
    assert!(mail(&app, &p.record, Mode::Daily).await.is_empty(), "once");
}

/// Publishes petition `id` (by the clerk).
async fn published(app: &TestApp, p: &Petitioners, id: i64) {
    let (status, d) = send(
        app,
        &p.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{id}/review"),
        json!({"decision": "publish"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
}

/// The kinds and statuses told to `who` about petition `id`, newest first.
async fn told_of_petition(app: &TestApp, who: &Who, id: i64) -> Vec<String> {
    let (status, list) = send(app, who, "GET", "/api/v1/bucha/me/notifications", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["petition_id"] == id)
        .map(|n| n["status"].as_str().unwrap_or("").to_string())
        .collect()
}

async fn a_failed_petition_is_announced_once_and_its_closing_too(app: TestApp) {
    let p = petitioners(&app).await;
    let tenant = p.record.tenant_id();
    let failed = submitted(&app, &p.olena, "Сквер на місці пустиря").await;
    let running = submitted(&app, &p.olena, "Велодоріжка до вокзалу").await;
    for id in [failed, running] {
        published(&app, &p, id).await;
        let sign = format!("/api/v1/bucha/petitions/{id}/signatures");
        assert_eq!(
            send(&app, &p.petro, "POST", &sign, json!({})).await.0,
            StatusCode::CREATED
        );
    }
    mail(&app, &p.record, Mode::Immediate).await;
    // Nothing ended yet: the sweep finds nothing.
    assert_eq!(
        civic_app::petitions::announce_failures(&app.platform, tenant)
            .await
            .unwrap(),
        0
    );
    // One period ended yesterday with one signature of two.
    civic_testkit::testing::execute(
        &app.db,
        &format!(
            "UPDATE petitions SET collect_until = {} WHERE id = {failed}",
            Timestamp::now().0 - 86_400_000
        ),
    )
    .await
    .unwrap();
    // Two nodes sweep at once, then one sweeps again: one announcement.
    let (a, b) = tokio::join!(
        civic_app::petitions::announce_failures(&app.platform, tenant),
        civic_app::petitions::announce_failures(&app.platform, tenant),
    );
    let again = civic_app::petitions::announce_failures(&app.platform, tenant)
        .await
        .unwrap();
    assert_eq!(a.unwrap() + b.unwrap() + again, 1, "announced once");
    // Olena heard it published; Petro signed after that.
    assert_eq!(told_of_petition(&app, &p.olena, failed).await, ["failed", "collecting"]);
    assert_eq!(told_of_petition(&app, &p.petro, failed).await, ["failed"]);
    assert_eq!(told_of_petition(&app, &p.olena, running).await, ["collecting"]);
    assert!(
        told_of_petition(&app, &p.petro, running).await.is_empty(),
        "still collecting"
    );
    assert!(
        told(&app, &p.ivan).await.0.is_empty(),
        "Ivan neither signed nor follows"
    );
    assert_eq!(
        query_i64(
            &app.db,
            &format!("SELECT COUNT(*) FROM notifications WHERE petition_id = {failed} AND status = 'failed'")
        )
        .await,
        2
    );
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(recipients(&mails), ["olena@example.org", "petro@example.org"]);
    assert!(
        mails[0].body_text.contains("Не набрала підписів") && mails[0].body_text.contains("Сквер на місці пустиря"),
        "{}",
        mails[0].body_text
    );
    let (_, page) = html(&app, &p.petro, "/bucha/notifications").await;
    assert!(
        page.contains("Петиція «Сквер на місці пустиря» тепер має статус: Не набрала підписів"),
        "{page}"
    );

    // The clerk closes it: its followers hear it, the clerk does not, and
    // the sweep has nothing more to say of it.
    let (status, d) = send(
        &app,
        &p.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{failed}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(
        told_of_petition(&app, &p.olena, failed).await,
        ["closed", "failed", "collecting"]
    );
    assert_eq!(told_of_petition(&app, &p.petro, failed).await, ["closed", "failed"]);
    assert!(told(&app, &p.clerk).await.0.is_empty(), "the clerk who acted");
    assert_eq!(
        civic_app::petitions::announce_failures(&app.platform, tenant)
            .await
            .unwrap(),
        0
    );
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(recipients(&mails), ["olena@example.org", "petro@example.org"]);
    assert!(mails[1].body_text.contains("Закрито"), "{}", mails[1].body_text);

    // A petition that failed and was closed before any sweep ran is told as
    // closed only, once.
    civic_testkit::testing::execute(
        &app.db,
        &format!(
            "UPDATE petitions SET collect_until = {} WHERE id = {running}",
            Timestamp::now().0 - 1_000
        ),
    )
    .await
    .unwrap();
    let (status, _) = send(
        &app,
        &p.clerk,
        "POST",
        &format!("/api/v1/bucha/petitions/{running}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        civic_app::petitions::announce_failures(&app.platform, tenant)
            .await
            .unwrap(),
        0
    );
    assert_eq!(told_of_petition(&app, &p.petro, running).await, ["closed"]);
}

/// The kinds, statuses and report ids told to `who` of kind report_department.
async fn told_department(app: &TestApp, who: &Who) -> Vec<(String, i64)> {
    let (status, list) = send(app, who, "GET", "/api/v1/bucha/me/notifications", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "report_department")
        .map(|n| {
            (
                n["status"].as_str().unwrap().to_string(),
                n["report_id"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn a_department_hears_of_a_report_handed_to_it_and_of_the_reporters_word(app: TestApp) {
    let p = petitioners(&app).await;
    let c = city(&app).await;
    // A second department, lighting, with its clerk and category.
    person(&app, "bucha", "light@example.org", "official").await;
    let admin = session(&app, "bucha", "boss@example.org").await;
    post_form(
        &app,
        &admin,
        "/bucha/admin/reports/departments",
        &[("name", "Служба освітлення")],
    )
    .await;
    let lighting = query_i64(&app.db, "SELECT id FROM departments WHERE name = 'Служба освітлення'").await;
    // The roads clerk helps lighting too: as the one who hands a report
    // over she is not told, as a member she hears the reporter's word.
    for email in ["light@example.org", "roads@example.org"] {
        let (status, body) = post_form(
            &app,
            &admin,
            "/bucha/admin/reports/members",
            &[("department", &lighting.to_string()), ("email", email)],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    let (status, body) = post_form(
        &app,
        &admin,
        "/bucha/admin/reports/categories",
        &[
            ("name_uk", "Не світить ліхтар"),
            ("name_en", "Streetlight out"),
            ("department", &lighting.to_string()),
            ("target_days", "5"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let lights = query_i64(
        &app.db,
        "SELECT id FROM report_categories WHERE name_uk = 'Не світить ліхтар'",
    )
    .await;
    let light_clerk = session(&app, "bucha", "light@example.org").await;

    // Olena files it under potholes; the roads clerk hands it to lighting.
    let id = report(&app, &p.olena, c.potholes, false).await;
    let path = format!("/api/v1/bucha/reports/{id}");
    let (status, d) = send(
        &app,
        &c.roads_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "not_ours", "category_id": lights, "reason": "Це освітлення."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(
        told_department(&app, &light_clerk).await,
        [("assigned".to_string(), id)]
    );
    assert!(told(&app, &c.roads_clerk).await.0.is_empty(), "the clerk who acted");
    assert!(told(&app, &p.olena).await.0.is_empty(), "routing is the city's own");
    let mails = mail(&app, &p.record, Mode::Immediate).await;
    assert_eq!(recipients(&mails), ["light@example.org"]);
    assert!(
        mails[0].body_text.contains("передано вашому підрозділу")
            && mails[0].body_text.contains("Не світить ліхтар")
            && mails[0]
                .body_text
                .contains(&format!("http://civic.test/bucha/reports/{id}")),
        "{}",
        mails[0].body_text
    );

    // Petro adds his voice (and so follows it).
    assert_eq!(
        send(&app, &p.petro, "PUT", &format!("{path}/voice"), json!({})).await.0,
        StatusCode::OK
    );
    // Fixed; Olena confirms: lighting's staff and Petro hear it, she does not.
    let (status, d) = send(
        &app,
        &light_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    let (status, d) = send(
        &app,
        &p.olena,
        "POST",
        &format!("{path}/feedback"),
        json!({"action": "confirm", "body": "Світить, дякую."}),
    )
    .await;
    assert!(status.is_success(), "{d}");
    assert_eq!(
        told_department(&app, &light_clerk).await,
        [("confirmed".to_string(), id), ("assigned".to_string(), id)]
    );
    assert!(
        told_department(&app, &p.olena).await.is_empty(),
        "the reporter who acted"
    );
    assert_eq!(
        told_department(&app, &c.roads_clerk).await,
        [("confirmed".to_string(), id)]
    );
    let (_, page) = html(&app, &light_clerk, "/bucha/notifications").await;
    assert!(
        page.contains("Автор підтвердив, що проблему з повідомлення «№"),
        "{page}"
    );
    let (petros, _) = told(&app, &p.petro).await;
    assert!(
        petros
            .iter()
            .any(|(kind, status, _)| kind == "report_status" && status == "confirmed"),
        "{petros:?}"
    );
    assert!(
        !told(&app, &p.olena)
            .await
            .0
            .iter()
            .any(|(_, status, _)| status == "confirmed"),
        "the reporter who confirmed"
    );
    let (_, page) = html(&app, &p.petro, "/bucha/notifications").await;
    assert!(
        page.contains("тепер має статус: Усунення підтверджено автором"),
        "{page}"
    );

    // Another report of lighting, which the clerk follows: reopened, she
    // hears it once, as a follower (report_status), and the reporter not.
    let second = report(&app, &p.petro, lights, false).await;
    let path = format!("/api/v1/bucha/reports/{second}");
    let (status, d) = send(
        &app,
        &light_clerk,
        "POST",
        &format!("{path}/status"),
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    // A third, not followed: the reopening reaches her as her department's.
    let third = report(&app, &p.petro, lights, false).await;
    let (status, d) = send(
        &app,
        &light_clerk,
        "POST",
        &format!("/api/v1/bucha/reports/{third}/status"),
        json!({"status": "resolved"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(
        send(&app, &light_clerk, "PUT", &format!("{path}/follow"), json!({}))
            .await
            .0,
        StatusCode::OK
    );
    for r in [second, third] {
        let (status, d) = send(
            &app,
            &p.petro,
            "POST",
            &format!("/api/v1/bucha/reports/{r}/feedback"),
            json!({"action": "reopen", "body": "Знову темно."}),
        )
        .await;
        assert!(status.is_success(), "{d}");
    }
    let (_, items) = send(&app, &light_clerk, "GET", "/api/v1/bucha/me/notifications", json!({})).await;
    let about = |r: i64| -> Vec<(String, String)> {
        items["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["report_id"] == r)
            .map(|n| {
                (
                    n["kind"].as_str().unwrap().to_string(),
                    n["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(about(second), [("report_status".to_string(), "reopened".to_string())]);
    assert_eq!(
        about(third),
        [("report_department".to_string(), "reopened".to_string())]
    );
    assert!(
        told_department(&app, &p.petro).await.is_empty(),
        "the reporter who acted"
    );

    // The kind has its setting, and words in English too.
    let (status, d) = send(
        &app,
        &light_clerk,
        "PUT",
        "/api/v1/bucha/me/notification-settings",
        json!({"modes": {"report_department": "daily"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["modes"]["report_department"], "daily");
    let (_, settings) = html(&app, &light_clerk, "/bucha/account/notifications").await;
    assert!(
        settings.contains("Повідомлення про проблеми мого підрозділу"),
        "{settings}"
    );
    let catalog = civic_web::i18n::Catalog::load();
    let en = |status| {
        catalog.notification_line(
            civic_core::Locale::En,
            "report_department",
            "№7 Streetlight out",
            None,
            Some(status),
        )
    };
    assert!(
        en("assigned").contains("was handed to your department"),
        "{}",
        en("assigned")
    );
    assert!(en("confirmed").contains("confirmed the fix"), "{}", en("confirmed"));
    assert!(en("reopened").contains("did not hold"), "{}", en("reopened"));
}

/// The demo city: Олена was told what the city did with a petition and two
/// reports she follows, in words on her page, and the official that a fix
/// was confirmed; none of it waits for mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_resident_has_been_told() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let olena = session(&app, "demo", "olena@demo.example.org").await;
    let (status, list) = send(&app, &olena, "GET", "/api/v1/demo/me/notifications", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let kinds: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    for kind in ["petition_status", "report_status", "report_reply"] {
        assert!(kinds.contains(&kind), "{kind}: {list}");
    }
    assert!(list["unread"].as_i64().unwrap() >= 4, "{list}");
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["status"] == "answered" && n["detail"].as_str().is_some_and(|d| !d.is_empty()))
    );
    let (status, page) = html(&app, &olena, "/demo/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("тепер має статус: Є відповідь"), "{page}");
    // The official, a member of every department, was told a reporter
    // confirmed a fix.
    let official = session(&app, "demo", "official@demo.example.org").await;
    let (status, page) = html(&app, &official, "/demo/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Автор підтвердив, що проблему з повідомлення"), "{page}");
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM notifications WHERE mail IN ('immediate', 'daily')"
        )
        .await,
        0,
        "history, not news"
    );
    assert!(query_i64(&app.db, "SELECT COUNT(*) FROM follows WHERE petition_id IS NOT NULL").await > 30);
}
