# The roles GitHub Actions assumes through GitHub's OIDC provider: no stored AWS keys.
# - deploy: only workflows of one repository running on one branch, and no more than
#   deploy/scripts/roll-out.sh does;
# - terraform-plan: only jobs of that repository's GitHub plan environment (required reviewers), which
#   plan pull requests (.github/workflows/infrastructure.yaml), read-only, and never users' data;
# - terraform-apply: only jobs of that repository's GitHub environment (required reviewers), which
#   apply the infrastructure and so may change anything in the account.

locals {
  oidc_host = "token.actions.githubusercontent.com"
  # An account has one provider per URL: reuse one that exists, or make it.
  provider_arn = var.oidc_provider_arn != null ? var.oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.oidc_provider_arn == null ? 1 : 0
  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/${var.github_branch}"]
    }
  }
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "NewLaunchTemplateVersions"
    actions   = ["ec2:CreateLaunchTemplateVersion"]
    resources = var.launch_template_arns
  }
  statement {
    sid       = "RefreshGroups"
    actions   = ["autoscaling:StartInstanceRefresh", "autoscaling:CancelInstanceRefresh", "autoscaling:RollbackInstanceRefresh", "autoscaling:UpdateAutoScalingGroup"]
    resources = var.group_arns
  }
  statement {
    sid = "Describe"
    # Describe calls have no resource type to narrow them to.
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeInstanceRefreshes",
      "ec2:DescribeLaunchTemplates",
      "ec2:DescribeLaunchTemplateVersions",
    ]
    resources = ["*"]
  }
  # Auto Scaling checks that whoever points a group at a launch template may launch it and pass
  # its instance role.
  statement {
    sid       = "LaunchFromOurTemplates"
    actions   = ["ec2:RunInstances", "ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ArnLike"
      variable = "ec2:LaunchTemplate"
      values   = var.launch_template_arns
    }
  }
  statement {
    sid       = "PassInstanceRoles"
    actions   = ["iam:PassRole"]
    resources = var.instance_role_arns
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "deploy" {
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

# --- Terraform from .github/workflows/infrastructure.yaml

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "terraform_trust" {
  # GitHub's subject for a job that names an environment, which it gets only after the environment's
  # reviewers approved. Not a pull request's own subject (repo:...:pull_request): any branch's code, the
  # workflow included, would get the role unreviewed.
  for_each = {
    plan  = "repo:${var.github_repository}:environment:${var.github_plan_environment}"
    apply = "repo:${var.github_repository}:environment:${var.github_environment}"
  }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "terraform" {
  for_each             = data.aws_iam_policy_document.terraform_trust
  name                 = "${var.name}-terraform-${each.key}"
  assume_role_policy   = each.value.json
  max_session_duration = 3600
}

# A plan reads every resource and the state; it takes no lock (terraform plan -lock=false).
resource "aws_iam_role_policy_attachment" "terraform_plan_reads" {
  role       = aws_iam_role.terraform["plan"].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# The state (S3) and the SecureString parameters (SSM) are KMS-encrypted: the plan decrypts through
# those two services only.
data "aws_iam_policy_document" "terraform_plan_decrypts" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:key/*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${data.aws_region.current.region}.amazonaws.com", "ssm.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "terraform_plan_decrypts" {
  role   = aws_iam_role.terraform["plan"].id
  policy = data.aws_iam_policy_document.terraform_plan_decrypts.json
}

# What a plan never reads, denied whatever ReadOnlyAccess grants: the users' photos, their predictions and
# the Telegram token (which never passes through Terraform). Not the state, nor the SSM parameters: a plan
# reads both to compare, and the state holds the generated secrets anyway; the reviewers guard those.
data "aws_iam_policy_document" "terraform_plan_never_reads" {
  statement {
    sid       = "NoPhotos"
    effect    = "Deny"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${var.bucket_arn}/*"]
  }
  statement {
    sid       = "NoPredictions"
    effect    = "Deny"
    actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect"]
    resources = [var.table_arn, "${var.table_arn}/*"]
  }
  statement {
    sid       = "NoTelegramToken"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.telegram_token_secret_arn]
  }
}

resource "aws_iam_role_policy" "terraform_plan_never_reads" {
  role   = aws_iam_role.terraform["plan"].id
  policy = data.aws_iam_policy_document.terraform_plan_never_reads.json
}

resource "aws_iam_role_policy_attachment" "terraform_apply_administers" {
  # checkov:skip=CKV_AWS_274:Terraform creates roles, keys, networks and the OIDC provider itself; only jobs of the reviewed GitHub environment can assume this role.
  role       = aws_iam_role.terraform["apply"].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
