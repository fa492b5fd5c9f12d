//! The storage contract: one suite, run against SQLite and PostgreSQL.
//! Each `contract!` entry becomes `sqlite::name` and `postgres::name`.

use civic_core::*;
use civic_store::comments::{Comments, NewComment};
use civic_store::ideas::{IdeaCursor, Ideas, NewIdea};
use civic_store::spaces::{NewSpace, Spaces};
use civic_store::tenants::{self, NewTenant};
use civic_store::testing::TestDb;
use civic_store::users::{NewUser, Users};
use civic_store::{Db, StoreError, schema};

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let t = civic_store::testing::TestDb::sqlite().await;
                super::$name(&t.db).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(t) = civic_store::testing::TestDb::postgres().await else { return };
                super::$name(&t.db).await;
            })*
        }
    };
}

contract!(
    // Contests and joint projects (issue 19).
    contest_votes_and_scores_count_once,
    parallel_sign_ups_never_overfill_a_task,
    migrating_twice_changes_nothing,
    tenant_owned_keys_start_with_tenant_id,
    tenants_are_unique_by_slug_and_host,
    emails_are_unique_per_tenant_only,
    another_tenants_rows_are_invisible,
    supports_count_once,
    parallel_supports_store_exactly_one,
    keyset_pages_cover_every_idea_once,
    drafts_are_not_public,
    comments_are_counted_with_their_idea,
    text_round_trips_exactly,
    comment_votes_count_once_and_deletes_keep_replies,
    every_sort_pages_cover_every_idea_once,
    // Problem reports (issue 20).
    report_voices_count_once_and_moves_race_safely,
    // Open data (issue 24).
    open_data_is_each_tenants_own_and_public_only,
    // Town administration (issue 22).
    the_admin_home_counts_by_month_and_tenant,
);

async fn open_data_is_each_tenants_own_and_public_only(db: &Db) {
    use civic_core::open_data::Licence;
    use civic_store::open_data::OpenData;
    let t = tenant(db, "bucha").await;
    let o = tenant(db, "irpin").await;
    let shown = space(db, t, "published").await;
    let hidden = space(db, t, "draft").await;
    let public = idea(db, t, shown, "Лавки", 1).await;
    idea(db, t, hidden, "Чернетка", 2).await;
    idea(db, o, space(db, o, "published").await, "Ірпінь", 3).await;
    let mine = OpenData::of(db, t);
    assert_eq!(mine.licence().await.unwrap(), None);
    mine.set_licence(Licence::Cc010, Timestamp(5)).await.unwrap();
    mine.set_licence(Licence::OdcBy10, Timestamp(6)).await.unwrap();
    assert_eq!(mine.licence().await.unwrap(), Some(Licence::OdcBy10));
    assert_eq!(OpenData::of(db, o).licence().await.unwrap(), None);
    let ideas = mine.ideas().await.unwrap();
    assert_eq!(ideas.iter().map(|i| i.id).collect::<Vec<_>>(), [public.0]);
    let summary = mine.summary(Timestamp(10)).await.unwrap();
    assert_eq!(summary.ideas, 1);
    assert_eq!(summary.petitions, 0);
    assert_eq!(summary.reports_modified, None);
}

async fn comment_votes_count_once_and_deletes_keep_replies(db: &Db) {
    let t = tenant(db, "bucha").await;
    let u = user(db, t, "olena@example.org").await;
    let v = user(db, t, "petro@example.org").await;
    let s = space(db, t, "published").await;
    let i = idea(db, t, s, "Лавки", 1).await;
    let comments = Comments::of(db, t);
    let new = |parent: Option<CommentId>| NewComment {
        idea: i,
        parent,
        author: Some(u),
        body: "Текст",
        alignment: "neutral",
        created_at: Timestamp(2),
    };
    let parent = comments.create(&new(None)).await.unwrap();
    let reply = comments.create(&new(Some(parent))).await.unwrap();
    assert_eq!(comments.vote(parent, v, 1, Timestamp(3)).await.unwrap(), Some(1));
    assert_eq!(comments.vote(parent, v, 1, Timestamp(3)).await.unwrap(), Some(1));
    assert_eq!(comments.vote(parent, u, -1, Timestamp(3)).await.unwrap(), Some(0));
    assert_eq!(comments.vote(parent, u, 1, Timestamp(3)).await.unwrap(), Some(2));
    assert_eq!(comments.count_score(parent).await.unwrap(), 2);
    assert_eq!(
        comments.vote(CommentId(999_999), u, 1, Timestamp(3)).await.unwrap(),
        None
    );
    assert!(comments.delete(parent, Timestamp(4)).await.unwrap());
    assert!(!comments.delete(parent, Timestamp(4)).await.unwrap(), "deleted once");
    let ideas = Ideas::of(db, t);
    assert_eq!(ideas.get_public(i).await.unwrap().unwrap().comment_count, 1);
    let gone = comments.get(parent).await.unwrap().unwrap();
    assert!(gone.deleted_at.is_some() && gone.body.is_empty());
    assert_eq!(comments.get(reply).await.unwrap().unwrap().parent_id, Some(parent));
    assert!(
        !comments.edit(parent, u, "Нове", Timestamp(5)).await.unwrap(),
        "a deleted comment is not edited"
    );
    assert!(
        !comments.edit(reply, v, "Чуже", Timestamp(5)).await.unwrap(),
        "only by its author"
    );
    assert!(comments.edit(reply, u, "Нове", Timestamp(5)).await.unwrap());
}

async fn every_sort_pages_cover_every_idea_once(db: &Db) {
    use civic_store::ideas::{IdeaFilter, IdeaSort, SortCursor};
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    for n in 0..23 {
        idea(db, t, s, &format!("Ідея {n}"), 100 + n % 4).await;
    }
    let ideas = Ideas::of(db, t);
    for sort in IdeaSort::ALL {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = ideas
                .list(s, &IdeaFilter::default(), sort, 1_000_000_000, after, 5)
                .await
                .unwrap();
            seen.extend(page.iter().map(|i| i.id));
            if page.len() < 5 {
                break;
            }
            after = page.last().map(|i| SortCursor::after(sort, 1_000_000_000, i));
            let round = SortCursor::decode(&after.unwrap().encode()).unwrap();
            assert_eq!(Some(round), after);
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (23, 23), "{sort:?}");
    }
}

mod participation {
    use super::*;
    use civic_store::search::Search;

    contract!(
        withdrawn_supports_move_the_count_once,
        reaching_the_threshold_puts_an_idea_under_review,
        answers_move_only_from_the_expected_status,
        replies_know_their_depth,
        search_matches_the_search_form_within_the_tenant,
        the_review_queue_holds_unanswered_ideas_past_their_threshold,
    );

    async fn withdrawn_supports_move_the_count_once(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let u = user(db, t, "a@example.org").await;
        let ideas = Ideas::of(db, t);
        assert!(!ideas.withdraw_support(i, u).await.unwrap(), "nothing to withdraw");
        assert!(ideas.support(i, u, Timestamp(2)).await.unwrap());
        assert!(ideas.supported_by(i, u).await.unwrap());
        assert!(ideas.withdraw_support(i, u).await.unwrap());
        assert!(!ideas.withdraw_support(i, u).await.unwrap());
        assert!(!ideas.supported_by(i, u).await.unwrap());
        assert_eq!(ideas.get_public(i).await.unwrap().unwrap().support_count, 0);
        assert_eq!(ideas.count_supports(i).await.unwrap(), 0);
    }

