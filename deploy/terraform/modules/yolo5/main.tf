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
  # AMX-BF16 is in Intel's instance types from the 7th generation on; c6i, AMD's and Graviton's types have none.
  # precision auto runs bfloat16 exactly where the CPU has it. A family missing here plans with fp32's rate.
  amx_families = [
    "c7i", "c7i-flex", "m7i", "m7i-flex", "r7i", "r7iz", "i7i", "i7ie",
    "c8i", "c8i-flex", "m8i", "m8i-flex", "r8i", "r8i-flex",
  ]
  auto_precision = lookup({ for family in local.amx_families : family => "bf16" }, split(".", var.instance_type)[0], "fp32")
  precision      = lookup({ auto = local.auto_precision }, var.precision, var.precision)

  # Images a second one 2-vCPU instance holds with each model, in each precision (fp32 on c6i.large, bf16 on
  # c7i.large): yolov5n measured (docs/capacity.md); the others scaled from it by their GFLOPs per image (4.5,
  # 16.5, 49.0, 109.1, 205.7) and rounded down.
  model_images_per_second = {
    fp32 = { yolov5n = 20, yolov5s = 5.4, yolov5m = 1.8, yolov5l = 0.8, yolov5x = 0.4 }
    bf16 = { yolov5n = 30, yolov5s = 8.1, yolov5m = 2.7, yolov5l = 1.2, yolov5x = 0.6 }
  }
  images_per_second           = coalesce(var.images_per_second, local.model_images_per_second[local.precision][var.model])
  backlog_per_instance_target = max(1, floor(var.accepted_delay_seconds * local.images_per_second))

  # The worker's environment for var.detection: a setting left at null or empty is left out, so the
  # worker takes its own default (an empty YOLO5_CLASSES would be an error).
  detection_env = join("\n", compact([
    "YOLO5_CONF=${var.detection.confidence}",
    "YOLO5_IOU=${var.detection.iou}",
    "YOLO5_MAX_DET=${var.detection.max_detections}",
    length(var.detection.classes) > 0 ? "YOLO5_CLASSES=${join(",", var.detection.classes)}" : "",
    var.detection.image_size == null ? "" : "YOLO5_IMGSZ=${var.detection.image_size}",
    "YOLO5_VIDEO_FPS=${var.detection.video_fps}",
    "YOLO5_VIDEO_MAX_SECONDS=${var.detection.video_max_seconds}",
  ]))
  max_size = coalesce(var.max_size, ceil(var.peak_images_per_second / local.images_per_second) + 1)
}

# Forced bfloat16 without AMX runs, but emulated: about ten times slower than float32 (docs/capacity.md), far
# below the rate the group is sized with.
check "bfloat16_needs_amx" {
  assert {
    condition     = local.precision != "bf16" || local.auto_precision == "bf16"
    error_message = "precision bf16 on ${var.instance_type}, which has no AMX-BF16: bfloat16 is emulated there, about 10x slower than fp32. Choose a c7i or m7i type, or precision auto."
  }
}

resource "aws_security_group" "this" {
  # checkov:skip=CKV2_AWS_5:The launch template of module.asg below attaches it; checkov loses that edge once the locals read var.instance_type (checked with checkov 3).
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
    detection_env           = local.detection_env
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
