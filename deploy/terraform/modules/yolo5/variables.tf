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
  description = "2 vCPUs match the worker's default concurrency of two batch loops."
  type        = string
  default     = "c6i.large"
}

variable "min_size" {
  type    = number
  default = 1
}

variable "max_size" {
  type    = number
  default = 4
}

variable "backlog_per_instance_target" {
  description = <<-EOT
    Jobs waiting in the queue per worker instance that the group scales to keep.
    Choose it as the queueing delay you accept divided by one instance's time per job.
    One worker instance on 2 vCPUs handles roughly 10 images/s, 0.1 s a job, so accepting
    10 s of waiting gives 10 / 0.1 = 100. Measure your instance type with `yolo5 bench`.
  EOT
  type        = number
  default     = 100
}

variable "drain_timeout" {
  description = "Seconds the worker has after SIGTERM to finish its jobs before releasing them (YOLO5_DRAIN_TIMEOUT)."
  type        = number
  default     = 20
}

variable "rect" {
  description = <<-EOT
    Letterbox each photo to the smallest rectangle around it instead of the 640 × 640 square (YOLO5_RECT):
    0.65-0.8× the forward pass on 16:9 and 4:3 photos, with slightly different detections (docs/capacity.md).
    The image's model, exported by tools/export_torchscript.py, takes any size.
  EOT
  type        = bool
  default     = false
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
