# One CloudWatch dashboard for the whole service, the page to open when an alarm fires (docs/deploy.md):
# what users wait, the workers' rate, the queue, errors by kind, 5xx and the instances in service.
# The services' own figures are their /metrics, written as EMF lines of their JSON logs, which CloudWatch
# Logs turns into metrics in metrics_namespace: dimensions Service (polybot, yolo5) plus their labels.
# Counters are counts per minute (Sum), histograms raw values (percentiles).

data "aws_region" "current" {}

locals {
  ns = var.metrics_namespace

  # Two graphs a row, in this order.
  graphs = [
    {
      title = "End to end: photo received to answer sent (s)"
      metrics = [
        for p in ["p50", "p95", "p99"] : [local.ns, "polybot_end_to_end_seconds", "Service", "polybot", { stat = p, label = p }]
      ]
      annotations = { horizontal = [{ label = "p95 alarm", value = var.end_to_end_p95_seconds }] }
    },
    {
      title = "Images per second (jobs done)"
      metrics = [
        [{ id = "rate", expression = "done / PERIOD(done)", label = "Images per second" }],
        [local.ns, "yolo5_jobs_total", "Service", "yolo5", "outcome", "done", { id = "done", stat = "Sum", visible = false }],
      ]
    },
    {
      title = "Backlog: jobs in the queue"
      stat  = "Maximum"
      metrics = [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.queue_name, { label = "Waiting" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", var.queue_name, { label = "Being worked on" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dlq_name, { label = "Dead-letter queue" }],
      ]
    },
    {
      title       = "Oldest job waiting (s)"
      stat        = "Maximum"
      metrics     = [["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.queue_name, { label = "Oldest job" }]]
      annotations = { horizontal = [{ label = "oldest-job alarm", value = var.oldest_job_seconds }] }
    },
    {
      title = "Errors by kind (per minute)"
      stat  = "Sum"
      metrics = [
        [local.ns, "yolo5_jobs_total", "Service", "yolo5", "outcome", "failed", { label = "Worker: jobs failed" }],
        [local.ns, "polybot_photos_failed_total", "Service", "polybot", { label = "Bot: photos Telegram would not give" }],
        [local.ns, "polybot_photos_deferred_total", "Service", "polybot", { label = "Bot: photos not queued (S3, SQS)" }],
        [local.ns, "polybot_results_delivered_total", "Service", "polybot", "outcome", "undeliverable", { label = "Bot: answers Telegram refused" }],
        [local.ns, "polybot_results_delivered_total", "Service", "polybot", "outcome", "unconfirmed", { label = "Bot: answers unconfirmed" }],
        [local.ns, "polybot_webhook_rejected_total", "Service", "polybot", { label = "Webhook: wrong secret" }],
        [local.ns, "polybot_updates_malformed_total", "Service", "polybot", { label = "Webhook: malformed updates" }],
      ]
    },
    {
      title = "5xx answers (per minute)"
      stat  = "Sum"
      metrics = concat(
        [for lb, suffix in var.load_balancers : ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", suffix, { label = "${lb} load balancer: from the bot" }]],
        [for lb, suffix in var.load_balancers : ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", suffix, { label = "${lb} load balancer: its own" }]],
        # The bot's own count, by route and status: every 5xx it answered, the load balancers' or not.
        [[{
          id         = "bot5xx"
          expression = "SEARCH('{\"${local.ns}\",Service,route,status} MetricName=\"polybot_http_responses_total\" (status=\"500\" OR status=\"502\" OR status=\"503\" OR status=\"504\")', 'Sum', 60)"
          label      = "Bot answered"
        }]],
      )
    },
    {
      title = "Instances in service"
      stat  = "Average"
      metrics = concat(
        [for service, group in var.group_names : ["AWS/AutoScaling", "GroupInServiceInstances", "AutoScalingGroupName", group, { label = "${service} in service" }]],
        [["AWS/AutoScaling", "GroupDesiredCapacity", "AutoScalingGroupName", var.group_names["yolo5"], { label = "yolo5 desired" }]],
      )
    },
    {
      title = "Worker: inference and queue lag (s)"
      metrics = [
        [local.ns, "yolo5_inference_seconds", "Service", "yolo5", { stat = "p50", label = "Inference p50" }],
        [local.ns, "yolo5_inference_seconds", "Service", "yolo5", { stat = "p95", label = "Inference p95" }],
        [local.ns, "yolo5_queue_lag_seconds", "Service", "yolo5", { stat = "Maximum", label = "Queue lag" }],
      ]
    },
  ]

  widgets = concat(
    [{
      type       = "alarm"
      x          = 0
      y          = 0
      width      = 24
      height     = 3
      properties = { title = "Alarms", alarms = var.alarm_arns }
    }],
    [for i, graph in local.graphs : {
      type   = "metric"
      x      = (i % 2) * 12
      y      = 3 + floor(i / 2) * 6
      width  = 12
      height = 6
      properties = merge({
        view   = "timeSeries"
        region = data.aws_region.current.region
        period = 60
        yAxis  = { left = { min = 0 } }
      }, graph)
    }],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
