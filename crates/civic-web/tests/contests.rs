//! Contests and joint projects on both backends: a challenge set up by an
//! official with weighted criteria, submissions while open (public only
//! after), one public vote per resident (changeable, exactly once under
//! concurrency), jurors who declare conflicts and score within range while
//! their scores stay hidden, the weighted ranking with ties, the
//! announcement and the results; a winner becomes a joint project with a
//! milestone, an update and volunteers (a task never overfills); the
//! accountability list pages by cursor and filters by status; bad input is
//! refused and stores nothing; the pages work as plain forms.

mod common;

use civic_testkit::testing::{execute, query_i64};
use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    a_contest_from_challenge_to_winners_and_a_joint_project,
    bad_input_is_refused_and_stores_nothing,
    exactly_once_under_concurrency,
    the_accountability_list_pages_and_filters,
    the_pages_work_without_javascript,
);

type Who = (Client, String);

fn day(offset: i64) -> String {
    civic_core::Timestamp::now().minus_days(-offset).iso_date()
}

async fn contest(app: &TestApp, town: &Town, public_vote: bool) -> i64 {
    let (status, c) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/contests", town.space),
        json!({
            "title": "Логотип до 30-річчя громади",
            "brief": "Створіть логотип, який упізнають **усі**.",
            "rules": "Одна робота від особи.",
            "eligibility": "Мешканці від 14 років, окремо або командою.",
            "prizes": "10 000 грн",
            "public_vote": public_vote,
            "submissions_close_on": day(10),
            "vote_close_on": if public_vote { json!(day(15)) } else { Value::Null },
            "jury_close_on": day(20),
            "criteria": [
                {"name": "Оригінальність", "weight": 30},
                {"name": "Здійсненність", "weight": 40},
                {"name": "Вартість", "weight": 30}
            ]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    c["id"].as_i64().unwrap()
}

async fn submit(app: &TestApp, who: &Who, contest: i64, title: &str) -> (StatusCode, Value) {
    send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/contests/{contest}/submissions"),
        json!({"title": title, "description": "Опис рішення: що, як і скільки коштує."}),
    )
    .await
}

async fn advance(app: &TestApp, town: &Town, contest: i64) -> Value {
    let (status, c) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/contests/{contest}/advance"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    c
}

async fn count(app: &TestApp, table: &str) -> i64 {
    query_i64(&app.db, &format!("SELECT COUNT(*) FROM {table}")).await
}

async fn juror(app: &TestApp, town: &Town, contest: i64, email: &str) -> Who {
    person(app, "bucha", email, "citizen").await;
    let (status, j) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/contests/{contest}/jurors"),
        json!({"email": email}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{j}");
    session(app, "bucha", email).await
}

async fn scores(app: &TestApp, who: &Who, submission: i64, given: &[i64]) -> (StatusCode, Value) {
    let list: Vec<Value> = given
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"criterion": i + 1, "score": s, "comment": ""}))
        .collect();
    send(
        app,
        who,
        "PUT",
        &format!("/api/v1/bucha/submissions/{submission}/scores"),
        json!({ "scores": list }),
    )
    .await
}

