//! Participation statistics on both backends (issue 24): the staff's
//! dashboard counts exactly the contributions seeded (people new and
//! returning, contributions by kind and per week, answers and the median
//! days from the threshold to the first answer), never another tenant's;
//! each figure downloads as CSV; page views are counted in memory and
//! written by a flush (robots, errors, admin pages and JSON not counted);
//! a citizen is refused the dashboard; bad periods are 422; the public page
//! and the API show the public figures.

mod common;

use civic_core::statistics::{DAY_MS, Day};
use civic_core::{IdeaId, SpaceId, TenantId, Timestamp, UserId};
use civic_testkit::comments::{Comments, NewComment};
use civic_testkit::ideas::{Ideas, NewIdea};
use civic_testkit::testing::{execute, query_i64};
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(
    the_dashboard_counts_exactly_what_was_seeded,
    each_figure_downloads_as_csv,
    page_views_are_counted_after_a_flush,
    a_citizen_is_refused_and_bad_periods_are_422,
    the_public_page_and_the_api_show_the_public_figures,
    the_report_lists_what_the_city_answered_and_did,
);

/// Noon (UTC) of a day of 2026: inside that day in Kyiv too.
fn noon(month: u32, day: u32) -> Timestamp {
    Timestamp(Day::from_ymd(2026, month, day).unwrap().0 * DAY_MS + DAY_MS / 2)
}

async fn new_idea(app: &TestApp, t: TenantId, space: SpaceId, author: i64, at: Timestamp) -> IdeaId {
    Ideas::of(&app.db, t)
        .create(&NewIdea {
            space,
            author: Some(UserId(author)),
            title: "Лавки вздовж набережної",
            body: "Текст ідеї",
            status: "published",
            category: None,
            district: Some("Центр"),
            location: None,
            created_at: at,
        })
        .await
        .unwrap()
}

async fn comment(app: &TestApp, t: TenantId, idea: IdeaId, author: i64, at: Timestamp) {
    Comments::of(&app.db, t)
        .create(&NewComment {
            idea,
            parent: None,
            author: Some(UserId(author)),
            body: "Гарна думка",
            alignment: "neutral",
            created_at: at,
        })
        .await
        .unwrap();
}

/// The seeded town: in March 2026, 3 ideas (two by Андрій, one by Богдан),
/// 2 comments by those 2 people, 5 supports on the first idea (the 5th,
/// the space's threshold, on 10 March), the city's answer to it 4 days
/// later and to the third idea (which never reached the threshold); Катря
/// proposed an idea in February already (she returns). Another tenant has
/// the same in the same days.
struct Town {
    slug: &'static str,
    space: SpaceId,
    admin: (reqwest::Client, String),
}

async fn seeded(app: &TestApp, slug: &'static str) -> Town {
    let t = tenant(&app.db, slug, None).await.tenant_id();
    let space = space(&app.db, t, "Парк").await; // threshold 5
    let who = |name: &str| format!("{name}@{slug}.example.org");
    let mut people = Vec::new();
    for name in ["andrii", "bohdan", "katria", "dana", "yevhen"] {
        people.push(person(app, slug, &who(name), "citizen").await);
    }
    person(app, slug, &who("mayor"), "admin").await;
    let [a, b, c, d, e] = people[..] else { unreachable!() };
    new_idea(app, t, space, c, noon(2, 10)).await;
    let i1 = new_idea(app, t, space, a, noon(3, 3)).await;
    new_idea(app, t, space, a, noon(3, 4)).await;
    let i3 = new_idea(app, t, space, b, noon(3, 5)).await;
    comment(app, t, i1, a, noon(3, 6)).await;
    comment(app, t, i1, b, noon(3, 6)).await;
    let tn = t.0;
    for (k, user) in [a, b, c, d, e].into_iter().enumerate() {
        let at = noon(3, 9).0 + k as i64 * 3_600_000 * 6;
        execute(
            &app.db,
            &format!(
                "INSERT INTO supports (tenant_id, idea_id, user_id, created_at) VALUES ({tn}, {}, {user}, {at})",
                i1.0
            ),
        )
        .await
        .unwrap();
    }
    // The 5th support came at 9 March noon + 24 h = 10 March noon.
    for (idea, at) in [(i1, noon(3, 14)), (i3, noon(3, 20))] {
        execute(
            &app.db,
            &format!(
                "INSERT INTO idea_answers (tenant_id, idea_id, status, body, author_role, created_at) \
                 VALUES ({tn}, {}, 'under_review', 'Розглянемо', 'official', {})",
                idea.0, at.0
            ),
        )
        .await
        .unwrap();
    }
    let admin = session(app, slug, &who("mayor")).await;
    Town { slug, space, admin }
}

