//! Topics of a space on both backends (issue 24): officials work the topics
//! out from the space's ideas and comments, name them (names survive the
//! next recompute), and anyone filters the space's ideas by topic in the
//! API and on the page. Residents may not recompute or rename; a bad name
//! or topic is refused with nothing changed.

mod common;

use civic_core::{SpaceId, TenantId, Timestamp};
use civic_testkit::ideas::{Ideas, NewIdea};
use civic_testkit::testing::query_i64;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

both_backends!(
    officials_work_out_topics_and_everyone_filters_by_them,
    names_survive_a_recompute_and_bad_input_changes_nothing,
);

/// Three matters, ten ideas each, in varied words.
const STREET_LIGHTS: &[&str] = &[
    "Ліхтарі на вулиці Лісовій не світять ввечері",
    "Темно ввечері біля зупинки: потрібні ліхтарі",
    "Замінити ліхтарі на світлодіодні у дворі",
    "Освітлення у парку: ліхтарі не працюють",
    "Увечері темно на стежці до школи, поставте ліхтарі",
    "Ліхтарі вимикаються надто рано, ввечері темно",
    "Додати ліхтарі на пішохідному переході, бо темно",
    "Темно біля під'їздів, ліхтарі перегоріли",
    "Ліхтарі на набережній світять тьмяно ввечері",
    "Поставити ліхтарі вздовж велодоріжки, ввечері темно",
];
const POTHOLES: &[&str] = &[
    "Ями на дорозі біля ринку: потрібен ремонт асфальту",
    "Відремонтувати асфальт на вулиці, суцільні ями",
    "Глибокі ями на дорозі після зими, ремонт асфальту",
    "Ями у дворі, асфальт зруйнований, потрібен ремонт",
    "Ремонт дороги до лікарні: ями та вибоїни в асфальті",
    "Асфальт на перехресті в ямах, ремонт потрібен",
    "Ями на дорозі псують машини, відремонтуйте асфальт",
    "Залатати ями на дорозі біля школи, асфальт розбитий",
    "Ремонт асфальту на узбіччі, ями після дощу",
    "Дорога в ямах, потрібен капітальний ремонт асфальту",
];
const TREES: &[&str] = &[
    "Висадити дерева вздовж проспекту для тіні",
    "Посадити дерева у дворі замість сухих",
    "Більше дерев у парку: висадити клени й липи",
    "Висадити дерева біля школи, влітку спекотно без тіні",
    "Посадити дерева на місці вирубаних біля ринку",
    "Алея дерев уздовж набережної: висадити саджанці",
    "Висадити дерева на зупинках для тіні влітку",
    "Посадити фруктові дерева у сквері",
    "Замінити аварійні дерева новими саджанцями",
    "Висадити дерева вздовж велодоріжки для тіні",
];

async fn seed(app: &TestApp, t: TenantId, space: SpaceId) -> Vec<(i64, &'static str)> {
    let mut ids = Vec::new();
    for (theme, titles) in [("light", STREET_LIGHTS), ("road", POTHOLES), ("tree", TREES)] {
        for title in titles {
            let id = Ideas::of(&app.db, t)
                .create(&NewIdea {
                    space,
                    author: None,
                    title,
                    body: title,
                    status: "published",
                    category: None,
                    district: None,
                    location: None,
                    created_at: Timestamp::now(),
                })
                .await
                .unwrap();
            ids.push((id.0, theme));
        }
    }
    ids
}

