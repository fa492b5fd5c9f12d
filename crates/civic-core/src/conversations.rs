//! Conversations: a question, short statements by citizens and the city,
//! and agree / disagree / pass votes from which opinion groups are found.

/// A conversation as stored, with its counts and the version of its last
/// computed result.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Conversation {
    pub id: i64,
    pub space_id: i64,
    pub question: String,
    pub description: String,
    pub status: String,
    pub moderation: String,
    pub created_at: i64,
    pub votes_version: i64,
    pub result_version: Option<i64>,
    pub result_computed_at: Option<i64>,
    pub statement_count: i64,
}

/// One statement of a conversation.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Statement {
    pub id: i64,
    pub body: String,
    pub status: String,
    pub is_seed: i64,
    pub vote_count: i64,
    pub created_at: i64,
}
