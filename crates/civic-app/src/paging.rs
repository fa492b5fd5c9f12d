//! Lists come a page at a time, with an opaque cursor to the next page.

use crate::AppError;

/// One page of a list and where the next one starts.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// `items` fetched with one more than `size`: the extra one tells that
    /// another page follows, and `cursor` makes its cursor from the last
    /// item kept.
    pub fn of(mut items: Vec<T>, size: u32, cursor: impl Fn(&T) -> String) -> Page<T> {
        let next_cursor = if items.len() > size as usize {
            items.truncate(size as usize);
            items.last().map(cursor)
        } else {
            None
        };
        Page { items, next_cursor }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// A cursor we did not make (or made for another list).
pub fn bad_cursor() -> AppError {
    AppError::BadRequest("this page link is not valid; use the link to the next page as given".into())
}

/// A query value as given: trimmed, and `None` when empty.
pub fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}
