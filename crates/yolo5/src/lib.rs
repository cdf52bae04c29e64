//! The YOLOv5 worker: detects objects in photos with YOLOv5's own pre- and post-processing on a
//! TorchScript model.
//!
//! - [`image`] decodes what users send, [`video`] reads a few frames a second of their videos; [`letterbox`] and [`postprocess`] are YOLOv5's steps as pure
//!   functions; [`model`] runs the TorchScript module; [`detector`] puts them together (and, besides
//!   [`model`], is the only module that touches tensors); [`annotate`] draws the result.
//! - [`worker`] is the SQS worker (`yolo5 serve`); [`cli`] is the `yolo5` command and [`detect`] its
//!   `detect`. The speed figures are a crate of their own, `yolo5-bench`.

pub mod annotate;
pub mod cli;
pub mod detect;
pub mod detector;
pub mod image;
pub mod inference;
pub mod letterbox;
pub mod model;
pub mod postprocess;
pub mod video;
pub mod worker;
