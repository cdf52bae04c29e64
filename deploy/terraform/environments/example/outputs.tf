# What the workflows, the user data and docs/deploy.md need.

output "aws_deploy_role_arn" {
  description = "Repository variable AWS_DEPLOY_ROLE_ARN."
  value       = module.github_deploy.role_arn
}

output "terraform_plan_role_arn" {
  description = "Repository variable TF_PLAN_ROLE_ARN (the infrastructure-plan environment's jobs only)."
  value       = module.github_deploy.terraform_role_arns["plan"]
}

output "terraform_apply_role_arn" {
  description = "Repository variable TF_APPLY_ROLE_ARN (the infrastructure environment's jobs only)."
  value       = module.github_deploy.terraform_role_arns["apply"]
}

output "polybot_asg_name" {
  description = "Repository variable POLYBOT_ASG_NAME."
  value       = module.polybot.group_name
}

output "yolo5_asg_name" {
  description = "Repository variable YOLO5_ASG_NAME."
  value       = module.yolo5.group_name
}

output "yolo5_model" {
  description = "Repository variable YOLO5_MODEL: the model the yolo5 image is built with."
  value       = var.yolo5_model
}

output "yolo5_scaling" {
  description = "The worker group's rate per instance, backlog target and largest size for the model."
  value       = module.yolo5.scaling
}

output "polybot_launch_template_id" {
  value = module.polybot.launch_template_id
}

output "yolo5_launch_template_id" {
  value = module.yolo5.launch_template_id
}

output "alb_dns_name" {
  description = "Point domain_name here when you bring your own certificate."
  value       = module.alb.public_dns_name
}

output "internal_alb_dns_name" {
  value = module.alb.internal_dns_name
}

output "telegram_app_url" {
  description = "The URL the bot registers with Telegram (+ /webhook)."
  value       = local.telegram_app_url
}

output "telegram_token_secret_name" {
  description = "Put the bot token here: aws secretsmanager put-secret-value --secret-id NAME --secret-string TOKEN."
  value       = module.data.telegram_token_secret_name
}

output "bucket_name" {
  value = module.data.bucket_name
}

output "queue_url" {
  value = module.data.queue_url
}

output "dlq_url" {
  value = module.data.dlq_url
}

output "alarm_topic_arn" {
  description = "The alarms' SNS topic: subscribe a pager or a chat here besides alarm_emails."
  value       = module.alarms.topic_arn
}

output "dashboard_url" {
  description = "The CloudWatch dashboard (docs/deploy.md, When an alarm fires)."
  value       = module.dashboard.url
}

output "table_name" {
  value = module.data.table_name
}
