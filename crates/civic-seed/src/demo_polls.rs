//! The demo's polls in the park space: a closed poll on the playground
//! design with its results, and an open survey on using the park, both
//! answered by the demo residents of the conversation.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::polls::{AnswerInput, ConditionInput, QuestionInput, build_questions, check_answers};
use civic_core::{Email, SpaceId, TenantId, Timestamp, UserId};
use civic_store::polls::{AnswerRow, NewPoll, Polls};
use civic_store::users::Users;

const DAY: i64 = 86_400_000;

/// A required question (the benchmark tenant's survey uses it too).
pub(crate) fn question(kind: &str, text: &str, options: &[&str]) -> QuestionInput {
    QuestionInput {
        kind: kind.into(),
        text: text.into(),
        required: true,
        options: options.iter().map(|o| o.to_string()).collect(),
        ..QuestionInput::default()
    }
}

/// The same scramble as the conversation's: deterministic, varied.
fn roll(voter: usize, salt: usize) -> usize {
    let mut x = (voter as u32).wrapping_mul(2_654_435_761) ^ (salt as u32).wrapping_mul(40_503);
    x ^= x >> 13;
    x = x.wrapping_mul(0x5bd1_e995);
    ((x ^ (x >> 15)) % 1000) as usize
}

async fn create(
    db: &Platform,
    t: TenantId,
    space: SpaceId,
    (title, intro): (&str, &str),
    window: (i64, i64),
    visibility: &str,
    questions: &[QuestionInput],
) -> Result<(i64, Vec<civic_core::polls::Question>), AppError> {
    let questions = build_questions(questions)?;
    let json = serde_json::to_string(&questions).map_err(|e| AppError::Internal(Box::new(e)))?;
    let id = Polls::of(db, t)
        .create(&NewPoll {
            space,
            title,
            intro,
            opens_at: Some(window.0),
            closes_at: Some(window.1),
            results_visibility: visibility,
            allow_changes: false,
            questions_json: &json,
            status: "published",
            eligibility: "signed_in",
            districts: "",
            anonymous: true,
        })
        .await?;
    Ok((id, questions))
}

async fn answer(
    db: &Platform,
    t: TenantId,
    poll: i64,
    user: UserId,
    questions: &[civic_core::polls::Question],
    answers: &[AnswerInput],
    at: Timestamp,
) -> Result<(), AppError> {
    let cells = check_answers(questions, answers)
        .map_err(|p| AppError::BadRequest(format!("demo answers do not fit: {p:?}")))?;
    let rows: Vec<AnswerRow> = cells.into_iter().map(AnswerRow::from).collect();
    // Residents state a district (the park's), so results can be filtered.
    let district = ["Центр", "Набережна", "Північний", "Південний"][roll(user.0 as usize, 9) % 4];
    Polls::of(db, t)
        .submit_from(poll, user, district, false, &rows, at)
        .await?;
    Ok(())
}

