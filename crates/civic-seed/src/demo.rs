//! The demo municipality seeded on first start, so a newcomer sees a living
//! platform: spaces, ideas in every status with the city's answers, comment
//! threads and supports, in Ukrainian and English.

use civic_app::Platform;
use civic_app::{AppError, passwords};
use civic_core::{
    DisplayName, Email, IdeaId, Locale, Role, SpaceId, TenantId, TenantName, TenantSlug, Timestamp, UserId,
};
use civic_store::comments::{Comments, NewComment};
use civic_store::ideas::{Ideas, NewIdea};
use civic_store::meta;
use civic_store::spaces::{NewSpace, Spaces};
use civic_store::tenants::{self, NewTenant};
use civic_store::users::{NewUser, Users};

pub const DEMO_SLUG: &str = "demo";
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.example.org";
const SEEDED_KEY: &str = "demo_seeded";

/// Who can sign in to the demo, shown once on the terminal.
#[derive(Debug, Clone)]
pub struct DemoCredentials {
    pub email: String,
    pub password: String,
}

/// Seeds the demo municipality unless it was seeded before (by this process
/// or another). Returns the administrator's one-time password when it seeded.
pub async fn seed_once(db: &Platform) -> Result<Option<DemoCredentials>, AppError> {
    if meta::get(db, SEEDED_KEY).await?.is_some() || !meta::claim(db, SEEDED_KEY, "seeding").await? {
        return Ok(None);
    }
    match seed(db).await {
        Ok(credentials) => Ok(Some(credentials)),
        Err(e) => {
            // Let the next start try again rather than leave half a demo.
            let _ = meta::delete(db, SEEDED_KEY).await;
            Err(e)
        }
    }
}

struct Citizen {
    name: &'static str,
    email: &'static str,
}

const CITIZENS: &[Citizen] = &[
    Citizen {
        name: "Олена Ковальчук",
        email: "olena@demo.example.org",
    },
    Citizen {
        name: "Микола Шевчук",
        email: "mykola@demo.example.org",
    },
    Citizen {
        name: "Ірина Бондаренко",
        email: "iryna@demo.example.org",
    },
    Citizen {
        name: "Андрій Мельник",
        email: "andrii@demo.example.org",
    },
    Citizen {
        name: "Sarah Miller",
        email: "sarah@demo.example.org",
    },
    Citizen {
        name: "Тарас Ткаченко",
        email: "taras@demo.example.org",
    },
    Citizen {
        name: "Наталія Кравець",
        email: "natalia@demo.example.org",
    },
    Citizen {
        name: "Богдан Олійник",
        email: "bohdan@demo.example.org",
    },
];

struct DemoIdea {
    title: &'static str,
    body: &'static str,
    category: &'static str,
    district: &'static str,
    author: usize,
    days_ago: i64,
    supporters: usize,
    /// The city's answers, in order: (status, text, days ago).
    answers: &'static [(&'static str, &'static str, i64)],
    /// Comments: (author, parent index in this list, alignment, text).
    comments: &'static [(usize, Option<usize>, &'static str, &'static str)],
}

