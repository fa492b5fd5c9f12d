#![allow(dead_code)] // each benchmark uses a part
//! Argument and timing helpers shared by the text benchmarks.

use std::time::Instant;

/// The number after `name`, or `default`; a bad number ends the program
/// with a message (exit 2).
pub fn arg(args: &[String], name: &str, default: usize) -> usize {
    match args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)) {
        None => default,
        Some(v) => v.parse().unwrap_or_else(|_| {
            eprintln!("bad value for {name}: {v}");
            std::process::exit(2)
        }),
    }
}

pub fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
