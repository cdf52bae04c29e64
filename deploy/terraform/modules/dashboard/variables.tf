variable "name" {
  description = "Prefix of every resource name; the dashboard is NAME."
  type        = string
}

variable "metrics_namespace" {
  description = "The services' METRICS_NAMESPACE: where their EMF lines put their metrics."
  type        = string
}

variable "queue_name" {
  type = string
}

variable "dlq_name" {
  type = string
}

variable "load_balancers" {
  description = "Name (public, internal) to the load balancer's ARN suffix (app/NAME/ID)."
  type        = map(string)
}

variable "group_names" {
  description = "Service (polybot, yolo5) to its Auto Scaling group's name."
  type        = map(string)
}

variable "alarm_arns" {
  description = "The alarms whose states the dashboard shows first."
  type        = list(string)
}

variable "end_to_end_p95_seconds" {
  description = "The end-to-end p95 alarm's threshold, drawn on its graph."
  type        = number
}

variable "oldest_job_seconds" {
  description = "The oldest-job alarm's threshold, drawn on its graph."
  type        = number
}