const PARK_IDEAS: &[DemoIdea] = &[
    DemoIdea {
        title: "Лавки з тінню вздовж набережної",
        body: "Уздовж річки майже немає де сісти. Пропоную встановити **лавки зі спинками** кожні 150 метрів і висадити поруч дерева, щоб улітку була тінь.\n\nЦе особливо важливо для людей старшого віку та батьків із візочками.",
        category: "Благоустрій",
        district: "Центр",
        author: 0,
        days_ago: 40,
        supporters: 8,
        answers: &[
            (
                "under_review",
                "Ідея набрала необхідну підтримку. Відділ благоустрою вивчає місця встановлення.",
                30,
            ),
            (
                "accepted",
                "Ідею підтримано. Лавки включено до кошторису реконструкції набережної на 2027 рік.",
                20,
            ),
            (
                "in_progress",
                "Закупівлю оголошено на Prozorro; монтаж заплановано на квітень.",
                5,
            ),
        ],
        comments: &[
            (
                1,
                None,
                "in_favour",
                "Дуже потрібно! Моя мама не може пройти набережну без відпочинку.",
            ),
            (
                3,
                Some(0),
                "in_favour",
                "Погоджуюсь, і бажано з підлокітниками — так легше вставати.",
            ),
            (
                4,
                None,
                "neutral",
                "Good idea. Could some benches face the water and some face the path?",
            ),
            (
                2,
                None,
                "against",
                "Краще спершу відремонтувати освітлення, інакше ввечері там незатишно.",
            ),
        ],
    },
    DemoIdea {
        title: "Безкоштовна питна вода біля дитячого майданчика",
        body: "Поставити фонтанчик із питною водою біля майданчика в парку. Влітку діти постійно просять пити, а найближчий магазин далеко.",
        category: "Здоров'я",
        district: "Центр",
        author: 6,
        days_ago: 35,
        supporters: 6,
        answers: &[
            (
                "under_review",
                "Передано до комунального підприємства «Водоканал» для оцінки підключення.",
                25,
            ),
            (
                "accepted",
                "Погоджено. Водоканал підготує підведення води до травня.",
                12,
            ),
            (
                "in_progress",
                "Траншею прокладено, чекаємо на постачання фонтанчика.",
                6,
            ),
            ("implemented", "Фонтанчик працює з 1 жовтня. Дякуємо за ідею!", 2),
        ],
        comments: &[
            (
                0,
                None,
                "in_favour",
                "Чудово, що вже зробили! Перевірила — вода холодна і смачна.",
            ),
            (5, Some(0), "in_favour", "Підтверджую, діти в захваті."),
        ],
    },
    DemoIdea {
        title: "Open-air cinema on summer weekends",
        body: "Many towns run free outdoor film evenings in their parks. The lawn by the old boathouse would fit a screen and about 200 people. Films could alternate between Ukrainian and international ones with subtitles.",
        category: "Культура",
        district: "Набережна",
        author: 4,
        days_ago: 28,
        supporters: 5,
        answers: &[(
            "under_review",
            "Відділ культури вивчає кошторис обладнання та можливість співпраці з місцевим кіноклубом.",
            10,
        )],
        comments: &[
            (
                7,
                None,
                "in_favour",
                "Підтримую! Можна ще запросити місцевих музикантів перед сеансом.",
            ),
            (2, None, "neutral", "А як із шумом для мешканців сусідніх будинків?"),
            (
                4,
                Some(1),
                "neutral",
                "Sessions could end by 22:30, and the screen could face away from the houses.",
            ),
        ],
    },
    DemoIdea {
        title: "Платна парковка на території парку",
        body: "Зробити платну парковку на галявині біля входу, а кошти спрямувати на утримання парку.",
        category: "Транспорт",
        district: "Набережна",
        author: 7,
        days_ago: 22,
        supporters: 3,
        answers: &[(
            "rejected",
            "Дякуємо за пропозицію. Галявина є частиною зеленої зони, і забудова її під парковку суперечить генеральному плану. Паркування передбачено на вулиці Садовій.",
            8,
        )],
        comments: &[
            (1, None, "against", "Не треба асфальту в парку, краще велопарковки."),
            (7, Some(0), "neutral", "Згоден, про велопарковки не подумав."),
        ],
    },
    DemoIdea {
        title: "Велопарковки біля входів до парку",
        body: "Встановити надійні велопарковки (типу «перевернута U») біля трьох входів до парку.",
        category: "Транспорт",
        district: "Центр",
        author: 1,
        days_ago: 9,
        supporters: 4,
        answers: &[],
        comments: &[(3, None, "in_favour", "Так, зараз велосипеди прив'язують до дерев.")],
    },
    DemoIdea {
        title: "Громадський город для мешканців багатоповерхівок",
        body: "Виділити ділянку для спільного городу з грядками, які мешканці можуть орендувати на сезон. Це об'єднує сусідів і вчить дітей вирощувати їжу.",
        category: "Екологія",
        district: "Північний",
        author: 2,
        days_ago: 3,
        supporters: 2,
        answers: &[],
        comments: &[],
    },
    // The first idea again, in other words: the officials' list of
    // duplicate ideas (issue 24) proposes the pair for a merge.
    DemoIdea {
        title: "Більше лавок на набережній",
        body: "На набережній бракує лавок: від мосту до пляжу ніде посидіти, а людям старшого віку важко йти без відпочинку. Поставте лавки й посадіть поруч дерева для тіні.",
        category: "Благоустрій",
        district: "Центр",
        author: 5,
        days_ago: 15,
        supporters: 3,
        answers: &[],
        comments: &[(2, None, "in_favour", "Підтримую, особливо біля пляжу.")],
    },
];

