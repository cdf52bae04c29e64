# The services' and the VPC's log groups, encrypted with a key of their own.

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

resource "aws_kms_key" "logs" {
  description         = "${var.name}: CloudWatch log groups"
  enable_key_rotation = true
  # The account administers the key; CloudWatch Logs in this region may use it for this
  # deployment's log groups only.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsUses"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${var.region}:${local.account}:log-group:/${var.name}/*" }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "logs" {
  name          = "alias/${var.name}-logs"
  target_key_id = aws_kms_key.logs.key_id
}

resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338:The logs carry Telegram chat ids; they are kept only as long as debugging needs (a variable).
  for_each          = toset(["polybot", "yolo5", "vpc-flow-logs"])
  name              = "/${var.name}/${each.key}"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.logs.arn
}
