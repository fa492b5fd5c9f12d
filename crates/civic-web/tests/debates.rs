//! Debates on both backends: set up by an official, argued on both sides
//! with replies, convincing marks (idempotent), stances that change and
//! leave a history, and a conclusion by an official only that closes the
//! debate and tells its participants; bad input is refused with a clear
//! code and stores nothing; the page works as plain forms.

mod common;

use civic_testkit::testing::query_i64;
use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    argue_reply_convince_stand_and_conclude,
    bad_input_is_refused_and_stores_nothing,
    closed_debates_and_other_tenants,
    the_page_works_without_javascript,
    a_deleted_account_leaves_its_arguments_unnamed,
);

struct Town {
    space: i64,
    clerk: (Client, String),
    olena: (Client, String),
    petro: (Client, String),
}

async fn town(app: &TestApp) -> Town {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let space = space(&app.db, t, "Центр міста").await.0;
    person(app, "bucha", "clerk@example.org", "official").await;
    person(app, "bucha", "olena@example.org", "citizen").await;
    person(app, "bucha", "petro@example.org", "citizen").await;
    Town {
        space,
        clerk: session(app, "bucha", "clerk@example.org").await,
        olena: session(app, "bucha", "olena@example.org").await,
        petro: session(app, "bucha", "petro@example.org").await,
    }
}

async fn debate(app: &TestApp, town: &Town, body: Value) -> i64 {
    let (status, d) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/debates", town.space),
        body,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{d}");
    d["id"].as_i64().unwrap()
}

async fn argue(app: &TestApp, who: &(Client, String), debate: i64, body: Value) -> (StatusCode, Value) {
    send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/debates/{debate}/arguments"),
        body,
    )
    .await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    query_i64(&app.db, &format!("SELECT COUNT(*) FROM {table}")).await
}