const ROADS_IDEAS: &[DemoIdea] = &[
    DemoIdea {
        title: "Пішохідний перехід біля школи №3",
        body: "Діти переходять вулицю Шкільну там, де немає переходу. Потрібен **острівець безпеки** та світлофор із кнопкою.",
        category: "Безпека",
        district: "Північний",
        author: 5,
        days_ago: 30,
        supporters: 7,
        answers: &[
            ("under_review", "Розглядається разом із патрульною поліцією.", 21),
            (
                "accepted",
                "Погоджено. Проєкт організації дорожнього руху затверджено.",
                14,
            ),
        ],
        comments: &[
            (
                0,
                None,
                "in_favour",
                "Щоранку бачу, як діти перебігають дорогу. Дуже чекаємо.",
            ),
            (
                6,
                Some(0),
                "in_favour",
                "І лежачий поліцейський перед переходом теж не завадить.",
            ),
            (
                1,
                Some(1),
                "neutral",
                "Лежачі поліцейські заважають швидкій, краще камера.",
            ),
        ],
    },
    DemoIdea {
        title: "Safe cycling route from the station to the lyceum",
        body: "A marked cycle lane along Vokzalna street would let teenagers ride to school instead of being driven.",
        category: "Транспорт",
        district: "Південний",
        author: 4,
        days_ago: 12,
        supporters: 3,
        answers: &[],
        comments: &[(
            5,
            None,
            "in_favour",
            "Підтримую, але потрібне освітлення на ділянці біля залізниці.",
        )],
    },
];

