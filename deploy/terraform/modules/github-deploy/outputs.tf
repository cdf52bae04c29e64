output "role_arn" {
  description = "AWS_DEPLOY_ROLE_ARN for the repository's variables."
  value       = aws_iam_role.deploy.arn
}
