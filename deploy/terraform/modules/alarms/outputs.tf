output "topic_arn" {
  description = "The alarms' SNS topic: subscribe more people or a pager here."
  value       = aws_sns_topic.alarms.arn
}
