# Two load balancers in front of the bot's instances:
# - public, HTTPS on 8443, open only to Telegram's webhook ranges, forwarding POST /webhook;
# - internal, HTTP on 80, reachable from the VPC only, forwarding POST /results (yolo5's callback).
# Both health-check the instances with GET /health on the bot's port.
#
# The public listener's certificate, in order: certificate_arn (yours); with hosted_zone_id, one ACM
# issues for domain_name, validated by DNS records in that zone; else a self-signed one for the load
# balancer's own DNS name, which the bot uploads to Telegram. With a hosted zone, domain_name also gets
# an alias record to the load balancer.

locals {
  dns_validated = var.certificate_arn == null && var.hosted_zone_id != null
  self_signed   = var.certificate_arn == null && var.hosted_zone_id == null
  public_certificate_arn = (
    var.certificate_arn != null ? var.certificate_arn :
    local.dns_validated ? aws_acm_certificate_validation.domain[0].certificate_arn :
    aws_acm_certificate.self_signed[0].arn
  )
}

# --- Public

resource "aws_security_group" "public" {
  name        = "${var.name}-alb-public"
  description = "Telegram to the bot's public load balancer"
  vpc_id      = var.vpc_id

  ingress {
    description = "Telegram webhook deliveries"
    protocol    = "tcp"
    from_port   = 8443
    to_port     = 8443
    cidr_blocks = var.telegram_cidrs
  }

  egress {
    description = "To the bot's instances"
    protocol    = "tcp"
    from_port   = var.target_port
    to_port     = var.target_port
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_lb" "public" {
  # checkov:skip=CKV_AWS_91:Only Telegram can connect and the bot logs every update; access logs would repeat that at extra cost.
  # checkov:skip=CKV2_AWS_28:The security group admits only Telegram's ranges and the webhook checks Telegram's secret token; a WAF adds cost and nothing to that.
  # Short: a self-signed certificate's common name (this DNS name) may have 64 characters at most.
  name                       = "${var.name}-pub"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.public.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
}

resource "aws_lb_target_group" "public" {
  # checkov:skip=CKV_AWS_378:TLS ends at the load balancer; the hop to the instance stays inside the VPC.
  name                 = "${var.name}-webhook"
  port                 = var.target_port
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "public" {
  load_balancer_arn = aws_lb.public.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = local.public_certificate_arn

  lifecycle {
    precondition {
      condition     = (var.certificate_arn == null && var.hosted_zone_id == null) || var.domain_name != null
      error_message = "domain_name: required with certificate_arn or hosted_zone_id (the name Telegram reaches the bot under)."
    }
  }

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "webhook" {
  listener_arn = aws_lb_listener.public.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.public.arn
  }

  condition {
    path_pattern {
      values = ["/webhook"]
    }
  }

  condition {
    http_request_method {
      values = ["POST"]
    }
  }
}

# With a hosted zone: a certificate ACM issues and renews for domain_name, validated by DNS, and the
# name pointed at the load balancer.
resource "aws_acm_certificate" "domain" {
  count             = local.dns_validated ? 1 : 0
  domain_name       = var.domain_name
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for option in flatten(aws_acm_certificate.domain[*].domain_validation_options) : option.domain_name => option
  }
  zone_id         = var.hosted_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "domain" {
  count                   = local.dns_validated ? 1 : 0
  certificate_arn         = aws_acm_certificate.domain[0].arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}

resource "aws_route53_record" "public" {
  count   = var.hosted_zone_id != null ? 1 : 0
  zone_id = var.hosted_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.public.dns_name
    zone_id                = aws_lb.public.zone_id
    evaluate_target_health = true
  }
}

# Without a domain of your own: a self-signed certificate for the load balancer's DNS name.
# Telegram accepts it when the bot uploads it with setWebhook (TELEGRAM_CERT_FILE).
# Its private key is in Terraform's state, which is why the state bucket is private and encrypted.
resource "tls_private_key" "self_signed" {
  count     = local.self_signed ? 1 : 0
  algorithm = "RSA"
  rsa_bits  = 2048
}

resource "tls_self_signed_cert" "self_signed" {
  count                 = local.self_signed ? 1 : 0
  private_key_pem       = tls_private_key.self_signed[0].private_key_pem
  dns_names             = [aws_lb.public.dns_name]
  validity_period_hours = 24 * 365 * 3
  allowed_uses          = ["key_encipherment", "digital_signature", "server_auth"]

  subject {
    common_name = aws_lb.public.dns_name
  }
}

resource "aws_acm_certificate" "self_signed" {
  count            = local.self_signed ? 1 : 0
  private_key      = tls_private_key.self_signed[0].private_key_pem
  certificate_body = tls_self_signed_cert.self_signed[0].cert_pem

  # The listener holds it: a renewed one must exist before the old one can go.
  lifecycle {
    create_before_destroy = true
  }
}

# The public certificate the bot uploads to Telegram; not a secret.
resource "aws_ssm_parameter" "webhook_certificate" {
  # checkov:skip=CKV2_AWS_34:A public certificate; encrypting it protects nothing.
  count       = local.self_signed ? 1 : 0
  name        = "/${var.name}/webhook-certificate"
  description = "Self-signed certificate of the public load balancer (TELEGRAM_CERT_FILE)"
  type        = "String"
  tier        = "Standard"
  value       = tls_self_signed_cert.self_signed[0].cert_pem
}

# --- Internal

resource "aws_security_group" "internal" {
  name        = "${var.name}-alb-internal"
  description = "The worker's results callback to the bot"
  vpc_id      = var.vpc_id

  ingress {
    description = "Callbacks from inside the VPC"
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    description = "To the bot's instances"
    protocol    = "tcp"
    from_port   = var.target_port
    to_port     = var.target_port
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_lb" "internal" {
  # checkov:skip=CKV_AWS_91:Internal traffic from the worker, which logs every callback itself.
  # checkov:skip=CKV2_AWS_20:HTTP only, by design: see the listener below.
  name                       = "${var.name}-internal"
  load_balancer_type         = "application"
  internal                   = true
  subnets                    = var.private_subnet_ids
  security_groups            = [aws_security_group.internal.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
}

resource "aws_lb_target_group" "internal" {
  # checkov:skip=CKV_AWS_378:Traffic stays inside the VPC and /results checks the shared results token.
  name                 = "${var.name}-results"
  port                 = var.target_port
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "internal" {
  # checkov:skip=CKV_AWS_2:Reachable from the VPC only and authenticated by the results token; TLS here would need a private CA.
  # checkov:skip=CKV_AWS_103:Not a TLS listener (see CKV_AWS_2).
  load_balancer_arn = aws_lb.internal.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "results" {
  listener_arn = aws_lb_listener.internal.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.internal.arn
  }

  condition {
    path_pattern {
      values = ["/results"]
    }
  }

  condition {
    http_request_method {
      values = ["POST"]
    }
  }
}
