//! The demo's participatory budgets, in a space of their own: this year's
//! in the voting phase (residents can vote now) and last year's counted,
//! with its winners and two of them being built, so every budget page and
//! API path has something behind it from the first start.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::budgets::{BallotType, BudgetPhase, Implementation, Mark, ProjectStatus};
use civic_core::{Email, SpaceId, TenantId, Timestamp, UserId};
use civic_store::budgets::{Budgets, NewBudget, NewProject};
use civic_store::spaces::{NewSpace, Spaces};
use civic_store::users::Users;

struct DemoProject {
    title: &'static str,
    body: &'static str,
    cost: i64,
    category: &'static str,
    district: &'static str,
    status: ProjectStatus,
    review: &'static str,
    /// How many of the demo voters (in order) choose it.
    voters: usize,
}

const THIS_YEAR: &[DemoProject] = &[
    DemoProject {
        title: "Тренажерний майданчик біля школи № 2",
        body: "Вуличні тренажери для підлітків і дорослих на пустирі за школою № 2: турніки, бруси, гумове покриття, лавки й освітлення.",
        cost: 480_000,
        category: "Спорт",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 31,
    },
    DemoProject {
        title: "Пандуси до амбулаторії та пошти",
        body: "Пологі пандуси з поручнями до входів амбулаторії й пошти на вулиці Миру, щоб туди могли дістатися люди на візках і батьки з візочками.",
        cost: 260_000,
        category: "Доступність",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 27,
    },
    DemoProject {
        title: "Освітлення стежки до залізничної станції",
        body: "Двадцять ліхтарів на сонячних батареях уздовж стежки від Заріччя до станції: ввечері там темно, люди ходять із ліхтариками телефонів.",
        cost: 620_000,
        category: "Безпека",
        district: "Заріччя",
        status: ProjectStatus::FeasibleWithChanges,
        review: "Відділ благоустрою пропонує ліхтарі від мережі замість сонячних: вони надійніші взимку. Вартість уточнено з 540 000 до 620 000 грн.",
        voters: 22,
    },
    DemoProject {
        title: "Книжкова шафа й лавки в сквері Шевченка",
        body: "Вулична шафа для буккросингу з дахом, чотири лавки зі спинками й урни в сквері біля бібліотеки.",
        cost: 95_000,
        category: "Культура",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 18,
    },
    DemoProject {
        title: "Дитячий майданчик на вулиці Садовій",
        body: "Гойдалки, пісочниця й гірка для дітей до 7 років на Садовій, де найближчий майданчик за два кілометри.",
        cost: 700_000,
        category: "Діти",
        district: "Заріччя",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 15,
    },
    DemoProject {
        title: "Басейн у центрі громади",
        body: "Критий басейн на 25 метрів біля стадіону для занять дітей і дорослих цілий рік.",
        cost: 1_900_000,
        category: "Спорт",
        district: "Центр",
        status: ProjectStatus::NotFeasible,
        review: "Проєкт неможливо втілити в межах громадського бюджету: будівництво басейну коштує понад 40 млн грн, а утримання — близько 3 млн грн на рік. Ідею передано до програми розвитку спорту.",
        voters: 0,
    },
];

const LAST_YEAR: &[DemoProject] = &[
    DemoProject {
        title: "Зупинка з навісом на Лісовій",
        body: "Навіс, лавка й розклад руху на зупинці «Лісова», де пасажири чекають під дощем.",
        cost: 180_000,
        category: "Транспорт",
        district: "Лісове",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 34,
    },
    DemoProject {
        title: "Сходи до річки з поручнями",
        body: "Безпечні бетонні сходи з поручнями від набережної до пляжу замість розмитої стежки.",
        cost: 650_000,
        category: "Благоустрій",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 29,
    },
    DemoProject {
        title: "Велопарковки біля ЦНАП і ринку",
        body: "Тридцять місць для велосипедів під навісом біля ЦНАП і ринку.",
        cost: 120_000,
        category: "Транспорт",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 21,
    },
    DemoProject {
        title: "Сцена для концертів у парку",
        body: "Легка сцена з дахом для шкільних свят і літніх концертів у центральному парку.",
        cost: 900_000,
        category: "Культура",
        district: "Центр",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 19,
    },
    DemoProject {
        title: "Поливальна система для шкільного саду",
        body: "Крапельний полив і бочки для дощової води в саду школи № 1, де учні вирощують овочі.",
        cost: 70_000,
        category: "Освіта",
        district: "Лісове",
        status: ProjectStatus::Feasible,
        review: "",
        voters: 9,
    },
];

/// The demo voters: the residents the conversation seed made.
pub(crate) async fn voters(db: &Platform, t: TenantId) -> Result<Vec<UserId>, AppError> {
    let users = Users::of(db, t);
    let mut found = Vec::new();
    for n in 1..=45 {
        let email = Email::parse(&format!("resident{n:02}@demo.example.org"))?;
        if let Some(u) = users.by_email(&email).await? {
            found.push(u.id);
        }
    }
    Ok(found)
}

