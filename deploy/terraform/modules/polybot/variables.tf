variable "name" {
  description = "Prefix of every resource name; the group is NAME-polybot."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets, one per zone."
  type        = list(string)
}

variable "load_balancer_security_group_ids" {
  type = list(string)
}

variable "target_group_arns" {
  type = list(string)
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "instance_count" {
  description = "Instances in service; one per zone at 2. A roll-out may briefly run twice as many."
  type        = number
  default     = 2
}

variable "instance_profile_name" {
  type = string
}

variable "image_repository" {
  description = "Docker image without tag, e.g. docker.io/NAMESPACE/polybot."
  type        = string
}

variable "log_group_name" {
  type = string
}

variable "telegram_app_url" {
  description = "The public HTTPS base URL Telegram posts to (TELEGRAM_APP_URL)."
  type        = string
}

variable "telegram_token_secret_id" {
  type = string
}

variable "webhook_secret_parameter" {
  type = string
}

variable "results_token_parameter" {
  type = string
}

variable "webhook_certificate_parameter" {
  description = "SSM parameter with a self-signed certificate to upload to Telegram; empty for none."
  type        = string
  default     = ""
}

variable "bucket_name" {
  type = string
}

variable "queue_url" {
  type = string
}

variable "table_name" {
  type = string
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the service's EMF metrics (METRICS_NAMESPACE)."
  type        = string
}
