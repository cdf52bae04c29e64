# What the services share: the photo bucket, the job queue and its dead-letter queue, the prediction
# table, the Telegram token secret and the two shared secrets, all encrypted with one key.

data "aws_caller_identity" "current" {}

# The account's IAM policies decide who uses the key (the instance roles, modules/iam).
resource "aws_kms_key" "data" {
  description         = "${var.name}: photos, jobs, predictions and secrets"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "data" {
  name          = "alias/${var.name}-data"
  target_key_id = aws_kms_key.data.key_id
}

# --- Photos (photos/<chat_id>/<prediction_id>.jpg) and annotated images (predictions/<id>.jpg)

resource "aws_s3_bucket" "images" {
  # checkov:skip=CKV_AWS_18:Access logs would need a second bucket; every request comes from the two instance roles, whose API calls CloudTrail records.
  # checkov:skip=CKV_AWS_144:The images live N days and can be sent again; a replica region is not worth its cost.
  # checkov:skip=CKV2_AWS_62:Nothing reacts to new objects: the job queue carries the work.
  bucket_prefix = "${var.name}-images-"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "images" {
  bucket                  = aws_s3_bucket.images.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "images" {
  bucket = aws_s3_bucket.images.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "images" {
  bucket = aws_s3_bucket.images.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    # One data key per bucket rather than per object: fewer KMS requests, a smaller bill.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "images" {
  bucket = aws_s3_bucket.images.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  rule {
    id     = "expire-photos"
    status = "Enabled"
    filter {
      prefix = "photos/"
    }
    expiration {
      days = var.retention_days
    }
  }

  rule {
    id     = "expire-predictions"
    status = "Enabled"
    filter {
      prefix = "predictions/"
    }
    expiration {
      days = var.retention_days
    }
  }

  # Versioning keeps overwritten and expired objects; they go a day later.
  rule {
    id     = "clean-up"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
    expiration {
      expired_object_delete_marker = true
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.images]
}

data "aws_iam_policy_document" "images" {
  statement {
    sid       = "DenyPlainHttp"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.images.arn, "${aws_s3_bucket.images.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "images" {
  bucket     = aws_s3_bucket.images.id
  policy     = data.aws_iam_policy_document.images.json
  depends_on = [aws_s3_bucket_public_access_block.images]
}

# --- The job queue

resource "aws_sqs_queue" "jobs_dlq" {
  name                      = "${var.name}-jobs-dlq"
  kms_master_key_id         = aws_kms_key.data.arn
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps: time to look at poison jobs.
}

resource "aws_sqs_queue" "jobs" {
  name              = "${var.name}-jobs"
  kms_master_key_id = aws_kms_key.data.arn
  # The worker heartbeats every few seconds while a job runs, so a short timeout only means a
  # crashed worker's jobs come back quickly (yolo5's YOLO5_VISIBILITY_TIMEOUT is the same 30 s).
  visibility_timeout_seconds = 30
  message_retention_seconds  = 86400
  receive_wait_time_seconds  = 20
  # A job comes back after each failed callback; 10 deliveries ride out a bot outage of several
  # minutes before the job is parked in the dead-letter queue.
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "jobs_dlq" {
  queue_url = aws_sqs_queue.jobs_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.jobs.arn]
  })
}

# --- Predictions

resource "aws_dynamodb_table" "predictions" {
  name                        = "${var.name}-predictions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "prediction_id"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "prediction_id"
    type = "S"
  }

  # The worker writes expires_at (Unix seconds, PREDICTION_TTL_DAYS after the prediction) on every item;
  # DynamoDB deletes the item within a few days after that.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}

# --- Secrets

# The value is put by hand (docs/deploy.md), so it never passes through Terraform's state.
resource "aws_secretsmanager_secret" "telegram_token" {
  # checkov:skip=CKV2_AWS_57:A bot token is rotated by hand in @BotFather; there is nothing for a rotation Lambda to call.
  name                    = "${var.name}/telegram-token"
  description             = "The Telegram bot token from @BotFather (plain string)."
  kms_key_id              = aws_kms_key.data.arn
  recovery_window_in_days = 7
}

# Generated, so they are in the state (an encrypted bucket, docs/deploy.md); never typed by anyone.
resource "random_password" "shared" {
  for_each = toset(["results-token", "webhook-secret"])
  length   = 48
  # Telegram allows only A-Z, a-z, 0-9, _ and - in a webhook secret token.
  special = false
}

resource "aws_ssm_parameter" "shared" {
  for_each    = random_password.shared
  name        = "/${var.name}/${each.key}"
  description = each.key == "results-token" ? "yolo5 -> polybot /results token (RESULTS_TOKEN)" : "Telegram -> polybot webhook secret token (WEBHOOK_SECRET)"
  type        = "SecureString"
  key_id      = aws_kms_key.data.arn
  value       = each.value.result
}
