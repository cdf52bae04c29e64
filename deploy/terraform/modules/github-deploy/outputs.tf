output "role_arn" {
  description = "AWS_DEPLOY_ROLE_ARN for the repository's variables."
  value       = aws_iam_role.deploy.arn
}

output "terraform_role_arns" {
  description = "TF_PLAN_ROLE_ARN and TF_APPLY_ROLE_ARN for the repository's variables: plan, apply (each for its GitHub environment's jobs only)."
  value       = { for k, role in aws_iam_role.terraform : k => role.arn }
}
