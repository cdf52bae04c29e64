# One instance role per service, each allowed exactly what its code does, plus what every instance
# needs: its log group, its SSM parameters and Session Manager (no SSH, no open port).

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  asg_arn = "arn:aws:autoscaling:${var.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName"
}

data "aws_iam_policy_document" "ec2_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# Session Manager's minimal set, instead of AmazonSSMManagedInstanceCore, which also reads every
# SSM parameter in the account.
data "aws_iam_policy_document" "common" {
  statement {
    sid       = "SessionManagerRegister"
    actions   = ["ssm:UpdateInstanceInformation"]
    resources = ["arn:aws:ec2:${var.region}:${local.account}:instance/*"]
  }
  statement {
    sid = "SessionManagerChannels"
    # These actions have no resource type to narrow them to.
    actions = [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"]
  }
}

# --- polybot: puts photos, reads annotated images, queues jobs, reads and marks predictions.

data "aws_iam_policy_document" "polybot" {
  source_policy_documents = [data.aws_iam_policy_document.common.json]
  statement {
    sid       = "Photos"
    actions   = ["s3:PutObject"]
    resources = ["${var.bucket_arn}/photos/*"]
  }
  statement {
    sid       = "AnnotatedImages"
    actions   = ["s3:GetObject"]
    resources = ["${var.bucket_arn}/predictions/*"]
  }
  statement {
    sid = "Jobs"
    # GetQueueAttributes: GET /ready reads the queue's depth.
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [var.queue_arn]
  }
  statement {
    sid = "Predictions"
    # GetItem: the results callback and GET /ready; UpdateItem: the claim, its release, the mark.
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [var.table_arn]
  }
  statement {
    sid       = "TelegramToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.telegram_token_secret_arn]
  }
  statement {
    sid       = "Settings"
    actions   = ["ssm:GetParameter"]
    resources = var.polybot_parameter_arns
  }
  statement {
    sid       = "DataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${var.polybot_log_group_arn}:*"]
  }
}

# --- yolo5: reads photos, puts annotated images, consumes jobs, stores predictions.

data "aws_iam_policy_document" "yolo5" {
  source_policy_documents = [data.aws_iam_policy_document.common.json]
  statement {
    sid       = "Photos"
    actions   = ["s3:GetObject"]
    resources = ["${var.bucket_arn}/photos/*"]
  }
  # S3 answers a GetObject of a missing key with 404 NoSuchKey, which the worker answers as "photo not
  # found", only to a caller that may list where the key would be; without it, 403, which the worker
  # takes for an outage and retries until the job reaches the dead-letter queue.
  statement {
    sid       = "MissingPhotosAre404"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["photos/*"]
    }
  }
  statement {
    sid       = "AnnotatedImages"
    actions   = ["s3:PutObject"]
    resources = ["${var.bucket_arn}/predictions/*"]
  }
  statement {
    sid = "Jobs"
    # GetQueueAttributes: the queue's RedrivePolicy, so the worker knows a job's last delivery.
    # SendMessage: a stopping worker hands a job on its last delivery back as a fresh copy.
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:SendMessage",
    ]
    resources = [var.queue_arn]
  }
  statement {
    sid = "Predictions"
    # GetItem: is the job answered already; PutItem: the prediction, if none exists.
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [var.table_arn]
  }
  statement {
    sid       = "Settings"
    actions   = ["ssm:GetParameter"]
    resources = var.yolo5_parameter_arns
  }
  statement {
    sid       = "DataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${var.yolo5_log_group_arn}:*"]
  }
  # The boot script completes the launch hook ready (CONTINUE once the worker answers, else ABANDON),
  # yolo5-drain the terminating hook drain.
  statement {
    sid       = "LifecycleHooks"
    actions   = ["autoscaling:CompleteLifecycleAction"]
    resources = ["${local.asg_arn}/${var.yolo5_group_name}"]
  }
}

locals {
  policies = {
    polybot = data.aws_iam_policy_document.polybot.json
    yolo5   = data.aws_iam_policy_document.yolo5.json
  }
}

resource "aws_iam_role" "this" {
  for_each           = local.policies
  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.ec2_trust.json
}

resource "aws_iam_role_policy" "this" {
  for_each = local.policies
  role     = aws_iam_role.this[each.key].id
  policy   = each.value
}

resource "aws_iam_instance_profile" "this" {
  for_each = local.policies
  name     = "${var.name}-${each.key}"
  role     = aws_iam_role.this[each.key].name
}
