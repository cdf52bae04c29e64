variable "name" {
  description = "Prefix of every resource name; the log groups are /NAME/polybot, /NAME/yolo5 and /NAME/vpc-flow-logs."
  type        = string
}

variable "region" {
  description = "The AWS region, whose CloudWatch Logs service the key trusts."
  type        = string
}

variable "retention_days" {
  description = "Days to keep log events."
  type        = number
  default     = 30
}
