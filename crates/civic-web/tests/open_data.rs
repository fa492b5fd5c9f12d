//! Open data on both backends: the DCAT-AP catalogue is JSON-LD whose
//! every term has a declared prefix and whose every address is absolute and
//! answers; each dataset comes as CSV (a header row, RFC 4180) and JSON with
//! the same rows; drafts, hidden results, withdrawn ideas, personal data
//! and another tenant's items never appear; the licence is the
//! administrators' choice (audited), shown in the catalogue, and refused to
//! a citizen; the page works without JavaScript; the demo city has rows in
//! every dataset.

mod common;

use civic_testkit::testing::{execute, query_i64};
use common::world::{World, session};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    the_catalogue_is_dcat_ap_json_ld_with_absolute_addresses,
    each_dataset_comes_as_csv_and_json_with_the_same_rows,
    drafts_hidden_items_personal_data_and_other_tenants_never_appear,
    the_administrators_choose_the_licence_and_a_citizen_may_not,
    the_page_lists_the_datasets_without_javascript,
);

const DATASETS: [&str; 5] = ["ideas", "poll-results", "budget-results", "petitions", "reports"];

/// The public URL of the tests' app config (`WebConfig::default`).
const PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// The World of `slug` with something public in every dataset: the idea
/// answered, the budget's results published, the report placed.
async fn public_world(app: &TestApp, slug: &str) -> World {
    let w = World::build(app, slug).await;
    let t = w.tenant.0;
    let now = civic_core::Timestamp::now().0;
    for sql in [
        format!(
            "INSERT INTO idea_answers (tenant_id, idea_id, status, body, author_role, created_at) \
             VALUES ({t}, {}, 'under_review', 'Розглянемо навесні, дякуємо', 'official', {now})",
            w.idea.0
        ),
        format!(
            "UPDATE ideas SET status = 'under_review' WHERE tenant_id = {t} AND id = {}",
            w.idea.0
        ),
        format!(
            "UPDATE budgets SET phase = 'results' WHERE tenant_id = {t} AND id = {}",
            w.budget
        ),
        format!(
            "UPDATE reports SET lat_e6 = 50450123, lon_e6 = 30523789 WHERE tenant_id = {t} AND id = {}",
            w.report
        ),
    ] {
        execute(&app.db, &sql).await.unwrap();
    }
    w
}

/// The body of a signed-out GET, with its status and content type.
async fn fetch(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let r = app.get(path).await;
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.text().await.unwrap())
}

