//! Screens every word of one or more dictionaries (one word a line; hunspell
//! `word/FLAGS` lines are cut at the slash) and prints, for each list entry
//! that fires, how many words it caught and some of them: the innocent ones
//! are Scunthorpe problems to fix in the list (a narrower stem, whole words,
//! an exception). With `--lists UK.txt EN.txt` it checks those lists
//! instead of the shipped ones.
//!
//! Usage: cargo run --release -p civic-core --example screening_list_check -- \
//!            [--lists UK.txt EN.txt] DICTIONARY...
//! On Debian: /usr/share/dict/american-english (wamerican), and the
//! Ukrainian forms from `unmunch /usr/share/hunspell/uk_UA.dic
//! /usr/share/hunspell/uk_UA.aff` (hunspell-uk, hunspell-tools).

use std::collections::BTreeMap;

use civic_core::screening::{PostingContext, Screening, ScreeningConfig, Signal, WordList};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut config = ScreeningConfig::default();
    if args.first().map(String::as_str) == Some("--lists") && args.len() >= 3 {
        let read = |path: &str| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            WordList::parse(&text).unwrap_or_else(|e| panic!("{path}: {}", e.message))
        };
        config.words_uk = read(&args[1]);
        config.words_en = read(&args[2]);
        args.drain(..3);
    }
    let screening = Screening::new(config).expect("settings");
    let context = PostingContext::new(24 * 365, true);
    for path in args {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut caught: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        let mut words = 0;
        for word in text.lines().filter_map(|l| l.split('/').next()).map(str::trim) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            for fired in screening.screen(word, &context).signals {
                if let Signal::BlockedWord { entry, category, .. } = fired.signal {
                    caught
                        .entry(format!("{entry} ({})", category.as_str()))
                        .or_default()
                        .push(word);
                }
            }
        }
        println!("== {path}: {words} words, {} entries fired", caught.len());
        for (entry, words) in caught {
            println!("{entry}: {} {:?}", words.len(), &words[..words.len().min(12)]);
        }
    }
}
