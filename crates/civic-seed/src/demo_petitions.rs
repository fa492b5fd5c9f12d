//! The demo's e-petitions, one in every state the lifecycle knows (two
//! collecting, one whose answer is overdue), under rules a town of this
//! size would adopt, so every petition page and API path has data.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::petitions::{self, CouncilDecision, PetitionRules};
use civic_core::working_days::WorkingCalendar;
use civic_core::{TenantId, Timestamp, UserId};
use civic_store::petitions::Petitions;

const DAY: i64 = 86_400_000;

/// A small hromada's statute: 30 signatures in 60 days.
pub const DEMO_RULES: PetitionRules = PetitionRules {
    threshold: 30,
    period_days: 60,
    min_age: 16,
    check_days: 3,
    answer_days: 10,
};

#[derive(Clone, Copy, PartialEq)]
enum Fate {
    Draft,
    Submitted,
    Refused,
    /// Collecting, published this many days ago, with this many signatures.
    Collecting(i64, usize),
    /// Reached the threshold this many days ago (forwarded when true).
    Succeeded(i64, bool),
    Failed,
    Answered(CouncilDecision),
    Closed,
}

struct DemoPetition {
    title: &'static str,
    body: &'static str,
    fate: Fate,
}

const PETITIONS: &[DemoPetition] = &[
    DemoPetition {
        title: "Облаштувати безпечний пішохідний перехід біля школи № 2",
        body: "Щоранку понад триста дітей переходять вулицю Шкільну без світлофора і без острівця безпеки. Просимо облаштувати регульований пішохідний перехід з освітленням і лежачим поліцейським до початку наступного навчального року.",
        fate: Fate::Collecting(12, 18),
    },
    DemoPetition {
        title: "Продовжити роботу бібліотеки до 19:00 у будні",
        body: "Бібліотека зачиняється о 17:00, коли більшість мешканців ще на роботі, а школярі — на гуртках. Просимо продовжити години роботи центральної бібліотеки до 19:00 з понеділка по п'ятницю.",
        fate: Fate::Collecting(3, 6),
    },
    DemoPetition {
        title: "Встановити укриття на зупинці «Ринок»",
        body: "На зупинці «Ринок» щодня чекають автобуса десятки людей, серед них літні люди й батьки з дітьми, а укриття від дощу й снігу там немає. Просимо встановити павільйон з лавкою та розкладом руху.",
        fate: Fate::Succeeded(32, true),
    },
    DemoPetition {
        title: "Відкрити безкоштовний спортивний майданчик у Заріччі",
        body: "У Заріччі немає жодного спортивного майданчика, і підлітки грають у футбол на дорозі. Просимо облаштувати відкритий майданчик з воротами, баскетбольним кільцем і вуличними тренажерами біля колишнього клубу.",
        fate: Fate::Succeeded(2, false),
    },
    DemoPetition {
        title: "Повернути маршрут автобуса № 3 через Липівку",
        body: "Після зміни маршруту мешканці Липівки ходять до найближчої зупинки понад два кілометри. Просимо повернути маршрут автобуса № 3 через центр Липівки хоча б у ранкові та вечірні рейси.",
        fate: Fate::Answered(CouncilDecision::PartlySupported),
    },
    DemoPetition {
        title: "Заборонити феєрверки в межах громади",
        body: "Феєрверки лякають тварин, людей з посттравматичним розладом і маленьких дітей, а після свят лишають сміття. Просимо заборонити запуск феєрверків у межах громади, крім офіційних заходів.",
        fate: Fate::Failed,
    },
    DemoPetition {
        title: "Висадити алею каштанів уздовж вулиці Садової",
        body: "Вулиця Садова вже кілька років стоїть без жодного дерева після реконструкції. Просимо висадити алею з каштанів і лип уздовж усієї вулиці та доглядати за ними перші три роки.",
        fate: Fate::Closed,
    },
    DemoPetition {
        title: "Перейменувати вулицю на честь загиблого захисника",
        body: "Пропонуємо перейменувати вулицю Польову на вулицю Героя Андрія Коваля, уродженця нашого села, який загинув, захищаючи Україну. Родина та сусіди підтримують цю пропозицію.",
        fate: Fate::Submitted,
    },
    DemoPetition {
        title: "Звільнити директора комунального підприємства",
        body: "Директор комунального підприємства «Благоустрій» погано працює, на наші скарги не відповідає, а прибирання в місті стало гіршим. Вимагаємо звільнити його і провести конкурс на посаду.",
        fate: Fate::Refused,
    },
    DemoPetition {
        title: "Облаштувати пандус до амбулаторії",
        body: "До амбулаторії ведуть сходи з восьми сходинок, і люди на візках та батьки з колясками не можуть зайти без сторонньої допомоги. Хочу запропонувати облаштувати пандус із поручнями.",
        fate: Fate::Draft,
    },
];

