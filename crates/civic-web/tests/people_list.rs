//! The administrators' people list on both backends: 50 a page, staff
//! first and then names in natural order ("Мешканець 2" before
//! "Мешканець 10"), the total in words with Ukrainian plurals, links to the
//! previous and next page that keep the search, a search that ignores case
//! in Cyrillic, an empty state, and page parameters that are not pages.

mod common;

use civic_core::{DisplayName, Email, Role, TenantId};
use civic_testkit::bulk::{Bulk, BulkUser, Table};
use civic_testkit::testing::{execute, query_i64};
use civic_testkit::users::{NewUser, Users};
use common::world::{cookie_client, person, session};
use common::*;
use reqwest::StatusCode;

both_backends!(
    people_page_in_natural_order,
    accounts_written_before_the_keys_get_them_when_migrating
);

/// 120 residents "Мешканець 1" … "Мешканець 120", written in a shuffled
/// order, half one by one (sign-up's path) and half in bulk (the seed's).
async fn residents(app: &TestApp, tenant: TenantId, count: i64) {
    let order: Vec<i64> = (1..=count).map(|i| (i * 37) % count + 1).collect();
    let (one_by_one, in_bulk) = order.split_at(order.len() / 2);
    let users = Users::of(&app.db, tenant);
    for n in one_by_one {
        let email = Email::parse(&format!("resident{n}@example.org")).unwrap();
        let name = DisplayName::parse(&format!("Мешканець {n}")).unwrap();
        users
            .create(&NewUser {
                email: &email,
                display_name: &name,
                password_hash: "x",
                role: Role::Citizen,
                confirmed: true,
            })
            .await
            .unwrap();
    }
    let bulk = Bulk::of(&app.db, tenant);
    let first = bulk.next_id(Table::Users).await.unwrap();
    let rows: Vec<BulkUser> = in_bulk
        .iter()
        .zip(first..)
        .map(|(n, id)| BulkUser {
            id,
            email: format!("resident{n}@example.org"),
            display_name: format!("Мешканець {n}"),
            role: "citizen",
            created_at: 1_700_000_000_000,
        })
        .collect();
    bulk.users(&rows, "x").await.unwrap();
    bulk.finish().await.unwrap();
}

/// The names in the table, in order.
fn names(html: &str) -> Vec<String> {
    let Some((_, body)) = html.split_once("<tbody>") else {
        return Vec::new();
    };
    let body = body.split("</tbody>").next().unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let cell = row.split_once("<td>").unwrap().1;
            cell.split(['<', '(']).next().unwrap().trim().to_string()
        })
        .collect()
}

/// The address of the pager's link `rel`, as a path.
fn link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\""))?;
    let before = &html[..at];
    let href = before.rfind("href=\"")? + 6;
    Some(
        before[href..]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&"),
    )
}

fn resident_names(range: std::ops::RangeInclusive<i64>) -> Vec<String> {
    range.map(|n| format!("Мешканець {n}")).collect()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let r = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.unwrap()
}

