//! The demo's contests and joint projects, in a space of their own: a logo
//! contest for the town's anniversary taking submissions (with a public
//! vote to come), a finished contest for the riverside square with its
//! jury's scores, public votes and announced winners, and three joint
//! projects at different stages (the winning square design under way with
//! volunteers signed up, an accepted idea being planned, a finished
//! clean-up), so every contest and project page and API path has
//! something behind it.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::contests::{Award, Schedule, parse_criteria};
use civic_core::joint_projects::{MilestoneStatus, Origin, ProjectStatus};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};
use civic_store::contests::{Contests, NewContest};
use civic_store::joint_projects::{JointProjects, NewJointProject};
use civic_store::spaces::{NewSpace, Spaces};

const DAY: i64 = 86_400_000;

/// The space the demo's contests and joint projects live in.
async fn space(db: &Platform, t: TenantId, now: Timestamp) -> Result<SpaceId, AppError> {
    Ok(Spaces::of(db, t)
        .create(&NewSpace {
            title: "Конкурси та спільні проєкти",
            description: "Місто оголошує конкурси творчих рішень, а переможці стають проєктами, які ми втілюємо разом. Подавайте роботи, голосуйте, записуйтеся волонтером і стежте, як просуваються проєкти.",
            status: "published",
            support_threshold: 10,
            starts_at: Some(now.minus_days(90).0),
            ends_at: Some(now.0 + 200 * DAY),
        })
        .await?)
}

fn criteria() -> Vec<civic_core::contests::Criterion> {
    parse_criteria(&[
        ("Оригінальність".to_string(), 30),
        ("Здійсненність".to_string(), 40),
        ("Вартість".to_string(), 30),
    ])
    .expect("the demo's weights sum to 100")
}

