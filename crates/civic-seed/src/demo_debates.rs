//! The demo's two debates: whether to make Shevchenko Street a pedestrian
//! street (open, arguments on both sides, replies, stances moving over a
//! week) and whether to let dogs off the lead in the riverside park
//! (concluded by the city, its conclusion citing the arguments it weighed),
//! so every debate page and API path has something behind it.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::debates::{DebateSide, Stance};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};
use civic_store::debates::{Debates, NewArgument, NewDebate};

/// An argument: side, text, author (index into the residents), days ago,
/// how many residents find it convincing, and its replies (author, text).
struct DemoArgument {
    side: DebateSide,
    body: &'static str,
    author: usize,
    days_ago: i64,
    convincing: usize,
    replies: &'static [(usize, &'static str)],
}

const SHEVCHENKO: &[DemoArgument] = &[
    DemoArgument {
        side: DebateSide::For,
        body: "Центр стане безпечнішим для дітей: дорогою до школи № 1 не треба буде переходити вулицю, якою щоранку їдуть машини.",
        author: 0,
        days_ago: 9,
        convincing: 6,
        replies: &[(
            3,
            "Дітям безпечніше, але машини поїдуть Садовою, а там тротуар вузький. Її теж треба облаштувати.",
        )],
    },
    DemoArgument {
        side: DebateSide::For,
        body: "Кав'ярні й крамниці зможуть виставити столики на вулицю: у містах, де так зробили, відвідувачів у центрі стало більше.",
        author: 1,
        days_ago: 8,
        convincing: 3,
        replies: &[],
    },
    DemoArgument {
        side: DebateSide::For,
        body: "Менше шуму й вихлопів біля бібліотеки та скверу, де сидять люди похилого віку.",
        author: 4,
        days_ago: 6,
        convincing: 2,
        replies: &[],
    },
    DemoArgument {
        side: DebateSide::Against,
        body: "Підприємцям потрібен під'їзд для завезення товару. Без нього крамниці на Шевченка втратять покупців і закриються.",
        author: 2,
        days_ago: 9,
        convincing: 5,
        replies: &[(
            1,
            "Завезення можна дозволити зранку до 10:00, як роблять в інших містах.",
        )],
    },
    DemoArgument {
        side: DebateSide::Against,
        body: "Людям з інвалідністю та літнім мешканцям важче дістатися до амбулаторії, якщо таксі й авто не під'їдуть до дверей.",
        author: 5,
        days_ago: 7,
        convincing: 4,
        replies: &[],
    },
    DemoArgument {
        side: DebateSide::Against,
        body: "Автобус № 3 доведеться пустити в об'їзд, і зупинка в центрі буде далі від ринку.",
        author: 6,
        days_ago: 4,
        convincing: 1,
        replies: &[],
    },
];

const DOGS: &[DemoArgument] = &[
    DemoArgument {
        side: DebateSide::For,
        body: "Собакам потрібно бігати, а в громаді немає жодного місця, де це можна робити без повідка.",
        author: 7,
        days_ago: 40,
        convincing: 4,
        replies: &[],
    },
    DemoArgument {
        side: DebateSide::For,
        body: "Окремий огороджений майданчик розв'язав би суперечку: собаки бігають там, а не на дитячих галявинах.",
        author: 3,
        days_ago: 38,
        convincing: 7,
        replies: &[(0, "Так, і біля нього варто поставити урни та пакети.")],
    },
    DemoArgument {
        side: DebateSide::Against,
        body: "На галявинах біля річки граються маленькі діти; великі собаки без повідка їх лякають.",
        author: 8,
        days_ago: 39,
        convincing: 5,
        replies: &[],
    },
    DemoArgument {
        side: DebateSide::Against,
        body: "Власники не завжди прибирають за собаками, а газони в парку щойно засіяли.",
        author: 9,
        days_ago: 35,
        convincing: 2,
        replies: &[],
    },
];

const DAY: i64 = 86_400_000;

