//! The demo's public consultations, in a space of their own: the rules of
//! keeping the town tidy open for comments and amendments now, and last
//! year's cycling programme closed with the city's answers and synthesis,
//! so every consultation page and API path has something behind it.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::consultations::{AmendmentStatus, ConsultationPhase, SplitBy, split_document};
use civic_core::{SpaceId, TenantId, Timestamp, UserId};
use civic_store::consultations::{Consultations, NewConsultation};
use civic_store::spaces::{NewSpace, Spaces};

const TIDY_RULES: &str = "Ці Правила визначають, як мешканці, підприємства та громада разом доглядають за вулицями, дворами, парками і сквером. Проєкт винесено на громадське обговорення: пропонуйте свою редакцію будь-якої статті.

**Стаття 1. Сфера дії**
Правила діють на всій території громади: у місті та в селах Заріччя і Липівка. Вони обов'язкові для мешканців, підприємств, установ і гостей громади.

**Стаття 2. Прибирання прилеглих територій**
Власники та орендарі будівель прибирають тротуар уздовж своєї будівлі щодня до 8:00. Взимку тротуар посипають піском або сіллю протягом двох годин після снігопаду.

**Стаття 3. Зелені насадження**
Видаляти дерева можна лише з дозволу виконавчого комітету. За кожне видалене дерево висаджують два нові того ж або цінного виду протягом одного року.

**Стаття 4. Лавки, урни та малі архітектурні форми**
Лавки та урни встановлюють у парках і скверах через кожні сто метрів алеї. Урни спорожнюють щонайменше раз на добу.

**Стаття 5. Вигул собак**
Собак вигулюють на повідку. Власник прибирає за твариною. Вигул дозволено на спеціальних майданчиках та поза межами дитячих і спортивних майданчиків.

**Стаття 6. Тиша і шум**
Гучні роботи та музика заборонені з 22:00 до 8:00. У вихідні дні будівельні роботи дозволено з 10:00 до 18:00.

**Стаття 7. Оголошення та реклама**
Оголошення розміщують лише на інформаційних стендах. Оголошення на деревах, стовпах і зупинках знімають служби благоустрою.

**Стаття 8. Контроль і відповідальність**
За дотриманням Правил стежить інспекція з благоустрою. Про порушення мешканці повідомляють через платформу або за телефоном 15-80.";

const CYCLING: &str = "Програма на 2025–2026 роки має зробити поїздки велосипедом безпечними для дітей і дорослих.

## Мета програми
Щоб до кінця 2026 року кожна школа мала безпечний велосипедний під'їзд.

## Велодоріжки
Громада облаштовує велодоріжку вздовж вулиці Шевченка від центру до Заріччя завдовжки 2,4 км.

## Велопарковки
Біля шкіл, амбулаторії та ЦНАПу встановлюють велопарковки на 10 місць кожна.

## Фінансування
Програму фінансують з бюджету громади: 1 200 000 грн на два роки.";

struct DemoAmendment {
    /// The section's position (1 is the preamble).
    section: i64,
    text: &'static str,
    /// Index into the demo residents.
    author: usize,
    supporters: usize,
    opponents: usize,
    answer: Option<(AmendmentStatus, &'static str, Option<&'static str>)>,
}

const TIDY_AMENDMENTS: &[DemoAmendment] = &[
    DemoAmendment {
        section: 5,
        text: "Лавки та урни встановлюють у парках і скверах через кожні п'ятдесят метрів алеї, а також біля зупинок громадського транспорту. Урни спорожнюють щонайменше двічі на добу влітку і раз на добу взимку.",
        author: 3,
        supporters: 14,
        opponents: 2,
        answer: None,
    },
    DemoAmendment {
        section: 6,
        text: "Собак вигулюють на повідку, а собак великих порід — на повідку і в наморднику. Власник прибирає за твариною. Вигул дозволено на спеціальних майданчиках та поза межами дитячих і спортивних майданчиків.",
        author: 7,
        supporters: 6,
        opponents: 5,
        answer: None,
    },
    DemoAmendment {
        section: 3,
        text: "Власники та орендарі будівель прибирають тротуар уздовж своєї будівлі щодня до 8:00. Взимку тротуар посипають піском протягом двох годин після снігопаду; сіль біля дерев і газонів не використовують.",
        author: 11,
        supporters: 9,
        opponents: 1,
        answer: None,
    },
    DemoAmendment {
        section: 7,
        text: "Гучні роботи та музика заборонені з 22:00 до 7:00. У вихідні дні будівельні роботи дозволено з 10:00 до 18:00.",
        author: 15,
        supporters: 2,
        opponents: 8,
        answer: Some((
            AmendmentStatus::Rejected,
            "Санітарні норми визначають нічний час з 22:00 до 8:00; громада не може скоротити його своїм рішенням.",
            None,
        )),
    },
];