async fn catalogue(app: &TestApp, slug: &str) -> Value {
    let (status, kind, body) = fetch(app, &format!("/api/v1/{slug}/open-data")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(kind.starts_with("application/ld+json"), "{kind}");
    serde_json::from_str(&body).unwrap()
}

/// Every key is a JSON-LD keyword or a term with a declared prefix, and
/// every `@id` is an absolute address.
fn check_json_ld(v: &Value, prefixes: &[&str], at: &str) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "@context" {
                    continue;
                }
                if let Some(keyword) = k.strip_prefix('@') {
                    assert!(
                        ["id", "type", "value", "language"].contains(&keyword),
                        "{at}: keyword {k}"
                    );
                } else {
                    let (prefix, local) = k
                        .split_once(':')
                        .unwrap_or_else(|| panic!("{at}: term {k} has no prefix"));
                    assert!(prefixes.contains(&prefix) && !local.is_empty(), "{at}: {k}");
                }
                if k == "@id" {
                    let id = x.as_str().unwrap();
                    assert!(id.starts_with("http://") || id.starts_with("https://"), "{at}: {id}");
                }
                if k == "@type" {
                    let (prefix, _) = x.as_str().unwrap().split_once(':').unwrap();
                    assert!(prefixes.contains(&prefix), "{at}: type {x}");
                }
                check_json_ld(x, prefixes, &format!("{at}/{k}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|x| check_json_ld(x, prefixes, at)),
        _ => {}
    }
}

fn texts(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["@language"].as_str().unwrap().to_string(),
                t["@value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn the_catalogue_is_dcat_ap_json_ld_with_absolute_addresses(app: TestApp) {
    public_world(&app, "bucha").await;
    let c = catalogue(&app, "bucha").await;
    let context = c["@context"].as_object().unwrap();
    for (prefix, iri) in [
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ] {
        assert_eq!(context[prefix], iri, "{prefix}");
    }
    let prefixes: Vec<&str> = context.keys().map(String::as_str).collect();
    check_json_ld(&c, &prefixes, "catalogue");
    assert_eq!(c["@type"], "dcat:Catalog");
    assert_eq!(c["@id"], format!("{PUBLIC_URL}/api/v1/bucha/open-data"));
    assert_eq!(c["dct:publisher"]["foaf:name"], "Громада bucha");
    assert_eq!(c["dct:license"]["@id"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(c["foaf:homepage"]["@id"], format!("{PUBLIC_URL}/bucha/open-data"));
    assert_eq!(c["dct:language"].as_array().unwrap().len(), 2);
    let langs: Vec<String> = texts(&c["dct:title"]).into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["uk", "en"]);

    let datasets = c["dcat:dataset"].as_array().unwrap();
    let ids: Vec<&str> = datasets.iter().map(|d| d["dct:identifier"].as_str().unwrap()).collect();
    assert_eq!(ids, DATASETS.iter().map(|d| format!("bucha-{d}")).collect::<Vec<_>>());
    for d in datasets {
        let what = d["dct:identifier"].as_str().unwrap();
        assert_eq!(d["@type"], "dcat:Dataset");
        let titles = texts(&d["dct:title"]);
        assert_eq!(titles.len(), 2, "{what}");
        assert_ne!(titles[0].1, titles[1].1, "{what}: the same title in both languages");
        assert_eq!(texts(&d["dct:description"]).len(), 2, "{what}");
        assert!(texts(&d["dcat:keyword"]).len() >= 2, "{what}");
        assert!(d["dct:modified"]["@value"].as_str().unwrap().len() == 10, "{what}");
        assert_eq!(d["dct:license"]["@id"], c["dct:license"]["@id"]);
        assert_eq!(d["dct:publisher"]["foaf:name"], "Громада bucha");
        let distributions = d["dcat:distribution"].as_array().unwrap();
        let media: Vec<&str> = distributions
            .iter()
            .map(|x| x["dcat:mediaType"]["@id"].as_str().unwrap())
            .collect();
        assert!(
            media.contains(&"https://www.iana.org/assignments/media-types/text/csv"),
            "{what}"
        );
        assert!(
            media.contains(&"https://www.iana.org/assignments/media-types/application/json"),
            "{what}"
        );
        // Every address is absolute, under the public address, and answers.
        for x in distributions {
            let url = x["dcat:downloadURL"]["@id"].as_str().unwrap();
            assert_eq!(x["dcat:accessURL"]["@id"], url);
            let path = url
                .strip_prefix(PUBLIC_URL)
                .unwrap_or_else(|| panic!("{url} is not absolute"));
            let (status, _, body) = fetch(&app, path).await;
            assert_eq!(status, StatusCode::OK, "{url}: {body}");
        }
    }
    // The budget with published results has its Pabulib file too.
    let budgets = &datasets[2]["dcat:distribution"];
    assert_eq!(budgets.as_array().unwrap().len(), 3, "{budgets}");

    // Another tenant's catalogue is its own; an unknown tenant is 404.
    let (status, _, _) = fetch(&app, "/api/v1/nowhere/open-data").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The CSV's header and rows (parsed as RFC 4180).
fn parse_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

async fn dataset(app: &TestApp, slug: &str, name: &str) -> ((Vec<String>, Vec<Vec<String>>), Value) {
    let (status, kind, csv) = fetch(app, &format!("/api/v1/{slug}/open-data/{name}.csv")).await;
    assert_eq!(status, StatusCode::OK, "{name}.csv: {csv}");
    assert!(kind.starts_with("text/csv"), "{name}.csv: {kind}");
    assert!(kind.contains("charset=utf-8"), "{kind}");
    let (status, kind, json) = fetch(app, &format!("/api/v1/{slug}/open-data/{name}.json")).await;
    assert_eq!(status, StatusCode::OK, "{name}.json: {json}");
    assert!(kind.starts_with("application/json"), "{name}.json: {kind}");
    (parse_csv(&csv), serde_json::from_str(&json).unwrap())
}

async fn each_dataset_comes_as_csv_and_json_with_the_same_rows(app: TestApp) {
    let w = public_world(&app, "bucha").await;
    // A title with a comma, a quote and a line break, and one a spreadsheet
    // would take for a formula.
    execute(
        &app.db,
        &format!(
            "UPDATE ideas SET title = 'Лавки, \"зелені\"\nі нові' WHERE tenant_id = {} AND id = {}",
            w.tenant.0, w.idea.0
        ),
    )
    .await
    .unwrap();
    execute(
        &app.db,
        &format!(
            "UPDATE petitions SET title = '=SUM(1)' WHERE tenant_id = {}",
            w.tenant.0
        ),
    )
    .await
    .unwrap();
    // Two residents answer the poll: its results count them.
    let citizen = session(&app, "bucha", &w.citizen_email).await;
    let admin = session(&app, "bucha", &w.admin_email).await;
    for (who, option) in [(&citizen, 0), (&admin, 1)] {
        let (status, body) = send(
            &app,
            who,
            "POST",
            &format!("/api/v1/bucha/polls/{}/responses", w.poll),
            json!({"answers": [{"question_id": 1, "option": option}]}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let counted = civic_app::open_data::catalogue(&app.platform, w.tenant).await.unwrap();
    for (i, name) in DATASETS.iter().enumerate() {
        let ((header, rows), json) = dataset(&app, "bucha", name).await;
        assert_eq!(json["dataset"], *name);
        assert_eq!(json["licence"]["id"], "CC-BY-4.0");
        let columns: Vec<String> = json["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(header, columns, "{name}");
        let items = json["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{name} is empty");
        assert_eq!(rows.len(), items.len(), "{name}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{name}");
        // The page's row counts are the files'.
        assert_eq!(counted.datasets[i].rows, rows.len() as i64, "{name}");
        for (row, item) in rows.iter().zip(items) {
            for (k, cell) in header.iter().zip(row) {
                let v = &item[k];
                let expected = match v {
                    Value::Null => String::new(),
                    Value::String(s) if s.starts_with('=') => format!("'{s}"),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(cell, &expected, "{name}: {k}");
            }
        }
    }

    let (_, ideas) = dataset(&app, "bucha", "ideas").await;
    let idea = &ideas["rows"][0];
    assert_eq!(idea["id"], w.idea.0);
    assert_eq!(idea["title"], "Лавки, \"зелені\"\nі нові");
    assert_eq!(idea["status"], "under_review");
    assert_eq!(idea["url"], format!("{PUBLIC_URL}/bucha/ideas/{}", w.idea.0));
    assert_eq!(idea["answer_count"], 1);
    assert_eq!(idea["last_answer_text"], "Розглянемо навесні, дякуємо");
    assert_eq!(idea["answers"][0]["status"], "under_review");
    assert_eq!(idea["answers"][0]["date"].as_str().unwrap().len(), 10);
    assert!(idea.get("body").is_none() && idea.get("author").is_none());

    let (_, polls) = dataset(&app, "bucha", "poll-results").await;
    let options: Vec<(&str, i64)> = polls["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["option"].as_str().unwrap(), r["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(options, [("Так", 1), ("Ні", 1)]);
    assert_eq!(polls["rows"][0]["question"], "Так чи ні?");
    assert_eq!(polls["rows"][0]["responses"], 2);
    assert_eq!(polls["rows"][0]["percent"], 50.0);
    // The same figures as the poll's own results.
    let (_, own) = get_json(&app, &format!("/api/v1/bucha/polls/{}/results", w.poll)).await;
    assert_eq!(own["questions"][0]["options"][0]["count"], 1, "{own}");

    let (_, budgets) = dataset(&app, "bucha", "budget-results").await;
    let p = &budgets["rows"][0];
    assert_eq!(p["project_id"], w.project);
    assert_eq!(p["cost"], 200_000);
    assert_eq!(p["votes"], 0);
    assert_eq!(p["rule"], "greedy");

    let (_, petitions) = dataset(&app, "bucha", "petitions").await;
    let p = &petitions["rows"][0];
    assert_eq!(p["id"], w.petition);
    assert_eq!(p["status"], "collecting");
    assert_eq!(p["threshold"], 250);
    assert_eq!(p["signature_count"], 0);

    let (_, reports) = dataset(&app, "bucha", "reports").await;
    let r = &reports["rows"][0];
    assert_eq!(r["id"], w.report);
    assert_eq!(r["category"], "Ями на дорогах");
    assert_eq!(r["category_en"], "Potholes");
    assert_eq!(r["department"], "Служба доріг");
    assert_eq!(r["latitude"], 50.45);
    assert_eq!(r["longitude"], 30.524);

    // Unknown datasets and formats are missing files.
    for path in [
        "/api/v1/bucha/open-data/users.csv",
        "/api/v1/bucha/open-data/ideas.xml",
        "/api/v1/bucha/open-data/ideas",
    ] {
        assert_eq!(fetch(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

/// Every dataset of `slug`, CSV and JSON, as one text.
async fn everything(app: &TestApp, slug: &str) -> String {
    let mut all = String::new();
    for name in DATASETS {
        for ext in ["csv", "json"] {
            let (status, _, body) = fetch(app, &format!("/api/v1/{slug}/open-data/{name}.{ext}")).await;
            assert_eq!(status, StatusCode::OK);
            all.push_str(&body);
        }
    }
    all.push_str(&catalogue(app, slug).await.to_string());
    all
}

async fn drafts_hidden_items_personal_data_and_other_tenants_never_appear(app: TestApp) {
    let w = public_world(&app, "bucha").await;
    let other = public_world(&app, "irpin").await;
    let (t, o) = (w.tenant.0, other.tenant.0);
    let now = civic_core::Timestamp::now();
    // What must stay out of bucha's data, each marked SECRET.
    let petitions = civic_testkit::petitions::Petitions::of(&app.db, w.tenant);
    let citizen = civic_core::UserId(w.citizen);
    petitions
        .create(
            citizen,
            "Чернетка SECRET-draft",
            "Текст чернетки петиції, що ще не подана.",
            250,
            now,
        )
        .await
        .unwrap();
    let submitted = petitions
        .create(
            citizen,
            "На перевірці SECRET-submitted",
            "Текст петиції, що чекає перевірки.",
            250,
            now,
        )
        .await
        .unwrap();
    petitions.submit(submitted, now, now.0 + 86_400_000).await.unwrap();
    let refused = petitions
        .create(
            citizen,
            "Відхилена SECRET-refused",
            "Текст петиції, яку відхилили.",
            250,
            now,
        )
        .await
        .unwrap();
    petitions.submit(refused, now, now.0 + 86_400_000).await.unwrap();
    let draft_space = civic_testkit::spaces::Spaces::of(&app.db, w.tenant)
        .create(&civic_testkit::spaces::NewSpace {
            title: "Простір у підготовці",
            description: "Ще не відкритий",
            status: "draft",
            support_threshold: 5,
            starts_at: None,
            ends_at: None,
        })
        .await
        .unwrap();
    idea(&app.db, w.tenant, draft_space, "Ідея SECRET-draft-space").await;
    let withdrawn = idea(&app.db, w.tenant, w.space, "Ідея SECRET-withdrawn").await;
    let polls = civic_testkit::polls::Polls::of(&app.db, w.tenant);
    let questions = r#"[{"id":1,"kind":"single_choice","text":"Питання SECRET-question?","required":true,"options":["SECRET-a","SECRET-b"]}]"#;
    for (title, visibility, status, closes) in [
        (
            "SECRET-after-close",
            "after_close",
            "published",
            Some(now.0 + 86_400_000),
        ),
        ("SECRET-poll-draft", "live", "draft", None),
    ] {
        polls
            .create(&civic_testkit::polls::NewPoll {
                space: w.space,
                title,
                intro: "",
                opens_at: None,
                closes_at: closes,
                results_visibility: visibility,
                allow_changes: false,
                questions_json: questions,
                status,
                eligibility: "signed_in",
                districts: "",
                anonymous: false,
            })
            .await
            .unwrap();
    }
    let budgets = civic_testkit::budgets::Budgets::of(&app.db, w.tenant);
    for (project, status) in [
        (
            "SECRET-submitted-project",
            civic_core::budgets::ProjectStatus::Submitted,
        ),
        ("Ліхтарі", civic_core::budgets::ProjectStatus::NotFeasible),
    ] {
        budgets
            .add_project(
                w.budget,
                &civic_testkit::budgets::NewProject {
                    author: None,
                    title: project,
                    body: "Опис проєкту для перевірки.",
                    cost: 10_000,
                    category: None,
                    district: None,
                    location: None,
                    status,
                },
            )
            .await
            .unwrap();
    }
    for sql in [
        format!("UPDATE petitions SET status = 'refused' WHERE tenant_id = {t} AND id = {refused}"),
        format!(
            "UPDATE ideas SET status = 'withdrawn' WHERE tenant_id = {t} AND id = {}",
            withdrawn.0
        ),
        // A budget still voting: its projects are not results yet.
        format!(
            "INSERT INTO budgets (tenant_id, space_id, title, description, amount, ballot_type, min_choices, \
             max_choices, points_total, rule, phase, exclude_own, created_at) VALUES ({t}, {}, 'SECRET-voting', '', \
             1000, 'approval', 1, 1, 0, 'greedy', 'voting', 0, {})",
            w.space.0, now.0
        ),
        // The other tenant's items, marked.
        format!("UPDATE ideas SET title = 'IRPINSECRET idea' WHERE tenant_id = {o}"),
        format!("UPDATE polls SET title = 'IRPINSECRET poll' WHERE tenant_id = {o}"),
        format!("UPDATE petitions SET title = 'IRPINSECRET petition' WHERE tenant_id = {o}"),
        format!("UPDATE budget_projects SET title = 'IRPINSECRET project' WHERE tenant_id = {o}"),
        format!("UPDATE report_categories SET name_uk = 'IRPINSECRET category' WHERE tenant_id = {o}"),
    ] {
        execute(&app.db, &sql).await.unwrap();
    }

    let all = everything(&app, "bucha").await;
    for secret in ["SECRET", "IRPINSECRET"] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
    // Personal data: no author or reporter, no report text or address, no e-mail.
    for private in [
        "Глибока яма",
        "Вокзальна",
        "@bucha.example.org",
        "olena",
        "Просимо поставити",
        "50.450123",
    ] {
        assert!(!all.contains(private), "{private} leaked");
    }
    // What is public is there (so the checks above could fail).
    for public in [
        "Лавки",
        "Більше лавок у парку",
        "Опитування",
        "Лавки в парку",
        "Ліхтарі",
        "Ями на дорогах",
    ] {
        assert!(all.contains(public), "{public} missing");
    }
    let theirs = everything(&app, "irpin").await;
    assert!(theirs.contains("IRPINSECRET idea") && theirs.contains("IRPINSECRET category"));
    // The not-feasible project is listed as out of the vote.
    let (_, budgets) = dataset(&app, "bucha", "budget-results").await;
    let out: Vec<&Value> = budgets["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["project"] == "Ліхтарі")
        .collect();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["not_funded_reason"], "not_on_ballot");
    assert_eq!(out[0]["selected"], false);
}

async fn licence_of(app: &TestApp, slug: &str) -> String {
    catalogue(app, slug).await["dct:license"]["dct:identifier"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn the_administrators_choose_the_licence_and_a_citizen_may_not(app: TestApp) {
    let w = public_world(&app, "bucha").await;
    World::build(&app, "irpin").await;
    let admin = session(&app, "bucha", &w.admin_email).await;
    let citizen = session(&app, "bucha", &w.citizen_email).await;
    assert_eq!(licence_of(&app, "bucha").await, "CC-BY-4.0");

    // The API: an administrator sets it; the catalogue and the files carry it.
    let (status, body) = send(
        &app,
        &admin,
        "PUT",
        "/api/v1/bucha/open-data-licence",
        json!({"licence": "CC0-1.0"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["licence"]["id"], "CC0-1.0");
    assert_eq!(body["choices"].as_array().unwrap().len(), 5);
    let c = catalogue(&app, "bucha").await;
    assert_eq!(
        c["dct:license"]["@id"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
    for d in c["dcat:dataset"].as_array().unwrap() {
        assert_eq!(d["dct:license"]["dct:identifier"], "CC0-1.0");
    }
    let (_, json) = dataset(&app, "bucha", "ideas").await;
    assert_eq!(json["licence"]["id"], "CC0-1.0");
    // Another tenant keeps its own.
    assert_eq!(licence_of(&app, "irpin").await, "CC-BY-4.0");
    let audited = query_i64(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE tenant_id = {} AND action = 'open_data_licence'",
            w.tenant.0
        ),
    )
    .await;
    assert_eq!(audited, 1);

    // A citizen may not; neither may anyone signed out; nothing changes.
    let (status, body) = send(
        &app,
        &citizen,
        "PUT",
        "/api/v1/bucha/open-data-licence",
        json!({"licence": "ODbL-1.0"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let status = app
        .client
        .put(app.url("/api/v1/bucha/open-data-licence"))
        .json(&json!({"licence": "ODbL-1.0"}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let r = citizen.0.get(app.url("/bucha/admin/open-data")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = citizen
        .0
        .post(app.url("/bucha/admin/open-data"))
        .form(&[("csrf", citizen.1.as_str()), ("licence", "ODbL-1.0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A licence not offered is refused with its code.
    let (status, body) = send(
        &app,
        &admin,
        "PUT",
        "/api/v1/bucha/open-data-licence",
        json!({"licence": "GPL-3.0"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["code"], "invalid_licence");
    assert_eq!(licence_of(&app, "bucha").await, "CC0-1.0");

    // The page: a plain form, the choice shown, a refusal next to its field.
    let page = admin.0.get(app.url("/bucha/admin/open-data")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"value="CC0-1.0" checked"#), "{html}");
    let r = admin
        .0
        .post(app.url("/bucha/admin/open-data"))
        .form(&[("csrf", admin.1.as_str()), ("licence", "nonsense")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Оберіть ліцензію зі списку.") && html.contains("href=\"#licence\""),
        "{html}"
    );
    let r = admin
        .0
        .post(app.url("/bucha/admin/open-data"))
        .form(&[("csrf", admin.1.as_str()), ("licence", "CC-BY-SA-4.0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        "/bucha/admin/open-data?done=saved"
    );
    assert_eq!(licence_of(&app, "bucha").await, "CC-BY-SA-4.0");
    let (_, _, page) = fetch(&app, "/bucha/open-data").await;
    assert!(page.contains("https://creativecommons.org/licenses/by-sa/4.0/"));
}

async fn the_page_lists_the_datasets_without_javascript(app: TestApp) {
    public_world(&app, "bucha").await;
    let (status, kind, html) = fetch(&app, "/bucha/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/html"));
    assert!(
        html.contains("<title>Відкриті дані — Громада bucha — Civic Space</title>"),
        "{html}"
    );
    assert!(html.contains(r#"href="/api/v1/bucha/open-data""#));
    for name in DATASETS {
        for ext in ["csv", "json"] {
            assert!(
                html.contains(&format!(r#"href="/api/v1/bucha/open-data/{name}.{ext}""#)),
                "{name}.{ext}"
            );
        }
    }
    assert!(html.contains(r#"rel="license""#) && html.contains("Creative Commons Attribution 4.0 International"));
    // The budget's Pabulib file is linked and answers.
    let w_budget = query_i64(&app.db, "SELECT MIN(id) FROM budgets WHERE phase = 'results'").await;
    let pabulib = format!("/bucha/budgets/{w_budget}/pabulib");
    assert!(html.contains(&format!(r#"href="{pabulib}""#)), "{html}");
    assert_eq!(fetch(&app, &pabulib).await.0, StatusCode::OK);
    // English, and the footer of every tenant page links here.
    let english = client();
    english
        .get(app.url("/language?to=en&back=/bucha/open-data"))
        .send()
        .await
        .unwrap();
    let en = english
        .get(app.url("/bucha/open-data"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<h1>Open data</h1>") && en.contains("Poll results"), "{en}");
    let (_, _, home) = fetch(&app, "/bucha/").await;
    assert!(home.contains(r#"href="/bucha/open-data""#));
}

/// The demo city has rows behind every dataset, and the page shows them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_has_rows_in_every_dataset() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let c = catalogue(&app, "demo").await;
    for (d, name) in c["dcat:dataset"].as_array().unwrap().iter().zip(DATASETS) {
        assert_eq!(d["dct:identifier"], format!("demo-{name}"));
        let ((_, rows), json) = dataset(&app, "demo", name).await;
        assert!(!rows.is_empty(), "the demo's {name} is empty");
        assert_eq!(rows.len(), json["rows"].as_array().unwrap().len());
    }
    let (status, _, page) = fetch(&app, "/demo/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("даних ще немає"),
        "a dataset of the demo is empty: {page}"
    );
}
