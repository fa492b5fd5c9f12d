//! Conversations: staff ask a question with seed statements, residents add
//! statements and vote agree / disagree / pass, and opinion groups are
//! computed in the background by `civic-insight` — never on a request.

use crate::AppError;
use crate::Platform;
use crate::limits;
use civic_core::{Invalid, Role, SpaceId, TenantId, Timestamp, UserId};
use civic_insight::{OpinionResult, Params, VoteMatrixBuilder};
use civic_store::conversations::{self as store, ConversationRecord, Conversations, NewConversation, StatementRecord};
use std::collections::HashMap;
use std::time::Duration;

pub const STATEMENT_MAX: usize = 280;
const QUESTION_MAX: usize = 300;
const SEEDS_MAX: usize = 100;

/// Who may open a conversation and moderate statements.
pub fn may_manage(role: Role) -> bool {
    matches!(role, Role::Official | Role::Admin | Role::Moderator)
}

fn statement_text(raw: &str, field: &'static str) -> Result<String, Invalid> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = text.chars().count();
    if !(3..=STATEMENT_MAX).contains(&n) {
        return Err(Invalid::new(
            field,
            "invalid_statement",
            format!("a statement has 3 to {STATEMENT_MAX} characters"),
        ));
    }
    Ok(text)
}

pub struct NewConversationInput<'a> {
    pub question: &'a str,
    pub description: &'a str,
    /// "before" or "after".
    pub moderation: &'a str,
    /// One statement per line.
    pub seed_statements: &'a str,
}

/// The space a conversation is opened in: a draft being prepared or a
/// published one that has not ended, with conversations switched on. The
/// form and the opening both check it.
pub async fn opening_in(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
) -> Result<civic_core::spaces::Space, AppError> {
    crate::spaces::preparing_space(db, tenant, space, "conversations").await
}

/// Opens a conversation in a space (staff only).
pub async fn open(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    space: SpaceId,
    input: &NewConversationInput<'_>,
) -> Result<i64, AppError> {
    if !may_manage(role) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can open a conversation",
        ));
    }
    let space = opening_in(db, tenant, space).await?;
    let question = input.question.trim();
    let n = question.chars().count();
    if !(5..=QUESTION_MAX).contains(&n) {
        return Err(Invalid::new(
            "question",
            "invalid_question",
            format!("the question has 5 to {QUESTION_MAX} characters"),
        )
        .into());
    }
    let description = input.description.trim();
    if description.chars().count() > 5_000 {
        return Err(Invalid::new(
            "description",
            "invalid_description",
            "the description has at most 5,000 characters",
        )
        .into());
    }
    let moderation = match input.moderation {
        "before" | "after" => input.moderation,
        _ => {
            return Err(Invalid::new(
                "moderation",
                "invalid_moderation",
                "moderation is 'before' (statements wait for approval) or 'after'",
            )
            .into());
        }
    };
    let seeds = input
        .seed_statements
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| statement_text(l, "seed_statements"))
        .collect::<Result<Vec<_>, _>>()?;
    if seeds.len() > SEEDS_MAX {
        return Err(Invalid::new("seed_statements", "too_many_statements", "at most 100 seed statements").into());
    }
    Ok(Conversations::of(db, tenant)
        .create(&NewConversation {
            space: space.space_id(),
            question,
            description,
            moderation,
            seed_statements: &seeds,
        })
        .await?)
}

/// A conversation that can be read, or 404.
pub async fn get(db: &Platform, tenant: TenantId, id: i64) -> Result<ConversationRecord, AppError> {
    Conversations::of(db, tenant).get(id).await?.ok_or(AppError::NotFound)
}

fn closed() -> AppError {
    AppError::conflict("conversation_closed", "this conversation is closed")
}

/// Adds a resident's statement; it is published at once or waits for a
/// moderator, as the conversation says. Returns (id, published).
pub async fn add_statement(
    db: &Platform,
    tenant: TenantId,
    author: UserId,
    conversation: i64,
    body: &str,
) -> Result<(i64, bool), AppError> {
    let c = get(db, tenant, conversation).await?;
    if c.status != "open" {
        return Err(closed());
    }
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(c.space_id)).await?;
    crate::spaces::may_take_part(db, tenant, &space, author).await?;
    let text = statement_text(body, "body")?;
    limits::content(db, tenant, author).await?;
    let published = c.moderation == "after";
    let status = if published { "published" } else { "pending" };
    let id = Conversations::of(db, tenant)
        .add_statement(conversation, author, &text, status)
        .await?;
    Ok((id, published))
}