const ANSWER: &str = "Виконавчий комітет розглянув петицію на засіданні. Маршрут автобуса № 3 з 1 березня проходитиме через центр Липівки у першому ранковому та двох вечірніх рейсах. Повернути маршрут у всіх рейсах наразі неможливо через брак автобусів; питання повернемо під час укладання нового договору з перевізником.";

const REFUSAL: &str = "Відповідно до пункту 4.3 Положення про електронні петиції, петиція не може стосуватися кадрових питань, що належать до компетенції керівника. Ви можете звернутися зі скаргою на роботу підприємства до виконавчого комітету.";

/// Seeds the rules and the petitions, authored and signed by the demo's
/// residents.
pub(crate) async fn seed(db: &Platform, t: TenantId, residents: &[UserId], now: Timestamp) -> Result<(), AppError> {
    let store = Petitions::of(db, t);
    store.set_rules(&DEMO_RULES, now).await?;
    let calendar = WorkingCalendar::default();
    let rules = DEMO_RULES;
    let at = |days_ago: i64| Timestamp(now.0 - days_ago * DAY);
    for (n, p) in PETITIONS.iter().enumerate() {
        let Some(&author) = residents.get((n * 4) % residents.len().max(1)) else {
            return Ok(());
        };
        // How long ago it was published; the fates that follow come later.
        let published_days = match p.fate {
            Fate::Collecting(days, _) => days,
            Fate::Succeeded(days, _) => days + 20,
            Fate::Answered(_) => 90,
            Fate::Failed => 70,
            Fate::Closed => 200,
            Fate::Draft | Fate::Submitted | Fate::Refused => 0,
        };
        let created = at(published_days + 5);
        let id = store.create(author, p.title, p.body, rules.threshold, created).await?;
        if p.fate == Fate::Draft {
            continue;
        }
        let submitted = at(published_days + 4);
        store
            .submit(id, submitted, petitions::check_due(&rules, &calendar, submitted))
            .await?;
        match p.fate {
            Fate::Submitted => continue,
            Fate::Refused => {
                store.refuse(id, at(2), REFUSAL).await?;
                continue;
            }
            _ => {}
        }
        let published = at(published_days);
        store
            .publish(
                id,
                published,
                petitions::collect_until(&rules, published),
                rules.threshold,
            )
            .await?;
        let signers = match p.fate {
            Fate::Collecting(_, count) => count,
            Fate::Failed => 9,
            _ => rules.threshold as usize,
        };
        // Signatures spread over the days after publication; the last one
        // of a successful petition is the day it succeeded.
        let succeeded_days = match p.fate {
            Fate::Succeeded(days, _) => days,
            Fate::Answered(_) => 60,
            Fate::Closed => 170,
            // Spread within the period, which ended ten days ago.
            Fate::Failed => 20,
            _ => 0,
        };
        let span = (published_days - succeeded_days).max(1);
        for (k, signer) in residents.iter().filter(|r| **r != author).take(signers).enumerate() {
            let signed = Timestamp(published.0 + span * DAY * (k as i64 + 1) / (signers as i64 + 1));
            store
                .sign(id, *signer, signed, petitions::answer_due(&rules, &calendar, signed))
                .await?;
        }
        match p.fate {
            Fate::Succeeded(days, true) => {
                store.forward(id, at(days - 1)).await?;
            }
            Fate::Answered(decision) => {
                store.forward(id, at(58)).await?;
                store.answer(id, at(50), ANSWER, decision).await?;
            }
            Fate::Closed => {
                store.forward(id, at(168)).await?;
                store
                    .answer(
                        id,
                        at(160),
                        "Рада підтримала петицію: алею висаджено восени, за деревами доглядає КП «Благоустрій».",
                        CouncilDecision::Supported,
                    )
                    .await?;
                store.close(id, at(100)).await?;
            }
            _ => {}
        }
    }
    Ok(())
}
