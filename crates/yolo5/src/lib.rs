//! The YOLOv5 worker: loads the TorchScript model once and runs it on images.
//!
//! [`model`] is the only module that touches `tch`.

pub mod model;
