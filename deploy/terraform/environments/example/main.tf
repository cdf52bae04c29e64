# One complete Polybot deployment. Copy this folder per environment (staging, production, ...).

locals {
  # With a domain of your own, Telegram must reach the bot under that name; else under the load
  # balancer's own, which the self-signed certificate is for.
  own_domain       = var.certificate_arn != null || var.hosted_zone_id != null
  telegram_app_url = local.own_domain ? "https://${var.domain_name}:8443" : "https://${module.alb.public_dns_name}:8443"
  yolo5_group      = "${var.name}-yolo5"
  # Both services write their metrics here (EMF lines in their logs), and the dashboard and alarms read them.
  metrics_namespace = "Polybot/${var.name}"
}

module "logs" {
  source         = "../../modules/logs"
  name           = var.name
  region         = var.region
  retention_days = var.log_retention_days
}

module "network" {
  source             = "../../modules/network"
  name               = var.name
  region             = var.region
  cidr               = var.vpc_cidr
  nat_gateway_per_az = var.nat_gateway_per_az
  flow_log_group_arn = module.logs.group_arns["vpc-flow-logs"]
}

module "data" {
  source              = "../../modules/data"
  name                = var.name
  retention_days      = var.retention_days
  deletion_protection = var.deletion_protection
  force_destroy       = !var.deletion_protection
}

module "alb" {
  source              = "../../modules/alb"
  name                = var.name
  vpc_id              = module.network.vpc_id
  vpc_cidr            = module.network.cidr
  public_subnet_ids   = module.network.public_subnet_ids
  private_subnet_ids  = module.network.private_subnet_ids
  certificate_arn     = var.certificate_arn
  domain_name         = var.domain_name
  hosted_zone_id      = var.hosted_zone_id
  deletion_protection = var.deletion_protection
}

module "iam" {
  source                    = "../../modules/iam"
  name                      = var.name
  region                    = var.region
  bucket_arn                = module.data.bucket_arn
  queue_arn                 = module.data.queue_arn
  table_arn                 = module.data.table_arn
  kms_key_arn               = module.data.kms_key_arn
  telegram_token_secret_arn = module.data.telegram_token_secret_arn
  polybot_log_group_arn     = module.logs.group_arns["polybot"]
  yolo5_log_group_arn       = module.logs.group_arns["yolo5"]
  yolo5_group_name          = local.yolo5_group
  yolo5_parameter_arns      = [module.data.results_token_parameter_arn]
  polybot_parameter_arns = concat(
    [module.data.results_token_parameter_arn, module.data.webhook_secret_parameter_arn],
    module.alb.webhook_certificate_parameter_arns,
  )
}

module "polybot" {
  source                           = "../../modules/polybot"
  name                             = var.name
  vpc_id                           = module.network.vpc_id
  subnet_ids                       = module.network.private_subnet_ids
  load_balancer_security_group_ids = [module.alb.public_security_group_id, module.alb.internal_security_group_id]
  target_group_arns                = module.alb.target_group_arns
  instance_type                    = var.polybot_instance_type
  instance_profile_name            = module.iam.instance_profile_names["polybot"]
  image_repository                 = "docker.io/${var.dockerhub_namespace}/polybot"
  log_group_name                   = module.logs.group_names["polybot"]
  telegram_app_url                 = local.telegram_app_url
  telegram_token_secret_id         = module.data.telegram_token_secret_name
  webhook_secret_parameter         = module.data.webhook_secret_parameter
  results_token_parameter          = module.data.results_token_parameter
  webhook_certificate_parameter    = module.alb.webhook_certificate_parameter
  bucket_name                      = module.data.bucket_name
  queue_url                        = module.data.queue_url
  table_name                       = module.data.table_name
  metrics_namespace                = local.metrics_namespace
}

module "yolo5" {
  source                  = "../../modules/yolo5"
  name                    = var.name
  group_name              = local.yolo5_group
  vpc_id                  = module.network.vpc_id
  vpc_cidr                = module.network.cidr
  subnet_ids              = module.network.private_subnet_ids
  instance_type           = var.yolo5_instance_type
  model                   = var.yolo5_model
  images_per_second       = var.yolo5_images_per_second
  peak_images_per_second  = var.yolo5_peak_images_per_second
  detection               = var.yolo5_detection
  retention_days          = var.retention_days
  instance_profile_name   = module.iam.instance_profile_names["yolo5"]
  image_repository        = "docker.io/${var.dockerhub_namespace}/yolo5"
  log_group_name          = module.logs.group_names["yolo5"]
  results_token_parameter = module.data.results_token_parameter
  polybot_url             = "http://${module.alb.internal_dns_name}"
  bucket_name             = module.data.bucket_name
  queue_url               = module.data.queue_url
  queue_name              = module.data.queue_name
  table_name              = module.data.table_name
  metrics_namespace       = local.metrics_namespace
}

module "alarms" {
  source                 = "../../modules/alarms"
  name                   = var.name
  metrics_namespace      = local.metrics_namespace
  alarm_emails           = var.alarm_emails
  queue_name             = module.data.queue_name
  dlq_name               = module.data.dlq_name
  load_balancers         = module.alb.arn_suffixes
  target_groups          = module.alb.target_groups
  yolo5_log_group_name   = module.logs.group_names["yolo5"]
  polybot_log_group_name = module.logs.group_names["polybot"]
}

module "dashboard" {
  source                 = "../../modules/dashboard"
  name                   = var.name
  metrics_namespace      = local.metrics_namespace
  queue_name             = module.data.queue_name
  dlq_name               = module.data.dlq_name
  load_balancers         = module.alb.arn_suffixes
  group_names            = { polybot = module.polybot.group_name, yolo5 = module.yolo5.group_name }
  alarm_arns             = module.alarms.alarm_arns
  end_to_end_p95_seconds = module.alarms.thresholds.end_to_end_p95_seconds
  oldest_job_seconds     = module.alarms.thresholds.oldest_job_seconds
}

module "github_deploy" {
  source               = "../../modules/github-deploy"
  name                 = var.name
  github_repository    = var.github_repository
  oidc_provider_arn    = var.github_oidc_provider_arn
  launch_template_arns = [module.polybot.launch_template_arn, module.yolo5.launch_template_arn]
  group_arns           = [module.polybot.group_arn, module.yolo5.group_arn]
  instance_role_arns   = values(module.iam.role_arns)
  # What the plan role may not read.
  bucket_arn                = module.data.bucket_arn
  table_arn                 = module.data.table_arn
  telegram_token_secret_arn = module.data.telegram_token_secret_arn
}
