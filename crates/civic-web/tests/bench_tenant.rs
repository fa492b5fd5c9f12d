//! The benchmark tenant generator (`civicspace bench-tenant`) on a tiny
//! shape: its derived columns agree with the rows, full text finds what it
//! wrote, and the pages and API the load scripts hit answer with its
//! credentials.

mod common;

use civic_core::text::search_form;
use civic_seed::bench_tenant::{BenchTenant, Shape, generate};
use civic_testkit::comments::Comments;
use civic_testkit::ideas::{IdeaFilter, IdeaRecord, IdeaSort, Ideas};
use civic_testkit::polls::Polls;
use civic_testkit::search::Search;
use common::TestApp;
use std::collections::{BTreeSet, HashMap};

async fn ideas_of(app: &TestApp, made: &BenchTenant) -> Vec<IdeaRecord> {
    Ideas::of(&app.db, made.tenant)
        .list(made.space, &IdeaFilter::default(), IdeaSort::Newest, 0, None, 1000)
        .await
        .unwrap()
}

async fn the_counts_are_right(app: &TestApp, made: &BenchTenant, shape: &Shape) {
    let ideas = ideas_of(app, made).await;
    assert_eq!(ideas.len(), shape.ideas);
    let (mut supports, mut comments) = (0, 0);
    for idea in &ideas {
        let store = Ideas::of(&app.db, made.tenant);
        assert_eq!(store.count_supports(idea.idea_id()).await.unwrap(), idea.support_count);
        let rows = Comments::of(&app.db, made.tenant)
            .for_idea(idea.idea_id(), 10_000)
            .await
            .unwrap();
        assert_eq!(rows.len() as i64, idea.comment_count, "idea {}", idea.id);
        let depth: HashMap<civic_core::CommentId, i64> = rows.iter().map(|c| (c.id, c.depth)).collect();
        for c in &rows {
            let expected = c.parent_id.map_or(0, |p| depth[&p] + 1);
            assert_eq!(c.depth, expected, "comment {}", c.id);
            assert!(c.depth <= civic_core::ideas::MAX_COMMENT_DEPTH);
        }
        let answered = !matches!(idea.status.as_str(), "published" | "withdrawn");
        assert_eq!(!store.answers(idea.idea_id()).await.unwrap().is_empty(), answered);
        supports += idea.support_count;
        comments += idea.comment_count;
    }
    assert_eq!(supports as usize, shape.supports);
    assert_eq!(comments as usize, shape.comments);
    let statuses: BTreeSet<&str> = ideas.iter().map(|i| i.status.as_str()).collect();
    assert_eq!(statuses.len(), 7, "every status: {statuses:?}");
    let thread = ideas.iter().find(|i| i.id == made.thread_idea).unwrap();
    assert_eq!(thread.comment_count as usize, shape.thread);

    let poll = Polls::of(&app.db, made.tenant).get(made.poll).await.unwrap().unwrap();
    assert_eq!(poll.response_count as usize, shape.responses);
    let questions: Vec<civic_core::polls::Question> = serde_json::from_str(&poll.questions_json).unwrap();
    assert_eq!(questions.len(), 20);
    let kinds: BTreeSet<&str> = questions.iter().map(|q| q.kind.as_str()).collect();
    assert_eq!(kinds.len(), civic_core::polls::Kind::ALL.len());

    // Full text finds an idea by a word of its title, and a comment by its words.
    let idea = &ideas[3];
    let word = search_form(&idea.title)
        .split(' ')
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_string();
    let hits = Search::of(&app.db, made.tenant)
        .ideas(&[word], i64::MAX, 500)
        .await
        .unwrap();
    assert!(hits.iter().any(|h| h.kind == "idea" && h.idea_id == idea.id.0));
    let comment = &Comments::of(&app.db, made.tenant)
        .for_idea(made.thread_idea, 1)
        .await
        .unwrap()[0];
    let terms: Vec<String> = search_form(&comment.body).split(' ').map(String::from).collect();
    let hits = Search::of(&app.db, made.tenant)
        .comments(&terms, i64::MAX, 500)
        .await
        .unwrap();
    assert!(hits.iter().any(|h| h.kind == "comment" && h.ref_id == comment.id.0));
}

async fn the_pages_answer(app: &TestApp, made: &BenchTenant) {
    let t = &made.slug;
    let ideas = ideas_of(app, made).await;
    let list = app.get(&format!("/{t}/spaces/{}", made.space.0)).await;
    assert_eq!(list.status(), 200);
    let cookie = |s: &str| format!("civic_session={s}");
    let signed_in = app
        .client
        .get(app.url(&format!("/{t}/spaces/{}", made.space.0)))
        .header("Cookie", cookie(&made.sessions[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    assert!(
        signed_in.text().await.unwrap().contains("Bench 1"),
        "signed in as the first bench account"
    );
    let deep = app
        .get(&format!(
            "/{t}/spaces/{}?sort=newest&cursor={}",
            made.space.0, made.deep_cursor
        ))
        .await;
    assert_eq!(deep.status(), 200);
    let deep = deep.text().await.unwrap();
    let older = &ideas[ideas.len() / 2 + 1];
    assert!(
        deep.contains(&format!("/{t}/ideas/{}\"", older.id)),
        "the deep page continues the list"
    );
    assert_eq!(
        app.get(&format!("/{t}/ideas/{}", made.thread_idea.0)).await.status(),
        200
    );
    assert_eq!(app.get(&format!("/{t}/search?q=playground")).await.status(), 200);
    assert_eq!(
        app.get(&format!("/{t}/polls/{}/results", made.poll)).await.status(),
        200
    );

    let api = app
        .client
        .get(app.url(&format!("/api/v1/{t}/spaces/{}/ideas", made.space.0)))
        .bearer_auth(&made.tokens[0])
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 200);

    // A support by a benchmark account is a new row.
    let idea = &ideas[0];
    let put = app
        .client
        .put(app.url(&format!("/api/v1/{t}/ideas/{}/support", idea.id)))
        .bearer_auth(&made.tokens[0])
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success(), "{}", put.status());
    let count = Ideas::of(&app.db, made.tenant)
        .count_supports(idea.idea_id())
        .await
        .unwrap();
    assert_eq!(count, idea.support_count + 1);

    // The scripts' survey answer is valid; the official exports every response.
    let post = app
        .client
        .post(app.url(&format!("/api/v1/{t}/polls/{}/responses", made.poll)))
        .bearer_auth(&made.tokens[1])
        .header("Content-Type", "application/json")
        .body(made.answer_body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 201);
    let csv = app
        .client
        .get(app.url(&format!("/{t}/polls/{}/export.csv", made.poll)))
        .header("Cookie", cookie(&made.official_session))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.unwrap();
    assert_eq!(
        body.lines().count(),
        Shape::tiny().responses + 2,
        "header, generated and one new"
    );
}

async fn a_tiny_tenant_is_consistent_and_served(app: TestApp) {
    let shape = Shape::tiny();
    let made = generate(&app.platform, "bench", &shape, &|_| {}).await.unwrap();
    assert!(made.generated);
    assert_eq!(made.tokens.len(), shape.bench_users);
    the_counts_are_right(&app, &made, &shape).await;

    // Again: no new data, fresh credentials that work.
    let again = generate(&app.platform, "bench", &shape, &|_| {}).await.unwrap();
    assert!(!again.generated);
    assert_ne!(again.tokens[0], made.tokens[0]);
    assert_eq!(ideas_of(&app, &again).await.len(), shape.ideas);
    the_pages_answer(&app, &again).await;
}

both_backends!(a_tiny_tenant_is_consistent_and_served);