/// Publishes or rejects a statement (moderators, officials, admins).
pub async fn moderate(
    db: &Platform,
    tenant: TenantId,
    actor: &crate::audit::Actor,
    role: Role,
    conversation: i64,
    statement: i64,
    decision: &str,
) -> Result<(), AppError> {
    if !may_manage(role) {
        return Err(AppError::forbidden("moderators_only", "only moderators can do this"));
    }
    let tx = db.begin().await?;
    let db = &tx;
    let status = match decision {
        "publish" => "published",
        "reject" => "rejected",
        _ => return Err(Invalid::new("decision", "invalid_decision", "the decision is 'publish' or 'reject'").into()),
    };
    get(db, tenant, conversation).await?;
    if !Conversations::of(db, tenant)
        .set_statement_status(conversation, statement, status)
        .await?
    {
        return Err(AppError::NotFound);
    }
    let subject = format!("conversation {conversation}, statement {statement}");
    crate::audit::record(
        db,
        tenant,
        actor,
        crate::audit::action::STATEMENT_MODERATED,
        &subject,
        status,
    )
    .await?;
    tx.commit().await
}

/// Closes a conversation (no more votes or statements; the results stay)
/// or opens it again. Staff only; audited.
pub async fn set_status(
    db: &Platform,
    tenant: TenantId,
    actor: &crate::audit::Actor,
    role: Role,
    conversation: i64,
    status: &str,
) -> Result<(), AppError> {
    if !may_manage(role) {
        return Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can do this",
        ));
    }
    let tx = db.begin().await?;
    let db = &tx;
    if status != "open" && status != "closed" {
        return Err(Invalid::new(
            "status",
            "invalid_conversation_status",
            "the status is 'open' or 'closed'",
        )
        .into());
    }
    let c = get(db, tenant, conversation).await?;
    if c.status == status {
        return Ok(());
    }
    Conversations::of(db, tenant).set_status(conversation, status).await?;
    let subject = format!("conversation {conversation}");
    let detail = format!("{} → {status}", c.status);
    crate::audit::record(
        db,
        tenant,
        actor,
        crate::audit::action::CONVERSATION_STATUS,
        &subject,
        &detail,
    )
    .await?;
    tx.commit().await
}

/// Records a vote: 1 agree, -1 disagree, 0 pass. The last vote counts.
/// True when it is the person's first vote on this statement.
pub async fn vote(
    db: &Platform,
    tenant: TenantId,
    user: UserId,
    conversation: i64,
    statement: i64,
    vote: i64,
) -> Result<bool, AppError> {
    let vote = civic_insight::check_vote(vote)
        .map_err(|_| Invalid::new("vote", "invalid_vote", "a vote is 1 (agree), -1 (disagree) or 0 (pass)"))?;
    let c = get(db, tenant, conversation).await?;
    if c.status != "open" {
        return Err(closed());
    }
    let space = crate::spaces::open_public_space(db, tenant, SpaceId(c.space_id)).await?;
    crate::spaces::may_take_part(db, tenant, &space, user).await?;
    let conversations = Conversations::of(db, tenant);
    if !conversations.published_statement(conversation, statement).await? {
        return Err(Invalid::new(
            "statement_id",
            "unknown_statement",
            "there is no such statement in this conversation",
        )
        .into());
    }
    Ok(conversations
        .vote(conversation, statement, user, vote, Timestamp::now())
        .await?)
}

/// A conversation's page: the conversation, the statement to offer `user`
/// next and how many they have left.
pub async fn page(
    db: &Platform,
    tenant: TenantId,
    conversation: i64,
    user: Option<UserId>,
) -> Result<(ConversationRecord, Option<StatementRecord>, i64), AppError> {
    let c = get(db, tenant, conversation).await?;
    let (next, left) = Conversations::of(db, tenant).next_statement(c.id, user).await?;
    Ok((c, next, left))
}

/// The conversations of a space visitors may see (404 when they may not).
pub async fn in_public_space(
    db: &Platform,
    tenant: TenantId,
    space: SpaceId,
) -> Result<Vec<ConversationRecord>, AppError> {
    civic_store::spaces::Spaces::of(db, tenant)
        .get_public(space)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Conversations::of(db, tenant).in_space(space).await?)
}

fn staff_only(role: Role) -> Result<(), AppError> {
    if may_manage(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "staff_only",
            "only the municipality's staff can do this",
        ))
    }
}

/// What a moderator sees: the statements waiting, published and rejected.
pub struct ModerationQueue {
    pub conversation: ConversationRecord,
    pub pending: Vec<StatementRecord>,
    pub published: Vec<StatementRecord>,
    pub rejected: Vec<StatementRecord>,
}

