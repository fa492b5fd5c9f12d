#![allow(dead_code)] // each test binary uses a different part

pub mod ari;
pub mod synthetic;
