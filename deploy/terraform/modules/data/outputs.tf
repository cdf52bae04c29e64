output "kms_key_arn" {
  value = aws_kms_key.data.arn
}

output "bucket_name" {
  value = aws_s3_bucket.images.bucket
}

output "bucket_arn" {
  value = aws_s3_bucket.images.arn
}

output "queue_url" {
  value = aws_sqs_queue.jobs.id
}

output "queue_name" {
  value = aws_sqs_queue.jobs.name
}

output "queue_arn" {
  value = aws_sqs_queue.jobs.arn
}

output "dlq_url" {
  value = aws_sqs_queue.jobs_dlq.id
}

output "dlq_name" {
  value = aws_sqs_queue.jobs_dlq.name
}

output "table_name" {
  value = aws_dynamodb_table.predictions.name
}

output "table_arn" {
  value = aws_dynamodb_table.predictions.arn
}

output "telegram_token_secret_arn" {
  value = aws_secretsmanager_secret.telegram_token.arn
}

output "telegram_token_secret_name" {
  value = aws_secretsmanager_secret.telegram_token.name
}

output "results_token_parameter" {
  value = aws_ssm_parameter.shared["results-token"].name
}

output "results_token_parameter_arn" {
  value = aws_ssm_parameter.shared["results-token"].arn
}

output "webhook_secret_parameter" {
  value = aws_ssm_parameter.shared["webhook-secret"].name
}

output "webhook_secret_parameter_arn" {
  value = aws_ssm_parameter.shared["webhook-secret"].arn
}