/// Adds a debate's arguments, replies and convincing marks; the ids of the
/// top-level arguments in order.
async fn arguments(
    db: &Platform,
    t: TenantId,
    debate: i64,
    list: &[DemoArgument],
    people: &[UserId],
    now: Timestamp,
) -> Result<Vec<i64>, AppError> {
    let store = Debates::of(db, t);
    let mut ids = Vec::new();
    for a in list {
        let at = now.minus_days(a.days_ago);
        let author = people[a.author % people.len()];
        let id = store
            .add_argument(
                debate,
                &NewArgument {
                    parent: None,
                    author: Some(author),
                    side: a.side,
                    body: a.body,
                    at,
                },
            )
            .await?
            .ok_or(AppError::NotFound)?;
        for (n, (who, body)) in a.replies.iter().enumerate() {
            store
                .add_argument(
                    debate,
                    &NewArgument {
                        parent: Some(id),
                        author: Some(people[who % people.len()]),
                        side: a.side,
                        body,
                        at: Timestamp(at.0 + (n as i64 + 1) * 3_600_000),
                    },
                )
                .await?;
        }
        for person in people.iter().filter(|p| **p != author).take(a.convincing) {
            store.set_convincing(id, *person, true).await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Stances stated over the days: (resident, stance, days ago), in order.
async fn stances(
    db: &Platform,
    t: TenantId,
    debate: i64,
    people: &[UserId],
    moves: &[(usize, Stance, i64)],
    now: Timestamp,
) -> Result<(), AppError> {
    let store = Debates::of(db, t);
    for (n, (who, stance, days_ago)) in moves.iter().enumerate() {
        let at = Timestamp(now.minus_days(*days_ago).0 + n as i64 * 60_000);
        store
            .set_stance(debate, people[who % people.len()], *stance, at)
            .await?;
    }
    Ok(())
}

pub async fn seed(
    db: &Platform,
    t: TenantId,
    roads: SpaceId,
    park: SpaceId,
    official: UserId,
    people: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    use Stance::{Against, For, Undecided};
    let store = Debates::of(db, t);
    let open = store
        .create(&NewDebate {
            space: roads,
            question: "Чи робити вулицю Шевченка пішохідною?",
            description: "Місто пропонує закрити для автомобілів вулицю Шевченка від площі до бібліотеки. Наведіть аргументи **за** чи **проти**, позначте переконливі й скажіть, яка ваша позиція.\n\nВідділ благоустрою врахує аргументи в рішенні, яке ухвалить до кінця місяця.",
            moderator: Some(official),
            opens_at: Some(now.minus_days(10).0),
            closes_at: Some(now.0 + 20 * DAY),
        })
        .await?;
    arguments(db, t, open, SHEVCHENKO, people, now).await?;
    stances(
        db,
        t,
        open,
        people,
        &[
            (0, For, 9),
            (1, For, 9),
            (2, Against, 9),
            (3, Undecided, 8),
            (4, For, 7),
            (5, Against, 7),
            (6, Against, 6),
            (7, Undecided, 5),
            (3, For, 4),
            (8, For, 3),
            (9, Against, 2),
            (7, For, 1),
            (10, Undecided, 1),
        ],
        now,
    )
    .await?;

    let concluded = store
        .create(&NewDebate {
            space: park,
            question: "Чи дозволяти вигул собак без повідка в прибережному парку?",
            description: "Мешканці по-різному дивляться на вигул собак у парку після реконструкції. Місто зібрало аргументи обох сторін, перш ніж ухвалити правила парку.",
            moderator: Some(official),
            opens_at: Some(now.minus_days(42).0),
            closes_at: Some(now.minus_days(28).0),
        })
        .await?;
    let ids = arguments(db, t, concluded, DOGS, people, now).await?;
    stances(
        db,
        t,
        concluded,
        people,
        &[
            (7, For, 40),
            (3, For, 39),
            (8, Against, 39),
            (9, Against, 37),
            (0, Undecided, 36),
            (1, Against, 34),
            (0, For, 31),
            (2, Undecided, 30),
        ],
        now,
    )
    .await?;
    store
        .conclude(
            concluded,
            official,
            "Вигул без повідка в парку залишається забороненим: на галявинах граються діти, а газони ще молоді. Водночас місто облаштує **огороджений майданчик для собак** біля північного входу з урнами й пакетами — його включено до проєкту реконструкції 2027 року.",
            &[ids[1], ids[2], ids[3]],
        )
        .await?;
    Ok(())
}
