#![allow(dead_code)] // each test binary uses a different part

pub mod agreement;
pub mod ari;
pub mod synthetic;
pub mod topics_data;
