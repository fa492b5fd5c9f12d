//! Duplicate ideas on both backends (issue 24): the finder proposes two
//! ideas that ask for the same thing to the officials (API and page); a
//! merge moves supports exactly once per person, comments and followers to
//! the kept idea, tells the merged idea's followers, is audited, and leaves
//! the merged idea readable, out of the lists, closed to taking part and
//! pointing at the kept one. A pair set aside is not proposed again. Bad
//! merges (a resident, the same idea twice, two spaces, another town, an
//! idea merged already) are refused with nothing moved.

mod common;

use civic_testkit::testing::{execute, query_i64};
use common::world::{person, session};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    a_merge_moves_supports_once_comments_and_followers,
    a_pair_set_aside_is_not_proposed_again_and_the_page_merges,
    bad_merges_are_refused_and_nothing_moves,
);

/// Ideas of a space in a town: two that ask for the same benches, the
/// rest about other things (the finder weighs words by how rare they are
/// in the space, so it needs a few).
const IDEAS: &[(&str, &str)] = &[
    (
        "Лавки у парку Шевченка",
        "Просимо встановити лавки у парку Шевченка біля фонтану: людям похилого віку ніде сісти.",
    ),
    (
        "Поставте лавочки в парку Шевченка",
        "У парку Шевченка біля фонтану немає лавок, літнім людям ніде відпочити.",
    ),
    (
        "Ремонт даху школи № 5",
        "Дах школи № 5 протікає під час дощу, треба відремонтувати покрівлю.",
    ),
    (
        "Велодоріжка на Вокзальній",
        "Потрібна окрема велодоріжка вздовж вулиці Вокзальної до станції.",
    ),
    (
        "Освітлення на Лісовій",
        "На вулиці Лісовій темно ввечері, не працюють ліхтарі.",
    ),
    (
        "Пандус біля поліклініки",
        "Біля входу до поліклініки немає пандуса для візків.",
    ),
    (
        "Сміттєві баки на Садовій",
        "На Садовій переповнені сміттєві баки, вивозять рідко.",
    ),
    (
        "Дитячий майданчик у дворі",
        "Просимо облаштувати дитячий майданчик у дворі будинку 14.",
    ),
];