/// The moderation queue of a conversation (staff only).
pub async fn moderation_queue(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    conversation: i64,
) -> Result<ModerationQueue, AppError> {
    staff_only(role)?;
    let conversation = get(db, tenant, conversation).await?;
    let store = Conversations::of(db, tenant);
    Ok(ModerationQueue {
        pending: store.statements(conversation.id, "pending").await?,
        published: store.statements(conversation.id, "published").await?,
        rejected: store.statements(conversation.id, "rejected").await?,
        conversation,
    })
}

/// The votes as CSV for analysts (staff only), in the format
/// `civicspace insight opinion --votes` reads: `participant,comment,vote`.
/// Participants are numbered 1, 2, … in this file only; no account id or
/// name leaves the platform.
pub async fn votes_csv(
    db: &Platform,
    tenant: TenantId,
    role: Role,
    conversation: i64,
) -> Result<(ConversationRecord, String), AppError> {
    staff_only(role)?;
    let c = get(db, tenant, conversation).await?;
    let votes = Conversations::of(db, tenant).votes(c.id).await?;
    Ok((c, votes_to_csv(&votes)))
}

fn votes_to_csv(votes: &[(i64, i64, i64)]) -> String {
    let mut pseudonyms: std::collections::BTreeMap<i64, usize> = votes.iter().map(|(u, _, _)| (*u, 0)).collect();
    for (n, number) in pseudonyms.values_mut().enumerate() {
        *number = n + 1;
    }
    let mut rows: Vec<(usize, i64, i64)> = votes.iter().map(|(u, s, v)| (pseudonyms[u], *s, *v)).collect();
    rows.sort_unstable();
    let mut out = String::from("participant,comment,vote\n");
    for (p, s, v) in rows {
        out.push_str(&format!("{p},{s},{v}\n"));
    }
    out
}

/// The next statement to offer and how many the person has left.
pub async fn next(
    db: &Platform,
    tenant: TenantId,
    conversation: i64,
    user: Option<UserId>,
) -> Result<(Option<StatementRecord>, i64), AppError> {
    get(db, tenant, conversation).await?;
    Ok(Conversations::of(db, tenant).next_statement(conversation, user).await?)
}

/// A statement as results show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatementView {
    pub id: i64,
    pub body: String,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RepresentativeView {
    pub statement: StatementView,
    /// "agree" or "disagree": how this group leans compared with the rest.
    pub direction: String,
    /// Share of the group voting that way (0–1).
    pub group_share: f64,
    pub rest_share: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GroupView {
    pub id: usize,
    pub size: usize,
    pub x: f64,
    pub y: f64,
    pub representative: Vec<RepresentativeView>,
}

/// A participant on the map, anonymous.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PointView {
    pub x: f64,
    pub y: f64,
    pub group: Option<usize>,
}

/// What anyone may read about a conversation's opinion groups.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Results {
    pub conversation_id: i64,
    pub question: String,
    /// When the groups were last computed (ms); `None` until the first run.
    pub computed_at: Option<i64>,
    /// True while newer votes wait for the next computation.
    pub pending: bool,
    pub participants: usize,
    pub grouped: usize,
    pub votes: usize,
    pub groups: Vec<GroupView>,
    pub consensus_agree: Vec<StatementView>,
    pub consensus_disagree: Vec<StatementView>,
    pub divisive: Vec<StatementView>,
    pub statements: Vec<StatementView>,
    pub points: Vec<PointView>,
}

