//! Topics of a space (issue 24): what its ideas and comments are about.
//! Officials and administrators recompute the topics (a full fit with
//! `civic_insight`, keeping the ids of topics that continue) and name them;
//! everyone may filter the space's ideas by topic.

use crate::audit::{self, Actor};
use crate::{AppError, Platform};
use civic_core::spaces::Space;
use civic_core::user::Principal;
use civic_core::{Invalid, Role, SpaceId, TenantId, Timestamp};
use civic_insight::{Item, ItemKey, ItemKind, TopicModel, TopicParams};
use civic_store::spaces::Spaces;
use civic_store::topics::{SpaceText, SpaceTopics, StoredModel, TopicOf};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Texts of each kind a recompute reads, oldest first. The model takes
/// about 1 s for 10,000 ideas and 100,000 comments (docs/insight/topics.md).
pub const MAX_TEXTS: u32 = 100_000;

/// A topic's name: at most this many characters.
pub const NAME_MAX: usize = 80;

/// A topic as lists show it (stored beside the model).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TopicSummary {
    pub id: i64,
    /// The most characteristic words.
    pub labels: Vec<String>,
    /// Texts in the topic at the last recompute.
    pub size: usize,
    /// The name staff gave it, if any.
    #[serde(skip)]
    pub name: Option<String>,
}

impl TopicSummary {
    /// Its name, or its words.
    pub fn title(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.labels.join(", "))
    }
}

/// A text shown as a topic's example.
#[derive(Debug, Clone)]
pub struct TopicText {
    /// `idea` or `comment`.
    pub kind: &'static str,
    pub id: i64,
    /// The idea: itself, or the one the comment is on.
    pub idea_id: i64,
    /// The idea's title, or the comment's text.
    pub text: String,
}

/// A topic with its texts, for staff.
#[derive(Debug, Clone)]
pub struct TopicDetail {
    pub summary: TopicSummary,
    pub representative: Option<TopicText>,
    pub examples: Vec<TopicText>,
    /// Ideas in the topic now (the list filtered by it shows them).
    pub ideas: usize,
}

/// What staff see of a space's topics.
#[derive(Debug, Clone)]
pub struct Overview {
    pub space: Space,
    /// `None` until the first recompute.
    pub computed_at: Option<i64>,
    pub item_count: i64,
    pub topics: Vec<TopicDetail>,
}

/// The space whose topics officials work with (403 for others, 404 for
/// none such).
async fn staff_space(db: &Platform, tenant: TenantId, role: Role, space: SpaceId) -> Result<Space, AppError> {
    crate::spaces::for_officials(db, tenant, role, space, "work with topics").await
}

fn item_of(text: &SpaceText) -> Item {
    if text.kind == "idea" {
        Item::titled(
            ItemKey::new(ItemKind::Idea, text.id),
            text.title.clone(),
            text.body.clone(),
        )
    } else {
        Item::new(ItemKey::new(ItemKind::Comment, text.id), text.body.clone())
    }
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Idea => "idea",
        _ => "comment",
    }
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> AppError {
    AppError::Internal(Box::new(e))
}

/// Recomputes the space's topics from its texts now (officials and
/// administrators): a full fit that keeps the ids (and so the names) of
/// topics that continue. Audited. Returns how many topics were found.
pub async fn recompute(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    staff: &Principal,
    space: SpaceId,
) -> Result<usize, AppError> {
    let space = staff_space(db, tenant, staff.role, space).await?;
    // Not in one transaction with the audit entry: the fit takes up to a
    // second or two, and on SQLite an open write would hold every other
    // writer that long. The model and its assignments are stored in one.
    let (topics, texts) = compute(db, tenant, space.id).await?;
    let detail = format!("{topics} topics from {texts} texts");
    audit::record(
        db,
        tenant,
        actor,
        audit::action::TOPICS_RECOMPUTED,
        &format!("space {}: {}", space.id.0, space.title),
        &detail,
    )
    .await?;
    Ok(topics)
}

