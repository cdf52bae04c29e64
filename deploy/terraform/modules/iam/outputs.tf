output "instance_profile_names" {
  description = "By service: polybot, yolo5."
  value       = { for k, p in aws_iam_instance_profile.this : k => p.name }
}

output "role_arns" {
  description = "By service: polybot, yolo5."
  value       = { for k, r in aws_iam_role.this : k => r.arn }
}
