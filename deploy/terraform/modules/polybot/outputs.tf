output "launch_template_id" {
  value = module.asg.launch_template_id
}

output "launch_template_arn" {
  value = module.asg.launch_template_arn
}

output "group_name" {
  value = module.asg.group_name
}

output "group_arn" {
  value = module.asg.group_arn
}

output "security_group_id" {
  value = aws_security_group.this.id
}
