//! Object detection on decoded images: letterbox, forward, NMS, boxes back in image pixels.
//!
//! [`Detector`] is what the worker and the CLI use; [`YoloDetector`] is the real one, loaded with the
//! [`DetectorSettings`] that [`ModelArgs`], every subcommand's model flags, name.

use std::path::{Path, PathBuf};

use image::RgbImage;
use tch::{Device, Kind, Tensor};

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

    /// The least confidence of a detection it reports: a question cannot ask for less.
    fn least_confidence(&self) -> f32 {
        0.0
    }
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

/// What the model computes in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Precision {
    /// bfloat16 where the CPU multiplies it in hardware (AMX-BF16: Intel Sapphire Rapids and later, AWS's
    /// c7i/m7i), else float32.
    #[default]
    Auto,
    /// float32, as YOLOv5 runs on a CPU.
    Fp32,
    /// bfloat16 weights and inputs; the output, NMS and boxes in float32.
    Bf16,
}

impl Precision {
    /// What `self` comes to on `device` where the CPU has AMX-BF16 or not, and why, in words.
    pub fn choose(self, device: Device, amx_bf16: bool) -> (Kind, &'static str) {
        match self {
            Self::Fp32 => (Kind::Float, "asked for"),
            Self::Bf16 => (Kind::BFloat16, "asked for"),
            Self::Auto if device != Device::Cpu => (Kind::Float, "bfloat16 is chosen on CPUs only"),
            Self::Auto if amx_bf16 => (Kind::BFloat16, "the CPU multiplies bfloat16 in hardware (AMX-BF16)"),
            Self::Auto => (Kind::Float, "the CPU has no AMX-BF16, where bfloat16 is emulated and slower"),
        }
    }
}

/// Whether this machine's CPU has AMX-BF16 and the kernel lets programs use it: Linux lists `amx_bf16` among the
/// flags of `/proc/cpuinfo` then.
pub fn cpu_has_amx_bf16() -> bool {
    std::fs::read_to_string("/proc/cpuinfo").is_ok_and(|info| {
        info.lines()
            .find(|line| line.starts_with("flags"))
            .is_some_and(|flags| flags.split_whitespace().any(|flag| flag == "amx_bf16"))
    })
}

/// The name of a precision the model computes in: `fp32` or `bf16`.
pub fn precision_name(kind: Kind) -> &'static str {
    if kind == Kind::BFloat16 { "bf16" } else { "fp32" }
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
    /// float32, bfloat16, or whichever pays on this CPU.
    pub precision: Precision,
}

impl DetectorSettings {
    /// `model` on the CPU in float32, with detect.py's thresholds and the letterbox the model takes: the
    /// reference run, which others change field by field (`DetectorSettings { letterbox, ..fp32_on_cpu(m) }`).
    pub fn fp32_on_cpu(model: PathBuf) -> Self {
        Self {
            model,
            device: DeviceChoice::Cpu,
            thresholds: Thresholds::default(),
            imgsz: None,
            letterbox: LetterboxMode::Auto,
            precision: Precision::Fp32,
        }
    }
}

/// The model and how to run it, as `yolo5 detect`, `yolo5 serve` and `yolo5-bench` take it. detect.py's
/// names for the same flags work too: `--weights`, `--conf-thres`, `--iou-thres`, `--img`, `--classes 0 2`.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// The YOLOv5 TorchScript model (the default, relative to the working directory, is the YOLOv5n
    /// committed in the repository).
    #[arg(
        long,
        visible_alias = "weights",
        env = "YOLO5_MODEL",
        default_value = "models/yolov5n.torchscript"
    )]
    pub model: PathBuf,
    /// Minimum confidence of a detection. In `serve`, this and the next four are the operator's defaults for every
    /// photo; a photo's caption may ask for fewer classes or a higher confidence (common::question).
    #[arg(long, visible_alias = "conf-thres", env = "YOLO5_CONF", default_value_t = 0.25, value_parser = fraction)]
    pub conf: f32,
    /// IoU above which a less confident box of the same class is dropped.
    #[arg(long, visible_alias = "iou-thres", env = "YOLO5_IOU", default_value_t = 0.45, value_parser = fraction)]
    pub iou: f32,
    /// Input side in pixels; must match the model's export (the default reads it from the model).
    #[arg(long, visible_aliases = ["img", "img-size"], env = "YOLO5_IMGSZ")]
    pub imgsz: Option<u32>,
    /// At most this many detections per image.
    #[arg(long, env = "YOLO5_MAX_DET", default_value_t = 1000)]
    pub max_det: usize,
    /// Keep only these class ids: `--classes 0 2` or `--classes 0,2` (after the images, or before another
    /// option, since it takes every number that follows).
    #[arg(long, num_args = 1.., value_delimiter = ',', env = "YOLO5_CLASSES")]
    pub classes: Option<Vec<u32>>,
    /// Where the model runs.
    #[arg(long, value_enum, env = "YOLO5_DEVICE", default_value_t)]
    pub device: DeviceChoice,
    /// How images are letterboxed: `auto` as YOLOv5's detect.py does for the model (the smallest
    /// stride-multiple rectangle around each photo when the model takes any size, as the committed one
    /// does; the square when it takes only that), `square`, or `rect`.
    #[arg(long, env = "YOLO5_LETTERBOX", value_enum, default_value_t)]
    pub letterbox: LetterboxMode,
    /// What the model computes in: `auto` is bfloat16 where the CPU has AMX-BF16 and float32 elsewhere; NMS
    /// and the boxes are float32 in every case.
    #[arg(long, env = "YOLO5_PRECISION", value_enum, default_value_t)]
    pub precision: Precision,
    /// libtorch's threads for a forward pass: for the process in `detect` (default: libtorch's choice, one
    /// per core), for each batch loop in `serve` (default: the cores shared out among the loops, so that
    /// together they use no more threads than there are cores: docs/capacity.md says why).
    #[arg(long, env = "YOLO5_THREADS", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
}

