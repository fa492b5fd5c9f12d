//! Fingerprints to count copies of a text cheaply.
//!
//! A 64-bit SimHash over the pairs of consecutive words of the text, the
//! words folded as blocked words are (case, accents, look-alike letters,
//! stretched letters), numbers and links' digits left out. Two texts that
//! differ by a few words have fingerprints a few bits apart, so the
//! platform stores one integer per item and counts, among the recent items
//! it loads, those within `NEAR_BITS` (`count_near`: a popcount each, so
//! 10,000 recent items cost microseconds).

use serde::{Deserialize, Serialize};

use super::fold;

/// A text's fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub u64);

/// Texts of fewer words are not fingerprinted: "Підтримую!" is said by
/// many people in their own right.
pub const MIN_WORDS: usize = 8;
/// Fingerprints at most this many bits apart are of nearly the same text.
/// Unrelated texts differ by 32 bits give or take 4; on the test corpus,
/// copies with small edits were at most 9 bits apart and unrelated texts at
/// least 14 (tests/screening/main.rs measures both).
pub const NEAR_BITS: u32 = 11;

/// FNV-1a and a SplitMix64 finish: stable across Rust versions and
/// platforms (fingerprints are stored), unlike `std`'s hasher, and every
/// bit well mixed, which SimHash needs.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

fn finish(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// `hash` of "a b" without building the string.
fn hash_pair(a: &str, b: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in a.as_bytes().iter().chain(b" ").chain(b.as_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finish(h)
}

impl Fingerprint {
    /// The fingerprint of `text`, or `None` when it has fewer than
    /// `MIN_WORDS` words.
    pub fn of(text: &str) -> Option<Fingerprint> {
        let words: Vec<String> = fold::tokens(text)
            .into_iter()
            .filter(|t| !t.joined)
            .filter_map(|t| t.skeletons.into_iter().next())
            .map(|s| s.key.chars().filter(|c| !c.is_ascii_digit()).collect::<String>())
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        // Words and pairs of words: the pairs tell the order, the words keep
        // a copy with a word cut or swapped close.
        let mut shingles: Vec<u64> = words
            .iter()
            .map(|w| hash(w.as_bytes()))
            .chain(words.windows(2).map(|pair| hash_pair(&pair[0], &pair[1])))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        let mut votes = [0i32; 64];
        for h in &shingles {
            for (bit, vote) in votes.iter_mut().enumerate() {
                *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let bits = votes
            .iter()
            .enumerate()
            .fold(0u64, |acc, (bit, &v)| if v > 0 { acc | 1 << bit } else { acc });
        Some(Fingerprint(bits))
    }

    /// How many bits two fingerprints differ by.
    pub fn distance(self, other: Fingerprint) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// Whether two fingerprints are of nearly the same text.
    pub fn is_near(self, other: Fingerprint) -> bool {
        self.distance(other) <= NEAR_BITS
    }

    /// As a signed integer, for a database column.
    pub fn to_i64(self) -> i64 {
        self.0 as i64
    }

    pub fn from_i64(v: i64) -> Fingerprint {
        Fingerprint(v as u64)
    }
}

/// How many of `recent` are nearly `text` (the caller's helper to fill
/// `PostingContext`; `None` entries, texts too short, never count).
pub fn count_near(of: Option<Fingerprint>, recent: impl IntoIterator<Item = Option<Fingerprint>>) -> u32 {
    let Some(of) = of else { return 0 };
    recent.into_iter().flatten().filter(|f| f.is_near(of)).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAMPAIGN: &str = "Вимагаємо негайно зупинити вирубку дерев у сквері на вулиці Лесі Українки \
                            та провести громадські слухання щодо забудови";

    #[test]
    fn copies_with_small_edits_are_near() {
        let a = Fingerprint::of(CAMPAIGN).unwrap();
        for copy in [
            CAMPAIGN.to_uppercase(),
            CAMPAIGN.replace("Вимагаємо", "ВИМАГАЄМО!!!"),
            CAMPAIGN.replace("сквері", "cквері").replace("вулиці", "вулицi"), // Latin c, i
            format!("{CAMPAIGN}!!!"),
            CAMPAIGN.replace("негайно ", ""),
        ] {
            let b = Fingerprint::of(&copy).unwrap();
            assert!(a.is_near(b), "{copy}: {} bits", a.distance(b));
        }
    }

    #[test]
    fn different_texts_are_far() {
        let a = Fingerprint::of(CAMPAIGN).unwrap();
        let b = Fingerprint::of(
            "Пропоную встановити лавки та урни вздовж набережної і відремонтувати освітлення біля школи номер п'ять",
        )
        .unwrap();
        assert!(!a.is_near(b), "{} bits", a.distance(b));
    }

    #[test]
    fn short_texts_have_none() {
        assert_eq!(Fingerprint::of("Підтримую! Чудова ідея, дякую"), None);
        assert_eq!(count_near(None, [Fingerprint::of(CAMPAIGN)]), 0);
        let f = Fingerprint::of(CAMPAIGN);
        assert_eq!(count_near(f, [f, None, f]), 2);
    }

    #[test]
    fn stable_and_storable() {
        let f = Fingerprint::of(CAMPAIGN).unwrap();
        assert_eq!(Fingerprint::from_i64(f.to_i64()), f);
        // Stored fingerprints must not change across versions or machines.
        assert_eq!(hash(b"a b"), 15_328_600_243_170_313_635);
        assert_eq!(hash_pair("a", "b"), hash(b"a b"));
        assert_eq!(f.0, 16_530_939_125_855_892_394);
    }
}
