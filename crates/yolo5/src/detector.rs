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

/// How images are letterboxed into the model's input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LetterboxMode {
    /// As YOLOv5's `detect.py` does for the model: the rectangle when it takes any size (the committed
    /// export, `tools/export-model`'s), the square when it takes only that (YOLOv5's own export).
    #[default]
    Auto,
    /// `detect.py`'s `size × size` square (`auto=False`).
    Square,
    /// `detect.py`'s smallest stride-multiple rectangle around the scaled image (`auto=True`): fewer
    /// pixels, so a faster forward pass. Needs a model that takes any size.
    Rect,
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
    /// The square, the rectangle, or whichever the model takes.
    pub letterbox: LetterboxMode,
}

/// YOLOv5 through TorchScript, with YOLOv5's own pre- and post-processing.
#[derive(Debug)]
pub struct YoloDetector {
    model: Model,
    model_name: String,
    thresholds: Thresholds,
    rect: bool,
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
        let rect = match settings.letterbox {
            LetterboxMode::Square => false,
            LetterboxMode::Auto => model.takes_any_size(),
            LetterboxMode::Rect if model.takes_any_size() => true,
            LetterboxMode::Rect => {
                return Err(ModelError::FixedSize { path: settings.model.clone(), size: model.input_size() });
            }
        };
        let model_name = file_name(&settings.model);
        Ok(Self { model, model_name, thresholds: settings.thresholds.clone(), rect })
    }

    /// The side of the square input, and the long side of the rectangles.
    pub fn input_size(&self) -> u32 {
        self.model.input_size()
    }

    /// Whether images are letterboxed to rectangles rather than the square.
    pub fn rect(&self) -> bool {
        self.rect
    }

    /// The letterbox in use, in words: `rect` or `square`.
    pub fn letterbox_name(&self) -> &'static str {
        if self.rect { "rect" } else { "square" }
    }

    /// Where an image goes in the model's input: the square, or detect.py's rectangle.
    pub fn letterbox(&self, image: &RgbImage) -> Letterbox {
        let (width, height, size) = (image.width(), image.height(), self.input_size());
        if self.rect {
            Letterbox::auto(width, height, size, self.model.stride())
        } else {
            Letterbox::square(width, height, size)
        }
    }

    /// The thresholds in use.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// The letterboxed batch `[N, 3, H, W]`, channels-last in memory.
    ///
    /// # Panics
    /// If the images' letterboxes differ in input size (rectangles of different shapes), or there are none.
    pub fn prepare(&self, images: &[&RgbImage]) -> Tensor {
        let letterboxes: Vec<_> = images.iter().map(|image| self.letterbox(image)).collect();
        batch(images, &letterboxes)
    }

    /// The forward pass alone, for benchmarks: `[N, boxes, 5 + classes]`.
    pub fn forward(&self, batch: &Tensor) -> Result<Tensor, ModelError> {
        self.model.forward(batch)
    }
}

impl Detector for YoloDetector {
    fn detect(&self, images: &[&RgbImage]) -> Result<Vec<Vec<Detection>>, ModelError> {
        let letterboxes: Vec<_> = images.iter().map(|image| self.letterbox(image)).collect();
        // Images of one input size run as one batch: the square is one, rectangles a few.
        let mut sizes: Vec<((u32, u32), Vec<usize>)> = Vec::new();
        for (i, letterbox) in letterboxes.iter().enumerate() {
            let size = (letterbox.input_width, letterbox.input_height);
            match sizes.iter_mut().find(|(s, _)| *s == size) {
                Some((_, members)) => members.push(i),
                None => sizes.push((size, vec![i])),
            }
        }
        let mut found = vec![Vec::new(); images.len()];
        for (_, members) in sizes {
            let (group, group_letterboxes): (Vec<_>, Vec<_>) =
                members.iter().map(|&i| (images[i], letterboxes[i])).unzip();
            let output = self.model.forward(&batch(&group, &group_letterboxes))?.to_device(Device::Cpu);
            let row_len = *output.size().last().expect("three dimensions") as usize;
            let values = Vec::<f32>::try_from(output.contiguous().view(-1))?;
            for (rows, &i) in values.chunks_exact(values.len() / members.len()).zip(&members) {
                let (image, letterbox) = (images[i], &letterboxes[i]);
                let mut detections = non_max_suppression(rows, row_len, &self.thresholds);
                scale_to_original(&mut detections, letterbox, image.width(), image.height());
                found[i] = detections;
            }
        }
        Ok(found)
    }

    fn names(&self) -> &[String] {
        self.model.names()
    }

    fn model_name(&self) -> &str {
        &self.model_name
    }
}

/// The images letterboxed into one batch `[N, 3, H, W]`, NHWC in memory: the strides of PyTorch's
/// `channels_last` format. Every letterbox must have the same input size.
fn batch(images: &[&RgbImage], letterboxes: &[Letterbox]) -> Tensor {
    let (width, height) = (letterboxes[0].input_width, letterboxes[0].input_height);
    let per_image = (width * height) as usize * 3;
    let mut input = vec![0.0f32; per_image * images.len()];
    for ((image, letterbox), out) in images.iter().zip(letterboxes).zip(input.chunks_exact_mut(per_image)) {
        letterbox_into(image.as_raw(), image.width(), image.height(), letterbox, out);
    }
    let shape = [images.len() as i64, i64::from(height), i64::from(width), 3];
    Tensor::from_slice(&input).view(shape).permute([0, 3, 1, 2])
}

/// The last part of a path, for labels and reports; the whole path when it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}
