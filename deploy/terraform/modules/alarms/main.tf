# Alarms that reach a person: an SNS topic with e-mail subscribers, and one CloudWatch alarm for each
# way the service fails its users. docs/deploy.md ("When an alarm fires") says what to do for each.

data "aws_caller_identity" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  namespace = var.metrics_namespace
}

# CloudWatch can publish to an encrypted topic only through a customer key that lets it; AWS's own
# aws/sns key does not.
resource "aws_kms_key" "alarms" {
  description         = "${var.name}: the alarm topic"
  enable_key_rotation = true
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
        Sid       = "CloudWatchPublishes"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account } }
      },
    ]
  })
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

data "aws_iam_policy_document" "alarms" {
  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarms.json
}

# Each address gets a confirmation mail from AWS; alarms reach it only after the link is followed.
resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

# --- The job queue

# A job lands in the dead-letter queue after max_receive_count failed deliveries: a user got no answer.
resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  alarm_name          = "${var.name}-dlq-not-empty"
  alarm_description   = "Jobs in the dead-letter queue: users got no answer. docs/deploy.md, When an alarm fires."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dlq_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The oldest job waiting: the workers are down, stuck, or too few for the photo rate.
resource "aws_cloudwatch_metric_alarm" "oldest_job" {
  alarm_name          = "${var.name}-oldest-job"
  alarm_description   = "A job has waited more than ${var.oldest_job_seconds} s: users wait for answers. docs/deploy.md, When an alarm fires."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.oldest_job_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# --- The load balancers

# 5xx from the load balancer itself (no healthy target, timeouts) and from the bot, together.
resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  for_each            = var.load_balancers
  alarm_name          = "${var.name}-${each.key}-5xx"
  alarm_description   = "The ${each.key} load balancer answered 5xx ${var.alb_5xx_per_5_minutes} or more times in 5 minutes. docs/deploy.md, When an alarm fires."
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.alb_5xx_per_5_minutes
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "errors"
    label       = "5xx answers"
    expression  = "FILL(lb, 0) + FILL(targets, 0)"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { lb = "HTTPCode_ELB_5XX_Count", targets = "HTTPCode_Target_5XX_Count" }
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = metric_query.value
        dimensions  = { LoadBalancer = each.value }
        stat        = "Sum"
        period      = 300
      }
    }
  }
}

# A bot instance failing GET / for 3 minutes: the group replaces it, but not if every new one fails too.
resource "aws_cloudwatch_metric_alarm" "unhealthy_targets" {
  for_each            = var.target_groups
  alarm_name          = "${var.name}-${each.key}-unhealthy-targets"
  alarm_description   = "Bot instances behind ${each.key} failed their health check for 3 minutes. docs/deploy.md, When an alarm fires."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { TargetGroup = each.value.target_group, LoadBalancer = each.value.load_balancer }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# --- The services' logs (JSON lines, LOG_FORMAT=json)

# Every error-level line of the worker: failed fetches, stores, callbacks, detections.
resource "aws_cloudwatch_log_metric_filter" "worker_errors" {
  name           = "${var.name}-worker-errors"
  log_group_name = var.yolo5_log_group_name
  pattern        = "{ $.level = \"ERROR\" }"
  metric_transformation {
    namespace     = local.namespace
    name          = "WorkerErrors"
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "worker_errors" {
  alarm_name          = "${var.name}-worker-errors"
  alarm_description   = "The worker logged ${var.worker_errors_per_5_minutes} or more errors in 5 minutes. docs/deploy.md, When an alarm fires."
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.worker_errors.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.worker_errors_per_5_minutes
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The bot logs its start line once per process: after a crash systemd starts it again every 10 s, and
# a replaced instance starts a new one. A roll-out starts one per new instance, fewer than the threshold.
resource "aws_cloudwatch_log_metric_filter" "bot_starts" {
  name           = "${var.name}-bot-starts"
  log_group_name = var.polybot_log_group_name
  pattern        = "{ $.message = \"${var.bot_start_message}\" }"
  metric_transformation {
    namespace     = local.namespace
    name          = "BotStarts"
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "bot_restarts" {
  alarm_name          = "${var.name}-bot-restarts"
  alarm_description   = "The bot started more than ${var.bot_starts_per_15_minutes} times in 15 minutes: it is crashing or being replaced. docs/deploy.md, When an alarm fires."
  namespace           = local.namespace
  metric_name         = aws_cloudwatch_log_metric_filter.bot_starts.metric_transformation[0].name
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.bot_starts_per_15_minutes
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# --- What users wait (the bot's EMF metrics, docs/deploy.md's dashboard)

# From the photo's webhook to the answer sent, over the photos of each minute: the workers are too few or
# slow, the queue or a callback stalls. 3 minutes out of 5, so that one slow photo alone calls nobody.
resource "aws_cloudwatch_metric_alarm" "end_to_end_p95" {
  alarm_name          = "${var.name}-end-to-end-p95"
  alarm_description   = "The slowest 5% of photos waited more than ${var.end_to_end_p95_seconds} s for their answer, 3 minutes out of 5. docs/deploy.md, When an alarm fires."
  namespace           = var.metrics_namespace
  metric_name         = "polybot_end_to_end_seconds"
  dimensions          = { Service = "polybot" }
  extended_statistic  = "p95"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.end_to_end_p95_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
