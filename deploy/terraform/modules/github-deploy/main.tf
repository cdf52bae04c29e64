# The role the deployment workflows assume through GitHub's OIDC provider: no stored AWS keys.
# Only workflows of one repository running on one branch can assume it, and it can do no more than
# deploy/scripts/roll-out.sh does.

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