/// The last computed result, with statement texts, for pages and the API.
pub async fn results(db: &Platform, tenant: TenantId, conversation: i64) -> Result<Results, AppError> {
    let c = get(db, tenant, conversation).await?;
    let conversations = Conversations::of(db, tenant);
    let texts: HashMap<i64, String> = conversations
        .statements(conversation, "published")
        .await?
        .into_iter()
        .map(|s| (s.id, s.body))
        .collect();
    let stored = conversations.result(conversation).await?;
    let parsed: Option<(OpinionResult, i64)> =
        stored.and_then(|(json, at)| serde_json::from_str::<OpinionResult>(&json).ok().map(|r| (r, at)));
    let pending = c.result_version.is_none_or(|v| v < c.votes_version);
    let Some((result, computed_at)) = parsed else {
        return Ok(Results {
            conversation_id: c.id,
            question: c.question,
            computed_at: None,
            pending: true,
            participants: 0,
            grouped: 0,
            votes: 0,
            groups: Vec::new(),
            consensus_agree: Vec::new(),
            consensus_disagree: Vec::new(),
            divisive: Vec::new(),
            statements: texts
                .iter()
                .map(|(id, body)| StatementView {
                    id: *id,
                    body: body.clone(),
                    agree: 0,
                    disagree: 0,
                    pass: 0,
                })
                .collect(),
            points: Vec::new(),
        });
    };
    let counts: HashMap<u64, &civic_insight::StatementSummary> = result.statements.iter().map(|s| (s.id, s)).collect();
    // Statements rejected since the computation are left out.
    let view = |id: u64| -> Option<StatementView> {
        let body = texts.get(&(id as i64))?;
        let c = counts.get(&id);
        Some(StatementView {
            id: id as i64,
            body: body.clone(),
            agree: c.map_or(0, |c| c.agree),
            disagree: c.map_or(0, |c| c.disagree),
            pass: c.map_or(0, |c| c.pass),
        })
    };
    let mut statements: Vec<StatementView> = texts.keys().filter_map(|id| view(*id as u64)).collect();
    statements.sort_by_key(|s| s.id);
    Ok(Results {
        conversation_id: c.id,
        question: c.question,
        computed_at: Some(computed_at),
        pending,
        participants: result.n_participants,
        grouped: result.n_grouped,
        votes: result.n_votes,
        groups: result
            .groups
            .iter()
            .map(|g| GroupView {
                id: g.id,
                size: g.size,
                x: g.x,
                y: g.y,
                representative: g
                    .representative_details
                    .iter()
                    .filter_map(|r| {
                        Some(RepresentativeView {
                            statement: view(r.statement)?,
                            direction: match r.direction {
                                civic_insight::Direction::Agree => "agree".into(),
                                civic_insight::Direction::Disagree => "disagree".into(),
                            },
                            group_share: r.group_share,
                            rest_share: r.rest_share,
                        })
                    })
                    .collect(),
            })
            .collect(),
        consensus_agree: result.consensus.agree.iter().filter_map(|id| view(*id)).collect(),
        consensus_disagree: result.consensus.disagree.iter().filter_map(|id| view(*id)).collect(),
        divisive: result.divisive.iter().filter_map(|id| view(*id)).collect(),
        statements,
        points: result
            .participants
            .iter()
            .filter(|p| p.x.is_finite() && p.y.is_finite())
            .map(|p| PointView {
                x: p.x,
                y: p.y,
                group: p.group,
            })
            .collect(),
    })
}

/// Computes one conversation's groups from its votes and stores them.
pub async fn recompute(db: &Platform, tenant: TenantId, conversation: i64, version: i64) -> Result<(), AppError> {
    let votes = Conversations::of(db, tenant).votes(conversation).await?;
    let json = tokio::task::spawn_blocking(move || analyse_votes(&votes))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?;
    Conversations::of(db, tenant)
        .store_result(conversation, version, &json)
        .await?;
    Ok(())
}

/// The engine's result as JSON; an empty result when it cannot compute
/// (no votes yet), so the conversation is not retried forever.
fn analyse_votes(votes: &[(i64, i64, i64)]) -> String {
    let mut builder = VoteMatrixBuilder::new();
    for (user, statement, vote) in votes {
        // Stored votes were checked on the way in; skip anything odd.
        if let Ok(v) = civic_insight::check_vote(*vote) {
            let _ = builder.add(*user as u64, *statement as u64, v);
        }
    }
    let matrix = builder.build();
    let result = civic_insight::analyse(&matrix, &Params::default())
        .ok()
        .filter(OpinionResult::is_finite);
    match result {
        Some(r) => serde_json::to_string(&r).unwrap_or_else(|_| "null".into()),
        None => "null".into(),
    }
}

/// Keeps results fresh: every two seconds, recomputes conversations whose
/// votes changed since their last result, until `stop` turns true.
pub async fn run_recompute(db: Platform, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        match store::stale(&db, 20).await {
            Ok(stale) => {
                for c in stale {
                    if let Err(e) = recompute(&db, TenantId(c.tenant_id), c.id, c.votes_version).await {
                        tracing::warn!(conversation = c.id, error = %e, "could not compute opinion groups");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not look for conversations to compute"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            _ = stop.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn votes_csv_numbers_participants_in_order() {
        let csv = super::votes_to_csv(&[(42, 7, 1), (9, 7, -1), (42, 8, 0)]);
        assert_eq!(csv, "participant,comment,vote\n1,7,-1\n2,7,1\n2,8,0\n");
        // The file reads back in the engine's CSV reader.
        let matrix = civic_insight::read_votes_csv(csv.as_bytes()).unwrap();
        assert_eq!(matrix.n_votes(), 3);
    }
}
