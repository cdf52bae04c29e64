output "launch_template_id" {
  value = aws_launch_template.this.id
}

output "launch_template_arn" {
  value = aws_launch_template.this.arn
}

output "group_name" {
  value = aws_autoscaling_group.this.name
}

output "group_arn" {
  value = aws_autoscaling_group.this.arn
}