    async fn reaching_the_threshold_puts_an_idea_under_review(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = Spaces::of(db, t)
            .create(&NewSpace {
                title: "Поріг 2",
                description: "",
                status: "published",
                support_threshold: 2,
                starts_at: None,
                ends_at: None,
            })
            .await
            .unwrap();
        let i = idea(db, t, s, "Лавки", 1).await;
        let ideas = Ideas::of(db, t);
        let (a, b, c) = (
            user(db, t, "a@example.org").await,
            user(db, t, "b@example.org").await,
            user(db, t, "c@example.org").await,
        );
        ideas.support(i, a, Timestamp(2)).await.unwrap();
        assert_eq!(ideas.get_public(i).await.unwrap().unwrap().status.as_str(), "published");
        ideas.support(i, b, Timestamp(3)).await.unwrap();
        assert_eq!(
            ideas.get_public(i).await.unwrap().unwrap().status.as_str(),
            "under_review"
        );
        // Only a published idea moves: an accepted one stays accepted.
        let j = idea(db, t, s, "Фонтан", 2).await;
        assert!(
            ideas
                .answer_from(j, "published", "accepted", "Так", "official", Timestamp(4))
                .await
                .unwrap()
        );
        for who in [a, b, c] {
            ideas.support(j, who, Timestamp(5)).await.unwrap();
        }
        let j = ideas.get_public(j).await.unwrap().unwrap();
        assert_eq!((j.status.as_str(), j.support_count), ("accepted", 3));
    }

    async fn answers_move_only_from_the_expected_status(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let ideas = Ideas::of(db, t);
        assert!(
            ideas
                .answer_from(i, "published", "under_review", "Розглядаємо", "official", Timestamp(2))
                .await
                .unwrap()
        );
        // Someone else answered first: nothing is stored.
        assert!(
            !ideas
                .answer_from(i, "published", "rejected", "Ні", "official", Timestamp(3))
                .await
                .unwrap()
        );
        let answers = ideas.answers(i).await.unwrap();
        assert_eq!(answers.len(), 1);
        assert_eq!(
            ideas.get_public(i).await.unwrap().unwrap().status.as_str(),
            "under_review"
        );
        // Another tenant cannot answer it.
        let other = tenant(db, "irpin").await;
        assert!(
            !Ideas::of(db, other)
                .answer_from(i, "under_review", "accepted", "Так", "official", Timestamp(4))
                .await
                .unwrap()
        );
        assert_eq!(
            ideas.get_public(i).await.unwrap().unwrap().status.as_str(),
            "under_review"
        );
    }

    async fn replies_know_their_depth(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let comments = Comments::of(db, t);
        let mut parent = None;
        for depth in 0..4 {
            let id = comments
                .create(&NewComment {
                    idea: i,
                    parent,
                    author: None,
                    body: "Текст",
                    alignment: "neutral",
                    created_at: Timestamp(depth + 1),
                })
                .await
                .unwrap();
            let place = comments.place(id).await.unwrap().unwrap();
            assert_eq!((place.idea_id, place.depth), (i, depth));
            assert_eq!(comments.get(id).await.unwrap().unwrap().depth, depth);
            parent = Some(id);
        }
        let other = tenant(db, "irpin").await;
        assert!(Comments::of(db, other).place(parent.unwrap()).await.unwrap().is_none());
    }

    async fn search_matches_the_search_form_within_the_tenant(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let i = Ideas::of(db, t)
            .create(&NewIdea {
                space: s,
                author: None,
                title: "Дошка ПАМ'ЯТІ",
                body: "Café на набережній",
                status: "published",
                category: None,
                district: None,
                location: None,
                created_at: Timestamp(1),
            })
            .await
            .unwrap();
        let c = Comments::of(db, t)
            .create(&NewComment {
                idea: i,
                parent: None,
                author: None,
                body: "Вічна памʼять",
                alignment: "neutral",
                created_at: Timestamp(2),
            })
            .await
            .unwrap();
        let other = tenant(db, "irpin").await;
        let os = space(db, other, "published").await;
        idea(db, other, os, "Пам’ять Ірпеня", 3).await;
        let draft = space(db, t, "draft").await;
        idea(db, t, draft, "Памʼять чернетки", 4).await;

        let search = Search::of(db, t);
        let terms = civic_core::text::search_terms("ПАМ’ЯТ");
        let ideas = search.ideas(&terms, i64::MAX, 10).await.unwrap();
        let comments = search.comments(&terms, i64::MAX, 10).await.unwrap();
        let found = |hits: &[civic_store::search::SearchHit]| -> Vec<(String, i64, i64)> {
            hits.iter().map(|h| (h.kind.clone(), h.idea_id, h.ref_id)).collect()
        };
        // Not the other tenant's idea, not the draft space's.
        assert_eq!(found(&ideas), [("idea".to_string(), i.0, i.0)]);
        assert_eq!(found(&comments), [("comment".to_string(), i.0, c.0)]);
        assert_eq!(ideas[0].title, "Дошка ПАМ'ЯТІ");
        assert_eq!(comments[0].title, "Дошка ПАМ'ЯТІ", "a comment carries its idea's title");
        let cafe = civic_core::text::search_terms("cafe");
        assert_eq!(search.ideas(&cafe, i64::MAX, 10).await.unwrap().len(), 1);
        let both = civic_core::text::search_terms("cafe памʼятник");
        assert!(
            search.ideas(&both, i64::MAX, 10).await.unwrap().is_empty(),
            "every word must match"
        );
        // Keyset: below the idea's own id there is nothing more.
        assert!(search.ideas(&terms, i.0, 10).await.unwrap().is_empty());
        assert_eq!(search.ideas(&terms, i.0 + 1, 10).await.unwrap().len(), 1);
        // The tenant's number is not a word of its texts.
        let number = vec![t.0.to_string()];
        assert!(search.ideas(&number, i64::MAX, 10).await.unwrap().is_empty());
        assert!(search.ideas(&[], i64::MAX, 10).await.unwrap().is_empty());
        // A comment removed with its author's account (kept as a blank
        // because it has a reply) is not found by its old words.
        let author = user(db, t, "leaving@example.org").await;
        let removed = Comments::of(db, t)
            .create(&NewComment {
                idea: i,
                parent: None,
                author: Some(author),
                body: "Таємниця журавлини",
                alignment: "neutral",
                created_at: Timestamp(5),
            })
            .await
            .unwrap();
        Comments::of(db, t)
            .create(&NewComment {
                idea: i,
                parent: Some(removed),
                author: None,
                body: "Відповідь",
                alignment: "neutral",
                created_at: Timestamp(6),
            })
            .await
            .unwrap();
        let secret = civic_core::text::search_terms("журавлини");
        assert_eq!(search.comments(&secret, i64::MAX, 10).await.unwrap().len(), 1);
        civic_store::privacy::Privacy::of(db, t)
            .delete_account(author, civic_store::privacy::Contributions::Remove)
            .await
            .unwrap();
        assert!(search.comments(&secret, i64::MAX, 10).await.unwrap().is_empty());
        // FTS syntax in a term is not a query: it is dropped, never an error.
        assert!(
            search
                .ideas(&["\"x\" OR *".to_string()], i64::MAX, 10)
                .await
                .unwrap()
                .is_empty()
        );
    }

    async fn the_review_queue_holds_unanswered_ideas_past_their_threshold(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await; // threshold 10
        let ideas = Ideas::of(db, t);
        let old = idea(db, t, s, "Старіша", 1).await;
        let new = idea(db, t, s, "Новіша", 2).await;
        let answered = idea(db, t, s, "З відповіддю", 3).await;
        idea(db, t, s, "Мало підтримок", 4).await;
        for n in 0..10 {
            let u = user(db, t, &format!("u{n}@example.org")).await;
            for i in [new, old, answered] {
                ideas.support(i, u, Timestamp(10 + n)).await.unwrap();
            }
        }
        ideas
            .answer_from(answered, "under_review", "accepted", "Так", "official", Timestamp(50))
            .await
            .unwrap();
        let queue: Vec<_> = ideas
            .review_queue(10)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(queue, [old, new]);
    }
}

