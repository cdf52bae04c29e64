variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "retention_days" {
  description = "Days to keep photos and annotated images: the same days the worker's PREDICTION_TTL_DAYS keeps predictions, so a prediction never outlives its images by long."
  type        = number
  default     = 30
}

variable "max_receive_count" {
  description = "Deliveries of a job before it moves to the dead-letter queue."
  type        = number
  default     = 10
}

variable "deletion_protection" {
  description = "Refuse to delete the prediction table (turn off before terraform destroy)."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let terraform destroy delete the bucket with the images in it."
  type        = bool
  default     = false
}
