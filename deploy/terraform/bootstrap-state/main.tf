# The bucket and lock table that hold every environment's Terraform state. Applied once per
# account with local state (the state of this folder is two names; keep it or import them again).
#   terraform init && terraform apply -var region=eu-central-1

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type = string
}

variable "prefix" {
  description = "The bucket is PREFIX-ACCOUNT_ID (bucket names are global), the table PREFIX-lock."
  type        = string
  default     = "polybot-tfstate"
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "state" {
  # checkov:skip=CKV_AWS_18:Only Terraform's operators touch this bucket; CloudTrail records who did.
  # checkov:skip=CKV_AWS_144:State can be rebuilt with terraform import; a replica region is not worth its cost.
  # checkov:skip=CKV2_AWS_62:Nothing needs to react to a state write.
  # checkov:skip=CKV2_AWS_61:Versions are the state's history and its undo; none expire.
  bucket = "${var.prefix}-${data.aws_caller_identity.current.account_id}"
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.state.arn
    }
    bucket_key_enabled = true
  }
}

# State holds generated secrets (the results token, the webhook secret, a self-signed key).
resource "aws_kms_key" "state" {
  description         = "Terraform state"
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

resource "aws_dynamodb_table" "lock" {
  name         = "${var.prefix}-lock"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.state.arn
  }
}

output "backend" {
  description = "For environments/*/backend.tf."
  value = {
    bucket         = aws_s3_bucket.state.bucket
    dynamodb_table = aws_dynamodb_table.lock.name
    region         = var.region
  }
}
