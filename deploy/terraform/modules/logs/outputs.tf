output "group_names" {
  description = "Log group names by service: polybot, yolo5, vpc-flow-logs."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}

output "group_arns" {
  description = "Log group ARNs by service (without the :* suffix)."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.arn }
}
