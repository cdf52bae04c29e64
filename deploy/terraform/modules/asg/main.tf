# One service's instances: a launch template running its container (the user data) and an Auto
# Scaling group across the private subnets.
#
# Which image runs is not Terraform's business: deploy/scripts/roll-out.sh adds launch-template
# versions whose instance tag Image names the image by digest, and instance refreshes move the group
# to them. So Terraform ignores the tag and the group's version, and its own changes to the template
# reach the instances with the next roll-out, which copies the newest version.

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.architecture}"
}

resource "aws_launch_template" "this" {
  name                   = var.name
  image_id               = nonsensitive(data.aws_ssm_parameter.al2023.value)
  instance_type          = var.instance_type
  vpc_security_group_ids = var.security_group_ids
  user_data              = base64encode(var.user_data)

  iam_instance_profile {
    name = var.instance_profile_name
  }

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
    # The containers use the host's network, so 1 hop reaches the role's credentials.
    http_put_response_hop_limit = 1
    # The user data reads the Image tag from the metadata, not the EC2 API.
    instance_metadata_tags = "enabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = var.volume_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Image = var.initial_image }
  }

  lifecycle {
    ignore_changes = [tag_specifications, description]
  }
}

resource "aws_autoscaling_group" "this" {
  name                      = var.name
  vpc_zone_identifier       = var.subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  desired_capacity          = var.desired_capacity
  health_check_type         = length(var.target_group_arns) > 0 ? "ELB" : "EC2"
  health_check_grace_period = var.health_check_grace_period
  default_instance_warmup   = var.health_check_grace_period
  target_group_arns         = var.target_group_arns
  enabled_metrics           = ["GroupInServiceInstances", "GroupDesiredCapacity", "GroupTotalInstances"]
  metrics_granularity       = "1Minute"

  # A numbered version (not $Latest) is what lets an instance refresh roll back.
  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }

  dynamic "initial_lifecycle_hook" {
    for_each = var.termination_hook_timeout == null ? [] : [var.termination_hook_timeout]
    content {
      name                 = "drain"
      lifecycle_transition = "autoscaling:EC2_INSTANCE_TERMINATING"
      heartbeat_timeout    = initial_lifecycle_hook.value
      default_result       = "CONTINUE"
    }
  }

  tag {
    key                 = "Name"
    value               = var.name
    propagate_at_launch = true
  }

  lifecycle {
    # desired_capacity: the scaling policies own it once the group exists.
    ignore_changes = [launch_template, desired_capacity]
  }
}

# A launching instance waits (Pending:Wait) until its boot script completes this hook: CONTINUE once
# its service answers, ABANDON when it cannot; past the heartbeat timeout, the default ABANDON. The
# group terminates an abandoned instance, so an instance refresh counts a failed replacement instead
# of a healthy one and, past its retries, fails and rolls back (docs/deploy.md).
# A resource of its own, not an initial_lifecycle_hook like drain: adding that block replaces the group,
# and at the group's creation it would hold Terraform's first instances, which run nothing (Image=none)
# and so never complete it, until the apply gave up waiting for capacity.
resource "aws_autoscaling_lifecycle_hook" "ready" {
  count                  = var.launch_hook_timeout == null ? 0 : 1
  name                   = "ready"
  autoscaling_group_name = aws_autoscaling_group.this.name
  lifecycle_transition   = "autoscaling:EC2_INSTANCE_LAUNCHING"
  heartbeat_timeout      = var.launch_hook_timeout
  default_result         = "ABANDON"
}
