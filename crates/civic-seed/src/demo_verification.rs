//! Verified residents in the demo city (issue 21): a small census list
//! (its document numbers are in docs/verification.md), one resident
//! verified by it, and a poll only verified residents may answer.

use civic_app::audit::Actor;
use civic_app::{AppError, Platform};
use civic_core::{Role, SpaceId, TenantId, Timestamp, UserId};
use civic_store::polls::{NewPoll, Polls};

const DAY: i64 = 86_400_000;

/// The demo census list. Made up: no real person's document. The first
/// line verifies the demo resident Олена Ковальчук; the others are free
/// for whoever tries the demo (docs/verification.md lists them).
pub const CENSUS: &str = "document_number,birth_date,district\n\
    000000001,1984-03-12,Центр\n\
    000000002,1990-07-25,Набережна\n\
    000000003,1958-11-03,Північний\n\
    АА000004,1972-01-30,Південний\n\
    000000005,2001-09-14,Центр\n";

pub async fn seed(
    db: &Platform,
    t: TenantId,
    space: SpaceId,
    resident: UserId,
    now: Timestamp,
) -> Result<(), AppError> {
    let seed = Actor {
        user_id: None,
        label: "demo".into(),
        address: "127.0.0.1".into(),
    };
    civic_app::verification::replace_census(db, t, &seed, Role::Admin, CENSUS.as_bytes())
        .await?
        .map_err(|bad| AppError::BadRequest(format!("the demo census list does not parse: {bad:?}")))?;
    let email = civic_store::users::Users::of(db, t)
        .get(resident)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    civic_app::verification::verify_by_census(
        db,
        t,
        &Actor::user(resident, &email, "127.0.0.1"),
        resident,
        "000000001",
        "1984-03-12",
    )
    .await?;
    let questions = civic_core::polls::build_questions(&[crate::demo_polls::question(
        "single_choice",
        "Чи підтримуєте ви перенесення ринку з центральної площі на вулицю Шкільну?",
        &["Так", "Ні", "Не маю думки"],
    )])?;
    let json = serde_json::to_string(&questions).map_err(|e| AppError::Internal(Box::new(e)))?;
    Polls::of(db, t)
        .create(&NewPoll {
            space,
            title: "Перенесення ринку (лише для підтверджених мешканців)",
            intro: "Рішення стосується мешканців громади, тому відповідати можуть лише підтверджені мешканці: за списком мешканців або в ЦНАП.",
            opens_at: Some(now.0 - DAY),
            closes_at: Some(now.0 + 30 * DAY),
            results_visibility: "live",
            allow_changes: false,
            questions_json: &json,
            status: "published",
            eligibility: "verified",
            districts: "",
            anonymous: true,
        })
        .await?;
    Ok(())
}