impl ModelArgs {
    /// Gives libtorch the threads `--threads` names, where it does (for the whole process: call it before
    /// the first forward pass); the threads a forward pass now uses.
    pub fn use_threads(&self) -> i32 {
        if let Some(threads) = self.threads {
            tch::set_num_threads(i32::from(threads));
        }
        tch::get_num_threads()
    }

    /// The detector settings these arguments name.
    pub fn settings(&self) -> DetectorSettings {
        DetectorSettings {
            model: self.model.clone(),
            device: self.device,
            thresholds: Thresholds {
                conf: self.conf,
                iou: f64::from(self.iou),
                max_det: self.max_det,
                classes: self.classes.clone(),
            },
            imgsz: self.imgsz,
            letterbox: self.letterbox,
            precision: self.precision,
        }
    }
}

fn fraction(text: &str) -> Result<f32, String> {
    let value: f32 = text.parse().map_err(|_| format!("{text:?} is not a number"))?;
    (0.0..=1.0).contains(&value).then_some(value).ok_or_else(|| format!("{value} is not between 0 and 1"))
}

/// YOLOv5 through TorchScript, with YOLOv5's own pre- and post-processing.
#[derive(Debug)]
pub struct YoloDetector {
    model: Model,
    model_name: String,
    thresholds: Thresholds,
    rect: bool,
    /// Why the model computes in what it does.
    precision_reason: &'static str,
}

impl YoloDetector {
    /// Loads the model once.
    pub fn load(settings: &DetectorSettings) -> Result<Self, ModelError> {
        let device = settings.device.device();
        let (kind, precision_reason) = settings.precision.choose(device, cpu_has_amx_bf16());
        let model = Model::load(&settings.model, device)?;
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
        // Converted after the size probe above, which the module's first calls (in float32) answer either way.
        let model = model.computing_in(kind);
        Ok(Self { model, model_name, thresholds: settings.thresholds.clone(), rect, precision_reason })
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

    /// What the model computes in (`fp32` or `bf16`), and why.
    pub fn precision(&self) -> (&'static str, &'static str) {
        (precision_name(self.model.kind()), self.precision_reason)
    }

    /// The element type the model computes in: [`Kind::Float`] or [`Kind::BFloat16`].
    pub fn kind(&self) -> Kind {
        self.model.kind()
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

    fn least_confidence(&self) -> f32 {
        self.thresholds.conf
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_is_bfloat16_only_on_a_cpu_with_amx_bf16() {
        let kind = |precision: Precision, device, amx| precision.choose(device, amx).0;
        assert_eq!(kind(Precision::Auto, Device::Cpu, true), Kind::BFloat16);
        assert_eq!(kind(Precision::Auto, Device::Cpu, false), Kind::Float);
        assert_eq!(kind(Precision::Auto, Device::Cuda(0), true), Kind::Float);
        assert_eq!(kind(Precision::Bf16, Device::Cpu, false), Kind::BFloat16, "asked for, emulated");
        assert_eq!(kind(Precision::Fp32, Device::Cpu, true), Kind::Float);
        assert_eq!((precision_name(Kind::BFloat16), precision_name(Kind::Float)), ("bf16", "fp32"));
    }
}
