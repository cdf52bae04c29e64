output "topic_arn" {
  description = "The alarms' SNS topic: subscribe more people or a pager here."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_arns" {
  description = "Every alarm, for the dashboard."
  value = concat(
    [aws_cloudwatch_metric_alarm.end_to_end_p95.arn, aws_cloudwatch_metric_alarm.oldest_job.arn, aws_cloudwatch_metric_alarm.dlq_not_empty.arn],
    [for alarm in aws_cloudwatch_metric_alarm.alb_5xx : alarm.arn],
    [for alarm in aws_cloudwatch_metric_alarm.unhealthy_targets : alarm.arn],
    [aws_cloudwatch_metric_alarm.worker_errors.arn, aws_cloudwatch_metric_alarm.bot_restarts.arn],
  )
}

output "thresholds" {
  description = "The thresholds the dashboard draws on its graphs."
  value = {
    end_to_end_p95_seconds = var.end_to_end_p95_seconds
    oldest_job_seconds     = var.oldest_job_seconds
  }
}