async fn a_contest_from_challenge_to_winners_and_a_joint_project(app: TestApp) {
    let town = town(&app, "Центр міста").await;
    let c = contest(&app, &town, true).await;
    // Listed in its space (the contract path), taking submissions.
    let (_, list) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/contests", town.space)).await;
    assert_eq!(list["items"][0]["id"], c);
    assert_eq!(list["items"][0]["phase"], "submissions");
    let (_, shown) = get_json(&app, &format!("/api/v1/bucha/contests/{c}")).await;
    assert_eq!(shown["criteria"].as_array().unwrap().len(), 3);
    assert_eq!(shown["criteria"][1]["weight"], 40);

    let (status, a) = submit(&app, &town.olena, c, "Дуб над річкою").await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    let a = a["id"].as_i64().unwrap();
    let b = submit(&app, &town.petro, c, "Три хвилі").await.1["id"]
        .as_i64()
        .unwrap();
    let ivan = {
        person(&app, "bucha", "ivan@example.org", "citizen").await;
        session(&app, "bucha", "ivan@example.org").await
    };
    let d = submit(&app, &ivan, c, "Сонце над містом").await.1["id"]
        .as_i64()
        .unwrap();

    // Before the submission phase ends: a visitor sees none, an author
    // only their own.
    let path = format!("/api/v1/bucha/contests/{c}/submissions");
    let (status, anon) = get_json(&app, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (anon["published"].as_bool(), anon["items"].as_array().unwrap().len()),
        (Some(false), 0)
    );
    let (_, own) = send(&app, &town.olena, "GET", &path, json!({})).await;
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["id"], a);

    // The public vote: one vote, changeable; never for one's own.
    assert_eq!(advance(&app, &town, c).await["phase"], "vote");
    let (_, public) = get_json(&app, &path).await;
    assert_eq!(
        (public["published"].as_bool(), public["items"].as_array().unwrap().len()),
        (Some(true), 3)
    );
    let vote = format!("/api/v1/bucha/contests/{c}/vote");
    let (status, _) = send(&app, &town.olena, "PUT", &vote, json!({"submission_id": b})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send(&app, &town.olena, "PUT", &vote, json!({"submission_id": d})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, own_vote) = send(&app, &town.olena, "PUT", &vote, json!({"submission_id": a})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(own_vote["error"]["code"], "own_submission");
    send(&app, &town.petro, "PUT", &vote, json!({"submission_id": d})).await;
    send(&app, &ivan, "PUT", &vote, json!({"submission_id": b})).await;
    assert_eq!(count(&app, "contest_votes").await, 3);
    let (status, _) = send(&app, &ivan, "DELETE", &vote, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    send(&app, &ivan, "PUT", &vote, json!({"submission_id": a})).await;
    // A submission after the deadline is refused.
    let (status, late) = submit(&app, &town.petro, c, "Запізніла робота").await;
    assert_eq!(
        (status, late["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("contest_not_taking_submissions"))
    );

    // The jury: two jurors; one declares a conflict on Olena's work.
    assert_eq!(advance(&app, &town, c).await["phase"], "jury");
    let (status, _) = send(&app, &town.olena, "PUT", &vote, json!({"submission_id": b})).await;
    assert_eq!(status, StatusCode::CONFLICT, "the vote is over");
    let j1 = juror(&app, &town, c, "jury1@example.org").await;
    let j2 = juror(&app, &town, c, "jury2@example.org").await;
    let (status, _) = send(
        &app,
        &town.olena,
        "GET",
        &format!("/api/v1/bucha/contests/{c}/jury"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not a juror");
    let conflict = format!("/api/v1/bucha/submissions/{a}/conflict");
    assert_eq!(
        send(&app, &j2, "PUT", &conflict, json!({})).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, refused) = scores(&app, &j2, a, &[5, 5, 5]).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict_declared"))
    );
    // Juror 1: A 8/6/7 → 0.3·8 + 0.4·6 + 0.3·7 = 6.9; B 7/7/7 = 7; D 9/5/7 = 6.8.
    for (s, given) in [(a, [8, 6, 7]), (b, [7, 7, 7]), (d, [9, 5, 7])] {
        assert_eq!(scores(&app, &j1, s, &given).await.0, StatusCode::NO_CONTENT);
    }
    // Juror 2: B 7/7/7, D 9/9/7 → D averages 9/7/7 = 7.6.
    for (s, given) in [(b, [7, 7, 7]), (d, [9, 9, 7])] {
        assert_eq!(scores(&app, &j2, s, &given).await.0, StatusCode::NO_CONTENT);
    }
    // Scores stay hidden: a juror sees their own only, no ranking.
    let (_, sheet) = send(&app, &j1, "GET", &format!("/api/v1/bucha/contests/{c}/jury"), json!({})).await;
    assert!(sheet["ranking"].is_null(), "{sheet}");
    assert_eq!(sheet["submissions"].as_array().unwrap().len(), 3);
    let (_, sheet2) = send(&app, &j2, "GET", &format!("/api/v1/bucha/contests/{c}/jury"), json!({})).await;
    assert_eq!(
        sheet2["submissions"].as_array().unwrap().len(),
        2,
        "the conflict left the sheet"
    );
    assert_eq!(sheet2["conflicts"], json!([a]));
    let d_row = sheet2["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == d)
        .unwrap();
    assert_eq!(
        d_row["my_scores"][1]["score"], 9,
        "juror 2 sees their own score, not juror 1's 5"
    );
    let (status, _) = get_json(&app, &format!("/api/v1/bucha/contests/{c}/results")).await;
    assert_eq!(status, StatusCode::CONFLICT, "results before the announcement");

    // The jury phase ends: jurors see the ranking; officials announce.
    assert_eq!(advance(&app, &town, c).await["phase"], "deciding");
    let (_, sheet) = send(&app, &j1, "GET", &format!("/api/v1/bucha/contests/{c}/jury"), json!({})).await;
    let ranking = sheet["ranking"].as_array().unwrap();
    assert_eq!(ranking[0]["submission_id"], d);
    assert_eq!(ranking[0]["total"], 7.6);
    assert_eq!(ranking[1]["submission_id"], b);
    assert_eq!(ranking[2]["submission_id"], a);
    let (status, _) = scores(&app, &j1, b, &[1, 1, 1]).await;
    assert_eq!(status, StatusCode::CONFLICT, "no scoring after the jury phase");
    let winners = format!("/api/v1/bucha/contests/{c}/winners");
    let (status, _) = send(&app, &town.olena, "POST", &winners, json!({"awards": []})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, none) = send(
        &app,
        &town.clerk,
        "POST",
        &winners,
        json!({"awards": [{"submission_id": b, "award": "mention", "reason": "Сміливо."}]}),
    )
    .await;
    assert_eq!(
        (status, none["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("no_winner"))
    );
    let (status, results) = send(
        &app,
        &town.clerk,
        "POST",
        &winners,
        json!({"text": "Дякуємо всім!", "awards": [
            {"submission_id": d, "award": "winner", "reason": "Найкраще поєднує ідею та здійсненність."},
            {"submission_id": b, "award": "mention", "reason": "Сміливий образ."}
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{results}");
    let (status, again) = send(
        &app,
        &town.clerk,
        "POST",
        &winners,
        json!({"awards": [{"submission_id": a, "award": "winner", "reason": "Передумали."}]}),
    )
    .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("contest_not_deciding"))
    );
    // The results page: public, ranking with averages and votes.
    let (status, results) = get_json(&app, &format!("/api/v1/bucha/contests/{c}/results")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(results["ranking"][0]["submission"]["award"], "winner");
    assert_eq!(results["ranking"][0]["by_criterion"], json!([9.0, 7.0, 7.0]));
    assert_eq!(results["ranking"][0]["submission"]["votes"], 2);
    assert_eq!(results["total_votes"], 3);
    assert_eq!(results["contest"]["phase"], "announced");

    // The winner becomes a joint project with a milestone, an update and
    // a volunteer task.
    let (status, refused) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/projects", town.space),
        json!({"title": "Логотип на в'їзді", "goal": "Встановити знак з логотипом.", "department": "Відділ культури",
               "origin_kind": "submission", "origin_id": b}),
    )
    .await;
    assert_eq!(
        (status, refused["error"]["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_origin_id")),
        "a mention is not a winner: {refused}"
    );
    let (status, p) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/projects", town.space),
        json!({"title": "Логотип на в'їзді", "goal": "Встановити знак з логотипом.", "department": "Відділ культури",
               "budget": 250000, "starts_on": day(1), "ends_on": day(90), "origin_kind": "submission", "origin_id": d}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    let p = p["id"].as_i64().unwrap();
    let (status, with) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/projects/{p}/milestones"),
        json!({"title": "Ескіз знака", "planned_on": day(20)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{with}");
    let m = with["milestones"][0]["id"].as_i64().unwrap();
    let (status, done) = send(
        &app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/milestones/{m}"),
        json!({"status": "done"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(done["done_on"].is_string(), "done today when no day is given");
    let (status, _) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/projects/{p}/updates"),
        json!({"body": "Ескіз погоджено з автором."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, with) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/projects/{p}/tasks"),
        json!({"title": "Фарбування знака", "capacity": 2}),
    )
    .await;
    let task = with["tasks"][0]["id"].as_i64().unwrap();
    let signup = format!("/api/v1/bucha/tasks/{task}/signup");
    assert_eq!(
        send(&app, &town.olena, "PUT", &signup, json!({})).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&app, &town.olena, "PUT", &signup, json!({})).await.0,
        StatusCode::OK,
        "again: no change"
    );
    assert_eq!(
        send(&app, &town.petro, "PUT", &signup, json!({})).await.0,
        StatusCode::CREATED
    );
    let (status, full) = send(&app, &ivan, "PUT", &signup, json!({})).await;
    assert_eq!(
        (status, full["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("task_full"))
    );
    let (status, t) = send(&app, &town.petro, "DELETE", &signup, json!({})).await;
    assert_eq!((status, t["taken"].as_i64()), (StatusCode::OK, Some(1)));
    assert_eq!(
        send(&app, &ivan, "PUT", &signup, json!({})).await.0,
        StatusCode::CREATED
    );
    let (_, shown) = get_json(&app, &format!("/api/v1/bucha/projects/{p}")).await;
    assert_eq!(shown["origin"], json!({"kind": "submission", "id": d}));
    assert_eq!(shown["progress"], 100);
    assert_eq!(shown["updates"].as_array().unwrap().len(), 1);
    assert_eq!(shown["tasks"][0]["taken"], 2);
    assert!(
        shown["tasks"][0].get("volunteers").is_none(),
        "names are for the organiser"
    );
    let (_, organiser) = send(
        &app,
        &town.clerk,
        "GET",
        &format!("/api/v1/bucha/projects/{p}"),
        json!({}),
    )
    .await;
    assert_eq!(organiser["tasks"][0]["volunteers"].as_array().unwrap().len(), 2);
    let (_, tracked) = get_json(&app, "/api/v1/bucha/projects").await;
    assert_eq!(tracked["items"][0]["id"], p);
    assert_eq!(tracked["items"][0]["kind"], "joint_project");
    // Every step the staff took is in the audit log.
    let audit = query_i64(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'contest%' OR action LIKE 'project%'",
    )
    .await;
    assert!(audit >= 8, "{audit} audit entries");
}

async fn bad_input_is_refused_and_stores_nothing(app: TestApp) {
    let town = town(&app, "Центр міста").await;
    let create = format!("/api/v1/bucha/spaces/{}/contests", town.space);
    let base = json!({
        "title": "Молодіжний простір", "brief": "Ідеї для молодіжного простору.",
        "submissions_close_on": day(5), "jury_close_on": day(10),
        "criteria": [{"name": "Ідея", "weight": 60}, {"name": "Ціна", "weight": 40}]
    });
    let refused = |body: Value| {
        let app = &app;
        let town = &town;
        let create = create.clone();
        async move {
            let (status, e) = send(app, &town.clerk, "POST", &create, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
            e["error"]["fields"][0]["code"].as_str().unwrap_or("").to_string()
        }
    };
    let mut weights = base.clone();
    weights["criteria"][1]["weight"] = json!(30);
    assert_eq!(refused(weights).await, "invalid_weights");
    let mut order = base.clone();
    order["jury_close_on"] = json!(day(2));
    assert_eq!(refused(order).await, "phases_out_of_order");
    let mut vote = base.clone();
    vote["public_vote"] = json!(true);
    assert_eq!(refused(vote).await, "vote_end_missing");
    let mut empty = base.clone();
    empty["criteria"] = json!([]);
    assert_eq!(refused(empty).await, "invalid_criteria");
    assert_eq!(count(&app, "contests").await, 0);
    // A citizen may not set one up.
    assert_eq!(
        send(&app, &town.olena, "POST", &create, base.clone()).await.0,
        StatusCode::FORBIDDEN
    );

    let (_, c) = send(&app, &town.clerk, "POST", &create, base).await;
    let c = c["id"].as_i64().unwrap();
    let (status, _) = submit(&app, &town.olena, c, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let s = submit(&app, &town.olena, c, "Кіноклуб").await.1["id"].as_i64().unwrap();
    // No public vote in this contest.
    let (status, _) = send(
        &app,
        &town.petro,
        "PUT",
        &format!("/api/v1/bucha/contests/{c}/vote"),
        json!({"submission_id": s}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Unknown juror accounts; scoring out of the jury phase or range.
    let (status, e) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/contests/{c}/jurors"),
        json!({"email": "nobody@example.org"}),
    )
    .await;
    assert_eq!(
        (status, e["error"]["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_account"))
    );
    let j = juror(&app, &town, c, "jury@example.org").await;
    assert_eq!(
        scores(&app, &j, s, &[5, 5]).await.0,
        StatusCode::CONFLICT,
        "not in the jury phase yet"
    );
    assert_eq!(advance(&app, &town, c).await["phase"], "jury");
    let (status, e) = scores(&app, &j, s, &[11, 5]).await;
    assert_eq!(
        (status, e["error"]["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("score_out_of_range"))
    );
    let (status, _) = send(
        &app,
        &j,
        "PUT",
        &format!("/api/v1/bucha/submissions/{s}/scores"),
        json!({"scores": [{"criterion": 3, "score": 5}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no third criterion");
    assert_eq!(count(&app, "contest_scores").await, 0);
    // Project input.
    let projects = format!("/api/v1/bucha/spaces/{}/projects", town.space);
    let (status, e) = send(
        &app,
        &town.clerk,
        "POST",
        &projects,
        json!({"title": "Ок", "goal": "коротко", "department": "", "status": "done", "budget": -5}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<&str> = e["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    for code in ["invalid_length", "invalid_project_status", "invalid_amount"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let (_, p) = send(
        &app,
        &town.clerk,
        "POST",
        &projects,
        json!({"title": "Сквер біля школи", "goal": "Облаштувати сквер разом.", "department": "Благоустрій"}),
    )
    .await;
    let p = p["id"].as_i64().unwrap();
    let (status, _) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/projects/{p}/tasks"),
        json!({"title": "Прибирання", "capacity": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "volunteer_tasks").await, 0);
    let (status, _) = get_json(&app, "/api/v1/bucha/projects?status=someday").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = get_json(&app, "/api/v1/bucha/projects?cursor=zzz").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Another tenant's contest and project are not found.
    tenant(&app.db, "irpin", None).await;
    for path in [
        format!("/api/v1/irpin/contests/{c}"),
        format!("/api/v1/irpin/contests/{c}/submissions"),
        format!("/api/v1/irpin/projects/{p}"),
    ] {
        assert_eq!(get_json(&app, &path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn exactly_once_under_concurrency(app: TestApp) {
    let town = town(&app, "Центр міста").await;
    let c = contest(&app, &town, true).await;
    let s1 = submit(&app, &town.clerk, c, "Перша").await.1["id"].as_i64().unwrap();
    let s2 = submit(&app, &town.petro, c, "Друга").await.1["id"].as_i64().unwrap();
    advance(&app, &town, c).await;
    // One resident votes twenty times at once, for either submission.
    let vote = format!("/api/v1/bucha/contests/{c}/vote");
    let mut calls = Vec::new();
    for i in 0..20 {
        let (app, who, vote) = (&app, &town.olena, vote.clone());
        let s = if i % 2 == 0 { s1 } else { s2 };
        calls.push(async move { send(app, who, "PUT", &vote, json!({"submission_id": s})).await.0 });
    }
    for status in futures_util::future::join_all(calls).await {
        assert!(status == StatusCode::OK || status == StatusCode::CONFLICT, "{status}");
    }
    assert_eq!(count(&app, "contest_votes").await, 1);

    // A task for three: eight residents sign up at once.
    let (_, p) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/projects", town.space),
        json!({"title": "Толока в парку", "goal": "Прибрати парк разом.", "department": "Благоустрій", "status": "in_progress"}),
    )
    .await;
    let p = p["id"].as_i64().unwrap();
    let (_, with) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/projects/{p}/tasks"),
        json!({"title": "Прибирання алеї", "capacity": 3}),
    )
    .await;
    let task = with["tasks"][0]["id"].as_i64().unwrap();
    let mut people = Vec::new();
    for i in 0..8 {
        let email = format!("v{i}@example.org");
        person(&app, "bucha", &email, "citizen").await;
        people.push(session(&app, "bucha", &email).await);
    }
    let signup = format!("/api/v1/bucha/tasks/{task}/signup");
    let calls = people.iter().chain(people.iter().take(3)).map(|who| {
        let (app, signup) = (&app, signup.clone());
        async move { send(app, who, "PUT", &signup, json!({})).await.0 }
    });
    let statuses = futures_util::future::join_all(calls).await;
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::CREATED, StatusCode::OK, StatusCode::CONFLICT].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 3);
    assert_eq!(count(&app, "volunteer_signups").await, 3);
    assert_eq!(query_i64(&app.db, "SELECT taken FROM volunteer_tasks").await, 3);
}

async fn the_accountability_list_pages_and_filters(app: TestApp) {
    let town = town(&app, "Центр міста").await;
    let t = query_i64(&app.db, "SELECT id FROM tenants WHERE slug = 'bucha'").await;
    for i in 0..23 {
        let status = if i % 3 == 0 { "completed" } else { "in_progress" };
        let (s, p) = send(
            &app,
            &town.clerk,
            "POST",
            &format!("/api/v1/bucha/spaces/{}/projects", town.space),
            json!({"title": format!("Проєкт номер {i}"), "goal": "Мета цього проєкту.", "department": "Відділ", "status": status}),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
    }
    let (_, first) = get_json(&app, "/api/v1/bucha/projects").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (_, second) = get_json(&app, &format!("/api/v1/bucha/projects?cursor={cursor}")).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 3);
    assert!(second["next_cursor"].is_null());
    let mut ids: Vec<i64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 23, "every project once");
    let (_, done) = get_json(&app, "/api/v1/bucha/projects?status=completed").await;
    assert_eq!(done["items"].as_array().unwrap().len(), 8);
    assert!(
        done["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "completed")
    );
    // Projects of a draft space are for staff only.
    execute(
        &app.db,
        &format!("UPDATE spaces SET status = 'draft' WHERE tenant_id = {t}"),
    )
    .await
    .unwrap();
    let (_, hidden) = get_json(&app, "/api/v1/bucha/projects").await;
    assert_eq!(hidden["items"].as_array().unwrap().len(), 0);
    let (_, staff) = send(&app, &town.clerk, "GET", "/api/v1/bucha/projects", json!({})).await;
    assert_eq!(staff["items"].as_array().unwrap().len(), 20);
    // The page: filter form and a next link, without JavaScript.
    execute(
        &app.db,
        &format!("UPDATE spaces SET status = 'published' WHERE tenant_id = {t}"),
    )
    .await
    .unwrap();
    let page = app.get("/bucha/projects?status=in_progress").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("<select id=\"status\" name=\"status\">"));
    assert!(!html.contains("/bucha/projects?cursor="), "15 in progress: one page");
    let html = app.get("/bucha/projects").await.text().await.unwrap();
    assert!(html.contains("/bucha/projects?cursor="), "23 in all: a second page");
}

/// A page as the person sees it.
async fn text_of(app: &TestApp, who: &Who, path: &str) -> String {
    who.0.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn form(app: &TestApp, who: &Who, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all: Vec<(&str, &str)> = vec![("csrf", who.1.as_str())];
    all.extend_from_slice(fields);
    who.0.post(app.url(path)).form(&all).send().await.unwrap()
}

async fn the_pages_work_without_javascript(app: TestApp) {
    let town = town(&app, "Центр міста").await;
    // Setting a contest up through the form.
    let space = town.space.to_string();
    let new = format!("/bucha/spaces/{space}/contests/new");
    let page = town.clerk.0.get(app.url(&new)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("name=\"criteria\""));
    let refused = form(&app, &town.clerk, &new, &[("title", "Конкурс"), ("criteria", "А | 50")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("error-summary"));
    let (s10, s15, s20) = (day(10), day(15), day(20));
    let created = form(
        &app,
        &town.clerk,
        &new,
        &[
            ("title", "Проєкт площі"),
            ("brief", "Запропонуйте, якою має бути площа."),
            ("criteria", "Ідея | 50\nЗдійсненність | 50"),
            ("public_vote", "on"),
            ("submissions_close_on", &s10),
            ("vote_close_on", &s15),
            ("jury_close_on", &s20),
        ],
    )
    .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let c = query_i64(&app.db, "SELECT MAX(id) FROM contests").await;
    let page = app.get(&format!("/bucha/contests/{c}")).await.text().await.unwrap();
    assert!(page.contains("Проєкт площі"));
    // A resident submits; a refused form keeps what was typed.
    let path = format!("/bucha/contests/{c}/submissions");
    let bad = form(
        &app,
        &town.olena,
        &path,
        &[("title", "Фонтан"), ("description", "коротко")],
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("Фонтан"));
    let ok = form(
        &app,
        &town.olena,
        &path,
        &[("title", "Фонтан"), ("description", "Сухий фонтан з підсвіткою.")],
    )
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let s = query_i64(&app.db, "SELECT MAX(id) FROM contest_submissions").await;
    // Staff move it on; Petro votes with the button.
    assert_eq!(
        form(&app, &town.clerk, &format!("/bucha/contests/{c}/advance"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let sid = s.to_string();
    let voted = form(
        &app,
        &town.petro,
        &format!("/bucha/contests/{c}/vote"),
        &[("submission_id", &sid)],
    )
    .await;
    assert_eq!(voted.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "contest_votes").await, 1);
    let page = town
        .petro
        .0
        .get(app.url(&format!("/bucha/contests/{c}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("aria-pressed=\"true\""));
    // A juror scores with the sheet's form.
    person(&app, "bucha", "jury@example.org", "citizen").await;
    let added = form(
        &app,
        &town.clerk,
        &format!("/bucha/contests/{c}/jurors"),
        &[("email", "jury@example.org")],
    )
    .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let j = session(&app, "bucha", "jury@example.org").await;
    form(&app, &town.clerk, &format!("/bucha/contests/{c}/advance"), &[]).await;
    let sheet =
        j.0.get(app.url(&format!("/bucha/contests/{c}/jury")))
            .send()
            .await
            .unwrap();
    assert_eq!(sheet.status(), StatusCode::OK);
    assert!(sheet.text().await.unwrap().contains("name=\"score-1\""));
    let cid = c.to_string();
    let out = form(
        &app,
        &j,
        &format!("/bucha/submissions/{s}/scores"),
        &[("contest", &cid), ("score-1", "12"), ("score-2", "5")],
    )
    .await;
    assert_eq!(out.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let scored = form(
        &app,
        &j,
        &format!("/bucha/submissions/{s}/scores"),
        &[("contest", &cid), ("score-1", "8"), ("score-2", "6")],
    )
    .await;
    assert_eq!(scored.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "contest_scores").await, 2);
    // Officials announce with the form; the results page is public.
    form(&app, &town.clerk, &format!("/bucha/contests/{c}/advance"), &[]).await;
    let award = format!("award-{s}");
    let reason = format!("reason-{s}");
    let announced = form(
        &app,
        &town.clerk,
        &format!("/bucha/contests/{c}/winners"),
        &[("text", "Вітаємо!"), (&award, "winner"), (&reason, "Просто і красиво.")],
    )
    .await;
    assert_eq!(announced.status(), StatusCode::SEE_OTHER);
    let results = app.get(&format!("/bucha/contests/{c}/results")).await;
    assert_eq!(results.status(), StatusCode::OK);
    let html = results.text().await.unwrap();
    assert!(html.contains("Фонтан") && html.contains("Просто і красиво."));
    // Officials export the submissions with rank, total and award.
    let csv_path = format!("/bucha/contests/{c}/submissions.csv");
    let csv = text_of(&app, &town.clerk, &csv_path).await;
    assert!(
        csv.starts_with("id,title,author") && csv.contains(",1,7.00,winner,"),
        "{csv}"
    );
    let refused = town.olena.0.get(app.url(&csv_path)).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // The winner becomes a project through the form (linked from the
    // contest page for officials, the origin filled in); a volunteer signs up.
    let contest_page = town
        .clerk
        .0
        .get(app.url(&format!("/bucha/contests/{c}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let link = format!("/bucha/spaces/{space}/projects/new?origin_kind=submission&amp;origin_id={s}");
    assert!(contest_page.contains(&link), "{contest_page}");
    let new = format!("/bucha/spaces/{space}/projects/new");
    let prefilled = town
        .clerk
        .0
        .get(app.url(&link.replace("&amp;", "&")))
        .send()
        .await
        .unwrap();
    assert_eq!(prefilled.status(), StatusCode::OK);
    let prefilled = prefilled.text().await.unwrap();
    assert!(prefilled.contains("value=\"submission\" selected") && prefilled.contains(&format!("value=\"{s}\"")));
    let started = form(
        &app,
        &town.clerk,
        &new,
        &[
            ("title", "Сухий фонтан"),
            ("goal", "Збудувати сухий фонтан на площі."),
            ("department", "Відділ благоустрою"),
            ("budget", "300 000"),
            ("origin_kind", "submission"),
            ("origin_id", &sid),
        ],
    )
    .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let p = query_i64(&app.db, "SELECT MAX(id) FROM joint_projects").await;
    let pp = format!("/bucha/projects/{p}");
    let (d5, d30) = (day(5), day(30));
    assert_eq!(
        form(
            &app,
            &town.clerk,
            &format!("{pp}/milestones"),
            &[("title", "Проєкт"), ("planned_on", &d30)]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        form(
            &app,
            &town.clerk,
            &format!("{pp}/updates"),
            &[("body", "Проєктувальника обрано.")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        form(
            &app,
            &town.clerk,
            &format!("{pp}/tasks"),
            &[("title", "Толока"), ("day", &d5), ("capacity", "10")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let bad_task = form(
        &app,
        &town.clerk,
        &format!("{pp}/tasks"),
        &[("title", "Т"), ("capacity", "0")],
    )
    .await;
    assert_eq!(bad_task.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let task = query_i64(&app.db, "SELECT MAX(id) FROM volunteer_tasks").await;
    let signed = form(&app, &town.petro, &format!("/bucha/tasks/{task}/signup"), &[]).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let m = query_i64(&app.db, "SELECT MAX(id) FROM project_milestones").await;
    let done = form(
        &app,
        &town.clerk,
        &format!("/bucha/milestones/{m}"),
        &[("status", "done")],
    )
    .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        form(
            &app,
            &town.clerk,
            &format!("{pp}/status"),
            &[("status", "in_progress"), ("spent", "1000")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let page = text_of(&app, &town.petro, &pp).await;
    assert!(page.contains("Сухий фонтан") && page.contains("Проєктувальника обрано."));
    assert!(page.contains("name=\"action\" value=\"cancel\""), "Petro may cancel");
    let cancelled = form(
        &app,
        &town.petro,
        &format!("/bucha/tasks/{task}/signup"),
        &[("action", "cancel")],
    )
    .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "volunteer_signups").await, 0);
    // The space page lists the contest and the project.
    let space_page = app.get(&format!("/bucha/spaces/{space}")).await.text().await.unwrap();
    assert!(space_page.contains(&format!("/bucha/contests/{c}")) && space_page.contains(&pp));
    let list = app.get("/bucha/projects").await.text().await.unwrap();
    assert!(list.contains(&pp));
}

/// The demo city: an open contest with submissions and an announced one
/// with jury results, discoverable from its spaces through the API; three
/// joint projects at different stages on the accountability list, one
/// with volunteers; every page answers and stays small.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_has_contests_and_joint_projects() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let spaces: Value = app.get("/api/v1/demo/spaces").await.json().await.unwrap();
    let mut found = Vec::new();
    for s in spaces["items"].as_array().unwrap() {
        let (_, list) = get_json(&app, &format!("/api/v1/demo/spaces/{}/contests", s["id"])).await;
        found.extend(list["items"].as_array().unwrap().iter().cloned());
    }
    let phases: Vec<&str> = found.iter().filter_map(|c| c["phase"].as_str()).collect();
    assert!(
        phases.contains(&"submissions") && phases.contains(&"announced"),
        "{phases:?}"
    );
    let mut pages = Vec::new();
    for c in &found {
        let id = c["id"].as_i64().unwrap();
        let (status, subs) = get_json(&app, &format!("/api/v1/demo/contests/{id}/submissions")).await;
        assert_eq!(status, StatusCode::OK);
        pages.push(format!("/demo/contests/{id}"));
        if c["phase"] == "announced" {
            assert!(subs["items"].as_array().unwrap().len() >= 3);
            let (status, results) = get_json(&app, &format!("/api/v1/demo/contests/{id}/results")).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(results["ranking"][0]["submission"]["award"], "winner", "{results}");
            assert!(results["ranking"][0]["jurors"].as_i64().unwrap() >= 2);
            pages.push(format!("/demo/contests/{id}/results"));
        } else {
            assert_eq!(subs["published"], false);
            assert!(c["submission_count"].as_i64().unwrap() >= 3);
        }
    }
    let (_, tracked) = get_json(&app, "/api/v1/demo/projects").await;
    let joint: Vec<&Value> = tracked["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "joint_project")
        .collect();
    assert_eq!(joint.len(), 3, "{tracked}");
    let mut volunteers = 0;
    for p in &joint {
        let id = p["id"].as_i64().unwrap();
        let (status, v) = get_json(&app, &format!("/api/v1/demo/projects/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        volunteers += v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["taken"].as_i64().unwrap())
            .sum::<i64>();
        pages.push(format!("/demo/projects/{id}"));
    }
    assert!(volunteers > 0);
    pages.push("/demo/projects".into());
    for page in pages {
        let response = app.get(&page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        let html = response.text().await.unwrap();
        assert!(html.len() < 50_000, "{page}: {} bytes", html.len());
    }
}
