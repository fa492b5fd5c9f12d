//! What the domain refuses: one value ([`Invalid`]), every problem of a form
//! at once ([`Problems`]), and stored text that is not a value we know
//! ([`UnknownValue`]).

/// A value a person typed that the domain refuses. The message is for people
/// (English; the web layer maps `code` to a localised message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    /// Stable snake_case code, the key of a localised message.
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field,
            code,
            message: message.into(),
        }
    }

    /// The same problem reported against another field (a form names its
    /// fields differently from the rule that checked them).
    pub fn at(self, field: &'static str) -> Self {
        Invalid { field, ..self }
    }
}

/// Every problem of one input, so that a form can list them all at once.
/// Never empty once returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<Invalid>);

impl Problems {
    pub fn new() -> Self {
        Problems(Vec::new())
    }

    /// The value of a check that passed; a failed one is noted and `None`.
    pub fn check<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.0.push(problem);
                None
            }
        }
    }

    pub fn push(&mut self, problem: Invalid) {
        self.0.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was noted, else every problem.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Problems> {
        if self.0.is_empty() { Ok(value()) } else { Err(self) }
    }

    /// The first problem (the one an API answer names in its `code`).
    pub fn first(&self) -> Option<&Invalid> {
        self.0.first()
    }

    /// The first problem, owned (for a form that shows one at a time).
    pub fn into_first(self) -> Invalid {
        self.0
            .into_iter()
            .next()
            .unwrap_or_else(|| Invalid::new("", "invalid", "the input was refused"))
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Invalid> {
        self.0.iter()
    }

    /// The problem noted for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&Invalid> {
        self.0.iter().find(|p| p.field == field)
    }
}

impl From<Invalid> for Problems {
    fn from(problem: Invalid) -> Self {
        Problems(vec![problem])
    }
}

impl IntoIterator for Problems {
    type Item = Invalid;
    type IntoIter = std::vec::IntoIter<Invalid>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let all: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&all.join("; "))
    }
}

impl std::error::Error for Problems {}

/// Text read from the database that is not one of a type's values: a row
/// this version did not write. Decoding fails rather than guess.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {value:?} is not a known value")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// `TryFrom<String>` for an enum stored as its text, through its parser
/// (for `#[sqlx(try_from = "String")]` in the store).
#[macro_export]
macro_rules! stored_as_text {
    ($type:ty, $kind:literal, $parse:expr) => {
        impl TryFrom<String> for $type {
            type Error = $crate::UnknownValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                let parse: fn(&str) -> Option<$type> = $parse;
                parse(&value).ok_or($crate::UnknownValue { kind: $kind, value })
            }
        }

        // A column of this type is its text: decoded through the parser
        // (a value we do not know fails the row), bound as its text.
        #[cfg(feature = "sqlx")]
        impl<DB: sqlx::Database> sqlx::Type<DB> for $type
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $type
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                Ok(<$type>::try_from(text)?)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $type
        where
            String: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, DB>>::encode(self.as_str().to_string(), buf)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_collect_every_failed_check() {
        let mut problems = Problems::new();
        let ok: Option<i32> = problems.check(Ok(1));
        let bad: Option<i32> = problems.check(Err(Invalid::new("title", "too_short", "short")));
        problems.check::<()>(Err(Invalid::new("body", "empty", "empty")));
        assert_eq!((ok, bad), (Some(1), None));
        assert_eq!(problems.first().unwrap().field, "title");
        assert_eq!(problems.for_field("body").unwrap().code, "empty");
        assert!(problems.into_result(|| ()).is_err());
        assert_eq!(Problems::new().into_result(|| 5), Ok(5));
    }
}