async fn tenant(db: &Db, slug: &str) -> TenantId {
    tenants::create(
        db,
        &NewTenant {
            slug: TenantSlug::parse(slug).unwrap(),
            name: TenantName::parse(&format!("Місто {slug}")).unwrap(),
            default_locale: Locale::Uk,
            host: None,
        },
    )
    .await
    .unwrap()
    .tenant_id()
}

async fn user(db: &Db, t: TenantId, email: &str) -> UserId {
    Users::of(db, t)
        .create(&NewUser {
            email: &Email::parse(email).unwrap(),
            display_name: &DisplayName::parse("Олена").unwrap(),
            password_hash: "x",
            role: Role::Citizen,
            confirmed: true,
        })
        .await
        .unwrap()
        .user_id()
}

async fn space(db: &Db, t: TenantId, status: &str) -> SpaceId {
    Spaces::of(db, t)
        .create(&NewSpace {
            title: "Ідеї для парку",
            description: "Опис",
            status,
            support_threshold: 10,
            starts_at: None,
            ends_at: None,
        })
        .await
        .unwrap()
}

async fn idea(db: &Db, t: TenantId, s: SpaceId, title: &str, at: i64) -> IdeaId {
    Ideas::of(db, t)
        .create(&NewIdea {
            space: s,
            author: None,
            title,
            body: "Тіло",
            status: "published",
            category: None,
            district: None,
            location: Some((50.54, 30.21)),
            created_at: Timestamp(at),
        })
        .await
        .unwrap()
}

async fn migrating_twice_changes_nothing(db: &Db) {
    let before = schema::describe(db).await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(before, schema::describe(db).await.unwrap());
    assert!(before.contains_key("ideas") && before.contains_key("supports"));
}

async fn tenant_owned_keys_start_with_tenant_id(db: &Db) {
    let schema = schema::describe(db).await.unwrap();
    let mut owned = 0;
    for (name, table) in &schema {
        if !table.is_tenant_owned() {
            continue;
        }
        owned += 1;
        assert!(!table.indexes.is_empty(), "{name} has no index");
        for index in &table.indexes {
            assert_eq!(
                index.columns[0], "tenant_id",
                "{name}: index {:?} must start with tenant_id",
                index.columns
            );
        }
        let tenant_id = table.columns.iter().find(|c| c.name == "tenant_id").unwrap();
        assert!(tenant_id.not_null, "{name}.tenant_id must be NOT NULL");
    }
    assert!(owned >= 6, "expected the tenant-owned tables, found {owned}");
}

async fn tenants_are_unique_by_slug_and_host(db: &Db) {
    let new = |slug: &str, host: Option<&str>| NewTenant {
        slug: TenantSlug::parse(slug).unwrap(),
        name: TenantName::parse("Буча").unwrap(),
        default_locale: Locale::Uk,
        host: host.map(|h| HostName::parse(h).unwrap()),
    };
    let bucha = tenants::create(db, &new("bucha", Some("participate.bucha.ua")))
        .await
        .unwrap();
    let again = tenants::create(db, &new("bucha", None)).await.unwrap_err();
    assert!(again.is_conflict_on("tenants_slug_key", "tenants.slug"), "{again:?}");
    let host_taken = tenants::create(db, &new("irpin", Some("participate.bucha.ua")))
        .await
        .unwrap_err();
    assert!(
        host_taken.is_conflict_on("tenants_host_key", "tenants.host"),
        "{host_taken:?}"
    );
    // Several tenants without a host name are fine (NULLs are distinct).
    tenants::create(db, &new("irpin", None)).await.unwrap();
    tenants::create(db, &new("hostomel", None)).await.unwrap();

    assert_eq!(tenants::count(db).await.unwrap(), 3);
    assert_eq!(tenants::by_slug(db, "bucha").await.unwrap().unwrap(), bucha);
    assert_eq!(
        tenants::by_host(db, "participate.bucha.ua")
            .await
            .unwrap()
            .unwrap()
            .slug,
        "bucha"
    );
    assert!(tenants::by_slug(db, "kyiv").await.unwrap().is_none());
    let slugs: Vec<_> = tenants::list(db).await.unwrap().into_iter().map(|t| t.slug).collect();
    assert_eq!(slugs, ["bucha", "hostomel", "irpin"]);
}

async fn emails_are_unique_per_tenant_only(db: &Db) {
    let a = tenant(db, "bucha").await;
    let b = tenant(db, "irpin").await;
    user(db, a, "olena@example.org").await;
    user(db, b, "olena@example.org").await;
    let err = Users::of(db, a)
        .create(&NewUser {
            email: &Email::parse("OLENA@example.org").unwrap(),
            display_name: &DisplayName::parse("Інша").unwrap(),
            password_hash: "y",
            role: Role::Citizen,
            confirmed: false,
        })
        .await
        .unwrap_err();
    assert!(
        err.is_conflict_on("users_tenant_email_key", "users.tenant_id, users.email"),
        "{err:?}"
    );
    assert_eq!(Users::of(db, a).count().await.unwrap(), 1);
    assert!(
        Users::of(db, b)
            .by_email(&Email::parse("olena@example.org").unwrap())
            .await
            .unwrap()
            .is_some()
    );
}

async fn another_tenants_rows_are_invisible(db: &Db) {
    let a = tenant(db, "bucha").await;
    let b = tenant(db, "irpin").await;
    let sa = space(db, a, "published").await;
    let ia = idea(db, a, sa, "Лавки біля ставу", 1_000).await;
    let ub = user(db, b, "mykola@example.org").await;

    assert!(Spaces::of(db, b).get_public(sa).await.unwrap().is_none());
    assert!(Spaces::of(db, b).list_public().await.unwrap().is_empty());
    assert!(Ideas::of(db, b).get_public(ia).await.unwrap().is_none());
    assert!(Ideas::of(db, b).list_in_space(sa, None, 20).await.unwrap().is_empty());
    assert!(Ideas::of(db, b).latest_public(20).await.unwrap().is_empty());

    // Writing through the other tenant reaches nothing: the composite
    // foreign key refuses a support or comment on a row it does not own.
    let support = Ideas::of(db, b).support(ia, ub, Timestamp(2_000)).await;
    assert!(matches!(support, Err(StoreError::Conflict { .. })), "{support:?}");
    let comment = Comments::of(db, b)
        .create(&NewComment {
            idea: ia,
            parent: None,
            author: Some(ub),
            body: "чужий",
            alignment: "neutral",
            created_at: Timestamp(2_000),
        })
        .await;
    assert!(matches!(comment, Err(StoreError::Conflict { .. })), "{comment:?}");
    let own = Ideas::of(db, a).get_public(ia).await.unwrap().unwrap();
    assert_eq!((own.support_count, own.comment_count), (0, 0));
    assert!(Comments::of(db, a).for_idea(ia, 10).await.unwrap().is_empty());
}

async fn supports_count_once(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let i = idea(db, t, s, "Велодоріжка", 1).await;
    let u1 = user(db, t, "a@example.org").await;
    let u2 = user(db, t, "b@example.org").await;
    let ideas = Ideas::of(db, t);
    assert!(ideas.support(i, u1, Timestamp(5)).await.unwrap());
    assert!(!ideas.support(i, u1, Timestamp(6)).await.unwrap());
    assert!(ideas.support(i, u2, Timestamp(7)).await.unwrap());
    let stored = ideas.get_public(i).await.unwrap().unwrap();
    assert_eq!(stored.support_count, 2);
    assert_eq!(ideas.count_supports(i).await.unwrap(), 2);
}

async fn parallel_supports_store_exactly_one(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let i = idea(db, t, s, "Ліхтарі", 1).await;
    let u = user(db, t, "a@example.org").await;
    let mut tasks = Vec::new();
    for n in 0..50 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            Ideas::of(&db, t).support(i, u, Timestamp(n)).await
        }));
    }
    let mut stored = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            stored += 1;
        }
    }
    assert_eq!(stored, 1);
    let ideas = Ideas::of(db, t);
    assert_eq!(ideas.count_supports(i).await.unwrap(), 1);
    assert_eq!(ideas.get_public(i).await.unwrap().unwrap().support_count, 1);
}