/// Seeds the space, both contests and the three projects. `citizens`
/// author and judge, `residents` vote and volunteer; `idea` is an accepted
/// idea of the demo.
pub(crate) async fn seed(
    db: &Platform,
    t: TenantId,
    official: UserId,
    citizens: &[UserId],
    residents: &[UserId],
    idea: Option<i64>,
    now: Timestamp,
) -> Result<(), AppError> {
    let space = space(db, t, now).await?;
    let store = Contests::of(db, t);
    let criteria = criteria();

    // Open: the anniversary logo, taking submissions.
    let logo = store
        .create(&NewContest {
            space,
            title: "Логотип до 30-річчя громади",
            brief: "Громаді Зелений Гай виповнюється 30 років. Створіть логотип, який упізнають і діти, і старожили: на прапорцях свята, на сувенірах і на в'їзних знаках.\n\n- формат: опис ідеї словами (ескізи приймемо від фіналістів);\n- кольори й символи — на ваш вибір.",
            rules: "Одна робота від особи або команди. Роботу можна подати до кінця етапу подання.",
            eligibility: "Мешканці громади від 14 років, окремо або командою до 5 осіб.",
            prizes: "Перше місце — 15 000 грн, дві почесні відзнаки — по 3 000 грн.",
            public_vote: true,
            schedule: Schedule {
                opens_at: now.minus_days(7).0,
                submissions_end: now.0 + 14 * DAY,
                vote_end: Some(now.0 + 24 * DAY),
                jury_end: now.0 + 38 * DAY,
            },
            criteria: &criteria,
            created_by: Some(official),
        })
        .await?;
    for (author, title, text, days) in [
        (
            0,
            "Дуб над річкою",
            "Стилізований дуб, крона якого складається з 30 листків, над хвилею річки. Зелений і блакитний, просто впізнати навіть у малому розмірі.",
            6,
        ),
        (
            3,
            "Гай з долонь",
            "Дві долоні, що тримають паросток: громада, яка росте разом. Лінійний малюнок, який легко вишити чи вирізати з дерева.",
            4,
        ),
        (
            5,
            "30 кілець",
            "Зріз дерева з тридцятьма річними кільцями, одне з них виділене кольором свята. Підходить для анімації на сайті.",
            2,
        ),
    ] {
        store
            .add_submission(logo, citizens[author], title, text, Timestamp(now.minus_days(days).0))
            .await?;
    }

    // Finished: the riverside square, with its jury and winners.
    let square = store
        .create(&NewContest {
            space,
            title: "Проєкт прибережного скверу",
            brief: "Невеликий сквер біля пішохідного мосту потребує нового облаштування. Запропонуйте, як зробити його місцем для відпочинку всіх поколінь.",
            rules: "Рішення має вкладатися в 1,2 млн грн і зберегти наявні дерева.",
            eligibility: "Мешканці громади, окремо або командою.",
            prizes: "Переможця втілює місто разом з автором.",
            public_vote: true,
            schedule: Schedule {
                opens_at: now.minus_days(80).0,
                submissions_end: now.minus_days(55).0,
                vote_end: Some(now.minus_days(45).0),
                jury_end: now.minus_days(35).0,
            },
            criteria: &criteria,
            created_by: Some(official),
        })
        .await?;
    let mut ids = Vec::new();
    for (author, title, text, days) in [
        (
            1,
            "Сквер на терасах",
            "Три тераси до води з дерев'яними сходинками-лавами, затіненими старими вербами. Нижня тераса — для риболовлі та читання.",
            70,
        ),
        (
            2,
            "Дитячий острівець",
            "Майданчик із природних матеріалів — колоди, пісок, водяний жолоб — і лавки для батьків уздовж доріжки.",
            65,
        ),
        (
            4,
            "Сквер для всіх поколінь",
            "Шахові столи в тіні, тренажери для старших, гойдалки для малечі й широкі доріжки без сходинок — для візків і колясок.",
            60,
        ),
        (
            6,
            "Зелена сцена",
            "Невеликий амфітеатр на схилі для шкільних концертів і кіно просто неба.",
            58,
        ),
    ] {
        let id = store
            .add_submission(square, citizens[author], title, text, Timestamp(now.minus_days(days).0))
            .await?
            .ok_or_else(|| AppError::conflict("seed", "the square contest takes its demo submissions"))?;
        ids.push(id);
    }
    // Public votes (one per resident): most for the all-ages square.
    for (i, resident) in residents.iter().take(27).enumerate() {
        let choice = match i % 9 {
            0..=3 => ids[2],
            4..=5 => ids[0],
            6..=7 => ids[1],
            _ => ids[3],
        };
        store.vote(square, *resident, choice).await?;
    }
    // Three jurors; one declared a conflict on the stage (her neighbour's).
    let jurors = [citizens[7], citizens[0], citizens[3]];
    for j in jurors {
        store.add_juror(square, j).await?;
    }
    store.declare_conflict(ids[3], jurors[2]).await?;
    let sheets: [(usize, [[i64; 3]; 4]); 3] = [
        (0, [[8, 6, 6], [6, 8, 8], [7, 9, 8], [9, 5, 4]]),
        (1, [[9, 5, 6], [6, 8, 9], [8, 9, 7], [8, 6, 5]]),
        (2, [[7, 6, 7], [7, 7, 8], [8, 8, 8], [0, 0, 0]]),
    ];
    for (j, rows) in sheets {
        for (s, row) in rows.iter().enumerate() {
            if j == 2 && s == 3 {
                continue;
            }
            let given: Vec<(i64, i64, String)> = row
                .iter()
                .enumerate()
                .map(|(k, v)| (k as i64 + 1, *v, String::new()))
                .collect();
            store.set_scores(ids[s], jurors[j], &given).await?;
        }
    }
    store
        .announce(
            square,
            "Дякуємо всім 27 мешканцям, які голосували, і чотирьом авторам. Переможець стане спільним проєктом міста й мешканців — стежте за ним на сторінці проєктів.",
            &[
                (
                    ids[2],
                    Award::Winner,
                    "Найкраще поєднує здійсненність і турботу про всі покоління; найбільше голосів мешканців.".to_string(),
                ),
                (
                    ids[0],
                    Award::Mention,
                    "Сміливе використання рельєфу; тераси варто врахувати в наступних проєктах набережної.".to_string(),
                ),
            ],
        )
        .await?;

    // Three joint projects at different stages.
    let projects = JointProjects::of(db, t);
    let winner = projects
        .create(&NewJointProject {
            space,
            title: "Сквер для всіх поколінь біля мосту",
            goal: "Втілити проєкт-переможець конкурсу: шахові столи, тренажери, гойдалки й доріжки без сходинок, зберігши старі верби.",
            department: "Відділ благоустрою",
            budget: Some(1_150_000),
            starts_at: Some(now.minus_days(30).0),
            ends_at: Some(now.0 + 120 * DAY),
            location: "Сквер біля пішохідного мосту",
            status: ProjectStatus::InProgress,
            origin: Origin::Submission,
            origin_id: Some(ids[2]),
            created_by: Some(official),
        })
        .await?;
    projects
        .set_status(winner, ProjectStatus::InProgress, Some(310_000))
        .await?;
    for (title, planned, status, done) in [
        (
            "Робочий проєкт погоджено з автором",
            -25,
            MilestoneStatus::Done,
            Some(-22),
        ),
        ("Доріжки без сходинок", 10, MilestoneStatus::InProgress, None),
        ("Шахові столи й тренажери", 45, MilestoneStatus::Planned, None),
        ("Відкриття скверу", 110, MilestoneStatus::Planned, None),
    ] {
        projects
            .add_milestone(
                winner,
                title,
                now.0 + planned * DAY,
                status,
                done.map(|d: i64| now.0 + d * DAY),
            )
            .await?;
    }
    projects
        .add_update(
            winner,
            Some(official),
            "Авторка проєкту та відділ благоустрою погодили робочий проєкт. Підрядник почав укладати доріжки.",
            Timestamp(now.minus_days(20).0),
        )
        .await?;
    projects
        .add_update(
            winner,
            Some(official),
            "Доріжки вздовж води готові на дві третини. У суботу кличемо волонтерів висадити кущі.",
            Timestamp(now.minus_days(3).0),
        )
        .await?;
    let planting = projects
        .add_task(
            winner,
            "Висадити кущі вздовж доріжки",
            "Рукавиці й інструмент дамо. Збір біля мосту о 10:00.",
            Some(now.0 + 5 * DAY),
            20,
        )
        .await?;
    for resident in residents.iter().take(12) {
        projects.sign_up(planting, *resident).await?;
    }
    let benches = projects
        .add_task(
            winner,
            "Пофарбувати лавки",
            "Потрібні двоє охочих на пів дня.",
            Some(now.0 + 12 * DAY),
            2,
        )
        .await?;
    for resident in residents.iter().skip(12).take(2) {
        projects.sign_up(benches, *resident).await?;
    }

    let planned = projects
        .create(&NewJointProject {
            space,
            title: "Велопарковки біля шкіл",
            goal: "За прийнятою ідеєю мешканців встановити накриті велопарковки біля трьох шкіл громади.",
            department: "Відділ освіти",
            budget: Some(240_000),
            starts_at: Some(now.0 + 20 * DAY),
            ends_at: Some(now.0 + 90 * DAY),
            location: "Школи № 1, № 2 і № 3",
            status: ProjectStatus::Planned,
            origin: if idea.is_some() { Origin::Idea } else { Origin::Scratch },
            origin_id: idea,
            created_by: Some(official),
        })
        .await?;
    projects
        .add_milestone(
            planned,
            "Вибір місць разом зі школами",
            now.0 + 25 * DAY,
            MilestoneStatus::Planned,
            None,
        )
        .await?;

    let done = projects
        .create(&NewJointProject {
            space,
            title: "Весняна толока на набережній",
            goal: "Разом прибрати набережну після зими й висадити квіти на клумбах біля мосту.",
            department: "Відділ благоустрою",
            budget: Some(15_000),
            starts_at: Some(now.minus_days(60).0),
            ends_at: Some(now.minus_days(59).0),
            location: "Набережна",
            status: ProjectStatus::Completed,
            origin: Origin::Scratch,
            origin_id: None,
            created_by: Some(official),
        })
        .await?;
    projects
        .add_milestone(
            done,
            "Толока",
            now.minus_days(60).0,
            MilestoneStatus::Done,
            Some(now.minus_days(60).0),
        )
        .await?;
    projects
        .add_update(
            done,
            Some(official),
            "Дякуємо 34 учасникам толоки: зібрали 60 мішків сміття й висадили 200 квітів.",
            Timestamp(now.minus_days(59).0),
        )
        .await?;
    projects
        .set_status(done, ProjectStatus::Completed, Some(12_400))
        .await?;
    Ok(())
}