async fn seed(db: &Platform) -> Result<DemoCredentials, AppError> {
    let tenant = tenants::create(
        db,
        &NewTenant {
            slug: TenantSlug::parse(DEMO_SLUG)?,
            name: TenantName::parse("Громада Зелений Гай")?,
            default_locale: Locale::Uk,
            host: None,
        },
    )
    .await?;
    let t = tenant.tenant_id();
    let users = Users::of(db, t);

    let password = passwords::generate();
    let hash = passwords::hash(&password);
    let admin = users
        .create(&NewUser {
            email: &Email::parse(DEMO_ADMIN_EMAIL)?,
            display_name: &DisplayName::parse("Адміністратор громади")?,
            password_hash: &hash,
            role: Role::Admin,
            confirmed: true,
        })
        .await?;
    // The password is printed in the log: it works once, to choose another.
    users.require_password_change(admin.user_id()).await?;
    let official = users
        .create(&NewUser {
            email: &Email::parse("official@demo.example.org")?,
            display_name: &DisplayName::parse("Відділ благоустрою")?,
            // No password: the demo's staff voice cannot sign in.
            password_hash: "!",
            role: Role::Official,
            confirmed: true,
        })
        .await?
        .user_id();
    let mut citizens = Vec::new();
    for c in CITIZENS {
        let user = users
            .create(&NewUser {
                email: &Email::parse(c.email)?,
                display_name: &DisplayName::parse(c.name)?,
                password_hash: "!",
                role: Role::Citizen,
                confirmed: true,
            })
            .await?;
        citizens.push(user.user_id());
    }

    let now = Timestamp::now();
    let budgets = crate::demo_budgets::space(db, t).await?;
    let documents = crate::demo_consultations::space(db, t).await?;
    let spaces = Spaces::of(db, t);
    let park = spaces
        .create(&NewSpace {
            title: "Ідеї для прибережного парку 2027",
            description: "Місто реконструює прибережний парк у 2027 році. Запропонуйте, що в ньому має з'явитися, підтримайте ідеї сусідів і стежте за відповідями міста.\n\nІдеї, що наберуть **5 підтримок**, розглядає профільний відділ, а відповідь публікується тут.",
            status: "published",
            support_threshold: 5,
            starts_at: Some(now.minus_days(45).0),
            ends_at: Some(now.minus_days(-60).0),
        })
        .await?;
    let roads = spaces
        .create(&NewSpace {
            title: "Безпечні дороги до шкіл",
            description: "Where do children cross dangerous roads on their way to school? Mark the places and propose solutions: crossings, speed bumps, lighting.\n\nДе діти переходять небезпечні дороги дорогою до школи? Пропонуйте рішення.",
            status: "published",
            support_threshold: 5,
            starts_at: Some(now.minus_days(35).0),
            ends_at: Some(now.minus_days(-30).0),
        })
        .await?;
    spaces
        .create(&NewSpace {
            title: "Бюджет участі 2027 (чернетка)",
            description: "Підготовка нового циклу бюджету участі.",
            status: "draft",
            support_threshold: 10,
            starts_at: None,
            ends_at: None,
        })
        .await?;

    // The park offers its ideas' categories and districts to choose from;
    // the roads space takes any short text.
    let mut categories: Vec<&str> = PARK_IDEAS.iter().map(|i| i.category).collect();
    let mut districts: Vec<&str> = PARK_IDEAS.iter().map(|i| i.district).collect();
    for list in [&mut categories, &mut districts] {
        list.sort_unstable();
        list.dedup();
    }
    spaces.set_choices(park, &categories, &districts).await?;
    for (space, ideas) in [(park, PARK_IDEAS), (roads, ROADS_IDEAS)] {
        for idea in ideas {
            seed_idea(db, t, space, idea, &citizens, official, now).await?;
        }
    }
    crate::demo_conversation::seed(db, t, park, now).await?;
    crate::demo_polls::seed(db, t, park, now).await?;
    crate::demo_budgets::seed(db, t, budgets, now).await?;
    let residents = crate::demo_budgets::voters(db, t).await?;
    crate::demo_consultations::seed(db, t, documents, &residents, now).await?;
    crate::demo_petitions::seed(db, t, &residents, now).await?;
    // Two residents reported the first idea's text, so the moderators'
    // list of reported posts has something in it.
    let flags = civic_store::flags::Flags::of(db, t);
    for (who, reason, text) in [
        (residents.first(), civic_core::flags::FlagReason::OffTopic, ""),
        (
            residents.get(1),
            civic_core::flags::FlagReason::Other,
            "Схоже на рекламу конкретного підрядника.",
        ),
    ] {
        if let Some(who) = who {
            flags
                .add(civic_core::flags::FlaggedKind::Idea, 1, *who, reason, text, now)
                .await?;
        }
    }
    crate::demo_debates::seed(db, t, roads, park, official, &citizens, now).await?;
    // Contests and joint projects (issue 19), in a space of their own.
    let accepted = Ideas::of(db, t)
        .latest_public(100)
        .await?
        .into_iter()
        .find(|i| i.status.as_str() == "accepted")
        .map(|i| i.idea_id().0);
    crate::demo_contests::seed(db, t, official, &citizens, &residents, accepted, now).await?;
    // Problem reports (issue 20).
    crate::demo_reports::seed(db, t, official, &citizens, now).await?;
    // Their followers, and what Олена was told of them (issue 20).
    crate::demo_dialogue::seed(db, t, official, citizens[0], now).await?;
    // Moderation (issue 21): a hidden comment with its flags and an appeal.
    crate::demo_moderation::seed(db, t, &residents, now).await?;
    // Verified residents (issue 21): the census list, Олена verified by it,
    // and a poll for verified residents only, in the space of public
    // discussions (the park's polls stay the ones the browser suite finds
    // first).
    crate::demo_verification::seed(db, t, documents, citizens[0], now).await?;
    // Statistics (issue 24): the page views of the last 60 days, as the
    // nodes would have counted them.
    seed_page_views(db, t, &[park, roads], now).await?;
    // Topics (issue 24): the park's ideas and comments, worked out once so
    // the filter and the officials' page have something to show.
    civic_app::topics::compute(db, t, park).await?;
    meta::delete(db, SEEDED_KEY).await?;
    meta::claim(db, SEEDED_KEY, &now.0.to_string()).await?;
    Ok(DemoCredentials {
        email: DEMO_ADMIN_EMAIL.to_string(),
        password,
    })
}

/// Page views per day for the last 60 days: every kind of public page, and
/// the two spaces of ideas, in a weekly wave.
async fn seed_page_views(db: &Platform, t: TenantId, spaces: &[SpaceId], now: Timestamp) -> Result<(), AppError> {
    use civic_store::statistics::{Statistics, ViewCount};
    let today = civic_core::statistics::Day::utc(now).0;
    let mut views = Vec::new();
    for back in 0..60_i64 {
        let day = today - back;
        let wave = 1 + (back * 7) % 11;
        for (k, kind) in ["home", "idea", "petition", "budget", "report", "poll"]
            .into_iter()
            .enumerate()
        {
            views.push(ViewCount {
                day,
                kind,
                space: 0,
                count: wave * (6 - k as i64) * 3,
            });
        }
        for (k, space) in spaces.iter().enumerate() {
            views.push(ViewCount {
                day,
                kind: "space",
                space: space.0,
                count: wave * (4 - k as i64) * 2,
            });
        }
    }
    Statistics::of(db, t).add_views(&views).await?;
    Ok(())
}

