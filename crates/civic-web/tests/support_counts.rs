//! An idea's support count: many residents supporting one idea at the same
//! moment are each counted once and the threshold is crossed once (on
//! PostgreSQL a support and its count are two commits, ADR 0003), and
//! supports whose count was skipped or cut short are counted later, once.

mod common;

use civic_core::{DisplayName, Email, IdeaId, Role, TenantId, Timestamp, UserId};
use civic_testkit::ideas::Ideas;
use civic_testkit::testing::{execute, query_i64};
use civic_testkit::users::{NewUser, Users};
use common::*;
use futures_util::future::join_all;

const RESIDENTS: usize = 60;

/// Threshold notices `user` got.
async fn threshold_notices(app: &TestApp, user: UserId) -> i64 {
    query_i64(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'threshold' AND user_id = {}",
            user.0
        ),
    )
    .await
}

async fn status_and_count(app: &TestApp, t: TenantId, idea: IdeaId) -> (String, i64) {
    let record = Ideas::of(&app.db, t).get_public(idea).await.unwrap().unwrap();
    (record.status.as_str().to_string(), record.support_count)
}

async fn simultaneous_supports_are_each_counted_once(app: TestApp) {
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    execute(&app.db, "UPDATE spaces SET support_threshold = 40")
        .await
        .unwrap();
    let i = idea(&app.db, t, s, "Лавки в парку").await;
    // A staff member to be told when the threshold is reached.
    let official = residents_from(&app, t, 0, 1).await[0];
    execute(
        &app.db,
        &format!("UPDATE users SET role = 'official' WHERE id = {}", official.0),
    )
    .await
    .unwrap();
    let people = residents_from(&app, t, 1, RESIDENTS).await;

    let supports = people
        .iter()
        .map(|user| civic_app::ideas::set_support(&app.platform, t, *user, i, true));
    let answers = join_all(supports).await;
    assert!(
        answers.iter().all(|a| a.as_ref().is_ok_and(|s| s.changed)),
        "{answers:?}"
    );
    // Supporting again changes nothing.
    let again = civic_app::ideas::set_support(&app.platform, t, people[0], i, true)
        .await
        .unwrap();
    assert!(!again.changed);
    // Counts skipped while another supporter's count held the idea are
    // made by the job that runs every second (nothing waits on SQLite).
    civic_app::ideas::count_waiting_supports(&app.platform).await.unwrap();

    let rows = query_i64(
        &app.db,
        &format!("SELECT COUNT(*) FROM supports WHERE idea_id = {}", i.0),
    )
    .await;
    assert_eq!(rows, RESIDENTS as i64);
    assert_eq!(
        status_and_count(&app, t, i).await,
        ("under_review".into(), RESIDENTS as i64)
    );
    assert_eq!(
        threshold_notices(&app, official).await,
        1,
        "the threshold is reached once"
    );
    assert_eq!(query_i64(&app.db, "SELECT COUNT(*) FROM uncounted_supports").await, 0);

    // Withdrawals count down, each once.
    let withdrawals = people[..10]
        .iter()
        .map(|user| civic_app::ideas::set_support(&app.platform, t, *user, i, false));
    join_all(withdrawals).await;
    assert_eq!(status_and_count(&app, t, i).await.1, RESIDENTS as i64 - 10);
}

/// `n` residents numbered from `from`.
async fn residents_from(app: &TestApp, t: TenantId, from: usize, n: usize) -> Vec<UserId> {
    let mut ids = Vec::new();
    for i in from..from + n {
        let email = Email::parse(&format!("resident{i}@example.org")).unwrap();
        let name = DisplayName::parse(&format!("Мешканець {i}")).unwrap();
        let user = Users::of(&app.db, t)
            .create(&NewUser {
                email: &email,
                display_name: &name,
                password_hash: "not used",
                role: Role::Citizen,
                confirmed: true,
            })
            .await
            .unwrap();
        ids.push(user.id);
    }
    ids
}

/// PostgreSQL only: SQLite counts a support in its own commit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supports_whose_count_was_cut_short_are_counted_once() {
    let Some(db) = civic_testkit::testing::TestDb::postgres().await else {
        return;
    };
    let app = TestApp::start(db).await;
    let t = tenant(&app.db, "bucha", None).await.tenant_id();
    let s = space(&app.db, t, "Парк").await;
    let i = idea(&app.db, t, s, "Лавки в парку").await;
    let people = residents_from(&app, t, 0, 7).await;
    // Supports stored without their counts: what a node stopped between
    // the two commits leaves behind.
    for user in &people {
        assert!(
            Ideas::of(&app.db, t)
                .support_to_count(i, *user, Timestamp::now())
                .await
                .unwrap()
        );
    }
    assert_eq!(status_and_count(&app, t, i).await, ("published".into(), 0));
    // A support withdrawn before it was counted is simply not counted.
    assert!(Ideas::of(&app.db, t).withdraw_support(i, people[6]).await.unwrap());
    assert_eq!(status_and_count(&app, t, i).await.1, 0);

    assert_eq!(
        civic_app::ideas::count_waiting_supports(&app.platform).await.unwrap(),
        1
    );
    // Six supports over the space's threshold of five: under review, and
    // its followers hear of it, as from a counted support.
    assert_eq!(status_and_count(&app, t, i).await, ("under_review".into(), 6));
    let followers_told = query_i64(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM notifications WHERE tenant_id = {} AND kind = 'status' AND idea_id = {}",
            t.0, i.0
        ),
    )
    .await;
    assert_eq!(
        followers_told, 7,
        "the six supporters, and the one who withdrew but still follows"
    );
    // Nothing is counted twice.
    assert_eq!(
        civic_app::ideas::count_waiting_supports(&app.platform).await.unwrap(),
        0
    );
    assert_eq!(status_and_count(&app, t, i).await.1, 6);
}

both_backends!(simultaneous_supports_are_each_counted_once);
