variable "name" {
  description = "Prefix of every resource name; the topic is NAME-alarms."
  type        = string
}

variable "metrics_namespace" {
  description = "The services' METRICS_NAMESPACE (their EMF metrics), which the log metric filters write to as well."
  type        = string
}

variable "alarm_emails" {
  description = "Who gets the alarms by e-mail (each confirms a mail from AWS first)."
  type        = list(string)
  default     = []
}

variable "queue_name" {
  type = string
}

variable "dlq_name" {
  type = string
}

variable "oldest_job_seconds" {
  description = "Alarm when a job has waited longer than this for 3 minutes in a row."
  type        = number
  default     = 300
}

variable "load_balancers" {
  description = "Name (public, internal) to the load balancer's ARN suffix (app/NAME/ID)."
  type        = map(string)
}

variable "alb_5xx_per_5_minutes" {
  description = "Alarm when a load balancer answers this many 5xx in 5 minutes."
  type        = number
  default     = 5
}

variable "target_groups" {
  description = "Name (webhook, results) to the target group's and its load balancer's ARN suffixes."
  type = map(object({
    target_group  = string
    load_balancer = string
  }))
}

variable "yolo5_log_group_name" {
  type = string
}

variable "worker_errors_per_5_minutes" {
  description = "Alarm when the worker logs this many error lines in 5 minutes; single errors (a photo that cannot be read) are the users' and need nobody."
  type        = number
  default     = 10
}

variable "polybot_log_group_name" {
  type = string
}

variable "bot_start_message" {
  description = "The message field of the line the bot logs once each time it starts (crates/polybot/src/startup.rs)."
  type        = string
  default     = "Listening."
}

variable "bot_starts_per_15_minutes" {
  description = "Alarm when the bot starts more often than this in 15 minutes; a roll-out or a replacement starts it once per new instance (at most twice the group's size)."
  type        = number
  default     = 4
}

variable "end_to_end_p95_seconds" {
  description = "Alarm when the slowest 5% of photos wait longer than this from the webhook to the answer, 3 minutes out of 5."
  type        = number
  default     = 10
}