async fn keyset_pages_cover_every_idea_once(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let mut expected = Vec::new();
    for n in 0..23 {
        // Pairs share a timestamp so the id must break ties.
        expected.push(idea(db, t, s, &format!("Ідея {n}"), 1_000 + n / 2).await);
    }
    expected.reverse();
    let ideas = Ideas::of(db, t);
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = ideas.list_in_space(s, cursor, 5).await.unwrap();
        if page.is_empty() {
            break;
        }
        let last = page.last().unwrap();
        let next = IdeaCursor {
            created_at: last.created_at,
            id: last.id.0,
        };
        assert_eq!(IdeaCursor::decode(&next.encode()), Some(next));
        cursor = Some(next);
        seen.extend(page.iter().map(|i| i.idea_id()));
    }
    assert_eq!(seen, expected);
}

async fn drafts_are_not_public(db: &Db) {
    let t = tenant(db, "bucha").await;
    let draft = space(db, t, "draft").await;
    let open = space(db, t, "published").await;
    let i = idea(db, t, draft, "Чернетка", 1).await;
    idea(db, t, open, "Публічна", 2).await;
    let spaces = Spaces::of(db, t);
    assert!(spaces.get_public(draft).await.unwrap().is_none());
    let listed: Vec<_> = spaces
        .list_public()
        .await
        .unwrap()
        .iter()
        .map(|s| s.space_id())
        .collect();
    assert_eq!(listed, [open]);
    assert_eq!(spaces.get(open).await.unwrap().unwrap().idea_count, Some(1));
    assert!(Ideas::of(db, t).get_public(i).await.unwrap().is_none());
    let latest: Vec<_> = Ideas::of(db, t)
        .latest_public(10)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert_eq!(latest, ["Публічна"]);
}

async fn comments_are_counted_with_their_idea(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let i = idea(db, t, s, "Сквер", 1).await;
    let u = user(db, t, "a@example.org").await;
    let comments = Comments::of(db, t);
    let new = |parent, body| NewComment {
        idea: i,
        parent,
        author: Some(u),
        body,
        alignment: "in_favour",
        created_at: Timestamp(10),
    };
    let root = comments.create(&new(None, "Підтримую")).await.unwrap();
    comments.create(&new(Some(root), "Я теж")).await.unwrap();
    let listed = comments.for_idea(i, 50).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].parent_id, Some(root));
    assert_eq!(listed[0].author_name.as_deref(), Some("Олена"));
    assert_eq!(Ideas::of(db, t).get_public(i).await.unwrap().unwrap().comment_count, 2);
}

async fn text_round_trips_exactly(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let title = "Пʼять «лавок» – в'їзд ʼ′ 🌳 <script>alert(1)</script> '; DROP TABLE ideas; --";
    let i = idea(db, t, s, title, 1).await;
    let stored = Ideas::of(db, t).get_public(i).await.unwrap().unwrap();
    assert_eq!(stored.title, title);
    assert_eq!(stored.latitude, Some(50.54));
    assert_eq!(stored.longitude, Some(30.21));
}

/// Both backends' migrations describe the same tables, columns, keys and
/// indexes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_reach_the_same_logical_schema() {
    let Some(pg) = TestDb::postgres().await else {
        return;
    };
    let lite = TestDb::sqlite().await;
    let pg_schema = schema::describe(&pg.db).await.unwrap();
    let lite_schema = schema::describe(&lite.db).await.unwrap();
    assert_eq!(
        pg_schema.keys().collect::<Vec<_>>(),
        lite_schema.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (name, table) in &pg_schema {
        assert_eq!(
            table, &lite_schema[name],
            "table {name} differs between PostgreSQL and SQLite"
        );
    }
}