async fn propose(app: &TestApp, who: &(reqwest::Client, String), space: i64, (title, body): (&str, &str)) -> i64 {
    let (status, idea) = send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/spaces/{space}/ideas"),
        json!({"title": title, "body": body}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{idea}");
    idea["id"].as_i64().unwrap()
}

/// The town's ideas: (benches in the park, the same again, the rest).
async fn ideas(app: &TestApp, town: &Town) -> (i64, i64) {
    let mut ids = Vec::new();
    for (n, idea) in IDEAS.iter().enumerate() {
        let who = if n == 1 { &town.petro } else { &town.olena };
        ids.push(propose(app, who, town.space, *idea).await);
    }
    (ids[0], ids[1])
}

async fn support(app: &TestApp, who: &(reqwest::Client, String), idea: i64) {
    let (status, body) = send(
        app,
        who,
        "PUT",
        &format!("/api/v1/bucha/ideas/{idea}/support"),
        json!({}),
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
}

async fn duplicates(app: &TestApp, who: &(reqwest::Client, String), space: i64) -> Vec<(i64, i64, bool)> {
    let (status, list) = send(
        app,
        who,
        "GET",
        &format!("/api/v1/bucha/spaces/{space}/duplicates"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["older"]["id"].as_i64().unwrap(),
                p["newer"]["id"].as_i64().unwrap(),
                p["likely"].as_bool().unwrap(),
            )
        })
        .collect()
}

async fn idea_json(app: &TestApp, id: i64) -> Value {
    let (status, idea) = get_json(app, &format!("/api/v1/bucha/ideas/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{idea}");
    idea
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    query_i64(&app.db, sql).await
}

async fn a_merge_moves_supports_once_comments_and_followers(app: TestApp) {
    let town = town(&app, "Парки").await;
    person(&app, "bucha", "maria@example.org", "citizen").await;
    let maria = session(&app, "bucha", "maria@example.org").await;
    let (kept, merged) = ideas(&app, &town).await;

    // The finder proposes the benches, older first, and no other pair as likely.
    let pairs = duplicates(&app, &town.clerk, town.space).await;
    assert_eq!(pairs.first().map(|p| (p.0, p.1)), Some((kept, merged)), "{pairs:?}");
    assert!(pairs[0].2, "the benches are likely the same request: {pairs:?}");
    assert!(pairs.iter().skip(1).all(|p| !p.2), "nothing else is likely: {pairs:?}");

    // Petro supports both, Maria only the merged one; Olena comments on it.
    support(&app, &town.petro, kept).await;
    support(&app, &town.petro, merged).await;
    support(&app, &maria, merged).await;
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/ideas/{merged}/comments"),
        json!({"body": "Підтримую, особливо біля фонтану."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // Ivan's support of the merged idea still waits for the counter (ADR
    // 0003): it moves once and is counted once.
    let ivan = person(&app, "bucha", "ivan@example.org", "citizen").await;
    for table in ["supports", "uncounted_supports"] {
        let sql = format!(
            "INSERT INTO {table} (tenant_id, idea_id, user_id, created_at) \
             SELECT tenant_id, id, {ivan}, 1 FROM ideas WHERE id = {merged}"
        );
        assert_eq!(execute(&app.db, &sql).await.unwrap(), 1);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM supports").await, 4);

    let (status, outcome) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/ideas/{merged}/merge"),
        json!({"into": kept}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    assert_eq!(outcome["supports_moved"], 2, "Maria's and Ivan's: {outcome}");
    assert_eq!(outcome["supports_shared"], 1, "Petro's stays one: {outcome}");
    assert_eq!(outcome["comments_moved"], 1, "{outcome}");

    // Exactly one support per person, all on the kept idea, all counted.
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM supports WHERE idea_id = {kept}")).await,
        3
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM uncounted_supports").await, 0);
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM supports WHERE idea_id = {merged}")).await,
        0
    );
    let k = idea_json(&app, kept).await;
    assert_eq!(k["support_count"], 3, "{k}");
    assert_eq!(k["comment_count"], 1, "{k}");
    let m = idea_json(&app, merged).await;
    assert_eq!(m["status"], "merged", "{m}");
    assert_eq!(m["merged_into"], kept, "{m}");
    assert_eq!(m["support_count"], 0, "{m}");
    assert_eq!(m["title"], IDEAS[1].0, "the merged idea stays readable");

    // Olena's comment reads on the kept idea.
    let (_, comments) = get_json(&app, &format!("/api/v1/bucha/ideas/{kept}/comments")).await;
    assert!(comments.to_string().contains("особливо біля фонтану"), "{comments}");

    // Followers moved: Maria (a supporter of the merged idea) follows the kept one.
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM follows WHERE idea_id = {merged}")).await,
        0
    );
    let maria_follows_kept = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM follows f JOIN users u ON u.tenant_id = f.tenant_id AND u.id = f.user_id \
             WHERE f.idea_id = {kept} AND u.email = 'maria@example.org'"
        ),
    )
    .await;
    assert_eq!(maria_follows_kept, 1);
    // ...and heard of the merge on the merged idea.
    let told = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.tenant_id = n.tenant_id AND u.id = n.user_id \
             WHERE n.idea_id = {merged} AND n.kind = 'status' AND u.email = 'maria@example.org'"
        ),
    )
    .await;
    assert_eq!(told, 1, "the merged idea's followers are told");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ideas_merged'").await,
        1
    );

    // Out of the list (unless asked for by status), out of the finder.
    let (_, list) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/ideas", town.space)).await;
    let listed: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(listed.contains(&kept) && !listed.contains(&merged), "{listed:?}");
    let (_, list) = get_json(
        &app,
        &format!("/api/v1/bucha/spaces/{}/ideas?status=merged", town.space),
    )
    .await;
    assert_eq!(list["items"][0]["id"], merged, "{list}");
    let pairs = duplicates(&app, &town.clerk, town.space).await;
    assert!(pairs.iter().all(|p| p.0 != merged && p.1 != merged), "{pairs:?}");

    // Closed to taking part, and the page says where to go.
    let (status, body) = send(
        &app,
        &maria,
        "PUT",
        &format!("/api/v1/bucha/ideas/{merged}/support"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "idea_merged", "{body}");
    let (status, _) = send(
        &app,
        &maria,
        "POST",
        &format!("/api/v1/bucha/ideas/{merged}/comments"),
        json!({"body": "Ще коментар"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let page = app.get(&format!("/bucha/ideas/{merged}")).await.text().await.unwrap();
    assert!(page.contains("Цю ідею об&#39;єднано з іншою"), "{page}");
    assert!(
        page.contains(&format!("<a href=\"/bucha/ideas/{kept}\">Лавки у парку Шевченка</a>")),
        "{page}"
    );
    // A resident who supported it sees neither support nor follow forms.
    let (_, page) = html(&app, &maria, &format!("/bucha/ideas/{merged}")).await;
    assert!(page.contains("Цю ідею об&#39;єднано з іншою"), "{page}");
    assert!(
        !page.contains("id=\"support-heading\"") && !page.contains("/follow\""),
        "no support or follow form on a merged idea: {page}"
    );
    let (_, page) = html(&app, &maria, &format!("/bucha/ideas/{kept}")).await;
    assert!(
        page.contains("id=\"support-heading\""),
        "the kept idea takes supports: {page}"
    );

    // Merging it again is a conflict, and nothing moves.
    let (status, body) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/ideas/{merged}/merge"),
        json!({"into": kept}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "idea_closed", "{body}");
    let (status, _) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/ideas/{kept}/merge"),
        json!({"into": merged}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "into a merged idea");
    assert_eq!(idea_json(&app, kept).await["support_count"], 3);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ideas_merged'").await,
        1
    );

    // Neither suggested while someone types a new idea nor on the home page.
    let (_, similar) = get_json(
        &app,
        &format!(
            "/api/v1/bucha/spaces/{}/ideas/similar?title=%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8%20%D0%BF%D0%B0%D1%80%D0%BA",
            town.space
        ),
    )
    .await;
    let similar = similar.to_string();
    assert!(similar.contains(&format!("\"id\":{kept}")), "{similar}");
    assert!(!similar.contains(&format!("\"id\":{merged}")), "{similar}");
    let home = app.get("/bucha/").await.text().await.unwrap();
    assert!(home.contains("Лавки у парку Шевченка"), "{home}");
    assert!(!home.contains("Поставте лавочки в парку Шевченка"), "{home}");
}

async fn a_pair_set_aside_is_not_proposed_again_and_the_page_merges(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (first, second) = ideas(&app, &town).await;
    let path = format!("/bucha/spaces/{}/duplicates", town.space);

    // The officials' page shows the pair with both titles and three choices.
    let (status, page) = html(&app, &town.clerk, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Дублікати ідей</h1>"), "{page}");
    assert!(page.contains("Імовірно, той самий запит"), "{page}");
    assert!(
        page.contains("Залишити «Лавки у парку Шевченка» від ") && page.contains(" і приєднати до неї іншу"),
        "{page}"
    );
    assert!(page.contains("Це різні запити"), "{page}");
    // Linked from the spaces list.
    let (_, spaces) = html(&app, &town.clerk, "/bucha/admin/spaces").await;
    assert!(spaces.contains(&format!("href=\"{path}\"")), "{spaces}");

    // Set aside: gone from the list, audited once even when sent twice.
    for _ in 0..2 {
        let (status, _) = post_form(
            &app,
            &town.clerk,
            &format!("{path}/dismiss"),
            &[("one", &first.to_string()), ("other", &second.to_string())],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (_, page) = html(&app, &town.clerk, &format!("{path}?done=dismissed")).await;
    assert!(page.contains("Пару відкладено"), "{page}");
    assert!(!page.contains("Поставте лавочки в парку Шевченка"), "{page}");
    assert!(
        duplicates(&app, &town.clerk, town.space)
            .await
            .iter()
            .all(|p| (p.0, p.1) != (first, second))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM duplicate_dismissals").await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'duplicate_dismissed'"
        )
        .await,
        1
    );

    // The page's merge form merges, whatever the finder now proposes.
    support(&app, &town.petro, second).await;
    let (status, _) = post_form(
        &app,
        &town.clerk,
        &format!("{path}/merge"),
        &[("merged", &second.to_string()), ("into", &first.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = html(&app, &town.clerk, &format!("{path}?done=merged")).await;
    assert!(page.contains("Ідеї об&#39;єднано"), "{page}");
    assert_eq!(idea_json(&app, first).await["support_count"], 1);
    assert_eq!(idea_json(&app, second).await["status"], "merged");
}

async fn bad_merges_are_refused_and_nothing_moves(app: TestApp) {
    let town = town(&app, "Парки").await;
    let (first, second) = ideas(&app, &town).await;
    support(&app, &town.petro, second).await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let elsewhere = space(&app.db, t, "Інший простір").await;
    let far = idea(&app.db, t, elsewhere, "Лавки у парку Шевченка").await.0;
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    let irpin_space = space(&app.db, irpin, "Парки").await;
    let foreign = idea(&app.db, irpin, irpin_space, "Лавки у парку").await.0;
    let merge = |idea: i64, into: Value| {
        let (app, clerk) = (&app, &town.clerk);
        async move {
            send(
                app,
                clerk,
                "POST",
                &format!("/api/v1/bucha/ideas/{idea}/merge"),
                json!({"into": into}),
            )
            .await
        }
    };

    // A resident may neither see the pairs nor merge.
    let (status, _) = send(
        &app,
        &town.olena,
        "GET",
        &format!("/api/v1/bucha/spaces/{}/duplicates", town.space),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = send(
        &app,
        &town.olena,
        "POST",
        &format!("/api/v1/bucha/ideas/{second}/merge"),
        json!({"into": first}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = html(&app, &town.olena, &format!("/bucha/spaces/{}/duplicates", town.space)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/duplicates", town.space)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Into itself, into another space: 422 naming the field.
    let (status, body) = merge(second, json!(second)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["code"], "merge_into_itself", "{body}");
    let (status, body) = merge(second, json!(far)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["code"], "other_space", "{body}");
    // Another town's idea, a missing one: 404. A malformed body: 4xx, not 500.
    let (status, _) = merge(second, json!(foreign)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = merge(second, json!(999_999)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = merge(second, json!("first")).await;
    assert!(status.is_client_error() && status != StatusCode::NOT_FOUND, "{status}");
    let (status, _) = post_form(
        &app,
        &town.clerk,
        &format!("/bucha/spaces/{}/duplicates/merge", town.space),
        &[("merged", "abc"), ("into", &first.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The page of another space does not merge this one's ideas.
    let (status, _) = post_form(
        &app,
        &town.clerk,
        &format!("/bucha/spaces/{}/duplicates/merge", elsewhere.0),
        &[("merged", &second.to_string()), ("into", &first.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A dismissal in the wrong space is 404.
    let (status, _) = send(
        &app,
        &town.clerk,
        "POST",
        &format!("/api/v1/bucha/spaces/{}/duplicates/dismissals", elsewhere.0),
        json!({"ideas": [first, second]}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Nothing moved.
    assert_eq!(idea_json(&app, second).await["support_count"], 1);
    assert_eq!(idea_json(&app, second).await["status"], "published");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ideas_merged'").await,
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM duplicate_dismissals").await, 0);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM ideas WHERE merged_into IS NOT NULL OR id = {foreign} AND status <> 'published'"
            )
        )
        .await,
        0
    );
}
