//! The dialogue with the city (issue 20) in the demo: the petitions' and
//! reports' participants follow them (seeded through the store, so the
//! app's own following is done here), and Олена, a demo resident, has
//! been told what the city did with a petition and two reports she
//! follows; the demo official was told a reporter confirmed a fix. These
//! are history: none of them is mailed.

use civic_app::notifications::{excerpt, report_summary};
use civic_app::{AppError, Platform};
use civic_core::TenantId;
use civic_core::notifications::Kind;
use civic_core::petitions::{PetitionFilter, PetitionStatus};
use civic_core::reports::ReportStatus;
use civic_core::{Timestamp, UserId};
use civic_store::follows::{Follows, Target};
use civic_store::notifications::{Event, Notifications, Recipients};
use civic_store::petitions::Petitions;
use civic_store::reports::{ReportFilter, Reports};

pub(crate) async fn seed(
    db: &Platform,
    t: TenantId,
    official: UserId,
    resident: UserId,
    now: Timestamp,
) -> Result<(), AppError> {
    let follows = Follows::of(db, t);
    follows.follow_participants().await?;
    let store = Notifications::of(db, t);
    let base = Event {
        kind: Kind::PetitionStatus,
        space: None,
        idea: None,
        debate: None,
        petition: None,
        report: None,
        comment: None,
        actor: Some(official),
        summary: "",
        status: None,
        detail: None,
        at: now,
    };
    let petitions = Petitions::of(db, t);
    // The council's answer to the petition on bus route 3 (and its
    // forwarding before), and a petition sent to the council, its answer
    // still to come.
    let answered = petitions.list(PetitionFilter::Answered, now, None, 10).await?;
    let awaiting = petitions.list(PetitionFilter::AwaitingAnswer, now, None, 10).await?;
    let chosen = [
        answered.iter().find(|p| p.status == PetitionStatus::Answered),
        awaiting.iter().find(|p| p.status == PetitionStatus::Forwarded),
    ];
    for p in chosen.into_iter().flatten() {
        follows
            .follow(resident, Target::Petition(p.id), Timestamp(p.created_at))
            .await?;
        let answer = p.answer.as_deref().map(excerpt);
        let steps = [
            (PetitionStatus::Forwarded, p.forwarded_at, None),
            (PetitionStatus::Answered, p.answered_at, answer.as_deref()),
        ];
        for (status, at, detail) in steps {
            let Some(at) = at else { continue };
            tell(
                &store,
                resident,
                Event {
                    petition: Some(p.id),
                    summary: &p.title,
                    status: Some(status.as_str()),
                    detail,
                    at: Timestamp(at),
                    ..base.clone()
                },
            )
            .await?;
        }
    }
    // A report fixed, and one the service answered and works on.
    let reports = Reports::of(db, t);
    let filter = |status| ReportFilter {
        status: Some(status),
        category: None,
        bbox: None,
        before: None,
    };
    let resolved = reports.list(&filter(ReportStatus::Resolved), 1).await?;
    let working = reports.list(&filter(ReportStatus::InProgress), 1).await?;
    for r in resolved.iter().chain(working.iter()) {
        follows
            .follow(resident, Target::Report(r.id), Timestamp(r.created_at))
            .await?;
        let summary = report_summary(r);
        let at = Timestamp(r.updated_at);
        if r.status == ReportStatus::InProgress {
            tell(
                &store,
                resident,
                Event {
                    kind: Kind::ReportReply,
                    report: Some(r.id),
                    summary: &summary,
                    detail: Some("Дякуємо, бригада вже виїхала; роботи завершимо до кінця тижня."),
                    at: Timestamp(at.0 - 3_600_000),
                    ..base.clone()
                },
            )
            .await?;
        }
        tell(
            &store,
            resident,
            Event {
                kind: Kind::ReportStatus,
                report: Some(r.id),
                summary: &summary,
                status: Some(r.status.as_str()),
                at,
                ..base.clone()
            },
        )
        .await?;
    }
    // The departments' side: the official (a member of each) was told
    // that a reporter confirmed a fix.
    let confirmed = reports.list(&filter(ReportStatus::Resolved), 20).await?;
    if let Some(r) = confirmed.iter().find(|r| r.confirmed_at.is_some()) {
        let summary = report_summary(r);
        tell(
            &store,
            official,
            Event {
                kind: Kind::ReportDepartment,
                report: Some(r.id),
                summary: &summary,
                status: Some("confirmed"),
                actor: r.author_id.map(UserId),
                at: Timestamp(r.confirmed_at.unwrap_or(r.updated_at)),
                ..base.clone()
            },
        )
        .await?;
    }
    // History, not news: nothing of it is mailed; the oldest is read.
    store.never_mail_before(Timestamp(now.0 + 1)).await?;
    if let Some(oldest) = store.page(resident, None, 100).await?.last() {
        store.mark_read(resident, Some(&[oldest.id]), now).await?;
    }
    Ok(())
}

async fn tell(store: &Notifications<'_>, to: UserId, e: Event<'_>) -> Result<u64, civic_store::StoreError> {
    store.notify(&e, Recipients::User(to), None).await
}
