//! The demo's conversation: a question on the old market square, with
//! votes from 45 residents who fall into three opinion groups, so the
//! results page shows groups, consensus and division from the first start.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::{DisplayName, Email, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::conversations::{Conversations, NewConversation};
use civic_store::users::{NewUser, Users};

const QUESTION: &str = "Як використовувати стару ринкову площу після реконструкції?";
const DESCRIPTION: &str = "Площа звільниться у 2027 році. Голосуйте за твердження — «погоджуюсь», «не погоджуюсь» або «пропускаю» — і додавайте власні. Карта думок покаже, де мешканці згодні, а де розходяться.";

/// Statements, and how each of the three planted groups leans on them:
/// 1 agree, -1 disagree, 0 pass.
const STATEMENTS: &[(&str, [i8; 3])] = &[
    ("Площа має стати пішохідною зоною без автомобілів.", [1, -1, 1]),
    (
        "Потрібна велика безкоштовна парковка для відвідувачів центру.",
        [-1, 1, -1],
    ),
    ("Щосуботи на площі має працювати фермерський ринок.", [1, 1, -1]),
    ("На площі варто проводити концерти й фестивалі влітку.", [-1, -1, 1]),
    ("Більше дерев і тіні — навіть коштом місця для подій.", [1, -1, -1]),
    ("Потрібні громадські туалети та питні фонтанчики.", [1, 1, 1]),
    (
        "Площа має бути доступною для людей на візках і з дитячими візочками.",
        [1, 1, 1],
    ),
    ("Кіоски з кавою й вуличною їжею зроблять площу живою.", [-1, 1, 1]),
    (
        "Реконструкцію треба відкласти й витратити кошти на дороги.",
        [-1, 1, -1],
    ),
    ("Дитячий майданчик має бути в центрі площі.", [1, -1, 0]),
    ("Увечері площа має бути добре освітленою.", [1, 1, 1]),
    ("Нічні заходи після 22:00 на площі треба заборонити.", [1, 1, -1]),
];

const PER_GROUP: usize = 15;

/// A small deterministic scramble, so every voter skips or differs on a
/// few statements as real people do.
fn noise(voter: usize, statement: usize) -> u32 {
    let mut x = (voter as u32).wrapping_mul(2_654_435_761) ^ (statement as u32).wrapping_mul(40_503);
    x ^= x >> 13;
    x = x.wrapping_mul(0x5bd1_e995);
    (x ^ (x >> 15)) % 100
}

pub async fn seed(db: &Platform, t: TenantId, space: SpaceId, now: Timestamp) -> Result<i64, AppError> {
    let seeds: Vec<String> = STATEMENTS.iter().map(|(s, _)| s.to_string()).collect();
    let conversations = Conversations::of(db, t);
    let id = conversations
        .create(&NewConversation {
            space,
            question: QUESTION,
            description: DESCRIPTION,
            moderation: "after",
            seed_statements: &seeds,
        })
        .await?;
    let statements = conversations.statements(id, "published").await?;
    let users = Users::of(db, t);
    for voter in 0..3 * PER_GROUP {
        let group = voter / PER_GROUP;
        let user = users
            .create(&NewUser {
                email: &Email::parse(&format!("resident{:02}@demo.example.org", voter + 1))?,
                display_name: &DisplayName::parse(&format!("Мешканець {}", voter + 1))?,
                // No password: demo residents cannot sign in.
                password_hash: "!",
                role: Role::Citizen,
                confirmed: true,
            })
            .await?
            .user_id();
        for (index, statement) in statements.iter().enumerate() {
            let roll = noise(voter, index);
            if roll < 12 {
                continue; // not seen
            }
            let lean = STATEMENTS[index].1[group];
            let vote = if roll < 20 {
                0
            } else if roll < 27 {
                -lean
            } else {
                lean
            };
            conversations.vote(id, statement.id, UserId(user.0), vote, now).await?;
        }
    }
    let version = conversations.get(id).await?.map_or(0, |c| c.votes_version);
    civic_app::conversations::recompute(db, t, id, version).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use civic_store::testing::TestDb;

    #[tokio::test]
    async fn the_demo_conversation_shows_three_groups_and_consensus() {
        let db = TestDb::sqlite().await;
        crate::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
            .await
            .unwrap()
            .unwrap();
        let tenant = civic_store::tenants::by_slug(&db.db, crate::demo::DEMO_SLUG)
            .await
            .unwrap()
            .unwrap();
        let t = tenant.tenant_id();
        let mut found = Vec::new();
        for space in civic_store::spaces::Spaces::of(&db.db, t).list_public().await.unwrap() {
            let store = civic_store::conversations::Conversations::of(&db.db, t);
            found.extend(store.in_space(space.space_id()).await.unwrap());
        }
        assert_eq!(found.len(), 1);
        let conversation = found[0].id;
        let results = civic_app::conversations::results(&civic_app::Platform::new(db.db.clone()), t, conversation)
            .await
            .unwrap();
        assert!(!results.pending && results.computed_at.is_some());
        assert_eq!(results.groups.len(), 3, "{:?}", results.groups);
        assert_eq!(results.participants, 45);
        let agreed: Vec<&str> = results.consensus_agree.iter().map(|s| s.body.as_str()).collect();
        assert!(agreed.iter().any(|s| s.contains("туалети")), "{agreed:?}");
    }
}
