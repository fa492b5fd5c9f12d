//! The demo's problem reports: three departments, four categories routed to
//! them (streetlights 5 working days, potholes 10, waste 3, parks 10), and
//! 40 reports around the town centre (the point the demo's ideas are placed
//! around) in every state: received, in progress, resolved (some confirmed
//! by the reporter), rejected with a reason, one reopened; some past their
//! target time, some anonymous, with the city's replies, internal notes and
//! residents' voices, so every report page and API path has data behind it.

use civic_app::AppError;
use civic_app::Platform;
use civic_core::reports::{EventKind, Point, ReportStatus};
use civic_core::working_days::WorkingCalendar;
use civic_core::{TenantId, Timestamp, UserId};
use civic_store::reports::{Categories, Departments, NewCategory, NewEvent, NewReport, Reports};

/// The centre the demo's ideas are placed around.
const CENTRE: (f64, f64) = (50.5437, 30.2128);

/// A category: Ukrainian and English names, department (index), target
/// working days, and what residents write about it.
struct DemoCategory {
    uk: &'static str,
    en: &'static str,
    department: usize,
    days: i64,
    bodies: [&'static str; 5],
}

const DEPARTMENTS: [&str; 3] = [
    "Служба доріг і освітлення",
    "Комунальне підприємство «Чисте місто»",
    "Відділ благоустрою",
];

const CATEGORIES: [DemoCategory; 4] = [
    DemoCategory {
        uk: "Вуличне освітлення",
        en: "Streetlights",
        department: 0,
        days: 5,
        bodies: [
            "Ліхтар не світить уже кілька вечорів, на переході зовсім темно.",
            "Ліхтар блимає всю ніч і гасне, біля школи небезпечно.",
            "Світильник розбитий, скло лежить на тротуарі.",
            "Streetlight out for a week, the bus stop is completely dark at night.",
            "Ліхтарі горять удень і не горять увечері — зламане реле?",
        ],
    },
    DemoCategory {
        uk: "Ями на дорогах",
        en: "Potholes",
        department: 0,
        days: 10,
        bodies: [
            "Глибока яма посеред смуги, машини об'їжджають зустрічною.",
            "Провалився асфальт біля люка, можна пошкодити колесо.",
            "Яма на пішохідному переході, після дощу її не видно.",
            "A deep pothole right at the crossing; cyclists fall into it after rain.",
            "Після ремонту труб асфальт не відновили, лишився рів.",
        ],
    },
    DemoCategory {
        uk: "Сміття і контейнери",
        en: "Waste and bins",
        department: 1,
        days: 3,
        bodies: [
            "Контейнери переповнені третій день, сміття розносить вітер.",
            "Хтось вивантажив будівельне сміття біля дитячого майданчика.",
            "Зламана кришка контейнера, собаки розтягують пакети.",
            "Bins at the market have not been emptied since the weekend.",
            "Стихійне сміттєзвалище в посадці за гаражами.",
        ],
    },
    DemoCategory {
        uk: "Парки і сквери",
        en: "Parks and squares",
        department: 2,
        days: 10,
        bodies: [
            "Зламана лавка в сквері, стирчать цвяхи.",
            "Аварійне дерево нахилилося над доріжкою після вітру.",
            "Не працює фонтанчик для пиття біля дитячого майданчика.",
            "The swing in the park has a broken chain, children still use it.",
            "Газон розїжджений машинами, потрібні обмежувальні стовпчики.",
        ],
    },
];

const STREETS: [&str; 10] = [
    "вул. Вокзальна, 12",
    "вул. Шевченка, 3",
    "вул. Садова, 27",
    "просп. Незалежності, 45",
    "вул. Яблунська, 8",
    "вул. Героїв, 16",
    "сквер біля ліцею № 1",
    "вул. Київська, 102",
    "вул. Польова, 5",
    "ринок, вул. Торгова",
];

/// What happened to a report, by its index: every eighth is left received,
/// others are in progress, resolved (and confirmed or not), rejected; one is
/// reopened.
fn fate(i: usize) -> ReportStatus {
    match i {
        13 => ReportStatus::Reopened,
        _ => match i % 8 {
            0 | 1 => ReportStatus::Received,
            2 | 3 => ReportStatus::InProgress,
            4..=6 => ReportStatus::Resolved,
            _ => ReportStatus::Rejected,
        },
    }
}

pub async fn seed(
    db: &Platform,
    t: TenantId,
    official: UserId,
    residents: &[UserId],
    now: Timestamp,
) -> Result<(), AppError> {
    let departments = Departments::of(db, t);
    let mut department_ids = Vec::new();
    for name in DEPARTMENTS {
        let id = departments.create(name).await?;
        departments.add_member(id, official).await?;
        department_ids.push(id);
    }
    let mut categories = Vec::new();
    for c in &CATEGORIES {
        let id = Categories::of(db, t)
            .create(&NewCategory {
                name_uk: c.uk,
                name_en: Some(c.en),
                department: department_ids[c.department],
                target_days: c.days,
            })
            .await?;
        categories.push(id);
    }
    // The area the town takes reports in: about 11 by 9 km around the centre.
    let area = civic_core::reports::BoundingBox::parse(&format!(
        "{},{},{},{}",
        CENTRE.1 - 0.08,
        CENTRE.0 - 0.04,
        CENTRE.1 + 0.08,
        CENTRE.0 + 0.04
    ))?;
    Reports::of(db, t).set_area(Some(area)).await?;
    // The town's maps open on the centre its reports lie around (issue 20).
    civic_store::maps::TenantMaps::of(db, t)
        .set(
            civic_core::maps::MapView {
                lat_e6: (CENTRE.0 * 1e6).round() as i64,
                lon_e6: (CENTRE.1 * 1e6).round() as i64,
                zoom: 14,
            },
            now,
        )
        .await?;
    let calendar = WorkingCalendar::default();
    let reports = Reports::of(db, t);
    for i in 0..40usize {
        let c = &CATEGORIES[i % 4];
        let days_ago = (i as i64 * 7) % 29 + 1;
        let created = Timestamp(now.minus_days(days_ago).0 + i as i64 * 60_000);
        // Around the centre, within about 1.5 km. Report 0 is at the centre
        // and report 8 (both open streetlight reports) 45 m north of it, so
        // a report there first shows "is it one of these?".
        let spread = |n: usize, k: usize| ((n * k) % 23) as f64 - 11.0;
        let (lat, lon) = match i {
            0 => CENTRE,
            8 => (CENTRE.0 + 0.0004, CENTRE.1),
            _ => (CENTRE.0 + spread(i, 7) * 0.0012, CENTRE.1 + spread(i, 11) * 0.0018),
        };
        let author = residents[i % residents.len()];
        let id = reports
            .create(&NewReport {
                category: categories[i % 4],
                department: department_ids[c.department],
                author: Some(author),
                anonymous: i % 5 == 2,
                body: c.bodies[(i / 4) % 5],
                address: if i % 6 == 5 { "" } else { STREETS[i % STREETS.len()] },
                point: Some(Point::from_degrees(lat, lon)?),
                status: ReportStatus::Received,
                deadline_at: calendar.deadline_after(created.0, c.days as u32),
                at: created,
            })
            .await?;
        let event = |kind, status: Option<ReportStatus>, body: &'static str, actor, at: Timestamp, public| NewEvent {
            kind,
            status,
            body,
            actor: Some(actor),
            public,
            at,
        };
        reports
            .add_event(
                id,
                &event(
                    EventKind::Status,
                    Some(ReportStatus::Received),
                    "",
                    author,
                    created,
                    true,
                ),
            )
            .await?;
        // Neighbours add their voice to a third of the reports.
        if i % 3 == 0 {
            for n in 1..=(i % 4 + 1) {
                let who = residents[(i + n) % residents.len()];
                reports
                    .add_voice(id, who, Timestamp(created.0 + n as i64 * 3_600_000))
                    .await?;
            }
        }
        let fate = fate(i);
        if fate == ReportStatus::Received {
            continue;
        }
        let step = |d: i64| Timestamp(created.0 + d * 86_400_000 / 3);
        if fate == ReportStatus::Rejected {
            let reason =
                "Ділянка належить приватному підприємству: звернення передано власнику, місто не може там працювати.";
            reports
                .set_status(
                    id,
                    ReportStatus::Received,
                    ReportStatus::Rejected,
                    Some(reason),
                    step(1),
                )
                .await?;
            reports
                .add_event(
                    id,
                    &event(
                        EventKind::Status,
                        Some(ReportStatus::Rejected),
                        reason,
                        official,
                        step(1),
                        true,
                    ),
                )
                .await?;
            continue;
        }
        reports
            .set_status(id, ReportStatus::Received, ReportStatus::InProgress, None, step(1))
            .await?;
        reports
            .add_event(
                id,
                &event(
                    EventKind::Status,
                    Some(ReportStatus::InProgress),
                    "",
                    official,
                    step(1),
                    true,
                ),
            )
            .await?;
        reports
            .add_event(
                id,
                &event(
                    EventKind::Reply,
                    None,
                    "Дякуємо, бригаду направлено, роботи заплановано на цей тиждень.",
                    official,
                    step(1),
                    true,
                ),
            )
            .await?;
        if i % 2 == 0 {
            reports
                .add_event(
                    id,
                    &event(
                        EventKind::Note,
                        None,
                        "Потрібна автовишка, погоджено з диспетчером.",
                        official,
                        step(1),
                        false,
                    ),
                )
                .await?;
        }
        if fate == ReportStatus::InProgress {
            continue;
        }
        let resolved_at = step(2).0.min(now.0 - 3_600_000);
        reports
            .set_status(
                id,
                ReportStatus::InProgress,
                ReportStatus::Resolved,
                None,
                Timestamp(resolved_at),
            )
            .await?;
        reports
            .add_event(
                id,
                &event(
                    EventKind::Status,
                    Some(ReportStatus::Resolved),
                    "Роботи виконано.",
                    official,
                    Timestamp(resolved_at),
                    true,
                ),
            )
            .await?;
        if fate == ReportStatus::Reopened {
            let at = Timestamp(resolved_at + 1_800_000);
            reports
                .reopen(id, calendar.deadline_after(at.0, c.days as u32), at)
                .await?;
            reports
                .add_event(
                    id,
                    &event(
                        EventKind::Reopened,
                        Some(ReportStatus::Reopened),
                        "Через день знову те саме.",
                        author,
                        at,
                        true,
                    ),
                )
                .await?;
        } else if i % 8 == 4 {
            let at = Timestamp(resolved_at + 1_800_000);
            reports.confirm(id, at).await?;
            reports
                .add_event(id, &event(EventKind::Confirmed, None, "", author, at, true))
                .await?;
        }
    }
    Ok(())
}
