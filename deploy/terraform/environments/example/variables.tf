variable "name" {
  description = "Prefix of every resource name, e.g. polybot-prod."
  type        = string
  default     = "polybot-example"

  validation {
    # The public load balancer's DNS name starts with it and must fit a certificate's common name.
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.name))
    error_message = "name: at most 16 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose main branch deploys."
  type        = string
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's GitHub OIDC provider if one exists already (an account may have only one); null creates it."
  type        = string
  default     = null
}

variable "dockerhub_namespace" {
  description = "Docker Hub user or organisation holding the public polybot and yolo5 images (the DOCKERHUB_NAMESPACE repository variable)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name; null uses a self-signed certificate for the load balancer's DNS name."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "With certificate_arn or hosted_zone_id: the name Telegram reaches the bot under."
  type        = string
  default     = null
}

variable "hosted_zone_id" {
  description = "A Route 53 hosted zone holding domain_name: Terraform points the name at the load balancer and, without certificate_arn, has ACM issue a certificate for it (DNS validation). null (and no certificate_arn) uses a self-signed certificate."
  type        = string
  default     = null
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "nat_gateway_per_az" {
  description = "A NAT gateway per zone (survives a zone outage) instead of one."
  type        = bool
  default     = false
}

variable "polybot_instance_type" {
  type    = string
  default = "t3.small"
}

variable "yolo5_instance_type" {
  description = "The workers' type: c7i.large runs the model in bfloat16 on its AMX (docs/capacity.md's fleet table)."
  type        = string
  default     = "c7i.large"
}

variable "yolo5_model" {
  description = "The workers' YOLOv5 model, which the group's size and scaling follow (docs/capacity.md); build the image with the same one (the YOLO5_MODEL repository variable, from the yolo5_model output)."
  type        = string
  default     = "yolov5n"
}

variable "yolo5_images_per_second" {
  description = "One worker instance's measured rate (yolo5-bench, run by make bench, on yolo5_instance_type); null takes docs/capacity.md's figure for the model on 2 vCPUs in the precision the type runs."
  type        = number
  default     = null
}

variable "yolo5_detection" {
  description = "The workers' defaults for every photo: confidence, iou, max_detections, classes (ids; empty: all), image_size (null: the model's); for videos, video_fps and video_max_seconds; see modules/yolo5's detection."
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
}

variable "yolo5_peak_images_per_second" {
  description = "The photo rate the workers must hold at most; the group's largest size follows."
  type        = number
  default     = 30
}

variable "retention_days" {
  description = "Days photos, annotated images (S3 lifecycle) and predictions (DynamoDB TTL on expires_at, which the worker writes) are kept: one setting for all three."
  type        = number
  default     = 30
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "alarm_emails" {
  description = "Who the alarms (docs/deploy.md, When an alarm fires) are mailed to; each address confirms a mail from AWS first."
  type        = list(string)
  default     = []
}

variable "deletion_protection" {
  description = "Protect the load balancers, the table and the bucket's contents from deletion; set false (and apply) before terraform destroy."
  type        = bool
  default     = true
}
