//! Duplicate ideas (issue 24): the pairs `civic_insight`'s finder proposes
//! in a space, for staff to merge or set aside. Officials and administrators
//! decide; a merge moves supports (once per person), comments and followers
//! to the kept idea and leaves the other pointing at it.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::spaces::Space;
use civic_core::user::{Principal, StaffRoles};
use civic_core::{IdeaId, Invalid, Role, SpaceId, TenantId, Timestamp};
pub use civic_insight::PlaceMatch;
use civic_insight::{DuplicateIndex, DuplicateParams, Item, ItemKey, ItemKind};
use civic_store::idea_merges::IdeaMerges;
pub use civic_store::idea_merges::{IdeaText, Merged};
use civic_store::ideas::Ideas;
use std::collections::{HashMap, HashSet};

/// The ideas of one space the finder reads, oldest first: a space with more
/// is compared on its oldest ones (a town's space holds hundreds; the
/// finder takes about 0.2 s for 10,000, docs/insight/duplicates.md).
pub const MAX_IDEAS: u32 = 10_000;

/// Pairs shown at once, best first.
pub const MAX_PAIRS: usize = 100;

/// Two ideas the finder thinks may ask for the same thing.
#[derive(Debug, Clone)]
pub struct ProposedPair {
    /// The older idea.
    pub older: IdeaText,
    pub newer: IdeaText,
    /// 0..1; pairs from [`DuplicateParams::threshold`] up are `likely`.
    pub score: f32,
    /// How alike the texts are, places aside (0..1).
    pub text_similarity: f32,
    /// What the texts say about where.
    pub places: PlaceMatch,
    /// At or above the finder's threshold: likely the same request; below
    /// it, possibly.
    pub likely: bool,
}

/// What residents are told they cannot do here.
const MERGE_WORK: &str = "merge duplicate ideas";

fn staff_only() -> AppError {
    AppError::forbidden(
        "staff_only",
        format!("only the municipality's officials can {MERGE_WORK}"),
    )
}

/// The pairs of a space's open ideas that may be duplicates, best first,
/// without the pairs staff set aside (officials and administrators).
pub async fn proposed(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    space: SpaceId,
) -> Result<(Space, Vec<ProposedPair>), AppError> {
    let space = crate::spaces::for_officials(db, tenant, role, space, MERGE_WORK).await?;
    let merges = IdeaMerges::of(db, tenant);
    let ideas = merges.candidates(space.id, MAX_IDEAS).await?;
    let dismissed: HashSet<(IdeaId, IdeaId)> = merges.dismissed(space.id).await?.into_iter().collect();
    // Building the index is CPU work of up to a few tenths of a second: off
    // the async workers.
    let pairs = tokio::task::spawn_blocking(move || find_pairs(ideas, &dismissed))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))??;
    Ok((space, pairs))
}

fn find_pairs(ideas: Vec<IdeaText>, dismissed: &HashSet<(IdeaId, IdeaId)>) -> Result<Vec<ProposedPair>, AppError> {
    let items: Vec<Item> = ideas
        .iter()
        .map(|i| Item::titled(ItemKey::new(ItemKind::Idea, i.id.0), i.title.clone(), i.body.clone()))
        .collect();
    let index =
        DuplicateIndex::build(&items, &DuplicateParams::default()).map_err(|e| AppError::Internal(Box::new(e)))?;
    let by_id: HashMap<i64, &IdeaText> = ideas.iter().map(|i| (i.id.0, i)).collect();
    let mut pairs = Vec::new();
    for p in index.pairs() {
        let (Some(a), Some(b)) = (by_id.get(&p.a.id), by_id.get(&p.b.id)) else {
            continue;
        };
        let (older, newer) = if (a.created_at, a.id.0) <= (b.created_at, b.id.0) {
            (a, b)
        } else {
            (b, a)
        };
        let key = if older.id.0 < newer.id.0 {
            (older.id, newer.id)
        } else {
            (newer.id, older.id)
        };
        if dismissed.contains(&key) {
            continue;
        }
        pairs.push(ProposedPair {
            older: (*older).clone(),
            newer: (*newer).clone(),
            score: p.score,
            text_similarity: p.text_similarity,
            places: p.places,
            likely: p.duplicate,
        });
        if pairs.len() == MAX_PAIRS {
            break;
        }
    }
    Ok(pairs)
}

