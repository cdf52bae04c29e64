//! The TorchScript YOLOv5 model, loaded once and run without gradients.

use std::path::{Path, PathBuf};

use tch::{CModule, Device, IValue, Kind, Tensor};

/// The numbers per candidate box in the output: cx, cy, w, h, objectness, then one score per class.
pub const OUTPUTS_PER_CLASSLESS_BOX: i64 = 5;

/// Why the model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file is missing or is not a TorchScript module.
    #[error("could not load the model {path}: {source}")]
    Load {
        /// The model file.
        path: PathBuf,
        /// What libtorch said.
        source: tch::TchError,
    },
    /// The forward pass failed, e.g. for an input of the wrong size.
    #[error("the forward pass failed: {0}")]
    Forward(#[from] tch::TchError),
    /// The model's output is not YOLOv5's `[N, boxes, 5 + classes]` tensor.
    #[error("unexpected model output: {0}")]
    Output(String),
}

/// A YOLOv5 TorchScript module on one device, in evaluation mode.
#[derive(Debug)]
pub struct Model {
    module: CModule,
    device: Device,
}

impl Model {
    /// Loads the module at `path` onto `device`.
    pub fn load(path: &Path, device: Device) -> Result<Self, ModelError> {
        let mut module = CModule::load_on_device(path, device)
            .map_err(|source| ModelError::Load { path: path.to_owned(), source })?;
        module.set_eval();
        Ok(Self { module, device })
    }

    /// The device the module runs on.
    pub fn device(&self) -> Device {
        self.device
    }

    /// Runs a batch `[N, 3, H, W]` of RGB images scaled to 0..1 and returns the candidate boxes
    /// `[N, boxes, 5 + classes]`, before non-maximum suppression.
    pub fn forward(&self, batch: &Tensor) -> Result<Tensor, ModelError> {
        let batch = batch.to_device(self.device).to_kind(Kind::Float);
        let output = tch::no_grad(|| self.module.forward_is(&[IValue::Tensor(batch)]))?;
        // An export returns the boxes alone or a tuple whose first element they are.
        let boxes = match output {
            IValue::Tensor(boxes) => boxes,
            IValue::Tuple(mut items) | IValue::GenericList(mut items) if !items.is_empty() => {
                match items.swap_remove(0) {
                    IValue::Tensor(boxes) => boxes,
                    other => return Err(ModelError::Output(format!("first element is {other:?}"))),
                }
            }
            other => return Err(ModelError::Output(format!("{other:?}"))),
        };
        match boxes.size().as_slice() {
            [_, _, outputs] if *outputs > OUTPUTS_PER_CLASSLESS_BOX => Ok(boxes),
            shape => Err(ModelError::Output(format!("boxes of shape {shape:?}"))),
        }
    }
}
