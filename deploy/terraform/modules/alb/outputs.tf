output "public_dns_name" {
  value = aws_lb.public.dns_name
}

output "internal_dns_name" {
  value = aws_lb.internal.dns_name
}

output "public_security_group_id" {
  value = aws_security_group.public.id
}

output "internal_security_group_id" {
  value = aws_security_group.internal.id
}

output "arn_suffixes" {
  description = "The load balancers' ARN suffixes (app/NAME/ID), CloudWatch's LoadBalancer dimension: public, internal."
  value       = { public = aws_lb.public.arn_suffix, internal = aws_lb.internal.arn_suffix }
}

output "target_groups" {
  description = "CloudWatch's TargetGroup and LoadBalancer dimensions of the bot's target groups: webhook (public), results (internal)."
  value = {
    webhook = { target_group = aws_lb_target_group.public.arn_suffix, load_balancer = aws_lb.public.arn_suffix }
    results = { target_group = aws_lb_target_group.internal.arn_suffix, load_balancer = aws_lb.internal.arn_suffix }
  }
}

output "target_group_arns" {
  description = "The bot's instances register with both."
  value       = [aws_lb_target_group.public.arn, aws_lb_target_group.internal.arn]
}

output "webhook_certificate_parameter" {
  description = "SSM parameter with the self-signed certificate's PEM; empty with an ACM certificate of your own."
  value       = try(aws_ssm_parameter.webhook_certificate[0].name, "")
}

output "webhook_certificate_parameter_arns" {
  description = "The certificate parameter's ARN, or none."
  value       = aws_ssm_parameter.webhook_certificate[*].arn
}
