variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "group_name" {
  description = "The Auto Scaling group's name (the instance role's drain permission names it too)."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets, one per zone."
  type        = list(string)
}

variable "instance_type" {
  description = "2 vCPUs match the worker's two batch loops; c7i.large has AMX-BF16, so precision auto runs bfloat16 (docs/capacity.md's fleet table prices the choices)."
  type        = string
  default     = "c7i.large"
}

variable "min_size" {
  type    = number
  default = 1
}

variable "model" {
  description = <<-EOT
    The YOLOv5 model the workers run (models/<model>.torchscript in the image, YOLO5_MODEL): the one
    setting the group's size and scaling follow. yolov5n is in the repository; tools/export-model makes
    the others, and the image must be built with the same one (the YOLO5_MODEL repository variable).
  EOT
  type        = string
  default     = "yolov5n"

  validation {
    condition     = contains(["yolov5n", "yolov5s", "yolov5m", "yolov5l", "yolov5x"], var.model)
    error_message = "model: one of yolov5n, yolov5s, yolov5m, yolov5l, yolov5x."
  }
}

variable "images_per_second" {
  description = "Images a second one instance of instance_type holds with the model; null takes docs/capacity.md's figure for a 2-vCPU instance in the precision it runs. Measure others with `yolo5-bench` (make bench)."
  type        = number
  default     = null
}

variable "peak_images_per_second" {
  description = "The photo rate the group must hold at its largest; max_size is what that takes, plus a spare."
  type        = number
  default     = 30
}

variable "accepted_delay_seconds" {
  description = "How long a job may wait in the queue: the backlog per instance the group scales to keep is this many seconds of one instance's work."
  type        = number
  default     = 10
}

variable "max_size" {
  description = "The group's largest size; null computes it from peak_images_per_second (docs/capacity.md)."
  type        = number
  default     = null
}

variable "drain_timeout" {
  description = "Seconds the worker has after SIGTERM to finish its jobs before releasing them (YOLO5_DRAIN_TIMEOUT)."
  type        = number
  default     = 20
}

variable "ready_timeout" {
  description = "Seconds from the start of a new worker's boot script (Docker's install, the image's pull, the model's load, the queue's attributes) until its /health must answer; past it, the instance abandons its launch and is terminated."
  type        = number
  default     = 600
}

variable "retention_days" {
  description = "Days a prediction is kept: the worker writes expires_at, which the table's TTL reads, this far ahead (PREDICTION_TTL_DAYS); the bucket keeps the images as long."
  type        = number
  default     = 30
}

variable "letterbox" {
  description = <<-EOT
    How photos are letterboxed (YOLO5_LETTERBOX): auto (the default) gives a model that takes any size, as the
    image's does, YOLOv5 detect.py's smallest stride-32 rectangle around each photo (0.6-0.75x the square's
    pixels on 16:9 and 4:3 photos), and YOLOv5's own fixed-size export its 640 x 640 square; square or rect
    force one (docs/capacity.md).
  EOT
  type        = string
  default     = "auto"
  validation {
    condition     = contains(["auto", "square", "rect"], var.letterbox)
    error_message = "letterbox is auto, square or rect."
  }
}

variable "precision" {
  description = <<-EOT
    What the model computes in (YOLO5_PRECISION): auto (the default) is bfloat16 where the instance's CPU has
    AMX-BF16 (c7i, m7i and later Intel types) and float32 elsewhere; fp32 or bf16 force one (docs/capacity.md).
  EOT
  type        = string
  default     = "auto"
  validation {
    condition     = contains(["auto", "fp32", "bf16"], var.precision)
    error_message = "precision is auto, fp32 or bf16."
  }
}

variable "detection" {
  description = <<-EOT
    The operator's defaults for every photo (yolo5 serve's YOLO5_CONF, YOLO5_IOU, YOLO5_MAX_DET, YOLO5_CLASSES
    and YOLO5_IMGSZ): the least confidence, NMS's IoU, the most detections, the class ids kept (empty: all) and
    the input side (null: the model's). A photo's caption may ask for fewer classes or a higher confidence.
    For videos (YOLO5_VIDEO_FPS, YOLO5_VIDEO_MAX_SECONDS): the frames looked at per second and the longest video
    looked at (docs/capacity.md says what a video costs).
  EOT
  type = object({
    confidence        = optional(number, 0.25)
    iou               = optional(number, 0.45)
    max_detections    = optional(number, 1000)
    classes           = optional(list(number), [])
    image_size        = optional(number)
    video_fps         = optional(number, 2)
    video_max_seconds = optional(number, 60)
  })
  default = {}
  validation {
    condition = (var.detection.confidence >= 0 && var.detection.confidence <= 1 && var.detection.iou >= 0
      && var.detection.iou <= 1 && var.detection.max_detections >= 1 && var.detection.video_fps >= 0.1
      && var.detection.video_fps <= 30 && var.detection.video_max_seconds >= 1 && var.detection.video_max_seconds <= 600
    && floor(var.detection.video_max_seconds) == var.detection.video_max_seconds)
    error_message = "detection: confidence and iou between 0 and 1, max_detections at least 1, video_fps 0.1 to 30, video_max_seconds a whole number from 1 to 600."
  }
}

variable "instance_profile_name" {
  type = string
}

variable "image_repository" {
  description = "Docker image without tag, e.g. docker.io/NAMESPACE/yolo5."
  type        = string
}

variable "log_group_name" {
  type = string
}

variable "results_token_parameter" {
  type = string
}

variable "polybot_url" {
  description = "The bot's internal base URL for POST /results (POLYBOT_URL)."
  type        = string
}

variable "bucket_name" {
  type = string
}

variable "queue_url" {
  type = string
}

variable "queue_name" {
  type = string
}

variable "table_name" {
  type = string
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the service's EMF metrics (METRICS_NAMESPACE)."
  type        = string
}