async fn seed_idea(
    db: &Platform,
    t: TenantId,
    space: civic_core::SpaceId,
    idea: &DemoIdea,
    citizens: &[UserId],
    official: UserId,
    now: Timestamp,
) -> Result<IdeaId, AppError> {
    let ideas = Ideas::of(db, t);
    let created = now.minus_days(idea.days_ago);
    let id = ideas
        .create(&NewIdea {
            space,
            author: Some(citizens[idea.author]),
            title: idea.title,
            body: idea.body,
            status: "published",
            category: Some(idea.category),
            district: Some(idea.district),
            location: Some((
                50.5437 + idea.days_ago as f64 * 0.0003,
                30.2128 + idea.author as f64 * 0.0005,
            )),
            created_at: created,
        })
        .await?;
    // The author supports their own idea, then others follow.
    for n in 0..idea.supporters.min(citizens.len()) {
        let who = citizens[(idea.author + n) % citizens.len()];
        ideas
            .support(id, who, Timestamp(created.0 + n as i64 * 3_600_000))
            .await?;
    }
    for (status, text, days_ago) in idea.answers {
        ideas
            .answer(id, status, text, Role::Official.as_str(), now.minus_days(*days_ago))
            .await?;
    }
    let comments = Comments::of(db, t);
    let mut stored = Vec::new();
    for (n, (author, parent, alignment, text)) in idea.comments.iter().enumerate() {
        let comment = comments
            .create(&NewComment {
                idea: id,
                parent: parent.map(|p| stored[p]),
                author: Some(citizens[*author]),
                body: text,
                alignment,
                created_at: Timestamp(created.0 + (n as i64 + 1) * 7_200_000),
            })
            .await?;
        stored.push(comment);
    }
    if !idea.answers.is_empty() && idea.comments.len() > 1 {
        comments
            .create(&NewComment {
                idea: id,
                parent: Some(stored[0]),
                author: Some(official),
                body: "Дякуємо за відгук! Ми врахуємо це під час проєктування.",
                alignment: "neutral",
                created_at: Timestamp(created.0 + 86_400_000),
            })
            .await?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_store::testing::TestDb;

    #[tokio::test]
    async fn seeds_once_with_every_status() {
        let t = TestDb::sqlite().await;
        let credentials = seed_once(&civic_app::Platform::new(t.db.clone()))
            .await
            .unwrap()
            .expect("first start seeds");
        assert_eq!(credentials.password.len(), 20);
        assert!(
            seed_once(&civic_app::Platform::new(t.db.clone()))
                .await
                .unwrap()
                .is_none(),
            "second start seeds nothing"
        );

        let tenant = tenants::by_slug(&t.db, DEMO_SLUG).await.unwrap().unwrap();
        let ideas = Ideas::of(&t.db, tenant.tenant_id()).latest_public(100).await.unwrap();
        assert_eq!(ideas.len(), PARK_IDEAS.len() + ROADS_IDEAS.len());
        for status in [
            "published",
            "under_review",
            "accepted",
            "rejected",
            "in_progress",
            "implemented",
        ] {
            assert!(
                ideas.iter().any(|i| i.status.as_str() == status),
                "no demo idea is {status}"
            );
        }
        for idea in &ideas {
            let counted = Ideas::of(&t.db, tenant.tenant_id())
                .count_supports(idea.idea_id())
                .await
                .unwrap();
            assert_eq!(idea.support_count, counted);
        }
        let spaces = Spaces::of(&t.db, tenant.tenant_id()).list_public().await.unwrap();
        assert_eq!(spaces.len(), 5, "the draft space stays hidden");
        assert!(
            spaces
                .iter()
                .any(|s| s.category_choices().contains(&"Благоустрій".to_string()))
        );
        // Seeded text is searchable, comments included.
        let found = civic_app::search::search(
            &civic_app::Platform::new(t.db.clone()),
            tenant.tenant_id(),
            "велосипеди",
            None,
            None,
        )
        .await
        .unwrap();
        assert!(found.items.iter().any(|r| r.kind == "comment"), "{:?}", found.items);
        // Two debates, one concluded with the arguments it cites.
        let debates = civic_store::debates::Debates::of(&t.db, tenant.tenant_id());
        let mut all = Vec::new();
        for s in &spaces {
            all.extend(debates.in_space(s.id).await.unwrap());
        }
        assert_eq!(all.len(), 2);
        let concluded: Vec<_> = all.iter().filter(|d| d.concluded()).collect();
        assert_eq!(concluded.len(), 1);
        let cited = debates.arguments(concluded[0].id).await.unwrap();
        assert_eq!(cited.iter().filter(|a| a.cited != 0).count(), 3);
        assert!(!debates.stance_history(all[0].id).await.unwrap().is_empty());
        // Moderation (issue 21): the queue holds a hidden comment with its
        // three flags and its author's appeal.
        let queue = civic_store::moderation::Moderation::of(&t.db, tenant.tenant_id())
            .queue(10)
            .await
            .unwrap();
        assert_eq!(queue.len(), 1);
        assert!(queue[0].state.is_hidden() && queue[0].appeal_at.is_some());
        let weight = civic_store::moderation::Moderation::of(&t.db, tenant.tenant_id())
            .flag_weight(queue[0].item_type, queue[0].item_id)
            .await
            .unwrap();
        assert_eq!(weight, 3);
        // Contests and joint projects (issue 19): one open contest with
        // submissions, one announced with jury scores, three projects (one
        // with volunteers signed up).
        let contests = civic_store::contests::Contests::of(&t.db, tenant.tenant_id());
        let mut all = Vec::new();
        for s in &spaces {
            all.extend(contests.in_space(s.id).await.unwrap());
        }
        let now = civic_core::Timestamp::now();
        let phases: Vec<_> = all.iter().map(|c| c.phase_at(now)).collect();
        assert_eq!(phases.len(), 2);
        assert!(phases.contains(&civic_core::contests::Phase::Submissions));
        assert!(phases.contains(&civic_core::contests::Phase::Announced));
        for c in &all {
            assert!(c.submission_count >= 3);
        }
        let announced = all.iter().find(|c| c.announced_at.is_some()).unwrap();
        assert!(!contests.scores(announced.id).await.unwrap().is_empty());
        let projects = civic_store::joint_projects::JointProjects::of(&t.db, tenant.tenant_id())
            .list(None, None, false, 50)
            .await
            .unwrap();
        assert_eq!(projects.len(), 3);
        let statuses: std::collections::BTreeSet<&str> = projects.iter().map(|p| p.status.as_str()).collect();
        assert_eq!(statuses.len(), 3, "three stages: {statuses:?}");
        let store = civic_store::joint_projects::JointProjects::of(&t.db, tenant.tenant_id());
        let mut volunteers = 0;
        for p in &projects {
            volunteers += store.tasks(p.id).await.unwrap().iter().map(|x| x.taken).sum::<i64>();
        }
        assert!(volunteers > 0);
        // Problem reports (issue 20): 40 around the centre in every state,
        // one reopened, some anonymous, some overdue, with replies.
        let reports = civic_store::reports::Reports::of(&t.db, tenant.tenant_id());
        let filter = civic_store::reports::ReportFilter::default();
        let all = reports.list(&filter, 100).await.unwrap();
        assert_eq!(all.len(), 40);
        for status in ["received", "in_progress", "resolved", "rejected", "reopened"] {
            assert!(
                all.iter().any(|r| r.status.as_str() == status),
                "no demo report is {status}"
            );
        }
        assert_eq!(all.iter().filter(|r| r.reopened > 0).count(), 1);
        assert!(all.iter().any(|r| r.anonymous != 0));
        assert!(all.iter().any(|r| r.confirmed_at.is_some()));
        let now = Timestamp::now().0;
        assert!(all.iter().filter(|r| r.days_overdue(now) > 0).count() >= 3);
        let replied = reports.events(all[0].id, false).await.unwrap();
        assert!(!replied.is_empty());
        let stats = reports.stats(Timestamp::now()).await.unwrap();
        assert_eq!(stats.len(), 3);
        assert_eq!(
            civic_store::reports::Categories::of(&t.db, tenant.tenant_id())
                .list()
                .await
                .unwrap()
                .len(),
            4
        );
    }
}