const CYCLING_AMENDMENTS: &[DemoAmendment] = &[
    DemoAmendment {
        section: 3,
        text: "Громада облаштовує велодоріжку вздовж вулиці Шевченка від центру до Заріччя завдовжки 2,4 км, відокремлену від проїжджої частини бордюром.",
        author: 2,
        supporters: 18,
        opponents: 1,
        answer: Some((
            AmendmentStatus::Accepted,
            "Відокремлена доріжка безпечніша для дітей; кошторис дозволяє.",
            None,
        )),
    },
    DemoAmendment {
        section: 4,
        text: "Біля шкіл, амбулаторії, ЦНАПу та залізничної станції встановлюють криті велопарковки на 20 місць кожна.",
        author: 9,
        supporters: 12,
        opponents: 0,
        answer: Some((
            AmendmentStatus::AcceptedInPart,
            "Станцію додано; криті парковки на 20 місць — лише біля шкіл, де їх просили батьки.",
            Some(
                "Біля шкіл встановлюють криті велопарковки на 20 місць, біля амбулаторії, ЦНАПу та залізничної станції — на 10 місць кожна.",
            ),
        )),
    },
    DemoAmendment {
        section: 5,
        text: "Програму фінансують з бюджету громади: 2 000 000 грн на два роки.",
        author: 21,
        supporters: 4,
        opponents: 9,
        answer: Some((
            AmendmentStatus::Rejected,
            "Бюджет громади на 2025–2026 роки вже затверджено; додаткові кошти шукатимемо через грантові програми.",
            None,
        )),
    },
];

const TIDY_COMMENTS: &[(i64, usize, &str)] = &[
    (
        5,
        4,
        "У сквері біля бібліотеки урни переповнені вже до обіду, особливо у вихідні.",
    ),
    (
        5,
        12,
        "Лавки зі спинками, будь ласка: літнім людям важко сидіти на лавках без спинки.",
    ),
    (
        6,
        8,
        "Потрібен хоча б один майданчик для вигулу собак у Заріччі, зараз їх немає взагалі.",
    ),
    (3, 19, "Сіль вбиває каштани вздовж Шевченка, це видно щовесни."),
    (4, 23, "Хто перевірятиме, що нові дерева посадили і вони прижилися?"),
    (
        8,
        5,
        "Добре, що можна повідомляти через платформу: телефон 15-80 часто зайнятий.",
    ),
];

/// The space of the demo's consultations (made before the others, so the
/// idea spaces lead the home page).
pub async fn space(db: &Platform, t: TenantId) -> Result<SpaceId, AppError> {
    Ok(Spaces::of(db, t)
        .create(&NewSpace {
            title: "Громадські обговорення документів",
            description: "Місто виносить на обговорення проєкти рішень, правил і програм. Прочитайте документ, прокоментуйте статті й запропонуйте свою редакцію: місто відповідає на кожну правку і публікує звіт.",
            status: "published",
            support_threshold: 5,
            starts_at: None,
            ends_at: None,
        })
        .await?)
}

/// Both consultations in `space`; `residents` take part.
pub async fn seed(
    db: &Platform,
    t: TenantId,
    space: SpaceId,
    residents: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    let day = 86_400_000;
    let store = Consultations::of(db, t);
    let tidy = store
        .create(&NewConsultation {
            space,
            title: "Правила благоустрою території громади",
            summary: "Виконавчий комітет підготував нові **Правила благоустрою**. Прочитайте їх, коментуйте статті й пропонуйте свою редакцію. Місто відповість на кожну правку і опублікує звіт.",
            phase: ConsultationPhase::Comments,
            comments_end: Some(now.0 + 20 * day),
            sections: &split_document(TIDY_RULES, SplitBy::Auto),
        })
        .await?;
    seed_contributions(db, t, tidy, TIDY_AMENDMENTS, TIDY_COMMENTS, residents).await?;
    let cycling = store
        .create(&NewConsultation {
            space,
            title: "Програма розвитку велоінфраструктури 2025–2026",
            summary: "Обговорення завершено. Місто відповіло на всі правки, а остаточну редакцію програми ухвалено рішенням ради.",
            phase: ConsultationPhase::Comments,
            comments_end: None,
            sections: &split_document(CYCLING, SplitBy::Auto),
        })
        .await?;
    seed_contributions(
        db,
        t,
        cycling,
        CYCLING_AMENDMENTS,
        &[(3, 6, "Чудово, діти зможуть їздити до школи самі.")],
        residents,
    )
    .await?;
    store
        .set_phase(
            cycling,
            ConsultationPhase::Closed,
            None,
            Some("Обговорення тривало місяць. З трьох правок дві враховано: велодоріжку на Шевченка буде відокремлено бордюром, а велопарковки з'являться і біля станції. Збільшити фінансування в межах цього бюджету неможливо. Остаточну редакцію програми ухвалено рішенням ради № 512 від 14 березня."),
        )
        .await?;
    Ok(())
}

async fn seed_contributions(
    db: &Platform,
    t: TenantId,
    consultation: i64,
    amendments: &[DemoAmendment],
    comments: &[(i64, usize, &str)],
    residents: &[UserId],
) -> Result<(), AppError> {
    let store = Consultations::of(db, t);
    let sections = store.sections(consultation).await?;
    let who = |n: usize| residents[n % residents.len().max(1)];
    if residents.is_empty() {
        return Ok(());
    }
    for a in amendments {
        let Some(section) = sections.iter().find(|s| s.position == a.section) else {
            continue;
        };
        let id = store.add_amendment(section, who(a.author), a.text).await?;
        for n in 0..a.supporters + a.opponents {
            let stance = if n < a.supporters { 1 } else { -1 };
            store.set_support(id, who(a.author + 1 + n), stance).await?;
        }
        if let Some((status, reason, final_text)) = a.answer {
            store.settle(id, status, Some(reason)).await?;
            let body = match status {
                AmendmentStatus::Accepted => Some(a.text),
                _ => final_text,
            };
            if let Some(body) = body {
                store.set_final_body(section.id, Some(body)).await?;
            }
        }
    }
    for (position, author, body) in comments {
        if let Some(section) = sections.iter().find(|s| s.position == *position) {
            store.add_comment(section, None, who(*author), body).await?;
        }
    }
    Ok(())
}