async fn argue_reply_convince_stand_and_conclude(app: TestApp) {
    let town = town(&app).await;
    let d = debate(
        &app,
        &town,
        json!({"question": "Чи робити вулицю Шевченка пішохідною?", "description": "Від площі до бібліотеки."}),
    )
    .await;
    // Listed in its space, open, with its id.
    let list: Value = app
        .get(&format!("/api/v1/bucha/spaces/{}/debates", town.space))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["id"], d);
    assert_eq!(list["items"][0]["status"], "open");

    let (status, pro) = argue(
        &app,
        &town.olena,
        d,
        json!({"side": "for", "body": "Безпечніше для дітей."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{pro}");
    assert_eq!(pro["side"], "for");
    let pro = pro["id"].as_i64().unwrap();
    let (status, contra) = argue(
        &app,
        &town.petro,
        d,
        json!({"side": "against", "body": "Крамницям потрібен під'їзд."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let contra = contra["id"].as_i64().unwrap();
    let (_, weak) = argue(
        &app,
        &town.petro,
        d,
        json!({"side": "against", "body": "Автобус поїде в об'їзд."}),
    )
    .await;
    let weak = weak["id"].as_i64().unwrap();
    // A reply takes its argument's side when it names none.
    let (status, reply) = argue(
        &app,
        &town.olena,
        d,
        json!({"body": "Завезення можна дозволити зранку.", "parent_id": contra}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(
        (reply["parent_id"].as_i64(), reply["side"].as_str()),
        (Some(contra), Some("against"))
    );
    // Petro hears of the reply to his argument.
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'debate_reply'"
        )
        .await,
        1
    );

    // Convincing: idempotent; withdrawn by DELETE; never one's own.
    let path = format!("/api/v1/bucha/arguments/{weak}/convincing");
    for _ in 0..2 {
        let (status, a) = send(&app, &town.olena, "PUT", &path, json!({})).await;
        assert_eq!(status, StatusCode::OK, "{a}");
        assert_eq!(a["convincing"], 1);
    }
    let (status, a) = send(&app, &town.clerk, "PUT", &path, json!({})).await;
    assert_eq!((status, a["convincing"].as_i64()), (StatusCode::OK, Some(2)));
    let (status, a) = send(&app, &town.petro, "PUT", &path, json!({})).await;
    assert_eq!(
        (status, a["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("own_argument"))
    );
    for _ in 0..2 {
        let (status, a) = send(&app, &town.clerk, "DELETE", &path, json!({})).await;
        assert_eq!((status, a["convincing"].as_i64()), (StatusCode::OK, Some(1)));
    }
    assert_eq!(count(&app, "debate_convincing").await, 1);

    // Stances: stated, changed; one current each, every change kept.
    let stance = format!("/api/v1/bucha/debates/{d}/stance");
    let (status, s) = send(&app, &town.olena, "PUT", &stance, json!({"stance": "undecided"})).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    send(&app, &town.olena, "PUT", &stance, json!({"stance": "for"})).await;
    let (_, s) = send(&app, &town.petro, "PUT", &stance, json!({"stance": "against"})).await;
    assert_eq!(s["balance"], json!({"for": 1, "against": 1, "undecided": 0}));
    assert_eq!(count(&app, "debate_stances").await, 2);
    assert_eq!(count(&app, "debate_stance_history").await, 3);

    // The debate: strongest first on each side, replies under their argument.
    let (status, v) = send(
        &app,
        &town.olena,
        "GET",
        &format!("/api/v1/bucha/debates/{d}"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["arguments"]["for"][0]["id"], pro);
    assert_eq!(v["arguments"]["against"][0]["id"], weak, "the convincing one first");
    assert_eq!(v["arguments"]["against"][1]["replies"][0]["parent_id"], contra);
    assert_eq!(v["my_stance"], "for");
    assert_eq!(v["my_convincing"], json!([weak]));
    assert_eq!(v["balance_history"].as_array().unwrap().len(), 1);
    assert_eq!(v["balance_history"][0]["for"], 1);
    let (_, newest) = send(
        &app,
        &town.olena,
        "GET",
        &format!("/api/v1/bucha/debates/{d}?sort=newest"),
        json!({}),
    )
    .await;
    assert_eq!(newest["arguments"]["against"][0]["id"], weak);
    assert_eq!(newest["arguments"]["against"][1]["id"], contra);

    // Only officials conclude; the conclusion cites this debate's arguments.
    let conclusion = format!("/api/v1/bucha/debates/{d}/conclusion");
    let body = json!({"text": "Вулицю закриють для авто, завезення — до 10:00.", "arguments": [pro, contra]});
    let (status, _) = send(&app, &town.olena, "POST", &conclusion, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, v) = send(&app, &town.clerk, "POST", &conclusion, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["status"], "concluded");
    assert_eq!(v["conclusion"]["arguments"], json!([pro, contra]));
    assert_eq!(v["arguments"]["for"][0]["cited"], true);
    // Olena and Petro argued and stated stances: each is told once.
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'debate_concluded'"
        )
        .await,
        2
    );
    let (c, _) = &town.petro;
    let n: Value = c
        .get(app.url("/api/v1/bucha/me/notifications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(n["items"][0]["kind"], "debate_concluded");
    assert_eq!(n["items"][0]["debate_id"], d);
    let id = n["items"][0]["id"].as_i64().unwrap();
    let opened = c
        .get(app.url(&format!("/bucha/notifications/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        opened.headers()["location"].to_str().unwrap(),
        format!("/bucha/debates/{d}")
    );

    // Concluded: no second conclusion, no new arguments, stances or marks.
    let (status, e) = send(&app, &town.clerk, "POST", &conclusion, body).await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("debate_concluded"))
    );
    let before = count(&app, "debate_arguments").await;
    let (status, e) = argue(&app, &town.olena, d, json!({"side": "for", "body": "Ще один."})).await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("debate_concluded"))
    );
    assert_eq!(count(&app, "debate_arguments").await, before);
    let (status, _) = send(&app, &town.olena, "PUT", &stance, json!({"stance": "against"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/arguments/{pro}/convincing"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Staff export every contribution as CSV; residents may not.
    let csv = format!("/bucha/debates/{d}/contributions.csv");
    let response = town.clerk.0.get(app.url(&csv)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(text.starts_with("kind,id,parent_id,author,value,text,at\r\n"), "{text}");
    assert_eq!(text.matches("\r\nargument,").count(), 4, "{text}");
    assert_eq!(text.matches("\r\nstance,").count(), 3, "{text}");
    assert_eq!(text.matches("\r\nconvincing,").count(), 1, "{text}");
    let response = town.olena.0.get(app.url(&csv)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let town = town(&app).await;
    let d = debate(&app, &town, json!({"question": "Чи робити вулицю пішохідною?"})).await;
    let long = "ї".repeat(1001);
    for (body, status, code) in [
        (
            json!({"side": "for", "body": "   "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "argument_empty",
        ),
        (
            json!({"side": "for", "body": long}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "argument_too_long",
        ),
        (
            json!({"side": "maybe", "body": "Так."}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_side",
        ),
        (
            json!({"body": "Без боку."}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_side",
        ),
        (
            json!({"side": 1, "body": "Так."}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json",
        ),
        (
            json!({"side": "for", "body": "Так.", "parent_id": 999_999}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_reply_target",
        ),
    ] {
        let (got, e) = argue(&app, &town.olena, d, body.clone()).await;
        assert_eq!((got, e["error"]["code"].as_str()), (status, Some(code)), "{body}: {e}");
    }
    let (status, _) = town
        .olena
        .0
        .post(app.url(&format!("/api/v1/bucha/debates/{d}/arguments")))
        .header("x-csrf-token", &town.olena.1)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Exactly 1,000 characters is an argument.
    let (status, _) = argue(&app, &town.olena, d, json!({"side": "for", "body": "ї".repeat(1000)})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(count(&app, "debate_arguments").await, 1);

    let (status, e) = send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/debates/{d}/stance"),
        json!({"stance": "maybe"}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_stance"))
    );
    assert_eq!(count(&app, "debate_stances").await, 0);

    // Signed out: 401, nothing stored.
    let anonymous = client();
    let response = anonymous
        .post(app.url(&format!("/api/v1/bucha/debates/{d}/arguments")))
        .json(&json!({"side": "for", "body": "Анонімно."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(count(&app, "debate_arguments").await, 1);

    // A conclusion must cite this debate's arguments and say something.
    let other = debate(&app, &town, json!({"question": "Інше питання міста?"})).await;
    let (_, foreign) = argue(&app, &town.olena, other, json!({"side": "for", "body": "Чужий."})).await;
    let conclusion = format!("/api/v1/bucha/debates/{d}/conclusion");
    for (body, field) in [
        (json!({"text": "Коротко", "arguments": []}), "text"),
        (
            json!({"text": "Рішення міста таке.", "arguments": [foreign["id"]]}),
            "arguments",
        ),
    ] {
        let (status, e) = send(&app, &town.clerk, "POST", &conclusion, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["error"]["fields"][0]["field"], field, "{e}");
    }
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM debates WHERE concluded_at IS NOT NULL").await,
        0
    );

    // Setting up: a question and sensible dates, officials only.
    let create = format!("/api/v1/bucha/spaces/{}/debates", town.space);
    let (status, e) = send(
        &app,
        &town.clerk,
        "POST",
        &create,
        json!({"question": "?", "opens_on": "2027-02-01", "closes_on": "2027-01-01"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = e["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["question", "closes_on"], "{e}");
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &create,
        json!({"question": "Чи можна мені?"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "debates").await, 2);
}

async fn closed_debates_and_other_tenants(app: TestApp) {
    let town = town(&app).await;
    // A debate whose window has passed takes nothing.
    let d = debate(
        &app,
        &town,
        json!({"question": "Чи потрібен новий ринок?", "opens_on": "2020-01-01", "closes_on": "2020-01-31"}),
    )
    .await;
    let (status, e) = argue(&app, &town.olena, d, json!({"side": "for", "body": "Так."})).await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("debate_closed"))
    );
    assert_eq!(count(&app, "debate_arguments").await, 0);

    // Another tenant's debate is not found under this tenant's name.
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    let there = space(&app.db, irpin, "Ірпінь").await;
    let theirs = civic_testkit::debates::Debates::of(&app.db, irpin)
        .create(&civic_testkit::debates::NewDebate {
            space: there,
            question: "Питання Ірпеня?",
            description: "",
            moderator: None,
            opens_at: None,
            closes_at: None,
        })
        .await
        .unwrap();
    let (status, _) = argue(&app, &town.olena, theirs, json!({"side": "for", "body": "Так."})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/v1/bucha/debates/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/bucha/debates/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/bucha/debates/abc").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&app, "debate_arguments").await, 0);
}

async fn the_page_works_without_javascript(app: TestApp) {
    let town = town(&app).await;
    let d = debate(
        &app,
        &town,
        json!({"question": "Чи робити вулицю Шевченка пішохідною?"}),
    )
    .await;
    let (c, csrf) = &town.olena;
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = app.url(&path);
        async move { c.post(url).form(&form).send().await.unwrap() }
    };
    // An empty argument: the page again (422) with the error; nothing stored.
    let response = post(
        format!("/bucha/debates/{d}/arguments"),
        vec![("csrf", csrf.clone()), ("side", "for".into()), ("body", " ".into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("error-summary") && html.contains("Напишіть аргумент"),
        "{html}"
    );
    // The summary leads to the box of the form sent, which says what is wrong.
    assert!(
        html.contains("href=\"#body-for\"") && html.contains("id=\"body-for-error\""),
        "{html}"
    );
    assert_eq!(count(&app, "debate_arguments").await, 0);
    let response = post(
        format!("/bucha/debates/{d}/arguments"),
        vec![
            ("csrf", csrf.clone()),
            ("side", "against".into()),
            ("body", "Крамницям потрібен під'їзд.".into()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = response.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("done=argued#argument-"), "{to}");
    let argument = query_i64(&app.db, "SELECT MAX(id) FROM debate_arguments").await;
    let response = post(
        format!("/bucha/debates/{d}/stance"),
        vec![("csrf", csrf.clone()), ("stance", "against".into())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Petro finds it convincing with a button.
    let (pc, pcsrf) = &town.petro;
    let response = pc
        .post(app.url(&format!("/bucha/arguments/{argument}/convincing")))
        .form(&[("csrf", pcsrf.as_str()), ("action", "mark")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = pc
        .get(app.url(&format!("/bucha/debates/{d}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Крамницям потрібен під"), "{page}");
    assert!(page.contains("name=\"action\" value=\"withdraw\""), "{page}");
    assert!(page.contains("Аргументи за") && page.contains("Аргументи проти"));
    assert!(page.contains("<caption>"), "the balance is a table too");
    assert!(page.len() < 50_000, "{} bytes", page.len());
    // The official concludes with a form, citing the argument.
    let (cc, ccsrf) = &town.clerk;
    let page = cc
        .get(app.url(&format!("/bucha/debates/{d}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("name=\"argument\" value=\"{argument}\"")),
        "{page}"
    );
    let response = cc
        .post(app.url(&format!("/bucha/debates/{d}/conclusion")))
        .form(&[
            ("csrf", ccsrf.as_str()),
            ("text", "Залишаємо під'їзд для завезення зранку."),
            ("argument", &argument.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = app.get(&format!("/bucha/debates/{d}")).await.text().await.unwrap();
    assert!(
        page.contains("Висновок міста") && page.contains("Враховані аргументи"),
        "{page}"
    );
    assert!(
        !page.contains("name=\"body\""),
        "a concluded debate shows no argument form"
    );
    // The space page lists the debate; officials get the link to start one.
    let space = cc
        .get(app.url(&format!("/bucha/spaces/{}", town.space)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(space.contains(&format!("href=\"/bucha/debates/{d}\"")), "{space}");
    assert!(space.contains(&format!("/bucha/spaces/{}/debates/new", town.space)));
    let form = cc
        .get(app.url(&format!("/bucha/spaces/{}/debates/new", town.space)))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let response = cc
        .post(app.url(&format!("/bucha/spaces/{}/debates/new", town.space)))
        .form(&[("csrf", ccsrf.as_str()), ("question", "Де поставити нову зупинку?")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "debates").await, 2);
}

async fn a_deleted_account_leaves_its_arguments_unnamed(app: TestApp) {
    let town = town(&app).await;
    let d = debate(&app, &town, json!({"question": "Чи робити вулицю пішохідною?"})).await;
    let (_, mine) = argue(&app, &town.olena, d, json!({"side": "for", "body": "Безпечніше."})).await;
    let (_, theirs) = argue(&app, &town.petro, d, json!({"side": "against", "body": "Незручно."})).await;
    argue(
        &app,
        &town.petro,
        d,
        json!({"body": "Відповідь Олені.", "parent_id": mine["id"]}),
    )
    .await;
    send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/arguments/{}/convincing", theirs["id"]),
        json!({}),
    )
    .await;
    send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/debates/{d}/stance"),
        json!({"stance": "for"}),
    )
    .await;
    // Olena's reply notification is about the debate; the deletion goes on.
    let r = town
        .olena
        .0
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &town.olena.1)
        .json(&json!({"password": common::world::PASSWORD, "contributions": "keep"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(count(&app, "debate_arguments").await, 3);
    assert_eq!(count(&app, "debate_convincing").await, 0);
    assert_eq!(count(&app, "debate_stances").await, 0);
    assert_eq!(count(&app, "debate_stance_history").await, 0);
    let v: Value = app
        .get(&format!("/api/v1/bucha/debates/{d}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["arguments"]["for"][0]["author_name"], Value::Null, "{v}");
    assert_eq!(v["arguments"]["against"][0]["convincing"], 0);
}

/// The demo city: two debates discoverable from its spaces through the API,
/// one concluded; each answers on the API and as a page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_has_two_debates() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let spaces: Value = app.get("/api/v1/demo/spaces").await.json().await.unwrap();
    let mut found = Vec::new();
    for s in spaces["items"].as_array().unwrap() {
        let list: Value = app
            .get(&format!("/api/v1/demo/spaces/{}/debates", s["id"]))
            .await
            .json()
            .await
            .unwrap();
        found.extend(list["items"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(found.len(), 2, "{found:?}");
    let statuses: Vec<&str> = found.iter().filter_map(|d| d["status"].as_str()).collect();
    assert!(
        statuses.contains(&"open") && statuses.contains(&"concluded"),
        "{statuses:?}"
    );
    for d in &found {
        let id = d["id"].as_i64().unwrap();
        let v: Value = app
            .get(&format!("/api/v1/demo/debates/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert!(!v["arguments"]["for"].as_array().unwrap().is_empty(), "{v}");
        assert!(!v["arguments"]["against"].as_array().unwrap().is_empty(), "{v}");
        assert!(v["balance_history"].as_array().unwrap().len() > 1, "{v}");
        if d["status"] == "concluded" {
            assert_eq!(v["conclusion"]["arguments"].as_array().unwrap().len(), 3, "{v}");
        }
        let page = app.get(&format!("/demo/debates/{id}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.len() < 50_000, "{} bytes", html.len());
        // In English (the visitor's choice), the Ukrainian text says which
        // language it is in.
        let en = client()
            .get(app.url(&format!("/demo/debates/{id}")))
            .header("cookie", "civic_lang=en")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(en.contains("<html lang=\"en\"") && en.contains("Arguments for"), "{en}");
        assert!(en.contains("<h1 lang=\"uk\">"), "{en}");
        if d["status"] == "concluded" {
            assert!(
                en.contains("The city&#39;s conclusion") || en.contains("The city's conclusion"),
                "{en}"
            );
        }
    }
}