pub async fn seed(db: &Platform, t: TenantId, park: SpaceId, now: Timestamp) -> Result<(), AppError> {
    let users = Users::of(db, t);
    let mut residents = Vec::new();
    for n in 1..=45 {
        let email = Email::parse(&format!("resident{n:02}@demo.example.org"))?;
        if let Some(u) = users.by_email(&email).await? {
            residents.push(u.id);
        }
    }

    let (closed, questions) = create(
        db,
        t,
        park,
        (
            "Який дизайн дитячого майданчика обрати?",
            "Архітектори запропонували три проєкти майданчика біля ставка. Голосування завершено — дякуємо всім, хто взяв участь!",
        ),
        (now.0 - 30 * DAY, now.0 - 2 * DAY),
        "after_close",
        &[
            question(
                "single_choice",
                "Який проєкт вам подобається найбільше?",
                &["«Лісова галявина»", "«Піратський корабель»", "«Космодром»"],
            ),
            QuestionInput {
                scale_min: Some(1),
                scale_max: Some(5),
                min_label: Some("зовсім не важлива".into()),
                max_label: Some("дуже важлива".into()),
                ..question("scale", "Наскільки важлива тінь на майданчику?", &[])
            },
        ],
    )
    .await?;
    for (i, user) in residents.iter().enumerate() {
        let design = [0, 0, 1, 2, 0, 1][roll(i, 1) % 6];
        let shade = 3.0 + (roll(i, 2) % 3) as f64;
        let answers = [
            AnswerInput {
                question_id: 1,
                option: Some(design),
                ..AnswerInput::default()
            },
            AnswerInput {
                question_id: 2,
                value: Some(shade),
                ..AnswerInput::default()
            },
        ];
        answer(db, t, closed, *user, &questions, &answers, Timestamp(now.0 - 10 * DAY)).await?;
    }

    let mut visit = question(
        "single_choice",
        "Чи буваєте ви в парку хоча б раз на тиждень?",
        &["Так", "Ні"],
    );
    visit.required = true;
    let mut why_not = question(
        "multiple_choice",
        "Що вам заважає?",
        &["Далеко", "Брудно", "Немає освітлення", "Немає лавок"],
    );
    why_not.show_if = Some(ConditionInput {
        question: 0,
        option: 1,
        negate: false,
    });
    why_not.max_selections = Some(2);
    why_not.other = true;
    // Three pages: habits, priorities, and a last word.
    let mut grid = question(
        "matrix",
        "Як ви оцінюєте стан парку?",
        &["Погано", "Задовільно", "Добре"],
    );
    grid.rows = vec!["Освітлення".into(), "Чистота".into(), "Безпека".into()];
    grid.page = Some(2);
    let mut rank = question(
        "ranking",
        "Розставте за важливістю, що зробити першим",
        &["Освітлення", "Туалети", "Велодоріжки", "Лавки"],
    );
    rank.required = false;
    rank.page = Some(2);
    let mut idea = question("short_text", "Одне побажання для парку", &[]);
    idea.required = false;
    idea.page = Some(3);
    let (open, questions) = create(
        db,
        t,
        park,
        (
            "Опитування: яким має бути парк у 2027 році?",
            "Кілька хвилин ваших відповідей допоможуть спланувати роботи в парку. Результати видно одразу.",
        ),
        (now.0 - 5 * DAY, now.0 + 60 * DAY),
        "live",
        &[visit, why_not, grid, rank, idea],
    )
    .await?;
    for (i, user) in residents.iter().enumerate().take(30) {
        let visits = i64::from(!roll(i, 3).is_multiple_of(3));
        let mut answers = vec![AnswerInput {
            question_id: 1,
            option: Some(if visits == 1 { 0 } else { 1 }),
            ..AnswerInput::default()
        }];
        if visits == 0 {
            let first = (roll(i, 4) % 5) as i64;
            let chosen = vec![first, (first + 2) % 5];
            answers.push(AnswerInput {
                question_id: 2,
                other: chosen.contains(&4).then(|| "Собаки без повідків".to_string()),
                options: Some(chosen),
                ..AnswerInput::default()
            });
        }
        answers.push(AnswerInput {
            question_id: 3,
            matrix: Some((0..3).map(|row| (roll(i, 10 + row) % 3) as i64).collect()),
            ..AnswerInput::default()
        });
        let start = roll(i, 5) % 4;
        answers.push(AnswerInput {
            question_id: 4,
            ranking: Some((0..4).map(|k| ((start + k) % 4) as i64).collect()),
            ..AnswerInput::default()
        });
        if i.is_multiple_of(5) {
            answers.push(AnswerInput {
                question_id: 5,
                text: Some("Більше дерев уздовж алей".into()),
                ..AnswerInput::default()
            });
        }
        answer(db, t, open, *user, &questions, &answers, Timestamp(now.0 - DAY)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use civic_store::testing::TestDb;

    #[tokio::test]
    async fn the_demo_holds_a_closed_poll_with_results_and_an_open_survey() {
        let db = TestDb::sqlite().await;
        crate::demo::seed_once(&civic_app::Platform::new(db.db.clone()))
            .await
            .unwrap()
            .unwrap();
        let t = civic_store::tenants::by_slug(&db.db, crate::demo::DEMO_SLUG)
            .await
            .unwrap()
            .unwrap()
            .tenant_id();
        let mut found = Vec::new();
        for space in civic_store::spaces::Spaces::of(&db.db, t).list_public().await.unwrap() {
            found.extend(
                civic_store::polls::Polls::of(&db.db, t)
                    .in_space(space.space_id(), false)
                    .await
                    .unwrap(),
            );
        }
        let now = civic_core::Timestamp::now();
        let closed = found.iter().find(|p| p.phase(now) == "closed").unwrap();
        // The open survey (the verified residents' poll of
        // demo_verification is open too, with no answers).
        let open = found
            .iter()
            .find(|p| p.phase(now) == "open" && p.eligibility != "verified")
            .unwrap();
        assert!(
            found
                .iter()
                .any(|p| p.phase(now) == "open" && p.eligibility == "verified")
        );
        assert_eq!(closed.response_count, 45);
        assert_eq!(open.response_count, 30);
        let r = civic_app::polls::results(&civic_app::Platform::new(db.db.clone()), t, closed.id, false)
            .await
            .unwrap()
            .unwrap();
        let total: i64 = r.questions[0].options.iter().map(|o| o.count).sum();
        assert_eq!(total, 45);
        assert!(r.questions[1].stats.is_some());
        // The open survey runs over three pages and has a matrix whose
        // heat table counts every respondent once per row.
        let open_questions = civic_app::polls::questions_of(open).unwrap();
        assert_eq!(civic_core::polls::pages(&open_questions), vec![1, 2, 3]);
        let r = civic_app::polls::results(&civic_app::Platform::new(db.db.clone()), t, open.id, true)
            .await
            .unwrap()
            .unwrap();
        let grid = r.questions.iter().find(|q| !q.matrix.is_empty()).unwrap();
        for row in &grid.matrix {
            assert_eq!(row.counts.iter().sum::<i64>(), 30);
        }
    }
}