#[tokio::test]
async fn backup_copies_a_live_database() {
    let t = TestDb::sqlite().await;
    let a = tenant(&t.db, "bucha").await;
    let s = space(&t.db, a, "published").await;
    idea(&t.db, a, s, "Перед копією", 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("copy.db");
    let bytes = t.db.backup_sqlite(&dest).await.unwrap();
    assert!(bytes > 0);
    // Changes after the copy are not in it.
    idea(&t.db, a, s, "Після копії", 2).await;
    let copy = Db::connect(&civic_store::StoreConfig::sqlite_file(&dest))
        .await
        .unwrap();
    let titles: Vec<_> = Ideas::of(&copy, a)
        .latest_public(10)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert_eq!(titles, ["Перед копією"]);
}

mod brand {
    use super::*;
    use civic_core::brand::{AccentColor, Logo};
    use civic_store::tenants::TenantChanges;

    contract!(tenant_settings_change_and_clear, logos_round_trip);

    async fn tenant_settings_change_and_clear(db: &Db) {
        let id = tenant(db, "bucha").await;
        let changed = tenants::update(
            db,
            id,
            &TenantChanges {
                name: Some(TenantName::parse("Буча").unwrap()),
                host: Some(Some(HostName::parse("participate.bucha.ua").unwrap())),
                accent_color: Some(Some(AccentColor::parse("#0b5cad").unwrap())),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (
                changed.name.as_str(),
                changed.host.as_deref(),
                changed.accent_color.as_deref()
            ),
            ("Буча", Some("participate.bucha.ua"), Some("#0b5cad"))
        );
        assert_eq!(changed.default_locale.as_str(), "uk", "untouched");
        let cleared = tenants::update(
            db,
            id,
            &TenantChanges {
                host: Some(None),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!((cleared.host, cleared.accent_color.as_deref()), (None, Some("#0b5cad")));
        assert!(matches!(
            tenants::update(db, TenantId(999_999), &TenantChanges::default()).await,
            Err(StoreError::NotFound)
        ));
    }

    async fn logos_round_trip(db: &Db) {
        let id = tenant(db, "bucha").await;
        assert!(tenants::logo(db, id).await.unwrap().is_none());
        let png = Logo::parse(b"\x89PNG\r\n\x1a\n\x00\x01binary\xff".to_vec()).unwrap();
        tenants::set_logo(db, id, Some(&png)).await.unwrap();
        tenants::set_logo(db, id, Some(&png)).await.unwrap();
        let (content_type, bytes) = tenants::logo(db, id).await.unwrap().unwrap();
        assert_eq!((content_type.as_str(), bytes), ("image/png", png.bytes.clone()));
        assert!(
            tenants::by_slug(db, "bucha")
                .await
                .unwrap()
                .unwrap()
                .logo_updated_at
                .is_some()
        );
        tenants::set_logo(db, id, None).await.unwrap();
        assert!(tenants::logo(db, id).await.unwrap().is_none());
        assert!(
            tenants::by_slug(db, "bucha")
                .await
                .unwrap()
                .unwrap()
                .logo_updated_at
                .is_none()
        );
    }
}

mod mail {
    use super::*;
    use civic_store::mail::{self, EmailTokens, NewMessage, Purpose};

    contract!(
        links_work_once_within_their_tenant_and_time,
        each_message_is_claimed_by_one_worker
    );

    async fn links_work_once_within_their_tenant_and_time(db: &Db) {
        let a = tenant(db, "bucha").await;
        let b = tenant(db, "irpin").await;
        let u = user(db, a, "olena@example.org").await;
        let tokens = EmailTokens::of(db, a);
        tokens
            .create(u, Purpose::ConfirmEmail, "h1", Timestamp(10_000))
            .await
            .unwrap();
        tokens
            .create(u, Purpose::ConfirmEmail, "h2", Timestamp(10_000))
            .await
            .unwrap();
        assert_eq!(
            EmailTokens::of(db, b)
                .consume("h1", Purpose::ConfirmEmail, Timestamp(5))
                .await
                .unwrap(),
            None,
            "other tenant"
        );
        assert_eq!(
            tokens
                .consume("h1", Purpose::ResetPassword, Timestamp(5))
                .await
                .unwrap(),
            None,
            "other purpose"
        );
        assert_eq!(
            tokens.consume("h1", Purpose::ConfirmEmail, Timestamp(5)).await.unwrap(),
            Some(u)
        );
        assert_eq!(
            tokens.consume("h1", Purpose::ConfirmEmail, Timestamp(6)).await.unwrap(),
            None,
            "used"
        );
        assert_eq!(
            tokens
                .consume("h2", Purpose::ConfirmEmail, Timestamp(10_000))
                .await
                .unwrap(),
            None,
            "expired"
        );
    }

    async fn each_message_is_claimed_by_one_worker(db: &Db) {
        for n in 0..20 {
            mail::enqueue(
                db,
                &NewMessage {
                    tenant_slug: "bucha",
                    recipient: &format!("r{n}@example.org"),
                    subject: "Тема",
                    body_text: "текст",
                    body_html: "<p>текст</p>",
                },
            )
            .await
            .unwrap();
        }
        let now = Timestamp::now();
        // Rounds of four concurrent workers until nothing is left to claim.
        let mut claimed = Vec::new();
        for _ in 0..10 {
            let mut workers = Vec::new();
            for _ in 0..4 {
                let db = db.clone();
                workers.push(tokio::spawn(
                    async move { mail::claim(&db, now, 60_000, 3).await.unwrap() },
                ));
            }
            let before = claimed.len();
            for w in workers {
                claimed.extend(w.await.unwrap().into_iter().map(|m| m.id));
            }
            if claimed.len() == before {
                break;
            }
        }
        let unique: std::collections::BTreeSet<_> = claimed.iter().collect();
        assert_eq!(claimed.len(), 20, "every message once: {claimed:?}");
        assert_eq!(unique.len(), 20);
        // Claimed messages are not handed out again while leased…
        assert!(mail::claim(db, now, 60_000, 50).await.unwrap().is_empty());
        // …a failure makes one due again later, a send takes it out for good.
        mail::mark_failed(db, claimed[0], "421 try later", Timestamp(now.0 + 1_000))
            .await
            .unwrap();
        mail::mark_sent(db, claimed[1], now).await.unwrap();
        let retry = mail::claim(db, Timestamp(now.0 + 2_000), 60_000, 50).await.unwrap();
        assert_eq!(retry.iter().map(|m| m.id).collect::<Vec<_>>(), vec![claimed[0]]);
        assert_eq!(retry[0].attempts, 2);
        assert_eq!(mail::pending(db).await.unwrap(), 19);
    }
}

mod security {
    use super::*;
    use civic_store::audit::{Audit, AuditFilter, NewAuditEntry};
    use civic_store::limits;

    contract!(
        rate_limit_windows_count_atomically_and_restart,
        audit_entries_filter_and_stay_in_their_tenant
    );

    async fn rate_limit_windows_count_atomically_and_restart(db: &Db) {
        let now = Timestamp(1_800_000_000_000);
        let mut workers = Vec::new();
        for _ in 0..20 {
            let db = db.clone();
            workers.push(tokio::spawn(async move {
                limits::hit(&db, "t1:signin-ip:10.0.0.1", 60_000, now)
                    .await
                    .unwrap()
                    .hits
            }));
        }
        let mut seen = Vec::new();
        for w in workers {
            seen.push(w.await.unwrap());
        }
        seen.sort();
        assert_eq!(seen, (1..=20).collect::<Vec<_>>(), "every hit counted once");
        let peeked = limits::peek(db, "t1:signin-ip:10.0.0.1", 60_000, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((peeked.hits, peeked.window_start), (20, now.0));
        // Another bucket is separate; a window that ended starts over.
        assert_eq!(
            limits::hit(db, "t1:signin-ip:10.0.0.2", 60_000, now)
                .await
                .unwrap()
                .hits,
            1
        );
        let later = Timestamp(now.0 + 60_000);
        assert!(
            limits::peek(db, "t1:signin-ip:10.0.0.1", 60_000, later)
                .await
                .unwrap()
                .is_none()
        );
        let restarted = limits::hit(db, "t1:signin-ip:10.0.0.1", 60_000, later).await.unwrap();
        assert_eq!((restarted.hits, restarted.window_start), (1, later.0));
        // Clearing and sweeping delete what they should and nothing more.
        limits::clear(db, "t1:signin-ip:10.0.0.1").await.unwrap();
        assert!(
            limits::peek(db, "t1:signin-ip:10.0.0.1", 60_000, later)
                .await
                .unwrap()
                .is_none()
        );
        // A long-lived bucket (an address an account signed in from) stays
        // until its own, longer cut-off.
        limits::hit(db, "t1:signin-known:olena|10.0.0.9", 60_000, now)
            .await
            .unwrap();
        let sweep = |at: i64, long_at: i64| limits::sweep(db, Timestamp(at), ":signin-known:", Timestamp(long_at));
        assert_eq!(
            sweep(now.0 + 1, now.0).await.unwrap(),
            1,
            "10.0.0.2's window, not the known one"
        );
        assert_eq!(sweep(now.0 + 1, now.0).await.unwrap(), 0);
        assert_eq!(
            sweep(now.0 + 1, now.0 + 1).await.unwrap(),
            1,
            "the known one, at its cut-off"
        );
    }

    async fn audit_entries_filter_and_stay_in_their_tenant(db: &Db) {
        let a = tenant(db, "audit-a").await;
        let b = tenant(db, "audit-b").await;
        for (t, action, actor) in [
            (a, "role_changed", "Admin@Example.org"),
            (a, "login_failure_burst", "anonymous"),
            (a, "role_changed", "other@example.org"),
            (b, "role_changed", "admin@example.org"),
        ] {
            Audit::of(db, t)
                .record(&NewAuditEntry {
                    actor_id: None,
                    actor,
                    action,
                    subject: "олена@example.org",
                    detail: "citizen → official",
                    address: "203.0.113.9",
                })
                .await
                .unwrap();
        }
        let all = Audit::of(db, a).list(&AuditFilter::default(), 10).await.unwrap();
        assert_eq!(all.len(), 3, "tenant b's entry is not listed");
        assert!(all[0].id > all[1].id && all[1].id > all[2].id, "newest first");
        let roles = AuditFilter {
            action: Some("role_changed".into()),
            ..AuditFilter::default()
        };
        assert_eq!(Audit::of(db, a).list(&roles, 10).await.unwrap().len(), 2);
        let by_actor = AuditFilter {
            actor: Some("admin@".into()),
            ..AuditFilter::default()
        };
        let found = Audit::of(db, a).list(&by_actor, 10).await.unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].detail, "citizen → official");
        let older = AuditFilter {
            before_id: Some(all[0].id),
            ..AuditFilter::default()
        };
        assert_eq!(Audit::of(db, a).list(&older, 1).await.unwrap()[0].id, all[1].id);
    }
}

mod polls {
    use super::*;
    use civic_store::polls::{AnswerRow, NewPoll, Polls, Submitted};

    contract!(
        one_response_per_account_and_poll,
        answers_are_counted_by_group_and_exported_in_batches
    );

    async fn poll(db: &Db, t: TenantId, s: SpaceId, allow_changes: bool) -> i64 {
        Polls::of(db, t)
            .create(&NewPoll {
                space: s,
                title: "Опитування",
                intro: "",
                opens_at: None,
                closes_at: None,
                results_visibility: "live",
                allow_changes,
                questions_json: "[]",
                status: "published",
                eligibility: "signed_in",
                districts: "",
                anonymous: true,
            })
            .await
            .unwrap()
    }

    fn row(question_id: i64, choice: i64, rank: i64, value: f64, text: Option<&str>) -> AnswerRow {
        AnswerRow {
            question_id,
            choice,
            rank,
            value,
            text: text.map(str::to_string),
        }
    }

    async fn one_response_per_account_and_poll(db: &Db) {
        let t = tenant(db, "bucha").await;
        let other = tenant(db, "irpin").await;
        let s = space(db, t, "published").await;
        let u = user(db, t, "a@example.org").await;
        let once = poll(db, t, s, false).await;
        let mut workers = Vec::new();
        for n in 0..8 {
            let db = db.clone();
            workers.push(tokio::spawn(async move {
                Polls::of(&db, t)
                    .submit(once, u, false, &[row(1, n % 2, 0, 0.0, None)], Timestamp(n))
                    .await
                    .unwrap()
            }));
        }
        let mut created = 0;
        for w in workers {
            match w.await.unwrap() {
                Submitted::Created(_) => created += 1,
                Submitted::AlreadyAnswered => {}
                Submitted::Replaced(_) => panic!("changes are not allowed"),
            }
        }
        assert_eq!(created, 1);
        let polls = Polls::of(db, t);
        assert_eq!(polls.answers_of(once, u).await.unwrap().len(), 1);
        assert_eq!(polls.get(once).await.unwrap().unwrap().response_count, 1);
        assert!(Polls::of(db, other).get(once).await.unwrap().is_none(), "other tenant");
        // With changes allowed the later response replaces the earlier one.
        let changing = poll(db, t, s, true).await;
        let first = polls
            .submit(changing, u, true, &[row(1, 0, 0, 0.0, None)], Timestamp(1))
            .await
            .unwrap();
        let second = polls
            .submit(
                changing,
                u,
                true,
                &[row(1, 1, 0, 0.0, None), row(2, -1, 0, 2.5, None)],
                Timestamp(2),
            )
            .await
            .unwrap();
        assert!(matches!(first, Submitted::Created(_)) && matches!(second, Submitted::Replaced(_)));
        let mine = polls.answers_of(changing, u).await.unwrap();
        assert_eq!(mine, vec![row(1, 1, 0, 0.0, None), row(2, -1, 0, 2.5, None)]);
    }

    async fn answers_are_counted_by_group_and_exported_in_batches(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let p = poll(db, t, s, false).await;
        let polls = Polls::of(db, t);
        for n in 0..5 {
            let u = user(db, t, &format!("r{n}@example.org")).await;
            let answers = [
                row(1, n % 2, 0, 0.0, None),
                row(2, -1, 0, f64::from(n as u8 % 3), None),
                row(3, -1, 0, 0.0, Some("текст «з лапками»")),
            ];
            polls.submit(p, u, false, &answers, Timestamp(n)).await.unwrap();
        }
        let counts = polls.counts(p).await.unwrap();
        let choice = |c: i64| {
            counts
                .iter()
                .find(|x| x.question_id == 1 && x.choice == c)
                .unwrap()
                .count
        };
        assert_eq!((choice(0), choice(1)), (3, 2));
        let zeros = counts
            .iter()
            .find(|x| x.question_id == 2 && x.value == 0.0)
            .unwrap()
            .count;
        assert_eq!(zeros, 2);
        assert!(counts.iter().all(|c| c.question_id != 3), "free text is not grouped");
        let answered: std::collections::BTreeMap<i64, i64> = polls.answered(p).await.unwrap().into_iter().collect();
        assert_eq!(answered[&3], 5);
        assert_eq!(polls.texts(p, 10).await.unwrap()[0].1, "текст «з лапками»");
        // Two batches of two and one of one cover every response once.
        let mut after = 0;
        let mut seen = Vec::new();
        loop {
            let batch = polls.export_batch(p, after, 2).await.unwrap();
            if batch.is_empty() {
                break;
            }
            assert!(batch.len() <= 2);
            for (_, answers) in &batch {
                assert!(!answers.is_empty());
                let order: Vec<i64> = answers.iter().map(|a| a.question_id).collect();
                assert!(order.is_sorted(), "answers in question order: {order:?}");
            }
            after = batch.last().unwrap().0;
            seen.extend(batch);
        }
        assert_eq!(seen.len(), 5);
        assert!(
            seen.windows(2).all(|w| w[0].0 < w[1].0),
            "each response once, oldest first"
        );
        let texts: Vec<&str> = seen
            .iter()
            .flat_map(|(_, answers)| answers.iter().filter_map(|a| a.text.as_deref()))
            .collect();
        assert!(
            texts.contains(&"текст «з лапками»"),
            "texts come back intact: {texts:?}"
        );
    }
}

mod notifications {
    use super::*;
    use civic_core::notifications::{Kind, Mode};
    use civic_store::follows::{Follows, Target};
    use civic_store::notifications::{Event, Letter, Notifications, Recipients};

    contract!(
        follows_are_unique_and_fan_out_in_one_statement,
        mail_batches_claim_each_row_once
    );

    fn event(kind: Kind, s: SpaceId, i: IdeaId, actor: Option<UserId>) -> Event<'static> {
        Event {
            kind,
            space: Some(s),
            idea: Some(i),
            debate: None,
            petition: None,
            report: None,
            comment: None,
            actor,
            summary: "Лавки",
            status: None,
            detail: None,
            at: Timestamp(10),
        }
    }

    async fn follows_are_unique_and_fan_out_in_one_statement(db: &Db) {
        let t = tenant(db, "bucha").await;
        let other = tenant(db, "irpin").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let people: Vec<UserId> = {
            let mut v = Vec::new();
            for n in 0..30 {
                v.push(user(db, t, &format!("p{n}@example.org")).await);
            }
            v
        };
        let follows = Follows::of(db, t);
        for p in &people {
            assert!(follows.follow(*p, Target::Idea(i), Timestamp(1)).await.unwrap());
        }
        assert!(!follows.follow(people[0], Target::Idea(i), Timestamp(2)).await.unwrap());
        assert!(follows.follow(people[0], Target::Space(s), Timestamp(2)).await.unwrap());
        assert_eq!(follows.of_user(people[0]).await.unwrap().len(), 2);
        assert!(
            !Follows::of(db, other)
                .follows(people[0], Target::Idea(i))
                .await
                .unwrap()
        );

        let store = Notifications::of(db, t);
        store
            .set_settings(people[1], &[(Kind::Comment, Mode::Never)])
            .await
            .unwrap();
        let before = db.query_count();
        let written = store
            .notify(
                &event(Kind::Comment, s, i, Some(people[0])),
                Recipients::IdeaFollowers(i),
                Some(people[2]),
            )
            .await
            .unwrap();
        assert_eq!(db.query_count() - before, 1, "one statement for 28 recipients");
        assert_eq!(written, 28, "every follower but the actor and the skipped one");
        assert!(store.page(people[0], None, 10).await.unwrap().is_empty());
        assert_eq!(store.unread_count(people[3]).await.unwrap(), 1);
        // Another tenant sees none of it.
        assert_eq!(Notifications::of(db, other).unread_count(people[3]).await.unwrap(), 0);
        let mine = store.page(people[3], None, 10).await.unwrap();
        assert_eq!(store.owned(people[4], &[mine[0].id]).await.unwrap(), 0);
        assert_eq!(
            store
                .mark_read(people[4], Some(&[mine[0].id]), Timestamp(11))
                .await
                .unwrap(),
            0
        );
        assert_eq!(store.mark_read(people[3], None, Timestamp(11)).await.unwrap(), 1);
        assert_eq!(store.unread_count(people[3]).await.unwrap(), 0);
        assert!(follows.unfollow(people[3], Target::Idea(i)).await.unwrap());
        let written = store
            .notify(&event(Kind::Status, s, i, None), Recipients::IdeaFollowers(i), None)
            .await
            .unwrap();
        assert_eq!(written, 29);
    }

    async fn mail_batches_claim_each_row_once(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let follows = Follows::of(db, t);
        for n in 0..7 {
            let p = user(db, t, &format!("p{n}@example.org")).await;
            follows.follow(p, Target::Idea(i), Timestamp(1)).await.unwrap();
        }
        let store = Notifications::of(db, t);
        for _ in 0..2 {
            store
                .notify(&event(Kind::Comment, s, i, None), Recipients::IdeaFollowers(i), None)
                .await
                .unwrap();
        }
        let letter = |rows: usize| Letter {
            subject: format!("{rows} news"),
            body_text: String::new(),
            body_html: String::new(),
        };
        // Batches of 3 people with a cursor: 3 + 3 + 1, each person once
        // with both rows; immediate rows are not touched by the daily pass.
        let (mut after, mut letters, mut batches) = (0, 0, 0);
        while let Some((last, n)) = store
            .mail_batch("bucha", Mode::Daily, after, 3, Timestamp(20), |_, rows| {
                vec![letter(rows.len())]
            })
            .await
            .unwrap()
        {
            assert!(last > after);
            after = last;
            letters += n;
            batches += 1;
        }
        assert_eq!((letters, batches), (7, 3));
        let mails = civic_store::mail::claim(db, Timestamp(i64::MAX / 2), 1, 100)
            .await
            .unwrap();
        assert_eq!(mails.len(), 7);
        assert!(mails.iter().all(|m| m.subject == "2 news"));
        assert!(
            store
                .mail_batch("bucha", Mode::Daily, 0, 3, Timestamp(21), |_, _| vec![letter(0)])
                .await
                .unwrap()
                .is_none(),
            "nothing is claimed twice"
        );
        assert!(store.claim_digest("daily", 5, Timestamp(100), 1_000).await.unwrap());
        assert!(!store.claim_digest("daily", 5, Timestamp(200), 1_000).await.unwrap());
        assert!(
            store.claim_digest("daily", 5, Timestamp(2_000), 1_000).await.unwrap(),
            "an unfinished run is taken over"
        );
        store.finish_digest("daily", 5, Timestamp(2_001)).await.unwrap();
        assert!(!store.claim_digest("daily", 5, Timestamp(9_000), 1_000).await.unwrap());
        assert!(
            store.claim_digest("weekly", 5, Timestamp(9_000), 1_000).await.unwrap(),
            "each cadence is claimed on its own"
        );
        assert!(!store.claim_digest("weekly", 5, Timestamp(9_001), 1_000).await.unwrap());
    }
}

/// A use case runs its statements in one transaction: a handle from
/// `Db::begin` that every repository takes like the pool.
mod transactions {
    use super::*;

    contract!(
        a_transaction_commits_all_or_nothing,
        a_repository_unit_inside_a_transaction_is_a_savepoint,
        an_unfinished_unit_is_undone_and_the_transaction_goes_on,
        beginning_inside_a_transaction_joins_it,
    );

    fn new_comment(i: IdeaId, u: UserId) -> NewComment<'static> {
        NewComment {
            idea: i,
            parent: None,
            author: Some(u),
            body: "Текст",
            alignment: "neutral",
            created_at: Timestamp(2),
        }
    }

    async fn a_transaction_commits_all_or_nothing(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let tx = db.begin().await.unwrap();
        assert!(tx.in_transaction() && !db.in_transaction());
        let i = idea(&tx, t, s, "У транзакції", 1).await;
        assert!(Ideas::of(&tx, t).get_public(i).await.unwrap().is_some(), "seen inside");
        assert!(
            Ideas::of(db, t).get_public(i).await.unwrap().is_none(),
            "not outside before the commit"
        );
        drop(tx);
        assert!(
            Ideas::of(db, t).get_public(i).await.unwrap().is_none(),
            "rolled back when dropped"
        );

        let tx = db.begin().await.unwrap();
        let i = idea(&tx, t, s, "Закомічена", 1).await;
        tx.commit().await.unwrap();
        assert!(Ideas::of(db, t).get_public(i).await.unwrap().is_some());
    }

    async fn a_repository_unit_inside_a_transaction_is_a_savepoint(db: &Db) {
        let t = tenant(db, "bucha").await;
        let u = user(db, t, "olena@example.org").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let tx = db.begin().await.unwrap();
        // `create` counts the comment on its idea in a unit of its own.
        let c = Comments::of(&tx, t).create(&new_comment(i, u)).await.unwrap();
        assert_eq!(Ideas::of(&tx, t).get_public(i).await.unwrap().unwrap().comment_count, 1);
        drop(tx);
        assert!(Comments::of(db, t).get(c).await.unwrap().is_none());
        assert_eq!(Ideas::of(db, t).get_public(i).await.unwrap().unwrap().comment_count, 0);
    }

    async fn an_unfinished_unit_is_undone_and_the_transaction_goes_on(db: &Db) {
        let t = tenant(db, "bucha").await;
        let u = user(db, t, "olena@example.org").await;
        let s = space(db, t, "published").await;
        let i = idea(db, t, s, "Лавки", 1).await;
        let tx = db.begin().await.unwrap();
        let comments = Comments::of(&tx, t);
        let c = comments.create(&new_comment(i, u)).await.unwrap();
        // A vote on a missing comment rolls its unit back and answers None.
        assert_eq!(
            comments.vote(CommentId(999_999), u, 1, Timestamp(3)).await.unwrap(),
            None
        );
        assert_eq!(comments.vote(c, u, 1, Timestamp(3)).await.unwrap(), Some(1));
        tx.commit().await.unwrap();
        assert_eq!(Comments::of(db, t).count_score(c).await.unwrap(), 1);
        assert_eq!(Ideas::of(db, t).get_public(i).await.unwrap().unwrap().comment_count, 1);
    }

    async fn beginning_inside_a_transaction_joins_it(db: &Db) {
        let t = tenant(db, "bucha").await;
        let s = space(db, t, "published").await;
        let outer = db.begin().await.unwrap();
        let inner = outer.begin().await.unwrap();
        let i = idea(&inner, t, s, "Вкладена", 1).await;
        inner.commit().await.unwrap();
        assert!(
            Ideas::of(db, t).get_public(i).await.unwrap().is_none(),
            "the outer handle commits"
        );
        drop(outer);
        assert!(Ideas::of(db, t).get_public(i).await.unwrap().is_none());
    }
}

// Contests and joint projects (issue 19).

async fn a_contest(db: &Db, t: TenantId, s: SpaceId) -> i64 {
    use civic_core::contests::{Schedule, parse_criteria};
    let now = Timestamp::now().0;
    civic_store::contests::Contests::of(db, t)
        .create(&civic_store::contests::NewContest {
            space: s,
            title: "Логотип",
            brief: "Бриф",
            rules: "",
            eligibility: "",
            prizes: "",
            public_vote: true,
            schedule: Schedule {
                opens_at: now - 1_000,
                submissions_end: now + 86_400_000,
                vote_end: Some(now + 2 * 86_400_000),
                jury_end: now + 3 * 86_400_000,
            },
            criteria: &parse_criteria(&[("Ідея".to_string(), 70), ("Ціна".to_string(), 30)]).unwrap(),
            created_by: None,
        })
        .await
        .unwrap()
}

async fn contest_votes_and_scores_count_once(db: &Db) {
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let (a, b, j) = (
        user(db, t, "a@example.org").await,
        user(db, t, "b@example.org").await,
        user(db, t, "j@example.org").await,
    );
    let c = a_contest(db, t, s).await;
    let store = civic_store::contests::Contests::of(db, t);
    let one = store
        .add_submission(c, a, "Перша", "Опис", Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    let two = store
        .add_submission(c, b, "Друга", "Опис", Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    // Outside the submission window nothing is stored.
    let late = Timestamp(Timestamp::now().0 + 2 * 86_400_000);
    assert!(
        store
            .add_submission(c, a, "Пізно", "Опис", late)
            .await
            .unwrap()
            .is_none()
    );
    // A vote moves; it never doubles.
    store.vote(c, a, two).await.unwrap();
    store.vote(c, a, one).await.unwrap();
    assert_eq!(store.vote_of(c, a).await.unwrap(), Some(one));
    let subs = store.submissions(c).await.unwrap();
    assert_eq!(subs.iter().map(|x| x.votes).sum::<i64>(), 1);
    // A juror's scores replace each other; a conflict removes them and
    // refuses more.
    assert!(store.add_juror(c, j).await.unwrap());
    assert!(!store.add_juror(c, j).await.unwrap());
    assert!(store.set_scores(one, j, &[(1, 7, String::new())]).await.unwrap());
    assert!(
        store
            .set_scores(one, j, &[(1, 9, String::new()), (2, 4, "дорого".into())])
            .await
            .unwrap()
    );
    assert_eq!(store.scores(c).await.unwrap().len(), 2);
    store.declare_conflict(one, j).await.unwrap();
    assert!(store.scores(c).await.unwrap().is_empty());
    assert!(!store.set_scores(one, j, &[(1, 5, String::new())]).await.unwrap());
    assert!(store.scores(c).await.unwrap().is_empty());
    // Another tenant sees none of it.
    let other = tenant(db, "irpin").await;
    assert!(
        civic_store::contests::Contests::of(db, other)
            .get(c)
            .await
            .unwrap()
            .is_none()
    );
}

async fn parallel_sign_ups_never_overfill_a_task(db: &Db) {
    use civic_core::joint_projects::{Origin, ProjectStatus};
    use civic_store::joint_projects::{JointProjects, NewJointProject, SignUp};
    let t = tenant(db, "bucha").await;
    let s = space(db, t, "published").await;
    let store = JointProjects::of(db, t);
    let p = store
        .create(&NewJointProject {
            space: s,
            title: "Толока",
            goal: "Прибрати парк",
            department: "Благоустрій",
            budget: None,
            starts_at: None,
            ends_at: None,
            location: "",
            status: ProjectStatus::InProgress,
            origin: Origin::Scratch,
            origin_id: None,
            created_by: None,
        })
        .await
        .unwrap();
    let task = store.add_task(p, "Прибирання", "", None, 4).await.unwrap();
    let mut people = Vec::new();
    for n in 0..12 {
        people.push(user(db, t, &format!("v{n}@example.org")).await);
    }
    let mut calls = Vec::new();
    for u in people.iter().chain(people.iter()) {
        let (db, u) = (db.clone(), *u);
        calls.push(tokio::spawn(
            async move { JointProjects::of(&db, t).sign_up(task, u).await },
        ));
    }
    let mut done = 0;
    for call in calls {
        if call.await.unwrap().unwrap() == SignUp::Done {
            done += 1;
        }
    }
    assert_eq!(done, 4);
    assert_eq!(store.task(task).await.unwrap().unwrap().taken, 4);
    assert_eq!(store.volunteers(p).await.unwrap().len(), 4);
    assert_ne!(store.sign_up(task, people[11]).await.unwrap(), SignUp::Done);
    // The CHECK refuses an overfill that skips the repository.
    let t0 = t.0;
    let over = civic_store::testing::execute(
        db,
        &format!("UPDATE volunteer_tasks SET taken = capacity + 1 WHERE tenant_id = {t0} AND id = {task}"),
    )
    .await;
    assert!(over.is_err());
}

/// Problem reports (issue 20): 50 parallel "me too" from one person store
/// one voice; two staff moving the same report from the same status, one
/// wins; another tenant sees none of it; a point round-trips exactly.
async fn report_voices_count_once_and_moves_race_safely(db: &Db) {
    use civic_core::reports::{Point, ReportStatus};
    use civic_store::reports::{Categories, Departments, NewCategory, NewReport, ReportFilter, Reports};
    let t = tenant(db, "bucha").await;
    let other = tenant(db, "irpin").await;
    let u = user(db, t, "a@example.org").await;
    let department = Departments::of(db, t).create("Служба доріг").await.unwrap();
    let category = Categories::of(db, t)
        .create(&NewCategory {
            name_uk: "Ями",
            name_en: None,
            department,
            target_days: 10,
        })
        .await
        .unwrap();
    let point = Point::from_degrees(50.543_712, -30.212_801).unwrap();
    let id = Reports::of(db, t)
        .create(&NewReport {
            category,
            department,
            author: None,
            anonymous: false,
            body: "Глибока яма біля зупинки.",
            address: "",
            point: Some(point),
            status: ReportStatus::Received,
            deadline_at: 1,
            at: Timestamp(1),
        })
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for n in 0..50 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            Reports::of(&db, t).add_voice(id, u, Timestamp(n)).await
        }));
    }
    let mut stored = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            stored += 1;
        }
    }
    assert_eq!(stored, 1);
    let reports = Reports::of(db, t);
    let r = reports.get(id).await.unwrap().unwrap();
    assert_eq!((r.voices, r.point()), (1, Some(point)));
    let moved = [
        reports
            .set_status(id, ReportStatus::Received, ReportStatus::InProgress, None, Timestamp(2))
            .await
            .unwrap(),
        reports
            .set_status(
                id,
                ReportStatus::Received,
                ReportStatus::Rejected,
                Some("ні"),
                Timestamp(2),
            )
            .await
            .unwrap(),
    ];
    assert_eq!(moved, [true, false]);
    assert_eq!(reports.get(id).await.unwrap().unwrap().status, ReportStatus::InProgress);
    let theirs = Reports::of(db, other);
    assert!(theirs.get(id).await.unwrap().is_none());
    assert!(theirs.list(&ReportFilter::default(), 10).await.unwrap().is_empty());
    assert!(!theirs.add_voice(id, u, Timestamp(3)).await.is_ok_and(|added| added));
    assert!(Categories::of(db, other).get(category).await.unwrap().is_none());
}