async fn seed_budget(
    db: &Platform,
    t: TenantId,
    budget: &NewBudget<'_>,
    projects: &[DemoProject],
    voters: &[UserId],
) -> Result<(i64, Vec<i64>), AppError> {
    let store = Budgets::of(db, t);
    let id = store.create(budget).await?;
    let mut ids = Vec::new();
    for (n, p) in projects.iter().enumerate() {
        let pid = store
            .add_project(
                id,
                &NewProject {
                    author: voters.get(n * 7).copied(),
                    title: p.title,
                    body: p.body,
                    cost: p.cost,
                    category: Some(p.category),
                    district: Some(p.district),
                    location: None,
                    status: ProjectStatus::Submitted,
                },
            )
            .await?;
        store.review(pid, p.status, p.review, p.cost).await?;
        ids.push(pid);
    }
    // Each voter looks at the projects starting from a different one and
    // chooses those whose voter count reaches them (never their own), at
    // most the ballot's maximum.
    let n = projects.len();
    for (v, voter) in voters.iter().enumerate() {
        let marks: Vec<Mark> = (0..n)
            .map(|k| (v + k) % n)
            .filter(|&i| projects[i].voters > v && voters.get(i * 7) != Some(voter))
            .take(budget.max_choices.max(1) as usize)
            .enumerate()
            .map(|(position, i)| Mark {
                project: ids[i],
                position: position as i64,
                points: 1,
            })
            .collect();
        if !marks.is_empty() {
            store
                .cast(id, &format!("user:{}", voter.0), Some(*voter), "online", &marks)
                .await?;
        }
    }
    Ok((id, ids))
}

/// The space of the budgets, made before the other spaces so the home
/// page (newest first) leads with the spaces that ask for ideas.
pub async fn space(db: &Platform, t: TenantId) -> Result<SpaceId, AppError> {
    Ok(Spaces::of(db, t)
        .create(&NewSpace {
            title: "Громадський бюджет",
            description: "Мешканці громади пропонують, що збудувати за кошти громадського бюджету, і голосують за проєкти. Переможці втілюються впродовж року, а хід робіт видно на сторінці кожного проєкту.",
            status: "published",
            support_threshold: 5,
            starts_at: None,
            ends_at: None,
        })
        .await?)
}

/// The budgets in `space`; the demo residents (made by the conversation's
/// seed) are their voters and authors.
pub async fn seed(db: &Platform, t: TenantId, space: SpaceId, now: Timestamp) -> Result<(), AppError> {
    let voters = voters(db, t).await?;
    let day = 86_400_000;
    let this_year = NewBudget {
        space,
        title: "Громадський бюджет 2027",
        description: "Фонд — **2 000 000 грн**. Оберіть до трьох проєктів, які ви хочете бачити в громаді наступного року. Перемагають проєкти з найбільшою кількістю голосів, доки вистачає фонду.",
        amount: 2_000_000,
        ballot_type: BallotType::Approval,
        min_choices: 1,
        max_choices: 3,
        points_total: 0,
        rule: "greedy",
        threshold: None,
        phase: BudgetPhase::Voting,
        submission_ends: Some(now.0 - 20 * day),
        voting_ends: Some(now.0 + 21 * day),
        exclude_own: true,
    };
    // This year's ballots: the first 30 demo residents have voted.
    let some = &voters[..voters.len().min(30)];
    seed_budget(db, t, &this_year, THIS_YEAR, some).await?;
    let last_year = NewBudget {
        title: "Громадський бюджет 2026",
        description: "Фонд — **1 500 000 грн**. Голосування завершено; переможці будуються.",
        amount: 1_500_000,
        max_choices: 5,
        phase: BudgetPhase::Implementation,
        submission_ends: Some(now.0 - 300 * day),
        voting_ends: Some(now.0 - 240 * day),
        ..this_year
    };
    let (_, ids) = seed_budget(db, t, &last_year, LAST_YEAR, &voters).await?;
    let store = Budgets::of(db, t);
    for (pid, status, note) in [
        (
            ids[0],
            Implementation::Done,
            "Навіс встановлено у вересні 2026 року; витрачено 171 400 грн.",
        ),
        (
            ids[1],
            Implementation::InProgress,
            "Підрядника обрано на Prozorro; бетонні роботи завершено, поручні встановлюють.",
        ),
        (
            ids[2],
            Implementation::InProgress,
            "Велопарковку біля ЦНАП змонтовано, біля ринку — у листопаді.",
        ),
    ] {
        store.set_implementation(pid, status, note).await?;
    }
    // A school budget still taking projects, with two proposed so far.
    let school = NewBudget {
        title: "Шкільний громадський бюджет 2027",
        description: "Учні та батьки пропонують, що змінити в школах громади. Фонд — **300 000 грн**; подавайте проєкти до кінця місяця.",
        amount: 300_000,
        phase: BudgetPhase::Submission,
        submission_ends: Some(now.0 + 30 * day),
        voting_ends: Some(now.0 + 60 * day),
        max_choices: 2,
        ..this_year
    };
    let school = store.create(&school).await?;
    for (n, (title, body, cost)) in [
        (
            "Лавки й сітка для волейболу на шкільному подвір'ї",
            "Нова сітка, стійки й чотири лавки для майданчика школи № 1, щоб грати на перервах і після уроків.",
            60_000,
        ),
        (
            "Куточок тиші в бібліотеці школи № 2",
            "М'які крісла, лампи й полиці для тихого читання та підготовки до уроків.",
            45_000,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .add_project(
                school,
                &NewProject {
                    author: voters.get(n + 40).copied(),
                    title,
                    body,
                    cost,
                    category: Some("Освіта"),
                    district: None,
                    location: None,
                    status: ProjectStatus::Submitted,
                },
            )
            .await?;
    }
    Ok(())
}
