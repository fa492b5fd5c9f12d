//! Row identifiers. Each kind of row has its own type so an idea id can never
//! be passed where a space id is expected.

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        /// A positive integer, from JSON or a URL segment; anything else is
        /// refused (a path id that does not parse is answered 404).
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let n = i64::deserialize(d)?;
                if n > 0 {
                    Ok($name(n))
                } else {
                    Err(serde::de::Error::custom("an id is a positive integer"))
                }
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> Self {
                $name(n)
            }
        }

        impl $name {
            /// Parses an id from a URL segment. Anything but a positive
            /// integer is `None`, which the web layer answers with 404.
            pub fn parse(segment: &str) -> Option<Self> {
                if segment.is_empty() || segment.len() > 18 || !segment.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                segment.parse::<i64>().ok().filter(|n| *n > 0).map($name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A municipality hosted on the platform.
    TenantId
);
id_type!(
    /// A participatory space inside a tenant.
    SpaceId
);
id_type!(
    /// An idea posted in a space.
    IdeaId
);
id_type!(
    /// A comment on an idea.
    CommentId
);
id_type!(
    /// An account of a tenant.
    UserId
);
id_type!(
    /// A poll or survey in a space.
    PollId
);
id_type!(
    /// An opinion conversation in a space.
    ConversationId
);
id_type!(
    /// A statement of a conversation.
    StatementId
);
id_type!(
    /// A notification in a person's list.
    NotificationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_positive_integers() {
        assert_eq!(IdeaId::parse("42"), Some(IdeaId(42)));
        for bad in ["", "0", "-1", "1e3", "abc", "12a", " 1", "99999999999999999999", "+5"] {
            assert_eq!(IdeaId::parse(bad), None, "{bad:?} must not parse");
        }
    }
}
