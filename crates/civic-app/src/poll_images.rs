//! Pictures of poll options: staff add one to any option of a single-,
//! multiple-choice or ranking question, with a description for people who
//! cannot see it; residents see it beside the option. A picture may change
//! after people have answered: it illustrates an option, it does not change
//! what was chosen.

use crate::AppError;
use crate::Platform;
use crate::audit::{self, Actor};
use crate::spaces::IMAGE_MAX_BYTES;
use civic_core::polls::{Kind, Question};
use civic_core::{Invalid, Role, TenantId};
use civic_store::poll_images::{OptionImage, PollImages};
use std::collections::HashMap;

/// The longest description of a picture.
pub const ALT_MAX_CHARS: usize = 300;

/// Questions whose options may carry pictures.
pub fn takes_images(kind: Kind) -> bool {
    matches!(kind, Kind::SingleChoice | Kind::MultipleChoice | Kind::Ranking)
}

/// The label of option `option` of question `question`, when that option
/// may carry a picture; else 404.
fn option_label(questions: &[Question], question: i64, option: i64) -> Result<String, AppError> {
    questions
        .iter()
        .find(|q| q.id == question && takes_images(q.kind))
        .and_then(|q| usize::try_from(option).ok().and_then(|i| q.options.get(i)))
        .cloned()
        .ok_or(AppError::NotFound)
}

/// Sets the picture of an option (staff; drafts and published polls).
#[allow(clippy::too_many_arguments)]
pub async fn set(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    poll: i64,
    question: i64,
    option: i64,
    bytes: &[u8],
    alt: &str,
) -> Result<(), AppError> {
    let (_, questions) = crate::polls::get_for_staff(db, tenant, role, poll).await?;
    let label = option_label(&questions, question, option)?;
    let mut problems = Vec::new();
    let content_type = if bytes.is_empty() {
        problems.push(Invalid::new("image", "image_missing", "choose an image file"));
        None
    } else if bytes.len() > IMAGE_MAX_BYTES {
        problems.push(Invalid::new("image", "image_too_large", "an image is at most 500 KB"));
        None
    } else {
        let found = civic_core::brand::image_type(bytes);
        if found.is_none() {
            problems.push(Invalid::new(
                "image",
                "image_type",
                "an image is a PNG, JPEG or WebP file",
            ));
        }
        found
    };
    let alt = alt.trim();
    if alt.is_empty() {
        problems.push(Invalid::new(
            "alt",
            "image_alt_missing",
            "say what the image shows, for people who cannot see it",
        ));
    } else if alt.chars().count() > ALT_MAX_CHARS {
        problems.push(Invalid::new(
            "alt",
            "image_alt_too_long",
            "the description is at most 300 characters",
        ));
    }
    if let Some(first) = problems.into_iter().next() {
        return Err(first.into());
    }
    let content_type = content_type.expect("checked above");
    PollImages::of(db, tenant)
        .set(poll, question, &label, content_type, bytes, alt)
        .await?;
    audited(
        db,
        tenant,
        actor,
        poll,
        &format!("picture of question {question}, option {} set", option + 1),
    )
    .await
}

/// Removes an option's picture (staff); 404 when it had none.
pub async fn remove(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    role: Role,
    poll: i64,
    question: i64,
    option: i64,
) -> Result<(), AppError> {
    let (_, questions) = crate::polls::get_for_staff(db, tenant, role, poll).await?;
    let label = option_label(&questions, question, option)?;
    if !PollImages::of(db, tenant).remove(poll, question, &label).await? {
        return Err(AppError::NotFound);
    }
    audited(
        db,
        tenant,
        actor,
        poll,
        &format!("picture of question {question}, option {} removed", option + 1),
    )
    .await
}

async fn audited(db: &Platform, tenant: TenantId, actor: &Actor, poll: i64, detail: &str) -> Result<(), AppError> {
    audit::record(
        db,
        tenant,
        actor,
        audit::action::POLL_UPDATED,
        &format!("poll {poll}"),
        detail,
    )
    .await
}

/// The pictures of a poll's options by (question, label).
pub async fn of_poll(
    db: &Platform,
    tenant: TenantId,
    poll: i64,
) -> Result<HashMap<(i64, String), OptionImage>, AppError> {
    Ok(PollImages::of(db, tenant)
        .list(poll)
        .await?
        .into_iter()
        .map(|i| ((i.question_id, i.label.clone()), i))
        .collect())
}

/// An option's picture for someone who may see the poll (`staff` see
/// drafts' too).
pub async fn picture(
    db: &Platform,
    tenant: TenantId,
    role: Option<Role>,
    poll: i64,
    question: i64,
    option: i64,
) -> Result<crate::spaces::Picture, AppError> {
    let (p, questions) = match role.filter(|r| crate::polls::may_manage(*r)) {
        Some(r) => crate::polls::get_for_staff(db, tenant, r, poll).await?,
        None => crate::polls::get(db, tenant, poll).await?,
    };
    let label = option_label(&questions, question, option)?;
    let (content_type, bytes) = PollImages::of(db, tenant)
        .get(poll, question, &label)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::spaces::Picture {
        content_type,
        bytes,
        public: p.status == "published",
    })
}
