//! Participatory budgets on both backends: the journey from the call for
//! projects to the results and the building (API and plain forms), every
//! ballot rule with a clear refusal that stores nothing, exactly one ballot
//! per person across online and paper, and the phases enforced by the
//! server.

mod common;

use common::world::{person, session};
use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

both_backends!(
    propose_review_vote_count_and_build,
    bad_ballots_are_refused_and_store_nothing,
    one_ballot_per_person_online_and_on_paper,
    parallel_identical_ballots_store_one,
    knapsack_points_and_rankings_follow_their_rules,
    voting_and_proposing_without_javascript,
    phases_and_dates_decide_what_is_taken,
    paper_ballots_in_bulk_all_or_nothing,
    deleted_accounts_closed_spaces_and_locked_reviews,
);

struct Town {
    space: i64,
    clerk: (Client, String),
    olena: (Client, String),
    petro: (Client, String),
}

async fn town(app: &TestApp) -> Town {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let space = space(&app.db, t, "Громадський бюджет").await.0;
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

async fn get(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = app.get(path).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A budget set up through the API by the clerk; its id.
async fn budget(app: &TestApp, town: &Town, settings: Value) -> i64 {
    let mut body = json!({"title": "Громадський бюджет 2027", "description": "Фонд громади", "amount": 1_000_000,
        "ballot_type": "approval", "min_choices": 1, "max_choices": 2, "rule": "greedy"});
    body.as_object_mut()
        .unwrap()
        .extend(settings.as_object().unwrap().clone());
    let (status, b) = send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/budgets", town.space),
        body,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{b}");
    assert_eq!(b["phase"], "submission");
    b["id"].as_i64().unwrap()
}

async fn propose(app: &TestApp, who: &(Client, String), budget: i64, title: &str, cost: i64) -> i64 {
    let (status, p) = send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/budgets/{budget}/projects"),
        json!({"title": title, "body": "Докладний опис того, що зробити і де саме.", "cost": cost,
            "district": "Центр", "location": {"lat": 50.54, "lon": 30.21}}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(p["status"], "submitted");
    p["id"].as_i64().unwrap()
}

async fn review(app: &TestApp, town: &Town, project: i64, conclusion: &str, reason: &str) -> StatusCode {
    send(
        app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/budget-projects/{project}/review"),
        json!({"conclusion": conclusion, "reason": reason}),
    )
    .await
    .0
}

async fn phase(app: &TestApp, town: &Town, budget: i64, phase: &str) {
    let (status, body) = send(
        app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/budgets/{budget}/phase"),
        json!({"phase": phase}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
}

/// The budget's ballot count as staff see it (the public see it only with
/// the results).
async fn ballot_count(app: &TestApp, budget: i64) -> i64 {
    civic_testkit::testing::query_i64(
        &app.db,
        &format!("SELECT ballot_count FROM budgets WHERE id = {budget}"),
    )
    .await
}

async fn propose_review_vote_count_and_build(app: TestApp) {
    let town = town(&app).await;
    let b = budget(&app, &town, json!({})).await;
    let (_, listed) = get(&app, &format!("/api/v1/bucha/spaces/{}/budgets", town.space)).await;
    assert_eq!(listed["items"][0]["id"], b);
    let benches = propose(&app, &town.olena, b, "Лавки в парку", 300_000).await;
    let lights = propose(&app, &town.petro, b, "Ліхтарі на стежці", 600_000).await;
    let pool = propose(&app, &town.petro, b, "Басейн біля стадіону", 900_000).await;
    let ramps = propose(&app, &town.olena, b, "Пандуси до амбулаторії", 500_000).await;
    // A citizen cannot review; a refusal needs its reason.
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/budget-projects/{benches}/review"),
        json!({"conclusion": "feasible"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        review(&app, &town, pool, "not_feasible", "").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for p in [benches, lights, ramps] {
        assert_eq!(review(&app, &town, p, "feasible", "").await, StatusCode::NO_CONTENT);
    }
    assert_eq!(
        review(
            &app,
            &town,
            pool,
            "not_feasible",
            "Утримання басейну коштує понад бюджет громади."
        )
        .await,
        StatusCode::NO_CONTENT
    );
    let (_, project) = get(&app, &format!("/api/v1/bucha/budget-projects/{pool}")).await;
    assert_eq!(project["status"], "not_feasible");
    assert!(project["review"].as_str().unwrap().contains("Утримання"));
    // Before voting nobody votes; then the ballots come.
    let ballots = format!("/api/v1/bucha/budgets/{b}/ballots");
    let vote = |who: &'static str, projects: Value| {
        let client = match who {
            "olena" => &town.olena,
            "petro" => &town.petro,
            _ => &town.clerk,
        };
        send(&app, client, "POST", &ballots, json!({"projects": projects}))
    };
    let (status, body) = vote("olena", json!([benches])).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "voting_closed");
    phase(&app, &town, b, "voting").await;
    let (status, body) = vote("olena", json!([benches, ramps])).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["projects"], json!([benches, ramps]));
    assert_eq!(vote("petro", json!([lights, benches])).await.0, StatusCode::CREATED);
    assert_eq!(vote("clerk", json!([lights])).await.0, StatusCode::CREATED);
    // Results wait for the results phase, except for staff's preview.
    let (status, body) = get(&app, &format!("/api/v1/bucha/budgets/{b}/results")).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        app.get(&format!("/bucha/budgets/{b}/pabulib")).await.status(),
        StatusCode::CONFLICT
    );
    let (status, _) = send(
        &app,
        &town.clerk,
        "GET",
        &format!("/api/v1/bucha/budgets/{b}/results"),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    phase(&app, &town, b, "results").await;
    let (status, r) = get(&app, &format!("/api/v1/bucha/budgets/{b}/results")).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    // Benches and lights have 2 votes: the cheaper benches first (300,000),
    // then lights (600,000); ramps (1 vote, 500,000) no longer fit the
    // 100,000 left. The pool was never on the ballot.
    assert_eq!(r["selected"], json!([benches.to_string(), lights.to_string()]));
    assert_eq!(r["spent"], 900_000);
    assert_eq!(r["left_over"], 100_000);
    assert_eq!(r["voters"], 3);
    let line = |id: i64| {
        r["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"].as_str() == Some(id.to_string().as_str()))
            .unwrap()
            .clone()
    };
    assert_eq!(line(ramps)["reason"], "does_not_fit");
    assert_eq!(line(ramps)["remaining"], 100_000);
    assert_eq!(line(pool)["reason"], "not_on_ballot");
    // What if the city counted by votes per hryvnia: staff only.
    let (_, what_if) = send(
        &app,
        &town.clerk,
        "GET",
        &format!("/api/v1/bucha/budgets/{b}/results?rule=votes-per-cost"),
        Value::Null,
    )
    .await;
    assert_eq!(what_if["rule"], "votes-per-cost");
    let (_, public) = get(&app, &format!("/api/v1/bucha/budgets/{b}/results?rule=votes-per-cost")).await;
    assert_eq!(public["rule"], "greedy");
    // The results page, its CSV, and the building of a winner.
    let page = app
        .get(&format!("/bucha/budgets/{b}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Лавки в парку") && page.contains("100"), "{page}");
    let csv = app
        .get(&format!("/bucha/budgets/{b}/results.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("id,title,cost_uah,score,selected,reason\r\n"));
    assert!(
        csv.contains(&format!("{ramps},Пандуси до амбулаторії,500000,1,false,does_not_fit")),
        "{csv}"
    );
    // The same ballots as open data: read back and counted by the engine
    // with the file's own rule, the outcome is the platform's.
    let file = app.get(&format!("/bucha/budgets/{b}/pabulib")).await;
    assert_eq!(file.status(), StatusCode::OK);
    let text = file.text().await.unwrap();
    assert!(
        !text.contains("olena") && !text.contains("petro"),
        "voters are anonymised"
    );
    let election = civic_insight::pb::pabulib::read_str(&text).unwrap();
    assert_eq!(election.ballots.len(), 3);
    let rule = civic_insight::pb::Rule::for_election(&election);
    let outcome = civic_insight::pb::count(&election, rule, civic_insight::pb::TieBreak::default()).unwrap();
    assert_eq!(
        outcome.selected_ids(&election),
        [benches.to_string(), lights.to_string()]
    );
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/budget-projects/{benches}/implementation"),
        json!({"status": "in_progress", "note": "Лавки замовлено."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, tracked) = get(&app, "/api/v1/bucha/projects").await;
    assert_eq!(tracked["items"][0]["id"], benches);
    assert_eq!(tracked["items"][0]["implementation"], "in_progress");
    // Every step the staff took is in the audit log.
    let audit = query_count(&app, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'budget%'").await;
    assert!(audit >= 8, "{audit} audit entries");
}

async fn query_count(app: &TestApp, sql: &str) -> i64 {
    civic_testkit::testing::query_i64(&app.db, sql).await
}

async fn voting_budget(app: &TestApp, town: &Town, settings: Value) -> (i64, Vec<i64>) {
    let b = budget(app, town, settings).await;
    let mut projects = Vec::new();
    for (title, cost) in [
        ("Лавки в парку", 300_000),
        ("Ліхтарі на стежці", 600_000),
        ("Пандуси", 500_000),
    ] {
        let p = propose(app, &town.petro, b, title, cost).await;
        assert_eq!(review(app, town, p, "feasible", "").await, StatusCode::NO_CONTENT);
        projects.push(p);
    }
    phase(app, town, b, "voting").await;
    (b, projects)
}

async fn bad_ballots_are_refused_and_store_nothing(app: TestApp) {
    let town = town(&app).await;
    let (b, p) = voting_budget(&app, &town, json!({"exclude_own_projects": true})).await;
    let (_, q) = voting_budget(&app, &town, json!({})).await;
    proposing_is_closed_while_voting(&app, &town, b).await;
    let path = format!("/api/v1/bucha/budgets/{b}/ballots");
    for (body, code) in [
        (json!({"projects": []}), "too_few_projects"),
        (json!({"projects": [p[0], p[1], p[2]]}), "too_many_projects"),
        (json!({"projects": [p[0], p[0]]}), "project_twice"),
        (json!({"projects": [999_999]}), "project_not_on_ballot"),
        (json!({"projects": [q[0]]}), "project_not_on_ballot"),
        (json!({"points": {p[0].to_string(): 3}}), "wrong_ballot_shape"),
        (json!({"projects": [p[0]], "ranking": [p[1]]}), "invalid_ballot"),
        (json!({"points": {"abc": 1}}), "invalid_ballot"),
    ] {
        let (status, err) = send(&app, &town.olena, "POST", &path, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {err}");
        assert_eq!(err["error"]["code"], code, "{body}: {err}");
        let fields = err["error"]["fields"].as_array().unwrap();
        assert!(fields.iter().any(|f| f["code"] == code), "{body}: {err}");
    }
    // Malformed JSON is 400; the proposer may not vote for their own.
    let response = town
        .olena
        .0
        .post(app.url(&path))
        .header("x-csrf-token", &town.olena.1)
        .header("content-type", "application/json")
        .body("{\"projects\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (status, err) = send(&app, &town.petro, "POST", &path, json!({"projects": [p[0]]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["fields"][0]["code"], "own_project");
    assert_eq!(ballot_count(&app, b).await, 0);
    assert_eq!(query_count(&app, "SELECT COUNT(*) FROM budget_marks").await, 0);
    // Signed out: 401, nothing stored.
    let response = app
        .client
        .post(app.url(&path))
        .json(&json!({"projects": [p[0]]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Bad proposals: every problem at once, nothing stored.
    let (status, err) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/budgets/{b}/projects"),
        json!({"title": "Ой", "body": "коротко", "cost": 5_000_000}),
    )
    .await;
    // Voting has started: proposals are closed before the fields are read.
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["error"]["code"], "submission_closed");
    let fresh = budget(&app, &town, json!({})).await;
    let (status, err) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/budgets/{fresh}/projects"),
        json!({"title": "Ой", "body": "коротко", "cost": 5_000_000, "location": {"lat": 91.0, "lon": 0.0}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = err["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["title", "body", "cost", "latitude"] {
        assert!(fields.contains(&field), "{err}");
    }
    let (_, projects) = get(&app, &format!("/api/v1/bucha/budgets/{fresh}/projects")).await;
    assert_eq!(projects["items"], json!([]));
    // A bad budget: every field named.
    let (status, err) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/budgets", town.space),
        json!({"title": "Б", "amount": 0, "ballot_type": "lottery", "rule": "dice", "min_choices": 3, "max_choices": 2}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = err["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["title", "amount", "ballot_type", "rule", "max_choices"] {
        assert!(fields.contains(&field), "{field}: {err}");
    }
}

/// Once voting has started, no project is proposed.
async fn proposing_is_closed_while_voting(app: &TestApp, town: &Town, voting: i64) {
    let (status, err) = send(
        app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/budgets/{voting}/projects"),
        json!({"title": "Ще один проєкт", "body": "Подано після початку голосування.", "cost": 1000}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["error"]["code"], "submission_closed");
}

async fn one_ballot_per_person_online_and_on_paper(app: TestApp) {
    let town = town(&app).await;
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    let ballots = format!("/api/v1/bucha/budgets/{b}/ballots");
    let paper = format!("/api/v1/bucha/budgets/{b}/paper-ballots");
    assert_eq!(
        send(&app, &town.olena, "POST", &ballots, json!({"projects": [p[0]]}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, err) = send(&app, &town.olena, "POST", &ballots, json!({"projects": [p[1]]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(err["error"]["code"], "already_voted");
    // The same person on paper, by their account: refused, with the channel.
    let (status, err) = send(
        &app,
        &town.clerk,
        "POST",
        &paper,
        json!({"voter_email": "olena@example.org", "projects": [p[1]]}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["error"]["code"], "already_voted");
    // A resident without an account, by their document; a second time (the
    // number written differently) is refused as a paper ballot.
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &paper,
        json!({"document": "ПК 123456", "projects": [p[2]]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, err) = send(
        &app,
        &town.clerk,
        "POST",
        &paper,
        json!({"document": "пк123456", "projects": [p[0]]}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(err["error"]["code"], "already_voted_on_paper");
    // Petro voted on paper: his online ballot is refused.
    assert_eq!(
        send(
            &app,
            &town.clerk,
            "POST",
            &paper,
            json!({"voter_email": "petro@example.org", "projects": [p[0]]})
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (status, err) = send(&app, &town.petro, "POST", &ballots, json!({"projects": [p[1]]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(err["error"]["code"], "already_voted_on_paper");
    // Only the document number's hash is kept.
    assert_eq!(
        query_count(
            &app,
            "SELECT COUNT(*) FROM budget_ballots WHERE voter_key LIKE '%123456%'"
        )
        .await,
        0
    );
    // A citizen cannot enter paper ballots.
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &paper,
        json!({"document": "AB999999", "projects": [p[0]]}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(ballot_count(&app, b).await, 3);
    // Olena changes her mind: cancel, then vote again.
    let mine = format!("/api/v1/bucha/budgets/{b}/ballots/mine");
    let (_, before) = send(&app, &town.olena, "GET", &mine, Value::Null).await;
    assert_eq!(before["projects"], json!([p[0]]));
    assert_eq!(
        send(&app, &town.olena, "DELETE", &mine, Value::Null).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, &town.olena, "DELETE", &mine, Value::Null).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&app, &town.olena, "POST", &ballots, json!({"projects": [p[1], p[2]]}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (_, after) = send(&app, &town.olena, "GET", &mine, Value::Null).await;
    assert_eq!(after["projects"], json!([p[1], p[2]]));
    assert_eq!(ballot_count(&app, b).await, 3);
}

async fn parallel_identical_ballots_store_one(app: TestApp) {
    let town = town(&app).await;
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    let path = app.url(&format!("/api/v1/bucha/budgets/{b}/ballots"));
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let (c, csrf) = town.olena.clone();
            let path = path.clone();
            let projects = json!({"projects": [p[0], p[1]]});
            tokio::spawn(async move {
                c.post(path)
                    .header("x-csrf-token", csrf)
                    .json(&projects)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {}
            other => panic!("a parallel ballot answered {other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(ballot_count(&app, b).await, 1);
    assert_eq!(query_count(&app, "SELECT COUNT(*) FROM budget_ballots").await, 1);
    assert_eq!(query_count(&app, "SELECT COUNT(*) FROM budget_marks").await, 2);
    let (_, listed) = get(&app, &format!("/api/v1/bucha/budgets/{b}/projects")).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 3);
}

async fn knapsack_points_and_rankings_follow_their_rules(app: TestApp) {
    let town = town(&app).await;
    // Knapsack: the chosen projects' cost stays within the fund.
    let (k, p) = voting_budget(&app, &town, json!({"ballot_type": "knapsack", "max_choices": 0})).await;
    let path = format!("/api/v1/bucha/budgets/{k}/ballots");
    let (status, err) = send(
        &app,
        &town.olena,
        "POST",
        &path,
        json!({"projects": [p[0], p[1], p[2]]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["error"]["fields"][0]["code"], "over_budget");
    assert_eq!(
        send(&app, &town.olena, "POST", &path, json!({"projects": [p[0], p[1]]}))
            .await
            .0,
        StatusCode::CREATED
    );
    // Cumulative: exactly the points to give.
    let (c, p) = voting_budget(
        &app,
        &town,
        json!({"ballot_type": "cumulative", "points_total": 10, "max_choices": 0}),
    )
    .await;
    let path = format!("/api/v1/bucha/budgets/{c}/ballots");
    for (points, code) in [
        (json!({p[0].to_string(): 7}), "points_do_not_add_up"),
        (json!({p[0].to_string(): 12, p[1].to_string(): -2}), "negative_points"),
    ] {
        let (status, err) = send(&app, &town.olena, "POST", &path, json!({"points": points})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err["error"]["fields"][0]["code"], code);
    }
    let (status, body) = send(
        &app,
        &town.olena,
        "POST",
        &path,
        json!({"points": {p[0].to_string(): 7, p[2].to_string(): 3}}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["points"][p[0].to_string()], 7);
    phase(&app, &town, c, "results").await;
    let (_, r) = get(&app, &format!("/api/v1/bucha/budgets/{c}/results")).await;
    let score = |id: i64| {
        r["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"].as_str() == Some(id.to_string().as_str()))
            .unwrap()["score"]
            .clone()
    };
    assert_eq!((score(p[0]), score(p[2]), score(p[1])), (json!(7), json!(3), json!(0)));
    // Ranked: the order is kept and counts by position (first of 2: 2 points).
    let (r_id, p) = voting_budget(&app, &town, json!({"ballot_type": "ranked", "max_choices": 2})).await;
    let path = format!("/api/v1/bucha/budgets/{r_id}/ballots");
    let (status, body) = send(&app, &town.olena, "POST", &path, json!({"ranking": [p[2], p[0]]})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["projects"], json!([p[2], p[0]]));
    phase(&app, &town, r_id, "results").await;
    let (_, r) = get(&app, &format!("/api/v1/bucha/budgets/{r_id}/results")).await;
    assert_eq!(r["projects"][0]["id"], p[2].to_string());
    assert_eq!(r["projects"][0]["score"], 2);
}

async fn voting_and_proposing_without_javascript(app: TestApp) {
    let town = town(&app).await;
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    let (c, csrf) = &town.olena;
    // The home page leads with what the town asks now.
    let home = app.get("/bucha/").await.text().await.unwrap();
    let asks = home
        .split("id=\"asks-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("spaces-heading").next())
        .unwrap_or_default();
    assert!(
        asks.contains(&format!("href=\"/bucha/budgets/{b}\"")) && asks.contains("Голосуйте зараз"),
        "{home}"
    );
    let page = c
        .get(app.url(&format!("/bucha/budgets/{b}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("name=\"project\" value=\"{}\"", p[0])), "{page}");
    // Three boxes ticked of two allowed: the page again, with the error
    // and the boxes still ticked; nothing stored.
    let form: Vec<(&str, String)> = vec![
        ("csrf", csrf.clone()),
        ("project", p[0].to_string()),
        ("project", p[1].to_string()),
        ("project", p[2].to_string()),
    ];
    let response = c
        .post(app.url(&format!("/bucha/budgets/{b}/ballot")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("error-summary") && html.contains("Оберіть менше проєктів"),
        "{html}"
    );
    assert!(html.contains(&format!("value=\"{}\" checked", p[2])));
    assert_eq!(ballot_count(&app, b).await, 0);
    let response = c
        .post(app.url(&format!("/bucha/budgets/{b}/ballot")))
        .form(&form[..3])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = response.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("done=voted"), "{to}");
    let page = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Ваш голос враховано") && page.contains("Лавки в парку"),
        "{page}"
    );
    // Cancelling and voting again.
    let response = c
        .post(app.url(&format!("/bucha/budgets/{b}/ballot/cancel")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(ballot_count(&app, b).await, 0);
    // Proposing through the form in a budget that takes projects, with
    // every value kept after a refusal.
    let fresh = budget(&app, &town, json!({})).await;
    let response = c
        .post(app.url(&format!("/bucha/budgets/{fresh}/projects/new")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Велопарковка біля ЦНАП"),
            ("body", "Коротко"),
            ("cost", "120 000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Велопарковка біля ЦНАП") && html.contains("aria-invalid=\"true\""),
        "{html}"
    );
    let response = c
        .post(app.url(&format!("/bucha/budgets/{fresh}/projects/new")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Велопарковка біля ЦНАП"),
            ("body", "Тридцять місць для велосипедів під навісом."),
            ("cost", "120 000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = response.headers()["location"].to_str().unwrap().to_string();
    let page = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Проєкт подано") && page.contains("120"), "{page}");
    // The clerk's forms: a budget, then a review that needs its reason.
    let (k, kcsrf) = &town.clerk;
    let response = k
        .post(app.url(&format!("/bucha/spaces/{}/budgets/new", town.space)))
        .form(&[
            ("csrf", kcsrf.as_str()),
            ("title", "Малий бюджет"),
            ("amount", "500000"),
            ("ballot_type", "approval"),
            ("rule", "equalshares/add1"),
            ("min_choices", "1"),
            ("max_choices", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let project: i64 = query_count(&app, "SELECT MAX(id) FROM budget_projects").await;
    let response = k
        .post(app.url(&format!("/bucha/budget-projects/{project}/review")))
        .form(&[("csrf", kcsrf.as_str()), ("conclusion", "not_feasible"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("Поясніть причину"));
}

async fn phases_and_dates_decide_what_is_taken(app: TestApp) {
    let town = town(&app).await;
    // Voting that ended yesterday takes no ballots even in the voting phase.
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    let yesterday = civic_core::Timestamp::now().minus_days(2).iso_date();
    let (status, body) = send(
        &app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/budgets/{b}/phase"),
        json!({"phase": "voting", "voting_ends": yesterday}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, err) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/budgets/{b}/ballots"),
        json!({"projects": [p[0]]}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(err["error"]["code"], "voting_closed");
    let (_, shown) = get(&app, &format!("/api/v1/bucha/budgets/{b}")).await;
    assert_eq!(shown["takes_ballots"], false);
    // A phase that is not one, a date that is not one: refused, unchanged.
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/budgets/{b}/phase"),
        json!({"phase": "party", "voting_ends": "tomorrow"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, shown) = get(&app, &format!("/api/v1/bucha/budgets/{b}")).await;
    assert_eq!(shown["phase"], "voting");
    assert_eq!(shown["voting_ends"], yesterday);
    // A citizen cannot move phases; review after voting started is refused.
    let (status, _) = send(
        &app,
        &town.olena,
        "PUT",
        &format!("/api/v1/bucha/budgets/{b}/phase"),
        json!({"phase": "results"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        review(&app, &town, p[0], "not_feasible", "Запізно для цього.").await,
        StatusCode::CONFLICT
    );
    // Building is tracked only once results are out.
    let (status, _) = send(
        &app,
        &town.clerk,
        "PUT",
        &format!("/api/v1/bucha/budget-projects/{}/implementation", p[0]),
        json!({"status": "planned"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

async fn deleted_accounts_closed_spaces_and_locked_reviews(app: TestApp) {
    let town = town(&app).await;
    // Equal Shares does not count rankings: refused when set up.
    let (status, err) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/budgets", town.space),
        json!({"title": "Рейтинговий бюджет", "amount": 1000, "ballot_type": "ranked", "rule": "equalshares"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["fields"][0]["code"], "rule_does_not_fit_ballot");
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    let (b2, p2) = voting_budget(&app, &town, json!({})).await;
    let ballots = format!("/api/v1/bucha/budgets/{b}/ballots");
    assert_eq!(
        send(&app, &town.olena, "POST", &ballots, json!({"projects": [p[0]]}))
            .await
            .0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&app, &town.petro, "POST", &ballots, json!({"projects": [p[1]]}))
            .await
            .0,
        StatusCode::CREATED
    );
    // Turnout is not public while voting; staff see it.
    let (_, public) = get(&app, &format!("/api/v1/bucha/budgets/{b}")).await;
    assert_eq!(public["ballot_count"], Value::Null);
    assert_eq!(ballot_count(&app, b).await, 2);
    // A project that ballots name keeps its review.
    phase(&app, &town, b, "review").await;
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/budget-projects/{}/review", p[0]),
        json!({"conclusion": "not_feasible", "reason": "Передумали після голосування."}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "project_has_ballots");
    phase(&app, &town, b, "voting").await;
    // Olena deletes her account while voting: her ballot goes with it, and
    // a new account (SQLite may reuse her id) starts with no ballot.
    let response = town
        .olena
        .0
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &town.olena.1)
        .json(&json!({"password": common::world::PASSWORD, "contributions": "keep"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        query_count(
            &app,
            &format!("SELECT COUNT(*) FROM budget_ballots WHERE budget_id = {b}")
        )
        .await,
        1
    );
    assert_eq!(ballot_count_as_staff(&app, &town, b).await, 1);
    person(&app, "bucha", "oksana@example.org", "citizen").await;
    let oksana = session(&app, "bucha", "oksana@example.org").await;
    let (_, mine) = send(&app, &oksana, "GET", &format!("{ballots}/mine"), Value::Null).await;
    assert_eq!(mine, Value::Null);
    // After counting, a deleted account's ballot stays counted, keyed to nobody.
    phase(&app, &town, b, "results").await;
    let response = town
        .petro
        .0
        .delete(app.url("/api/v1/bucha/me"))
        .header("x-csrf-token", &town.petro.1)
        .json(&json!({"password": common::world::PASSWORD, "contributions": "keep"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, r) = get(&app, &format!("/api/v1/bucha/budgets/{b}/results")).await;
    assert_eq!(r["voters"], 1);
    assert_eq!(
        query_count(
            &app,
            "SELECT COUNT(*) FROM budget_ballots WHERE voter_key LIKE 'deleted:%'"
        )
        .await,
        1
    );
    // A closed space takes no ballots, whatever the budget's phase.
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap();
    civic_testkit::spaces::Spaces::of(&app.db, t.tenant_id())
        .set_status(civic_core::SpaceId(town.space), "published", "closed")
        .await
        .unwrap();
    let (status, err) = send(
        &app,
        &oksana,
        "POST",
        &format!("/api/v1/bucha/budgets/{b2}/ballots"),
        json!({"projects": [p2[0]]}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["error"]["code"], "space_closed");
}

async fn ballot_count_as_staff(app: &TestApp, town: &Town, budget: i64) -> i64 {
    send(
        app,
        &town.clerk,
        "GET",
        &format!("/api/v1/bucha/budgets/{budget}"),
        Value::Null,
    )
    .await
    .1["ballot_count"]
        .as_i64()
        .unwrap()
}

async fn paper_ballots_in_bulk_all_or_nothing(app: TestApp) {
    let town = town(&app).await;
    let (b, p) = voting_budget(&app, &town, json!({})).await;
    assert_eq!(
        send(
            &app,
            &town.olena,
            "POST",
            &format!("/api/v1/bucha/budgets/{b}/ballots"),
            json!({"projects": [p[0]]})
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (k, csrf) = &town.clerk;
    let post = |text: String| {
        k.post(app.url(&format!("/bucha/budgets/{b}/paper-ballots/bulk")))
            .form(&[("csrf", csrf.clone()), ("csv", text)])
            .send()
    };
    // Line 3 voted online, line 4 repeats line 2's document (written
    // differently), line 5 names too many projects, line 6 is not a ballot.
    let bad = format!(
        "voter;projects\nАВ123456; {} {}\nolena@example.org; {}\nab 123456; {}\nКК000111; {} {} {}\nwhat is this\n",
        p[0], p[1], p[1], p[2], p[0], p[1], p[2]
    );
    let response = post(bad.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for line in ["Рядок 3:", "Рядок 4:", "Рядок 5:", "Рядок 6:"] {
        assert!(html.contains(line), "{line}: {html}");
    }
    assert!(!html.contains("Рядок 2:"), "{html}");
    assert!(html.contains("КК000111"), "the text is kept");
    assert_eq!(ballot_count(&app, b).await, 1, "nothing stored");
    // All good: stored at once.
    let good = format!("АВ123456; {} {}\npetro@example.org;{}\n", p[0], p[1], p[2]);
    let response = post(good).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(ballot_count(&app, b).await, 3);
    let (_, mine) = send(
        &app,
        &town.petro,
        "GET",
        &format!("/api/v1/bucha/budgets/{b}/ballots/mine"),
        Value::Null,
    )
    .await;
    assert_eq!(mine["channel"], "paper");
    // A citizen cannot enter them.
    let response = town
        .olena
        .0
        .post(app.url(&format!("/bucha/budgets/{b}/paper-ballots/bulk")))
        .form(&[("csrf", town.olena.1.as_str()), ("csv", "XY999999; 1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
