//! Moderation in the demo city (issue 21): a comment three residents
//! reported, hidden pending review, whose author appealed, so the
//! moderators' queue has something in it.

use civic_app::{AppError, Platform};
use civic_core::flags::{FlagReason, FlaggedKind};
use civic_core::moderation::ModerationState;
use civic_core::{TenantId, Timestamp, UserId};
use civic_store::comments::{Comments, NewComment};
use civic_store::flags::Flags;
use civic_store::ideas::Ideas;
use civic_store::moderation::Moderation;

pub async fn seed(db: &Platform, t: TenantId, residents: &[UserId], now: Timestamp) -> Result<(), AppError> {
    let (Some(author), Some(idea)) = (
        residents.first(),
        Ideas::of(db, t).latest_public(1).await?.into_iter().next(),
    ) else {
        return Ok(());
    };
    let at = Timestamp(now.0 - 26 * 3_600_000);
    let comment = Comments::of(db, t)
        .create(&NewComment {
            idea: idea.id,
            parent: None,
            author: Some(*author),
            body: "Хто це придумав, той нічого не тямить. Краще б гроші роздали людям, а не витрачали на дурниці.",
            alignment: "against",
            created_at: at,
        })
        .await?;
    let flags = Flags::of(db, t);
    for (who, reason) in residents
        .iter()
        .skip(1)
        .zip([FlagReason::Abuse, FlagReason::Abuse, FlagReason::OffTopic])
    {
        flags
            .add(
                FlaggedKind::Comment,
                comment.0,
                *who,
                reason,
                "",
                Timestamp(at.0 + 3_600_000),
            )
            .await?;
    }
    let moderation = Moderation::of(db, t);
    moderation
        .set_state(
            FlaggedKind::Comment,
            comment.0,
            ModerationState::HiddenByFlags,
            "",
            "",
            Some(*author),
            None,
            Timestamp(at.0 + 2 * 3_600_000),
        )
        .await?;
    moderation
        .appeal(
            FlaggedKind::Comment,
            comment.0,
            *author,
            "Я різко висловився, але це думка про витрати, а не образа. Прошу показати коментар.",
            Timestamp(at.0 + 5 * 3_600_000),
        )
        .await?;
    Ok(())
}
