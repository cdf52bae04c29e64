//! Object detection on decoded images: letterbox, forward, NMS, boxes back in image pixels.
//!
//! [`Detector`] is what the worker and the CLI use; [`YoloDetector`] is the real one.

use std::path::{Path, PathBuf};

use image::RgbImage;
use tch::{Device, Tensor};

use crate::{
    letterbox::{Letterbox, letterbox_into},
    model::{Model, ModelError},
    postprocess::{Detection, Thresholds, non_max_suppression, scale_to_original},
};

/// Finds objects in images.
pub trait Detector: Send + Sync + 'static {
    /// The detections of each image, most confident first. All images run as one batch.
    fn detect(&self, images: &[&RgbImage]) -> Result<Vec<Vec<Detection>>, ModelError>;

    /// Class names by class id.
    fn names(&self) -> &[String];

    /// The model's name, recorded with each prediction.
    fn model_name(&self) -> &str;
}

/// Where the model runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DeviceChoice {
    /// The CPU.
    #[default]
    Cpu,
    /// The first CUDA GPU when one is usable, else the CPU.
    Auto,
}

impl DeviceChoice {
    fn device(self) -> Device {
        match self {
            Self::Cpu => Device::Cpu,
            Self::Auto => Device::cuda_if_available(),
        }
    }
}

/// How to load and run the model.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectorSettings {
    /// The TorchScript file exported by YOLOv5.
    pub model: PathBuf,
    /// Where it runs.
    pub device: DeviceChoice,
    /// Confidence, IoU, detections per image, class filter.
    pub thresholds: Thresholds,
    /// The input side; must be the one the model was traced at, which is the default.
    pub imgsz: Option<u32>,
}

/// YOLOv5 through TorchScript, with YOLOv5's own pre- and post-processing.
#[derive(Debug)]
pub struct YoloDetector {
    model: Model,
    model_name: String,
    thresholds: Thresholds,
}

impl YoloDetector {
    /// Loads the model once.
    pub fn load(settings: &DetectorSettings) -> Result<Self, ModelError> {
        let model = Model::load(&settings.model, settings.device.device())?;
        if let Some(imgsz) = settings.imgsz
            && imgsz != model.input_size()
        {
            return Err(ModelError::Metadata {
                path: settings.model.clone(),
                message: format!("it was exported for {0}×{0} input, not {imgsz}", model.input_size()),
            });
        }
        let model_name = file_name(&settings.model);
        Ok(Self { model, model_name, thresholds: settings.thresholds.clone() })
    }

    /// The side of the square input.
    pub fn input_size(&self) -> u32 {
        self.model.input_size()
    }

    /// The thresholds in use.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// The letterboxed batch `[N, 3, size, size]`, channels-last in memory, and each image's letterbox.
    pub fn prepare(&self, images: &[&RgbImage]) -> (Tensor, Vec<Letterbox>) {
        let size = self.input_size();
        let per_image = (size * size) as usize * 3;
        let mut input = vec![0.0f32; per_image * images.len()];
        let letterboxes = images
            .iter()
            .zip(input.chunks_exact_mut(per_image))
            .map(|(image, out)| {
                let letterbox = Letterbox::new(image.width(), image.height(), size);
                letterbox_into(image.as_raw(), image.width(), image.height(), &letterbox, out);
                letterbox
            })
            .collect();
        // NHWC data seen as NCHW: the strides of PyTorch's `channels_last` memory format.
        let side = i64::from(size);
        let batch =
            Tensor::from_slice(&input).view([images.len() as i64, side, side, 3]).permute([0, 3, 1, 2]);
        (batch, letterboxes)
    }

    /// The forward pass alone, for benchmarks: `[N, boxes, 5 + classes]`.
    pub fn forward(&self, batch: &Tensor) -> Result<Tensor, ModelError> {
        self.model.forward(batch)
    }
}

impl Detector for YoloDetector {
    fn detect(&self, images: &[&RgbImage]) -> Result<Vec<Vec<Detection>>, ModelError> {
        if images.is_empty() {
            return Ok(Vec::new());
        }
        let (batch, letterboxes) = self.prepare(images);
        let output = self.model.forward(&batch)?.to_device(Device::Cpu).contiguous();
        let row_len = *output.size().last().expect("three dimensions") as usize;
        let values = Vec::<f32>::try_from(output.view(-1))?;
        let per_image = values.len() / images.len();
        Ok(values
            .chunks_exact(per_image)
            .zip(images.iter().zip(&letterboxes))
            .map(|(rows, (image, letterbox))| {
                let mut detections = non_max_suppression(rows, row_len, &self.thresholds);
                scale_to_original(&mut detections, letterbox, image.width(), image.height());
                detections
            })
            .collect())
    }

    fn names(&self) -> &[String] {
        self.model.names()
    }

    fn model_name(&self) -> &str {
        &self.model_name
    }
}

/// The last part of a path, for labels and reports; the whole path when it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}