async fn the_admin_home_counts_by_month_and_tenant(db: &Db) {
    use civic_core::town_admin::Months;
    use civic_store::town_admin::TownAdmin;
    const DAY: i64 = 86_400_000;
    let (t, other) = (tenant(db, "bucha").await, tenant(db, "irpin").await);
    // 2026-12-06T12:00Z: this month from 2026-12-01, last from 2026-11-01.
    let now = Timestamp(1_796_558_400_000);
    let months = Months::at(now);
    let s = space(db, t, "published").await;
    idea(db, t, s, "Цього місяця", months.this_start.0).await;
    idea(db, t, s, "Минулого місяця", months.this_start.0 - 1).await;
    idea(db, t, s, "Позаминулого місяця", months.last_start.0 - 1).await;
    // Past the threshold (10), unanswered, published 40 days before `now`.
    let late = idea(db, t, s, "Давно чекає", now.0 - 40 * DAY).await;
    civic_store::testing::execute(
        db,
        &format!("UPDATE ideas SET support_count = 10 WHERE id = {}", late.0),
    )
    .await
    .unwrap();
    let os = space(db, other, "published").await;
    idea(db, other, os, "Чужа", months.this_start.0).await;
    let admin = TownAdmin::of(db, t);
    let rows = admin.participation(months).await.unwrap();
    assert_eq!(rows.len(), civic_core::town_admin::PARTICIPATION.len());
    let ideas = rows.iter().find(|r| r.kind == "ideas").unwrap();
    // The idea published 40 days back (2026-10-27) is in neither month.
    assert_eq!((ideas.this_month, ideas.last_month), (1, 1), "{rows:?}");
    assert_eq!(rows.iter().find(|r| r.kind == "accounts").unwrap().this_month, 0);
    let a = admin.attention(now).await.unwrap();
    assert_eq!((a.ideas_waiting, a.ideas_late), (1, 1), "{a:?}");
    assert!(TownAdmin::of(db, other).attention(now).await.unwrap().is_calm());
    assert!(admin.polls_closing(now, 5).await.unwrap().is_empty());
}