/// Works out the space's topics and stores them with every text's topic:
/// (topics, texts read). For [`recompute`] and for seeding.
pub async fn compute(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<(usize, usize), AppError> {
    let store = SpaceTopics::of(db, tenant);
    let texts = store.texts(space, MAX_TEXTS).await?;
    let previous: Option<TopicModel> = match store.model(space).await? {
        None => None,
        Some(stored) => match serde_json::from_str(&stored.model) {
            Ok(model) => Some(model),
            Err(e) => {
                // A model this version cannot read: fit afresh. Its ids
                // start again, so names kept by id would land on other
                // topics: they go.
                tracing::warn!(error = %e, space = space.0, "stored topic model unreadable; fitting afresh");
                store.forget_names(space).await?;
                None
            }
        },
    };
    let (fitted, item_count) = tokio::task::spawn_blocking(move || {
        let items: Vec<Item> = texts.iter().map(item_of).collect();
        let params = TopicParams::default();
        let fitted = match previous {
            Some(model) => model.refit(&items, &params),
            None => TopicModel::fit(&items, &params),
        };
        fitted.map(|f| (f, items.len()))
    })
    .await
    .map_err(internal)?
    .map_err(internal)?;
    let summaries: Vec<TopicSummary> = fitted
        .model
        .topics()
        .iter()
        .map(|t| TopicSummary {
            id: i64::from(t.id.0),
            labels: t.labels.clone(),
            size: t.size,
            name: None,
        })
        .collect();
    let stored = StoredModel {
        model: serde_json::to_string(&fitted.model).map_err(internal)?,
        topics: serde_json::to_string(&summaries).map_err(internal)?,
        item_count: item_count as i64,
        computed_at: Timestamp::now().0,
    };
    let assignments: Vec<TopicOf<'_>> = fitted
        .assignments
        .iter()
        .filter_map(|a| {
            a.topic.map(|t| TopicOf {
                kind: kind_name(a.key.kind),
                id: a.key.id,
                topic: i64::from(t.0),
            })
        })
        .collect();
    store.replace(space, &stored, &assignments).await?;
    Ok((summaries.len(), item_count))
}

/// The space's topics as lists show them, with staff's names; empty until
/// the first recompute. For any visitor of a space they may see.
pub async fn list(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<Vec<TopicSummary>, AppError> {
    let Some((raw, names)) = SpaceTopics::of(db, tenant).topic_list(space).await? else {
        return Ok(Vec::new());
    };
    let mut topics: Vec<TopicSummary> = serde_json::from_str(&raw).map_err(internal)?;
    let names: HashMap<i64, String> = names.into_iter().collect();
    for t in &mut topics {
        t.name = names.get(&t.id).cloned();
    }
    Ok(topics)
}

/// The topics of a space a visitor may see (404 otherwise), as lists show
/// them.
pub async fn list_public(db: &Platform, tenant: TenantId, space: SpaceId) -> Result<Vec<TopicSummary>, AppError> {
    Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    list(db, tenant, space).await
}

/// What staff see: every topic with its most central texts.
pub async fn overview(db: &Platform, tenant: TenantId, role: Role, space: SpaceId) -> Result<Overview, AppError> {
    let space = staff_space(db, tenant, role, space).await?;
    let store = SpaceTopics::of(db, tenant);
    let Some(stored) = store.model(space.id).await? else {
        return Ok(Overview {
            space,
            computed_at: None,
            item_count: 0,
            topics: Vec::new(),
        });
    };
    let model: TopicModel = serde_json::from_str(&stored.model).map_err(internal)?;
    let summaries = list(db, tenant, space.id).await?;
    // The texts named as examples, read once: a town's space holds
    // hundreds of them.
    let texts = store.texts(space.id, MAX_TEXTS).await?;
    let by_key: HashMap<(&str, i64), &SpaceText> = texts.iter().map(|t| ((t.kind.as_str(), t.id), t)).collect();
    let text_of = |key: &ItemKey| -> Option<TopicText> {
        let kind = kind_name(key.kind);
        by_key.get(&(kind, key.id)).map(|t| TopicText {
            kind,
            id: t.id,
            idea_id: t.idea_id,
            text: if t.title.is_empty() {
                t.body.clone()
            } else {
                t.title.clone()
            },
        })
    };
    let idea_counts = store.idea_counts(space.id).await?;
    let topics = summaries
        .into_iter()
        .map(|summary| {
            let topic = model.topic(civic_insight::TopicId(summary.id as u32));
            TopicDetail {
                representative: topic.and_then(|t| text_of(&t.representative)),
                examples: topic
                    .map(|t| {
                        t.examples
                            .iter()
                            .filter(|k| **k != t.representative)
                            .filter_map(text_of)
                            .collect()
                    })
                    .unwrap_or_default(),
                ideas: idea_counts.get(&summary.id).copied().unwrap_or(0),
                summary,
            }
        })
        .collect();
    Ok(Overview {
        space,
        computed_at: Some(stored.computed_at),
        item_count: stored.item_count,
        topics,
    })
}

/// Names a topic of the space (officials and administrators); an empty
/// name gives it back its words. 404 for a topic the space does not have;
/// 422 `name_too_long` past [`NAME_MAX`] characters.
pub async fn rename(
    db: &Platform,
    tenant: TenantId,
    actor: &Actor,
    staff: &Principal,
    space: SpaceId,
    topic: i64,
    name: &str,
) -> Result<(), AppError> {
    let space = staff_space(db, tenant, staff.role, space).await?;
    let name = name.trim();
    if name.chars().count() > NAME_MAX {
        return Err(Invalid::new(
            "name",
            "topic_name_too_long",
            format!("a topic's name is at most {NAME_MAX} characters"),
        )
        .into());
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::new("name", "topic_name_control", "a topic's name is one line of text").into());
    }
    if !list(db, tenant, space.id).await?.iter().any(|t| t.id == topic) {
        return Err(AppError::NotFound);
    }
    let tx = db.begin().await?;
    SpaceTopics::of(&tx, tenant)
        .rename(space.id, topic, (!name.is_empty()).then_some(name))
        .await?;
    audit::record(
        &tx,
        tenant,
        actor,
        audit::action::TOPIC_RENAMED,
        &format!("space {}: topic {topic}", space.id.0),
        name,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
