#![allow(dead_code)] // each test binary uses a different part

pub mod agreement;
pub mod ari;
pub mod duplicates_data;
pub mod synthetic;
pub mod topics_data;