async fn topics(app: &TestApp, space: i64) -> Vec<Value> {
    let (status, list) = get_json(app, &format!("/api/v1/bucha/spaces/{space}/topics")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"].as_array().unwrap().clone()
}

async fn listed(app: &TestApp, path: &str) -> Vec<i64> {
    let (status, list) = get_json(app, path).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

/// The topic of the first idea of a theme: its id, from the filtered lists.
async fn topic_of(app: &TestApp, space: i64, idea: i64) -> i64 {
    for t in topics(app, space).await {
        let id = t["id"].as_i64().unwrap();
        if listed(app, &format!("/api/v1/bucha/spaces/{space}/ideas?topic={id}"))
            .await
            .contains(&idea)
        {
            return id;
        }
    }
    panic!("idea {idea} is in no topic");
}

async fn recompute(app: &TestApp, who: &(reqwest::Client, String), space: i64) -> (StatusCode, Value) {
    send(
        app,
        who,
        "POST",
        &format!("/api/v1/bucha/spaces/{space}/topics/recompute"),
        json!({}),
    )
    .await
}

async fn officials_work_out_topics_and_everyone_filters_by_them(app: TestApp) {
    let town = town(&app, "Місто").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let ideas = seed(&app, t, SpaceId(town.space)).await;

    // Nothing until the officials work them out.
    assert!(topics(&app, town.space).await.is_empty());
    let (status, page) = html(&app, &town.clerk, &format!("/bucha/spaces/{}/topics", town.space)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Теми ще не визначено."), "{page}");
    let (status, _) = recompute(&app, &town.olena, town.space).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a resident may not recompute");
    let (status, _) = html(&app, &town.olena, &format!("/bucha/spaces/{}/topics", town.space)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = recompute(&app, &town.clerk, town.space).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found = body["items"].as_array().unwrap();
    assert!(found.len() >= 3, "three matters, three topics at least: {body}");
    assert_eq!(
        query_i64(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'topics_recomputed'"
        )
        .await,
        1
    );

    // Each matter's ideas share a topic, and its list holds no other matter.
    for theme in ["light", "road", "tree"] {
        let of_theme: Vec<i64> = ideas.iter().filter(|i| i.1 == theme).map(|i| i.0).collect();
        let topic = topic_of(&app, town.space, of_theme[0]).await;
        let shown = listed(
            &app,
            &format!("/api/v1/bucha/spaces/{}/ideas?topic={topic}", town.space),
        )
        .await;
        assert!(shown.len() >= 5, "{theme}: {shown:?}");
        assert!(
            shown.iter().all(|id| of_theme.contains(id)),
            "{theme}: the topic's list holds only its matter: {shown:?} of {of_theme:?}"
        );
    }

    // With the other filters and the random order (the query numbers its
    // parameters in turn): the same ideas, in another order.
    let topic = topic_of(&app, town.space, ideas[0].0).await;
    let mut alone = listed(
        &app,
        &format!("/api/v1/bucha/spaces/{}/ideas?topic={topic}", town.space),
    )
    .await;
    let mut combined = listed(
        &app,
        &format!(
            "/api/v1/bucha/spaces/{}/ideas?topic={topic}&status=published&sort=random&seed=42",
            town.space
        ),
    )
    .await;
    alone.sort_unstable();
    combined.sort_unstable();
    assert_eq!(alone, combined);
    let other = listed(
        &app,
        &format!(
            "/api/v1/bucha/spaces/{}/ideas?topic={topic}&status=accepted",
            town.space
        ),
    )
    .await;
    assert!(other.is_empty(), "no accepted idea: {other:?}");

    // The page offers the topics as a filter, and filters.
    let light = topic_of(&app, town.space, ideas[0].0).await;
    let page = app
        .get(&format!("/bucha/spaces/{}", town.space))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<label for=\"filter-topic\">Тема</label>"), "{page}");
    assert!(page.contains(&format!("<option value=\"{light}\">")), "{page}");
    let page = app
        .get(&format!("/bucha/spaces/{}?topic={light}", town.space))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Ліхтарі на вулиці Лісовій") && !page.contains("Ями на дорозі біля ринку"),
        "{page}"
    );
    // The officials' page shows each topic with its texts and a link to its list.
    let (_, page) = html(&app, &town.clerk, &format!("/bucha/spaces/{}/topics", town.space)).await;
    assert!(page.contains("Визначено "), "{page}");
    assert!(
        page.contains(&format!("href=\"/bucha/spaces/{}?topic={light}\"", town.space)),
        "{page}"
    );
    assert!(page.contains("Найтиповіше:"), "{page}");
}

async fn names_survive_a_recompute_and_bad_input_changes_nothing(app: TestApp) {
    let town = town(&app, "Місто").await;
    let t = civic_testkit::tenants::by_slug(&app.db, "bucha")
        .await
        .unwrap()
        .unwrap()
        .tenant_id();
    let ideas = seed(&app, t, SpaceId(town.space)).await;
    let (status, _) = recompute(&app, &town.clerk, town.space).await;
    assert_eq!(status, StatusCode::OK);
    let light = topic_of(&app, town.space, ideas[0].0).await;
    let name_path = format!("/bucha/spaces/{}/topics/{light}/name", town.space);

    let (status, _) = post_form(&app, &town.clerk, &name_path, &[("name", "  Вуличне освітлення ")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let titled = |list: &[Value]| {
        list.iter()
            .find(|t| t["id"] == light)
            .map(|t| t["title"].as_str().unwrap().to_string())
    };
    assert_eq!(
        titled(&topics(&app, town.space).await).as_deref(),
        Some("Вуличне освітлення")
    );

    // A recompute keeps the topic's id, so its name.
    let (status, _) = recompute(&app, &town.clerk, town.space).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(topic_of(&app, town.space, ideas[0].0).await, light);
    assert_eq!(
        titled(&topics(&app, town.space).await).as_deref(),
        Some("Вуличне освітлення")
    );
    let page = app
        .get(&format!("/bucha/spaces/{}", town.space))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("<option value=\"{light}\">Вуличне освітлення</option>")),
        "{page}"
    );

    // Bad names, a topic the space does not have, a resident: nothing changes.
    let long = "я".repeat(81);
    let (status, page) = post_form(&app, &town.clerk, &name_path, &[("name", &long)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(&format!("value=\"{long}\"")) && page.contains("щонайбільше 80 символів"),
        "the page comes back with what was typed and why: {page}"
    );
    assert!(
        page.contains(&format!("href=\"#topic-name-{light}\"")),
        "the error summary leads to the field: {page}"
    );
    let (status, _) = post_form(&app, &town.clerk, &name_path, &[("name", "два\nрядки")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post_form(
        &app,
        &town.clerk,
        &format!("/bucha/spaces/{}/topics/999999/name", town.space),
        &[("name", "Ніщо")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = post_form(&app, &town.olena, &name_path, &[("name", "Моя назва")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        titled(&topics(&app, town.space).await).as_deref(),
        Some("Вуличне освітлення")
    );
    // An empty name gives the topic back its words.
    let (status, _) = post_form(&app, &town.clerk, &name_path, &[("name", "")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let title = titled(&topics(&app, town.space).await).unwrap();
    assert!(title.contains("ліхтар"), "{title}");
    // A topic that is not a number is 422 in the list; another tenant's space 404.
    let (status, body) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/ideas?topic=abc", town.space)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // A space with no topics still offers "any" for a topic left in its
    // address (from a bookmark), so the filter can be cleared.
    let plain = space(&app.db, t, "Без тем").await;
    let page = app
        .get(&format!("/bucha/spaces/{}?topic={light}", plain.0))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"filter-topic\""), "{page}");
    let page = app
        .get(&format!("/bucha/spaces/{}", plain.0))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("id=\"filter-topic\""), "no topics, no select: {page}");
    let irpin = tenant(&app.db, "irpin", None).await.tenant_id();
    let theirs = space(&app.db, irpin, "Їхній").await;
    let (status, _) = get_json(&app, &format!("/api/v1/bucha/spaces/{}/topics", theirs.0)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        query_i64(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'topic_renamed'").await,
        2
    );
}
