# The bot: two instances in two zones behind both load balancers; an instance that fails the load
# balancer's health check is replaced.

resource "aws_security_group" "this" {
  name        = "${var.name}-polybot"
  description = "polybot instances"
  vpc_id      = var.vpc_id

  ingress {
    description     = "The load balancers, to the bot's port"
    protocol        = "tcp"
    from_port       = 8443
    to_port         = 8443
    security_groups = var.load_balancer_security_group_ids
  }

  egress {
    description = "HTTPS: Telegram's Bot API, AWS APIs, Docker Hub, the OS packages"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "asg" {
  source = "../asg"

  name                  = "${var.name}-polybot"
  instance_type         = var.instance_type
  instance_profile_name = var.instance_profile_name
  security_group_ids    = [aws_security_group.this.id]
  subnet_ids            = var.subnet_ids
  target_group_arns     = var.target_group_arns
  min_size              = var.instance_count
  max_size              = var.instance_count * 2
  desired_capacity      = var.instance_count

  user_data = templatefile("${path.module}/../../../user-data/polybot.sh.tftpl", {
    common                        = file("${path.module}/../../../user-data/common.sh")
    image_repository              = var.image_repository
    log_group                     = var.log_group_name
    telegram_app_url              = var.telegram_app_url
    telegram_token_secret_id      = var.telegram_token_secret_id
    webhook_secret_parameter      = var.webhook_secret_parameter
    results_token_parameter       = var.results_token_parameter
    webhook_certificate_parameter = var.webhook_certificate_parameter
    bucket_name                   = var.bucket_name
    queue_url                     = var.queue_url
    table_name                    = var.table_name
    metrics_namespace             = var.metrics_namespace
  })
}