const MARCH: &str = "from=2026-03-02&to=2026-03-31";

async fn csv(app: &TestApp, town: &Town, figure: &str, extra: &str) -> (StatusCode, String, String) {
    let r = town
        .admin
        .0
        .get(app.url(&format!(
            "/{}/admin/statistics.csv?figure={figure}&{MARCH}{extra}",
            town.slug
        )))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, r.text().await.unwrap())
}

async fn the_dashboard_counts_exactly_what_was_seeded(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    let _other = seeded(&app, "irpin").await;
    let (_, _, people) = csv(&app, &town, "people", "").await;
    assert_eq!(people, "measure,count\r\npeople,5\r\nnew,4\r\nreturning,1\r\n");
    let (_, _, kinds) = csv(&app, &town, "contributions", "").await;
    assert_eq!(
        kinds,
        "module,kind,count\r\nideas,comment,2\r\nideas,idea,3\r\nideas,support,5\r\n"
    );
    let (_, _, weeks) = csv(&app, &town, "weeks", "").await;
    assert_eq!(
        weeks,
        "week_start,count\r\n2026-03-02,5\r\n2026-03-09,5\r\n2026-03-16,0\r\n2026-03-23,0\r\n2026-03-30,0\r\n"
    );
    let (_, _, answers) = csv(&app, &town, "answers", "").await;
    assert_eq!(
        answers,
        "measure,value\r\nanswers,2\r\nideas_timed,1\r\nmedian_days,4.0\r\nideas_implemented,0\r\n"
    );
    let (_, _, districts) = csv(&app, &town, "districts", "").await;
    assert_eq!(districts, "district,count\r\nЦентр,10\r\n");
    let (_, _, channels) = csv(&app, &town, "channels", "").await;
    assert_eq!(channels, "channel,count\r\nonline,10\r\n");
    // February alone: Катря's idea, she is new then.
    let r = town
        .admin
        .0
        .get(app.url("/bucha/admin/statistics.csv?figure=people&from=2026-02-01&to=2026-02-28"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.text().await.unwrap(),
        "measure,count\r\npeople,1\r\nnew,1\r\nreturning,0\r\n"
    );
    // A year is told per month: Катря's idea in February, the rest in March.
    let r = town
        .admin
        .0
        .get(app.url("/bucha/admin/statistics.csv?figure=weeks&from=2026-01-01&to=2026-12-31"))
        .send()
        .await
        .unwrap();
    let months = r.text().await.unwrap();
    let expected: String = (1..=12)
        .map(|m| {
            format!(
                "2026-{m:02}-01,{}\r\n",
                [0, 1, 10][(m as usize).min(3) - 1] * i64::from(m <= 3)
            )
        })
        .collect();
    assert_eq!(months, format!("month_start,count\r\n{expected}"));
    // The space filter: the same space, the same figures; another tenant's
    // space is not found.
    let (_, _, in_space) = csv(&app, &town, "people", &format!("&space={}", town.space.0)).await;
    assert_eq!(in_space, people);
    let other_space = query_i64(&app.db, "SELECT MAX(id) FROM spaces").await;
    let (status, _, _) = csv(&app, &town, "people", &format!("&space={other_space}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The page shows the figures with their tables and charts.
    let r = town
        .admin
        .0
        .get(app.url(&format!("/bucha/admin/statistics?{MARCH}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    for figure in [
        "people",
        "contributions",
        "weeks",
        "districts",
        "channels",
        "answers",
        "funnel",
        "views",
    ] {
        assert!(html.contains(&format!("id=\"figure-{figure}\"")), "{figure}");
        assert!(html.contains(&format!("figure={figure}")), "{figure}");
    }
    assert!(html.contains("<svg"), "{html}");
    assert!(html.contains("<caption"), "{html}");
    assert!(
        html.contains("/bucha/admin/statistics\" aria-current=\"page\""),
        "the nav marks it"
    );
}

async fn each_figure_downloads_as_csv(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    for figure in [
        "people",
        "contributions",
        "weeks",
        "districts",
        "channels",
        "answers",
        "funnel",
        "views",
    ] {
        let (status, kind, body) = csv(&app, &town, figure, "").await;
        assert_eq!(status, StatusCode::OK, "{figure}: {body}");
        assert!(kind.starts_with("text/csv"), "{figure}: {kind}");
        let header = body.lines().next().unwrap();
        assert!(
            header.ends_with(",count") || header.ends_with(",value"),
            "{figure}: {header}"
        );
    }
    let (status, _, body) = csv(&app, &town, "nonsense", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A district someone typed as a formula is not run by a spreadsheet.
    execute(&app.db, "UPDATE ideas SET district = '=HYPERLINK(1)'")
        .await
        .unwrap();
    let (_, _, body) = csv(&app, &town, "districts", "").await;
    assert!(body.contains("'=HYPERLINK(1)"), "{body}");
}

async fn page_views_are_counted_after_a_flush(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    seeded(&app, "irpin").await;
    let visitor = client();
    let space_page = format!("/bucha/spaces/{}", town.space.0);
    for path in ["/bucha/", "/bucha/", &space_page, "/irpin/"] {
        let r = visitor.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
    // Not counted: a robot, a page not found, JSON, an admin page, a form.
    let robot = reqwest::Client::builder()
        .user_agent("Mozilla/5.0 (compatible; Googlebot/2.1)")
        .build()
        .unwrap();
    robot.get(app.url("/bucha/")).send().await.unwrap();
    visitor.get(app.url("/bucha/ideas/999999")).send().await.unwrap();
    visitor.get(app.url("/api/v1/bucha/statistics")).send().await.unwrap();
    town.admin
        .0
        .get(app.url("/bucha/admin/statistics"))
        .send()
        .await
        .unwrap();
    visitor.post(app.url("/bucha/login")).send().await.unwrap();
    // Nothing is written per request.
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM page_views").await, 0);
    civic_web::page_views::flush(&app.state).await;
    let t = query_i64(&app.db, "SELECT id FROM tenants WHERE slug = 'bucha'").await;
    let count = |sql: String| {
        let db = app.db.clone();
        async move { query_i64(&db, &sql).await }
    };
    assert_eq!(
        count(format!(
            "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM page_views WHERE tenant_id = {t}"
        ))
        .await,
        3
    );
    assert_eq!(
        count(format!(
            "SELECT count FROM page_views WHERE tenant_id = {t} AND kind = 'home' AND space_id = 0"
        ))
        .await,
        2
    );
    assert_eq!(
        count(format!(
            "SELECT count FROM page_views WHERE tenant_id = {t} AND kind = 'space' AND space_id = {}",
            town.space.0
        ))
        .await,
        1
    );
    // A second flush adds to the same rows.
    visitor.get(app.url("/bucha/")).send().await.unwrap();
    civic_web::page_views::flush(&app.state).await;
    civic_web::page_views::flush(&app.state).await;
    assert_eq!(
        count(format!(
            "SELECT count FROM page_views WHERE tenant_id = {t} AND kind = 'home' AND space_id = 0"
        ))
        .await,
        3
    );
    // The funnel of today counts them (this tenant's only).
    let today = Day::utc(Timestamp::now()).iso();
    let r = town
        .admin
        .0
        .get(app.url(&format!(
            "/bucha/admin/statistics.csv?figure=funnel&from={today}&to={today}"
        )))
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert!(body.contains("page_views,4\r\n"), "{body}");
    let r = town
        .admin
        .0
        .get(app.url(&format!(
            "/bucha/admin/statistics.csv?figure=views&from={today}&to={today}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "page_kind,count\r\nhome,3\r\nspace,1\r\n");
}

async fn a_citizen_is_refused_and_bad_periods_are_422(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    let citizen = session(&app, "bucha", "andrii@bucha.example.org").await;
    for path in [
        "/bucha/admin/statistics",
        "/bucha/admin/statistics.csv?figure=people",
        "/bucha/admin/statistics/report",
    ] {
        let r = citizen.0.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        let r = client().get(app.url(path)).send().await.unwrap();
        assert!(
            matches!(r.status(), StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER),
            "{path}: {}",
            r.status()
        );
    }
    for query in [
        "from=2026-03-31&to=2026-03-01",
        "from=2019-01-01&to=2026-01-01",
        "from=tomorrow",
        "to=2026-02-30",
        "space=abc",
    ] {
        let r = town
            .admin
            .0
            .get(app.url(&format!("/bucha/admin/statistics?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let html = r.text().await.unwrap();
        assert!(html.contains("error-summary"), "{query}");
        let r = town
            .admin
            .0
            .get(app.url(&format!("/bucha/admin/statistics.csv?figure=people&{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let r = town
            .admin
            .0
            .get(app.url(&format!("/bucha/admin/statistics/report?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "report: {query}");
        let (status, body) = get_json(&app, &format!("/api/v1/bucha/statistics?{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        let r = app.get(&format!("/bucha/statistics?{query}")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
}

async fn the_public_page_and_the_api_show_the_public_figures(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    seeded(&app, "irpin").await;
    let (status, body) = get_json(&app, &format!("/api/v1/bucha/statistics?{MARCH}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["from"], "2026-03-02");
    assert_eq!(body["people"], 5);
    assert_eq!(body["new_people"], 4);
    assert_eq!(body["returning_people"], 1);
    assert_eq!(body["contributions"], 10);
    assert_eq!(body["answers"], 2);
    assert_eq!(body["median_answer_days"], 4.0);
    assert_eq!(body["weeks"][0]["week"], "2026-03-02");
    assert_eq!(body["weeks"][0]["contributions"], 5);
    let (status, body) = get_json(
        &app,
        &format!("/api/v1/bucha/statistics?{MARCH}&space={}", town.space.0),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["contributions"], 10);
    let (status, _) = get_json(&app, &format!("/api/v1/bucha/statistics?{MARCH}&space=999999")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The page, signed out, without JavaScript: the figures in a table.
    let r = app.get(&format!("/bucha/statistics?{MARCH}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("<h1>Статистика</h1>"), "{html}");
    assert!(html.contains("<table"), "{html}");
    assert!(html.contains("<svg"), "{html}");
    // A whole year: per month, named.
    let year = app
        .get("/bucha/statistics?from=2026-01-01&to=2026-12-31")
        .await
        .text()
        .await
        .unwrap();
    assert!(year.contains("Внески за місяцями"), "{year}");
    assert!(
        year.contains("<th scope=\"row\" data-label=\"Місяць\">Березень 2026</th><td data-label=\"Кількість\">10</td>"),
        "{year}"
    );
    // Linked from every page's footer.
    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(home.contains("href=\"/bucha/statistics\""));
}

/// A petition answered and a problem report received and resolved in March.
async fn petition_and_report(app: &TestApp, slug: &str) {
    let tn = query_i64(&app.db, &format!("SELECT id FROM tenants WHERE slug = '{slug}'")).await;
    let (march, march_20) = (noon(3, 12).0, noon(3, 20).0);
    for sql in [
        format!(
            "INSERT INTO petitions (tenant_id, title, body, status, threshold, signature_count, created_at, \
             answered_at, answer, decision) VALUES ({tn}, 'Освітлення на Садовій', 'Текст', 'answered', 40, 42, \
             {march}, {march_20}, 'Встановимо **шість** ліхтарів', 'supported')"
        ),
        format!("INSERT INTO departments (tenant_id, name, created_at) VALUES ({tn}, 'Благоустрій', {march})"),
        format!(
            "INSERT INTO report_categories (tenant_id, name_uk, department_id, target_days, created_at) \
             VALUES ({tn}, 'Ями', (SELECT id FROM departments WHERE tenant_id = {tn}), 10, {march})"
        ),
        format!(
            "INSERT INTO reports (tenant_id, category_id, department_id, body, status, deadline_at, resolved_at, \
             created_at, updated_at) VALUES ({tn}, (SELECT id FROM report_categories WHERE tenant_id = {tn}), \
             (SELECT id FROM departments WHERE tenant_id = {tn}), 'Яма', 'resolved', {march_20}, {march_20}, \
             {march}, {march_20})"
        ),
    ] {
        execute(&app.db, &sql).await.unwrap();
    }
}

/// The printable report: the dashboard's figures, every answer the city
/// gave to an idea in the period (with its text), the petitions answered
/// and the problem reports per department; never another tenant's; with a
/// space chosen, only that space's ideas and no town-wide sections.
async fn the_report_lists_what_the_city_answered_and_did(app: TestApp) {
    let town = seeded(&app, "bucha").await;
    petition_and_report(&app, "bucha").await;
    seeded(&app, "irpin").await;
    petition_and_report(&app, "irpin").await;
    let read = |query: String| {
        let client = town.admin.0.clone();
        let url = app.url(&format!("/bucha/admin/statistics/report?{query}"));
        async move {
            let r = client.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (status, html) = read(MARCH.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // "Page — Town — Civic Space": the town named once in the title.
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("");
    assert!(title.starts_with("Звіт про участь — "), "{title}");
    assert_eq!(title.matches(" — ").count(), 2, "{title}");
    for figure in ["people", "contributions", "weeks", "answers"] {
        assert!(html.contains(&format!("id=\"figure-{figure}\"")), "{figure}");
    }
    let tn = query_i64(&app.db, "SELECT id FROM tenants WHERE slug = 'bucha'").await;
    let answered = |order: &str| {
        format!("SELECT idea_id FROM idea_answers WHERE tenant_id = {tn} ORDER BY created_at {order} LIMIT 1")
    };
    let (first, last) = (
        query_i64(&app.db, &answered("ASC")).await,
        query_i64(&app.db, &answered("DESC")).await,
    );
    assert_eq!(html.matches("href=\"/bucha/ideas/").count(), 2, "{html}");
    let (at_first, at_last) = (
        html.find(&format!("href=\"/bucha/ideas/{first}\""))
            .expect("the first answer"),
        html.find(&format!("href=\"/bucha/ideas/{last}\""))
            .expect("the second answer"),
    );
    assert!(at_first < at_last, "oldest first");
    assert_eq!(html.matches("Розглянемо").count(), 2, "each answer's text");
    assert!(html.contains("Освітлення на Садовій"), "the petition answered");
    assert!(html.contains("Підтримано") && html.contains("42 підписи"), "{html}");
    assert!(html.contains("<strong>шість</strong>"), "the answer as formatted");
    assert!(
        html.contains("<th scope=\"row\">Благоустрій</th><td>1</td><td>1</td>"),
        "{html}"
    );
    // A period before any of it: each section says so.
    let (_, empty) = read("from=2025-01-01&to=2025-01-31".into()).await;
    assert!(empty.contains("місто не відповідало на ідеї"), "{empty}");
    assert!(empty.contains("жодна петиція не отримала відповіді"), "{empty}");
    assert!(!empty.contains("Благоустрій"), "{empty}");
    // One space: its ideas' answers, not the town's petitions and reports.
    let (status, in_space) = read(format!("{MARCH}&space={}", town.space.0)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(in_space.matches("Розглянемо").count(), 2);
    assert!(in_space.contains("Парк"), "the space is named");
    assert!(!in_space.contains("Освітлення на Садовій"));
    let other_space = query_i64(&app.db, "SELECT MAX(id) FROM spaces").await;
    let (status, _) = read(format!("{MARCH}&space={other_space}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The dashboard links to the report for the same period.
    let dashboard = town
        .admin
        .0
        .get(app.url(&format!("/bucha/admin/statistics?{MARCH}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains("/bucha/admin/statistics/report?from=2026-03-02&#38;to=2026-03-31&#38;space=0"),
        "{dashboard}"
    );
}

/// The demo city's dashboard has something in every figure of the last 30
/// days, page views included, and its public page answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_city_has_figures() {
    let db = civic_testkit::testing::TestDb::sqlite().await;
    civic_seed::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
        .await
        .unwrap();
    let app = TestApp::start(db).await;
    let t = TenantId(query_i64(&app.db, "SELECT id FROM tenants WHERE slug = 'demo'").await);
    let zone = civic_core::Zone::default();
    let today = Day::of(Timestamp::now(), &zone);
    let period = civic_core::statistics::Period::preset(civic_core::statistics::Preset::Days30, today);
    let d = civic_app::statistics::dashboard(&app.platform, t, civic_core::Role::Admin, &zone, period, None)
        .await
        .unwrap();
    assert!(d.people.total > 0, "{d:?}");
    assert!(d.contributions() > 0, "{d:?}");
    assert!(d.by_kind.len() >= 5, "{d:?}");
    assert!(d.funnel.page_views > 0, "{d:?}");
    assert!(!d.views_by_kind.is_empty(), "{d:?}");
    assert!(d.weeks.iter().any(|(_, c)| *c > 0), "{d:?}");
    let r = app.get("/demo/statistics").await;
    assert_eq!(r.status(), StatusCode::OK);
}