async fn people_page_in_natural_order(app: TestApp) {
    let bucha = tenant(&app.db, "bucha", None).await.tenant_id();
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    person(&app, "bucha", "mayor@example.org", "admin").await;
    residents(&app, bucha, 120).await;
    residents(&app, irpin, 3).await;
    let (mayor, _) = session(&app, "bucha", "mayor@example.org").await;

    // Staff first, then the residents by the numbers' values.
    let first = page(&mayor, &app, "/bucha/admin/people").await;
    let mut expected = vec!["Тестова особа".to_string()];
    expected.extend(resident_names(1..=49));
    assert_eq!(names(&first), expected);
    assert!(first.contains("121 людина"), "{first}");
    assert!(first.contains("Сторінка 1 з 3"), "{first}");
    assert_eq!(link(&first, "prev"), None);
    assert_eq!(link(&first, "next").as_deref(), Some("/bucha/admin/people?page=2"));

    let second = page(&mayor, &app, "/bucha/admin/people?page=2").await;
    assert_eq!(names(&second), resident_names(50..=99));
    assert_eq!(link(&second, "prev").as_deref(), Some("/bucha/admin/people"));
    let last = page(&mayor, &app, &link(&second, "next").unwrap()).await;
    assert_eq!(names(&last), resident_names(100..=120));
    assert!(last.contains("Сторінка 3 з 3"), "{last}");
    assert_eq!(link(&last, "next"), None);

    // Page parameters that are not pages: the first page, or the last for
    // a page past it; never an error.
    for odd in ["abc", "0", "-1", "", "1.5", "99999999999999999999999", "%00"] {
        let html = page(&mayor, &app, &format!("/bucha/admin/people?page={odd}")).await;
        assert_eq!(names(&html), names(&first), "page={odd}");
    }
    let past = page(&mayor, &app, "/bucha/admin/people?page=4").await;
    assert_eq!(names(&past), names(&last));
    let past = page(&mayor, &app, "/bucha/admin/people?page=18446744073709551615").await;
    assert_eq!(names(&past), names(&last));

    // The search ignores case in Cyrillic and keeps its pages.
    let found = page(
        &mayor,
        &app,
        "/bucha/admin/people?q=%D0%BC%D0%B5%D0%A8%D0%BA%D0%B0%D0%BD%D0%B5%D1%86%D1%8C",
    )
    .await;
    assert!(found.contains("value=\"меШканець\""), "{found}");
    assert!(found.contains("знайдено: 120 людей"), "{found}");
    assert_eq!(names(&found), resident_names(1..=50));
    let next = link(&found, "next").unwrap();
    assert!(
        next.contains("q=%D0%BC%D0%B5%D0%A8") && next.contains("page=2"),
        "{next}"
    );
    let found_second = page(&mayor, &app, &next).await;
    assert_eq!(names(&found_second), resident_names(51..=100));
    let previous = link(&found_second, "prev").unwrap();
    assert_eq!(names(&page(&mayor, &app, &previous).await), resident_names(1..=50));
    let found_last = page(&mayor, &app, &link(&found_second, "next").unwrap()).await;
    assert_eq!(names(&found_last), resident_names(101..=120));

    // A part of a name with its number; an e-mail; one page, no pager.
    let tens = page(
        &mayor,
        &app,
        "/bucha/admin/people?q=%D0%BA%D0%B0%D0%BD%D0%B5%D1%86%D1%8C+11",
    )
    .await;
    assert_eq!(
        names(&tens),
        [
            "Мешканець 11",
            "Мешканець 110",
            "Мешканець 111",
            "Мешканець 112",
            "Мешканець 113",
            "Мешканець 114",
            "Мешканець 115",
            "Мешканець 116",
            "Мешканець 117",
            "Мешканець 118",
            "Мешканець 119"
        ]
    );
    assert!(tens.contains("знайдено: 11 людей"), "{tens}");
    assert_eq!(link(&tens, "next"), None);
    let mail = page(&mayor, &app, "/bucha/admin/people?q=RESIDENT7%40").await;
    assert_eq!(names(&mail), ["Мешканець 7"]);
    assert!(mail.contains("знайдено: 1 людина"), "{mail}");
    let tens = page(&mayor, &app, "/bucha/admin/people?q=resident10").await;
    assert!(tens.contains("знайдено: 11 людей"), "{tens}");
    let twos = page(&mayor, &app, "/bucha/admin/people?q=%D1%86%D1%8C+2").await;
    assert_eq!(names(&twos)[..2], ["Мешканець 2", "Мешканець 20"]);
    assert!(twos.contains("знайдено: 11 людей"), "{twos}");
    let twenty_two = page(&mayor, &app, "/bucha/admin/people?q=%D1%86%D1%8C+22").await;
    assert!(twenty_two.contains("знайдено: 1 людина"), "{twenty_two}");

    // Nobody found: the empty state instead of a table; wildcards typed
    // are not wildcards.
    for nobody in ["%D0%9D%D1%96%D1%85%D1%82%D0%BE", "%25%25", "_"] {
        let none = page(&mayor, &app, &format!("/bucha/admin/people?q={nobody}")).await;
        assert!(none.contains("знайдено: 0 людей"), "{none}");
        assert!(none.contains("Нікого не знайдено"), "{none}");
        assert!(!none.contains("<table"), "{none}");
        assert_eq!(link(&none, "next"), None);
    }

    // In English.
    let mut opened = common::world::open_session(&app, "bucha", "mayor@example.org").await;
    opened.token.push_str("; civic_lang=en");
    let en = page(&cookie_client(&opened).0, &app, "/bucha/admin/people?page=3").await;
    assert!(en.contains("121 people"), "{en}");
    assert!(en.contains("Page 3 of 3"), "{en}");
    assert!(en.contains("Previous page"), "{en}");
}

async fn accounts_written_before_the_keys_get_them_when_migrating(app: TestApp) {
    let bucha = tenant(&app.db, "bucha", None).await.tenant_id();
    person(&app, "bucha", "mayor@example.org", "admin").await;
    residents(&app, bucha, 12).await;
    // As an account written before migration 0038 was.
    execute(&app.db, "UPDATE users SET name_sort = NULL, name_search = NULL")
        .await
        .unwrap();
    let (mayor, _) = session(&app, "bucha", "mayor@example.org").await;
    let stale = page(&mayor, &app, "/bucha/admin/people?q=%D0%BC%D0%B5%D1%88%D0%BA").await;
    assert!(stale.contains("знайдено: 0 людей"), "{stale}");

    app.db.migrate().await.unwrap();
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM users WHERE name_sort IS NULL OR name_search IS NULL"
        )
        .await,
        0
    );
    let found = page(&mayor, &app, "/bucha/admin/people?q=%D0%BC%D0%B5%D1%88%D0%BA").await;
    assert_eq!(names(&found), resident_names(1..=12));
    // Migrating again finds nothing to do and changes nothing.
    app.db.migrate().await.unwrap();
    assert_eq!(
        names(&page(&mayor, &app, "/bucha/admin/people?q=%D0%BC%D0%B5%D1%88%D0%BA").await),
        resident_names(1..=12)
    );
}