/// Merges `absorbed` into `kept` (officials and administrators), in one
/// commit with the notice to the merged idea's followers, the threshold
/// notice when the moved supports carry the kept idea past it, and the
/// audit entry.
///
/// 422 `merge_into_itself` for one idea; 422 `other_space` for ideas of two
/// spaces; 409 `idea_closed` when either is withdrawn or merged already
/// (or becomes so meanwhile), 409 `idea_hidden` when the moderators hid or
/// hold either (the finder leaves those out too); 404 for an idea this
/// tenant does not show, or not in `in_space` when one is named.
pub async fn merge(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    staff: &Principal,
    in_space: Option<SpaceId>,
    absorbed: IdeaId,
    kept: IdeaId,
) -> Result<Merged, AppError> {
    if !staff.role.is_among(StaffRoles::Officials) {
        return Err(staff_only());
    }
    if absorbed == kept {
        return Err(Invalid::new("into", "merge_into_itself", "an idea cannot be merged into itself").into());
    }
    let ideas = Ideas::of(db, tenant);
    let merged_idea = ideas.get_public(absorbed).await?.ok_or(AppError::NotFound)?;
    let kept_idea = ideas.get_public(kept).await?.ok_or(AppError::NotFound)?;
    if in_space.is_some_and(|s| s != merged_idea.space_id) {
        return Err(AppError::NotFound);
    }
    if merged_idea.space_id != kept_idea.space_id {
        return Err(Invalid::new("into", "other_space", "only ideas of the same space can be merged").into());
    }
    if merged_idea.status.is_closed() || kept_idea.status.is_closed() {
        return Err(idea_closed());
    }
    if merged_idea.moderation.is_some() || kept_idea.moderation.is_some() {
        return Err(AppError::conflict(
            "idea_hidden",
            "the moderators hid or hold one of these ideas; it cannot be merged until they restore it",
        ));
    }
    let tx = db.begin().await?;
    IdeaMerges::of(&tx, tenant).hold(absorbed, kept).await?;
    // Followers of the merged idea hear of it before they move to the kept one.
    crate::notifications::status_changed(&tx, tenant, actor.user_id, &merged_idea, "merged").await?;
    let Some(moved) = IdeaMerges::of(&tx, tenant)
        .merge(absorbed, kept, Timestamp::now())
        .await?
    else {
        return Err(idea_closed());
    };
    if moved.reached_threshold {
        crate::notifications::threshold_reached(&tx, tenant, &kept_idea).await?;
    }
    let subject = format!("idea {}: {}", absorbed.0, merged_idea.title);
    let detail = format!(
        "→ idea {}: {} (supports moved {}, shared {}; comments {}; followers {})",
        kept.0,
        kept_idea.title,
        moved.supports_moved,
        moved.supports_shared,
        moved.comments_moved,
        moved.followers_moved
    );
    audit::record(&tx, tenant, actor, audit::action::IDEAS_MERGED, &subject, &detail).await?;
    tx.commit().await?;
    Ok(moved)
}

fn idea_closed() -> AppError {
    AppError::conflict(
        "idea_closed",
        "one of these ideas was withdrawn or merged already; reload the list",
    )
}

/// Staff judge two ideas of `space` not to be duplicates: the finder stops
/// proposing the pair. Idempotent (again: nothing changes). 404 unless both
/// are ideas of this tenant, the first in `space`; 422 `other_space` when
/// the second is not.
pub async fn dismiss(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    staff: &Principal,
    space: SpaceId,
    one: IdeaId,
    other: IdeaId,
) -> Result<(), AppError> {
    if !staff.role.is_among(StaffRoles::Officials) {
        return Err(staff_only());
    }
    if one == other {
        return Err(Invalid::new("other", "merge_into_itself", "a pair needs two different ideas").into());
    }
    let ideas = Ideas::of(db, tenant);
    let a = ideas.get_public(one).await?.ok_or(AppError::NotFound)?;
    let b = ideas.get_public(other).await?.ok_or(AppError::NotFound)?;
    if a.space_id != space {
        return Err(AppError::NotFound);
    }
    if a.space_id != b.space_id {
        return Err(Invalid::new("other", "other_space", "only ideas of the same space can be compared").into());
    }
    let tx = db.begin().await?;
    if IdeaMerges::of(&tx, tenant)
        .dismiss(one, other, staff.user_id, Timestamp::now())
        .await?
    {
        let subject = format!("ideas {} and {}", one.0.min(other.0), one.0.max(other.0));
        let detail = format!("{} / {}", a.title, b.title);
        audit::record(
            &tx,
            tenant,
            actor,
            audit::action::DUPLICATE_DISMISSED,
            &subject,
            &detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
