//! What the town asks residents now, for the home page: open polls,
//! conversations and debates, petitions collecting signatures and contests
//! taking entries or votes, each with when it stops asking.

/// One open question of the town.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Ask {
    /// `poll`, `conversation`, `debate`, `petition`, `contest-entries` or
    /// `contest-vote`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    /// When it stops taking part (exclusive, unix ms); `None`: no deadline.
    pub ends_at: Option<i64>,
}

impl Ask {
    /// The page of the thing asked about, under `/{tenant}`.
    pub fn path(&self) -> String {
        let what = match self.kind.as_str() {
            "poll" => "polls",
            "conversation" => "conversations",
            "debate" => "debates",
            "petition" => "petitions",
            _ => "contests",
        };
        format!("/{what}/{}", self.id)
    }
}

/// Soonest deadline first; those without a deadline last.
pub fn soonest_first(a: Option<i64>, b: Option<i64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_sort_soonest_first_and_none_last() {
        let mut v = vec![None, Some(5), Some(2), None, Some(9)];
        v.sort_by(|a, b| soonest_first(*a, *b));
        assert_eq!(v, vec![Some(2), Some(5), Some(9), None, None]);
    }
}
