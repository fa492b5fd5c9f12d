//! Reading votes from a CSV file with columns `participant,comment,vote`.
//!
//! The header line is optional: the first line is taken as a header when its
//! third field is not an integer (e.g. `vote`). Fields are trimmed; blank
//! lines are skipped. Participant ids are kept as given (see
//! [`ParticipantId::parse`]); comment (statement) ids must be non-negative
//! integers; votes must be 1, -1 or 0.

use std::io::Read;

use crate::error::CsvError;
use crate::matrix::{VoteMatrix, VoteMatrixBuilder};

/// Reads a whole votes CSV into a [`VoteMatrix`]. The error names the 1-based
/// line and what is wrong with it, e.g. `line 17: vote must be 1, -1 or 0, got 5`.
pub fn read_votes_csv(input: impl Read) -> Result<VoteMatrix, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let mut builder = VoteMatrixBuilder::new();
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            CsvError {
                line,
                message: format!("cannot read CSV: {e}"),
            }
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let is_first = std::mem::take(&mut first);
        // Trimming here rather than with csv::Trim::All, which copies every
        // record and tripled the reading time of a 2M-vote file.
        if record.len() == 1 && record[0].trim_ascii().is_empty() {
            continue;
        }
        if record.len() != 3 {
            return Err(CsvError {
                line,
                message: format!("expected 3 columns participant,comment,vote, got {}", record.len()),
            });
        }
        let fields = [record[0].trim_ascii(), record[1].trim_ascii(), record[2].trim_ascii()];
        if is_first && parse_int(fields[2]).is_none() {
            continue; // header
        }
        let participant = std::str::from_utf8(fields[0]).map_err(|_| CsvError {
            line,
            message: "participant id is not valid UTF-8".into(),
        })?;
        if participant.is_empty() {
            return Err(CsvError {
                line,
                message: "participant id is empty".into(),
            });
        }
        let statement = std::str::from_utf8(fields[1])
            .ok()
            .and_then(|text| text.parse::<u64>().ok())
            .ok_or_else(|| CsvError {
                line,
                message: format!(
                    "comment must be a non-negative integer id, got {:?}",
                    String::from_utf8_lossy(fields[1])
                ),
            })?;
        let vote = match parse_int(fields[2]) {
            Some(v @ -1..=1) => v as i8,
            Some(v) => {
                return Err(CsvError {
                    line,
                    message: format!("vote must be 1, -1 or 0, got {v}"),
                });
            }
            None => {
                return Err(CsvError {
                    line,
                    message: format!("vote must be 1, -1 or 0, got {:?}", String::from_utf8_lossy(fields[2])),
                });
            }
        };
        builder.add_text_participant(participant, statement, vote);
    }
    Ok(builder.build())
}

/// Parses an optionally signed decimal integer of at most 18 digits (so it
/// cannot overflow); `None` for anything else.
fn parse_int(field: &[u8]) -> Option<i64> {
    let (negative, digits) = match field {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, field),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::ParticipantId;

    fn read(text: &str) -> Result<VoteMatrix, CsvError> {
        read_votes_csv(text.as_bytes())
    }

    #[test]
    fn header_is_optional() {
        let with = read("participant,comment,vote\n1,10,1\n2,10,-1\n").unwrap();
        let without = read("1,10,1\n2,10,-1\n").unwrap();
        assert_eq!(with.n_votes(), 2);
        assert_eq!(without.n_votes(), 2);
        assert_eq!(with.participants(), without.participants());
    }

    #[test]
    fn ids_are_kept_as_given() {
        let m = read("alice, 3, 1\n007,3,0\n12,4,-1\n\n").unwrap();
        assert_eq!(
            m.participants(),
            &[
                ParticipantId::Text("alice".into()),
                ParticipantId::Text("007".into()),
                ParticipantId::Int(12)
            ]
        );
        assert_eq!(m.statements(), &[3, 4]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = read("participant,comment,vote\n1,2,1\n1,3,5\n").unwrap_err();
        assert_eq!(err.to_string(), "line 3: vote must be 1, -1 or 0, got 5");
        let err = read("1,2,1\n1,x,1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: comment must be a non-negative integer id, got \"x\""
        );
        let err = read("1,2\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1: expected 3 columns participant,comment,vote, got 2"
        );
        let err = read("1,2,1\n1,3,yes\n").unwrap_err();
        assert_eq!(err.to_string(), "line 2: vote must be 1, -1 or 0, got \"yes\"");
        let err = read("1,2,1\n,3,1\n").unwrap_err();
        assert_eq!(err.to_string(), "line 2: participant id is empty");
        let err = read("1,-2,1\n").unwrap_err();
        assert!(err.to_string().starts_with("line 1: comment must be"));
    }

    #[test]
    fn empty_input_is_an_empty_matrix() {
        assert_eq!(read("").unwrap().n_votes(), 0);
        assert_eq!(read("participant,comment,vote\n").unwrap().n_votes(), 0);
    }
}
