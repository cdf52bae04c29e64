variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "region" {
  type = string
}

variable "bucket_arn" {
  type = string
}

variable "queue_arn" {
  type = string
}

variable "table_arn" {
  type = string
}

variable "kms_key_arn" {
  description = "The key the bucket, queue, table, secret and parameters are encrypted with."
  type        = string
}

variable "telegram_token_secret_arn" {
  type = string
}

variable "polybot_parameter_arns" {
  description = "SSM parameters the bot's user data reads."
  type        = list(string)
}

variable "yolo5_parameter_arns" {
  description = "SSM parameters the worker's user data reads."
  type        = list(string)
}

variable "polybot_log_group_arn" {
  type = string
}

variable "yolo5_log_group_arn" {
  type = string
}

variable "yolo5_group_name" {
  description = "The worker's Auto Scaling group, whose termination hook its instances complete."
  type        = string
}
