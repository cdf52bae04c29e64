# The workers: an Auto Scaling group that follows the queue. Two target-tracking policies: CPU at
# 60%, and jobs waiting per worker (the queue's visible messages divided by the group's in-service
# instances). The group adds instances when either asks and removes them only when both agree.
# A new instance joins only once its worker answers /health (the launch hook ready); before an
# instance is terminated, the drain hook gives the worker time to finish its jobs.
#
# The model sets the rest: one instance's rate with it gives the backlog target (accepted_delay_seconds of
# work per instance) and the largest size (peak_images_per_second, plus a spare). docs/capacity.md
# explains the figures and lists the sizes for 30 images a second.

locals {
  # Images a second one 2-vCPU instance (c6i.large) holds with each model at 640 × 640: yolov5n measured
  # (docs/capacity.md); the others scaled from it by their GFLOPs per image (4.5, 16.5, 49.0, 109.1,
  # 205.7) and rounded down.
  model_images_per_second = {
    yolov5n = 10
    yolov5s = 2.5
    yolov5m = 0.9
    yolov5l = 0.4
    yolov5x = 0.2
  }
  images_per_second           = coalesce(var.images_per_second, local.model_images_per_second[var.model])
  backlog_per_instance_target = max(1, floor(var.accepted_delay_seconds * local.images_per_second))
  max_size                    = coalesce(var.max_size, ceil(var.peak_images_per_second / local.images_per_second) + 1)
}

resource "aws_security_group" "this" {
  name        = "${var.name}-yolo5"
  description = "yolo5 instances: no inbound traffic"
  vpc_id      = var.vpc_id

  egress {
    description = "HTTPS: AWS APIs, Docker Hub, the OS packages"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "The bot's internal load balancer (POST /results)"
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = [var.vpc_cidr]
  }
}

module "asg" {
  source = "../asg"

  name                     = var.group_name
  instance_type            = var.instance_type
  instance_profile_name    = var.instance_profile_name
  security_group_ids       = [aws_security_group.this.id]
  subnet_ids               = var.subnet_ids
  min_size                 = var.min_size
  max_size                 = local.max_size
  desired_capacity         = var.min_size
  termination_hook_timeout = var.drain_timeout + 100
  # The boot script counts ready_timeout from its own start, which follows the launch by a minute or
  # so; the rest is margin for its ABANDON to arrive before the hook's default does the same.
  launch_hook_timeout = var.ready_timeout + 120

  user_data = templatefile("${path.module}/../../../user-data/yolo5.sh.tftpl", {
    common                  = file("${path.module}/../../../user-data/common.sh")
    drain_script            = file("${path.module}/../../../user-data/yolo5-drain.sh")
    image_repository        = var.image_repository
    log_group               = var.log_group_name
    group_name              = var.group_name
    drain_timeout           = var.drain_timeout
    ready_timeout           = var.ready_timeout
    model                   = var.model
    retention_days          = var.retention_days
    letterbox               = var.letterbox
    precision               = var.precision
    results_token_parameter = var.results_token_parameter
    polybot_url             = var.polybot_url
    bucket_name             = var.bucket_name
    queue_url               = var.queue_url
    table_name              = var.table_name
    metrics_namespace       = var.metrics_namespace
  })
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "cpu-60"
  autoscaling_group_name = module.asg.group_name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 60
  }
}

resource "aws_autoscaling_policy" "backlog" {
  name                   = "backlog-per-instance"
  autoscaling_group_name = module.asg.group_name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = local.backlog_per_instance_target

    customized_metric_specification {
      metrics {
        id          = "visible"
        label       = "Jobs waiting"
        return_data = false
        metric_stat {
          stat = "Sum"
          metric {
            namespace   = "AWS/SQS"
            metric_name = "ApproximateNumberOfMessagesVisible"
            dimensions {
              name  = "QueueName"
              value = var.queue_name
            }
          }
        }
      }

      metrics {
        id          = "workers"
        label       = "Workers in service"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "AWS/AutoScaling"
            metric_name = "GroupInServiceInstances"
            dimensions {
              name  = "AutoScalingGroupName"
              value = module.asg.group_name
            }
          }
        }
      }

      metrics {
        id          = "backlog"
        label       = "Jobs waiting per worker"
        expression  = "visible / workers"
        return_data = true
      }
    }
  }
}
